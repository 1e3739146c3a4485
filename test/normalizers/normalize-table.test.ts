import { describe, expect, it } from 'vitest'
import { isColumnNumberRow } from '../../normalizers/normalize-table.ts'
import type { GridRow } from '../../core/types.ts'

const row = (...texts: string[]): GridRow => ({ line: 1, cells: texts.map((text) => ({ text })) })

describe('column-number rows (栏次 1 2 3 …) are no figures', () => {
  it('counts two numbers a layout reader put in one column one by one (seed 003 “三公” table printed to PDF: `3       4` under 小计)', () => {
    expect(isColumnNumberRow(row('1', '2', '3       4', '', '5', '6', '7', '8', '9', '10', '11', '12'))).toBe(true)
    expect(isColumnNumberRow(row('栏次', '', '1', '2 3', '4'))).toBe(true)
  })
  it('is not a row whose numbers do not run 1, 2, 3 … in order, together or not', () => {
    expect(isColumnNumberRow(row('1', '2', '4       3', '5'))).toBe(false)
    expect(isColumnNumberRow(row('36', '0', '18', '18'))).toBe(false)
    expect(isColumnNumberRow(row('合计', '1', '2 3.5'))).toBe(false)
  })
})
