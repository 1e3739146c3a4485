/**
 * Cells of a gridded row (extractors/space-aligned/rows.ts) and how the table normalizer reads them
 * (normalizers/normalize-table.ts): two whole figures the reader put in one cell — columns it could not
 * tell apart, as 210's `229.02` (财政专户) and `40.30` (事业收入) of 重庆市商务委员会's staircase page were before
 * their columns were found — are each listed unplaced, never joined into one unparsed text.
 */
import { describe, expect, it } from 'vitest'
import { SourceDocument } from '../../../core/document.ts'
import { emitRow } from '../../../extractors/space-aligned/rows.ts'
import type { Token } from '../../../extractors/space-aligned/tokens.ts'
import { pushFact } from '../../../normalizers/normalize-table.ts'
import type { TableBlock } from '../../../core/types.ts'

// 229.02 starts at column 17 (1-based; a CJK character is one), 40.30 at 26.
const TEXT = ['210   卫生健康支出    229.02   40.30', '2101  其他             1 234.56'].join('\n')

function documentOf(): SourceDocument {
  const doc = new SourceDocument('cells.layout.txt', new TextEncoder().encode(TEXT))
  doc.setText(TEXT)
  return doc
}

/** The token of `text` on a line of TEXT, placed where it is printed. */
function token(doc: SourceDocument, line: number, text: string, from = 0): Token {
  const offset = (doc.lines[line - 1] as string).indexOf(text, from)
  return { text, line, offset, x: offset, end: offset + text.length, kind: 'amount', cut: false }
}

describe('two whole figures in one cell', () => {
  it('keeps each figure with its own place', () => {
    const doc = documentOf()
    const row = emitRow(doc, { line: 1, cells: new Map([[0, [token(doc, 1, '229.02'), token(doc, 1, '40.30')]]]) }, 1)
    const cell = row.cells[0]
    expect(cell?.figures?.map((figure) => [figure.text, figure.span?.line, figure.span?.column])).toEqual([
      ['229.02', 1, 17],
      ['40.30', 1, 26],
    ])
  })
  it('does not split one number printed in two tokens (`1 234.56`)', () => {
    const doc = documentOf()
    const row = emitRow(doc, { line: 2, cells: new Map([[0, [token(doc, 2, '1', 20), token(doc, 2, '234.56')]]]) }, 1)
    expect(row.cells[0]?.figures).toBeUndefined()
  })
  it('makes no fact of the cell, and lists each figure as ambiguous-column', () => {
    const doc = documentOf()
    const row = emitRow(doc, { line: 1, cells: new Map([[0, [token(doc, 1, '229.02'), token(doc, 1, '40.30')]]]) }, 1)
    const block = { title: '2026 年部门收入总体情况表', rows: [row] } as unknown as TableBlock
    const fact = pushFact({ doc, block, tableId: 'income_by_function', unit: { unit: '万元', raw: '万元', basis: 'printed' } }, row.cells[0], {
      side: 'income',
      line_item: '',
      subject_system: '',
      subject_code: '210',
      subject_name: '卫生健康支出',
      label_raw: '卫生健康支出',
      measure: 'fiscal_special_account',
      measure_raw: '财政专户管理资金收入',
    } as Parameters<typeof pushFact>[2])
    expect(fact).toBeUndefined()
    expect(doc.unplaced.map((entry) => [entry.raw, entry.reason, entry.line, entry.column])).toEqual([
      ['229.02', 'ambiguous-column', 1, 17],
      ['40.30', 'ambiguous-column', 1, 26],
    ])
  })
})
