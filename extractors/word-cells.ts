import type { GridCell, GridRow } from '../core/types.ts'
import { cellFromSlice } from './cells.ts'
import { isAmountText } from '../normalizers/parse-amount.ts'
import { toBlock } from './tab-rows.ts'
import type { Extractor } from './types.ts'

/**
 * A Word export: each table cell is a line starting with a tab, rows are
 * separated by blank lines, and a line without the leading tab continues
 * the cell above it. Merged cells appear once, so the grid is collapsed.
 *
 * > | 	公务
 * > | 接待费
 *     ^ continues the cell `公务` → `公务接待费`
 */
export const wordCellsExtractor: Extractor = {
  layout: 'word-cells',
  detect(doc) {
    let cellLines = 0
    let tabbed = 0
    for (const region of doc.regions) {
      for (let line = region.startLine; line < region.endLine; line++) {
        const text = doc.lines[line - 1] ?? ''
        if (/^\t[^\t]*$/.test(text)) cellLines++
        else if (text.includes('\t')) tabbed++
      }
    }
    if (cellLines === 0) return undefined
    return cellLines / (cellLines + tabbed)
  },
  extract(doc) {
    return doc.regions.map((region) => {
      const rows: GridRow[] = []
      let current: GridRow | undefined
      for (let line = region.startLine; line < region.endLine; line++) {
        const text = doc.lines[line - 1] ?? ''
        if (text.startsWith('\t')) {
          if (!current) {
            current = { line, cells: [] }
            rows.push(current)
          }
          current.cells.push(cellFromSlice(doc, line, 1, text.slice(1)))
        } else if (text.trim() === '') {
          current = undefined
        } else if (current) {
          continueCell(current.cells, cellFromSlice(doc, line, 0, text))
        }
      }
      return toBlock(region, rows, 'collapsed')
    })
  },
}

/** Join a continuation line onto the last cell of the row (`公务` + `接待费`). */
function continueCell(cells: GridCell[], continuation: GridCell): void {
  const last = cells.at(-1)
  // An amount does not wrap: a line after it (a page number, a running title) is not part of it.
  if (!last || !continuation.span || isAmountText(last.text)) return
  if (!last.span) {
    cells[cells.length - 1] = continuation
    return
  }
  last.text += continuation.text
  last.span = { ...last.span, endLine: continuation.span.endLine, endColumn: continuation.span.endColumn }
}
