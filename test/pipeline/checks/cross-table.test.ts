import { describe, expect, it } from 'vitest'
import type { Fact } from '../../../core/types.ts'
import { checkCrossTable } from '../../../pipeline/checks/cross-table.ts'
import type { CheckRow } from '../../../core/types.ts'
import { runSeed } from '../../helpers/documents.ts'
import { makeFact } from '../../helpers/facts.ts'


/** The row of one comparison. */
function rowFor(rows: CheckRow[], where: Partial<CheckRow>): CheckRow {
  const found = rows.filter((entry) => Object.entries(where).every(([key, value]) => entry[key as keyof CheckRow] === value))
  if (found.length !== 1) throw new Error(`Expected one check row for ${JSON.stringify(where)}, found ${found.length}`)
  return found[0] as CheckRow
}

describe('cross-table checks on hand-made facts', () => {
  it('fails a 收入支出决算总表 class that differs from the 支出决算表 class row', () => {
    const summaryClass = makeFact({ table_id: 'income_expenditure_summary', side: 'expenditure', subject_system: 'functional', subject_code: '201', measure: 'amount', value_raw: '100.00' })
    const detailClass = makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', subject_system: 'functional', subject_code: '201', measure: 'total', value_raw: '90.00' })
    const rows = checkCrossTable([summaryClass, detailClass])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ rule: 'cross-table', severity: 'error', status: 'fail', table_id: 'income_expenditure_summary', subject_code: '201', actual: '1000000', expected: '900000', difference: '100000', fact_ids: `${summaryClass.fact_id};${detailClass.fact_id}` })
    expect(rows[0]?.message).toContain('收入支出决算总表 201（amount） 100.00 ≠ 支出决算表 201 90.00，相差 10.00')
    expect(rows[0]?.message).toContain(`income_expenditure_summary 201 at ${summaryClass.line}:5, expenditure_by_function 201 at ${detailClass.line}:5`)
  })

  it('caps “三公” 公务接待费 vs 30217 at a warning, saying they are comparable only in general', () => {
    const reception = makeFact({ table_id: 'three_public_expenses', side: 'expenditure', measure: 'actual_official_reception', value_raw: '16.55' })
    const item = makeFact({ table_id: 'general_budget_basic_expenditure', side: 'expenditure', subject_system: 'economic', subject_code: '30217', measure: 'amount', value_raw: '10.00' })
    const [check] = checkCrossTable([reception, item])
    expect(check).toMatchObject({ rule: 'cross-table', severity: 'warning', status: 'fail', difference: '65500' })
    expect(check?.message).toContain('仅一般可比')
    expect(check?.message).toContain('comparable only in general')
  })

  it('compares 一般公共预算 合计 基本支出 with 人员经费合计 + 公用经费合计, classes standing in for a blank line', () => {
    const basic = (fields: Partial<Fact>, raw: string) =>
      makeFact({ table_id: 'general_budget_basic_expenditure', side: 'expenditure', measure: 'amount', value_raw: raw, ...fields })
    const rows = checkCrossTable([
      makeFact({ table_id: 'general_budget_expenditure', side: 'expenditure', line_item: 'total', measure: 'basic', value_raw: '20.00' }),
      basic({ subject_system: 'economic', subject_code: '301' }, '10.00'),
      basic({ subject_system: 'economic', subject_code: '303' }, '2.00'),
      basic({ line_item: 'public_total' }, '7.00'),
    ])
    expect(rows[0]).toMatchObject({ severity: 'error', expected: '190000', difference: '10000' })
    expect(rows[0]?.message).toContain('personnel_total = 301 + 303')
  })
})

describe('cross-table checks on the seeds', () => {
  it('000 and 001: 一般公共预算 合计 基本支出 is 0.01 above 人员经费合计 + 公用经费合计 (rounding)', () => {
    const check000 = rowFor(checkCrossTable(runSeed('000').facts), { table_id: 'general_budget_expenditure' })
    expect(check000).toMatchObject({ rule: 'rounding', base_rule: 'cross-table', severity: 'warning', actual: '8850900', expected: '8850800', difference: '100', tolerance: '150' })
    const check001 = rowFor(checkCrossTable(runSeed('001').facts), { table_id: 'general_budget_expenditure' })
    expect(check001).toMatchObject({ rule: 'rounding', actual: '9947700', expected: '9947600', difference: '100' })
  })

  it('002: 人员经费合计 blank, 301 + 303 + 公用经费合计 = 746.90 exactly', () => {
    const check = rowFor(checkCrossTable(runSeed('002').facts), { table_id: 'general_budget_expenditure' })
    expect(check).toMatchObject({ status: 'pass', severity: 'info', actual: '7469000', expected: '7469000' })
  })

  it('summary classes agree with the detail tables, and 三公 接待费 with 30217, on every seed', () => {
    for (const prefix of ['000', '001', '002', '003']) {
      const rows = checkCrossTable(runSeed(prefix).facts).filter((entry) => entry.table_id !== 'general_budget_expenditure')
      expect(rows.length, prefix).toBeGreaterThanOrEqual(4)
      expect(rows.filter((entry) => entry.status !== 'pass'), prefix).toEqual([])
    }
    const rows = checkCrossTable(runSeed('003').facts)
    expect(rowFor(rows, { table_id: 'three_public_expenses' })).toMatchObject({ actual: '421500', expected: '421500' })
    expect(rowFor(rows, { table_id: 'income_expenditure_summary', subject_code: '201' })).toMatchObject({ actual: '4173000', expected: '4173000' })
  })
})
