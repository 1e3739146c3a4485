/**
 * The space-aligned extractor: detects `pdftotext -layout` tables by how
 * their lines split into tokens, and grids each table (with the regions
 * continuing it) into rows.
 */
import type { TableBlock, TableRegion } from '../../core/types.ts'
import { trimPadding } from '../../core/text.ts'
import { toBlock } from '../tab-rows.ts'
import type { Extractor } from '../types.ts'
import { gridTable } from './grid-table.ts'
import { continues } from './lines.ts'
import { tokenizeLine } from './tokens.ts'

/**
 * Text whose table columns are aligned by runs of spaces, as `pdftotext
 * -layout` prints PDF tables: a CJK character is one column, cells are
 * separated by two or more blanks, wrapped cells are printed on the lines
 * above and below their row.
 *
 * > | 2080506   机关事业单位职业年金缴费支出     4.64      4.64
 *     ^^^^^^^   ^^^^^^^^^^^^^^^^^^^^^^^^^^     ^^^^      ^^^^ tokens; their x-ranges, clustered over the table, are the columns
 */
export const spaceAlignedExtractor: Extractor = {
  layout: 'space-aligned',
  detect(doc) {
    if (doc.regions.length === 0) return undefined
    let lines = 0
    let aligned = 0
    let withAmounts = 0
    for (const region of doc.regions) {
      for (let line = region.startLine; line < region.endLine; line++) {
        const text = doc.lines[line - 1] ?? ''
        // A tab anywhere in a table means the tab-separated layouts own the document.
        if (text.includes('\t')) return undefined
        if (!trimPadding(text)) continue
        lines++
        const tokens = tokenizeLine(text, line)
        if (tokens.length < 2) continue
        aligned++
        if (tokens.some((token) => token.kind !== 'text')) withAmounts++
      }
    }
    if (aligned === 0 || lines === 0) return undefined
    return Math.min(1, (aligned + withAmounts) / (2 * lines))
  },
  extract(doc) {
    const blocks: TableBlock[] = []
    const regions = doc.regions
    for (let index = 0; index < regions.length; index++) {
      const region = regions[index] as TableRegion
      // A title repeated on a continuation page can open a region of its
      // own; its rows belong to the table it continues, and the region
      // keeps an empty block so blocks stay aligned with regions.
      const group = [region]
      while (index + group.length < regions.length && continues(regions[index + group.length - 1] as TableRegion, regions[index + group.length] as TableRegion)) {
        group.push(regions[index + group.length] as TableRegion)
      }
      blocks.push(toBlock(region, gridTable(doc, group), 'regular'))
      for (const continuation of group.slice(1)) blocks.push(toBlock(continuation, [], 'regular'))
      index += group.length - 1
    }
    return blocks
  },
}
