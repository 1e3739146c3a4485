import type { SourceDocument } from '../core/document.ts'
import type { GridRow, TableBlock } from '../core/types.ts'
import { cellFromSlice, isRuleLine } from './cells.ts'
import type { Extractor } from './types.ts'

/**
 * PDF text with a row per line and cells split by tabs; empty cells kept
 * as consecutive tabs.
 *
 * > | 2010301	行政运行		902.47	902.47
 *     ^^^^^^^ ^^^^^^^^ ^ ^^^^^^ ^^^^^^ one cell between each pair of tabs
 */
export const tabRowsExtractor: Extractor = {
  layout: 'tab-rows',
  detect(doc) {
    let tabbed = 0
    let leading = 0
    for (const region of doc.regions) {
      for (let line = region.startLine; line < region.endLine; line++) {
        const text = doc.lines[line - 1] ?? ''
        if (!text.includes('\t')) continue
        if (/^\t[^\t]*$/.test(text)) leading++
        else tabbed++
      }
    }
    if (tabbed === 0) return undefined
    return tabbed / (tabbed + leading)
  },
  extract(doc) {
    return doc.regions.map((region) => {
      const rows: GridRow[] = []
      for (let line = region.startLine; line < region.endLine; line++) {
        const text = doc.lines[line - 1] ?? ''
        if (!text.includes('\t') || isRuleLine(text)) continue
        const cells = []
        let start = 0
        for (const raw of text.split('\t')) {
          cells.push(cellFromSlice(doc, line, start, raw))
          start += raw.length + 1
        }
        rows.push({ line, cells })
      }
      return toBlock(region, rows, 'regular')
    })
  },
}

/** A TableBlock from a region and its gridded rows. */
export function toBlock(region: SourceDocument['regions'][number], rows: GridRow[], grid: TableBlock['grid']): TableBlock {
  const block: TableBlock = { title: region.title, titleSpan: region.titleSpan, rows, grid }
  if (region.unitRaw !== undefined) block.unitRaw = region.unitRaw
  if (region.unitSpan) block.unitSpan = region.unitSpan
  if (region.tableNumber !== undefined) block.tableNumber = region.tableNumber
  return block
}
