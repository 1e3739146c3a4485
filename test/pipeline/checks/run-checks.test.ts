import { describe, expect, it } from 'vitest'
import { CHECK_RULES, runChecks } from '../../../pipeline/checks/index.ts'
import type { CheckRow } from '../../../core/types.ts'
import { runSeed } from '../../helpers/documents.ts'
import { makeFact } from '../../helpers/facts.ts'

/** A failure as a short tuple: rule, table, key, measure, difference. */
function summarize(row: CheckRow): string {
  return [row.rule, row.severity, row.table_id, row.subject_code || row.line_item, row.measure, row.difference].join(' ')
}

describe('runChecks', () => {
  it('registers one rule per file', () => {
    expect(Object.keys(CHECK_RULES)).toEqual(['hierarchy', 'row-identity', 'balance-identity', 'cross-table', 'prose-vs-table', 'prose-comparison', 'table-presence', 'blank-cells', 'document-metadata'])
  })

  it('runs the rules that read the text only when given the document', () => {
    const doc = runSeed('002')
    const textRules = new Set(['prose-comparison', 'table-presence', 'blank-cells', 'document-metadata'])
    expect(runChecks(doc.facts).filter((row) => textRules.has(row.base_rule))).toEqual([])
    expect(runChecks(doc.facts, doc)).toEqual(doc.checks)
    expect(new Set(doc.checks.map((row) => row.base_rule))).toEqual(new Set(['hierarchy', 'row-identity', 'balance-identity', 'cross-table', 'prose-vs-table', 'prose-comparison', 'table-presence', 'document-metadata']))
  })

  it('lists exactly these failures on the seeds', () => {
    // Table rules only: the prose-against-table findings are pinned in prose-vs-table.test.ts.
    const failures = (prefix: string) => runChecks(runSeed(prefix).facts).filter((row) => row.status === 'fail' && row.base_rule !== 'prose-vs-table').map(summarize)
    expect(failures('000')).toEqual(['rounding warning expenditure_by_function total basic 100', 'rounding warning general_budget_expenditure total basic 100'])
    expect(failures('001')).toEqual([
      'rounding warning general_budget_basic_expenditure 302 amount -100',
      'hierarchy error income_by_function 201 fiscal_appropriation 425300',
      'hierarchy error income_by_function 201 total 425300',
      'hierarchy error income_by_function 20103 fiscal_appropriation 200000',
      'hierarchy error income_by_function 20103 total 200000',
      // 收入决算表 prints no 合计: its classes 201 1013.91 + 204 12.1 + 208 50.43 = 1076.44 against 本年收入合计 1013.91.
      'cross-table error appropriation_summary income_total amount -625300',
      'rounding warning expenditure_by_function total basic 100',
      'rounding warning general_budget_expenditure total basic 100',
      'cross-table error income_expenditure_summary general_budget_appropriation amount -625300',
      'cross-table error income_expenditure_summary income_total amount -625300',
    ])
    expect(failures('002')).toEqual([
      'rounding warning expenditure_by_function 20103 basic -100',
      'rounding warning expenditure_by_function 20103 total -100',
      'rounding warning general_budget_basic_expenditure 301 amount 100',
      'rounding warning general_budget_basic_expenditure 302 amount 100',
      'rounding warning income_expenditure_summary grand_total amount 100',
    ])
    expect(failures('003')).toEqual(['hierarchy error general_budget_basic_expenditure 301 amount 9000'])
  })

  it('no false alarm: every row of 000 支出决算表 and 003 收入决算表 passes', () => {
    // Its 合计 基本支出 against the basic-expenditure table (0.01 of rounding) is pinned in cross-table.test.ts.
    const expenditure = runChecks(runSeed('000').facts).filter((row) => row.table_id === 'expenditure_by_function' && row.base_rule !== 'prose-vs-table' && row.base_rule !== 'cross-table')
    expect(new Set(expenditure.map((row) => row.base_rule))).toEqual(new Set(['hierarchy', 'row-identity']))
    expect(expenditure.every((row) => row.status === 'pass' && row.severity === 'info')).toBe(true)
    const income = runChecks(runSeed('003').facts).filter((row) => row.table_id === 'income_by_function')
    // The prose restating these figures agrees too: every row, prose checks included, passes.
    expect(income.length).toBeGreaterThan(20)
    expect(income.every((row) => row.status === 'pass' && row.severity === 'info')).toBe(true)
  })

  it('gives unique stable ids, a stable order, and runs each document on its own', () => {
    const facts = [...runSeed('001').facts, ...runSeed('000').facts]
    const rows = runChecks(facts)
    expect(new Set(rows.map((row) => row.check_id)).size).toBe(rows.length)
    expect(runChecks([...facts].reverse()).map((row) => row.check_id)).toEqual(rows.map((row) => row.check_id))
    expect(rows.map((row) => row.doc_id)).toEqual([...rows.map((row) => row.doc_id)].sort())
    expect(rows.filter((row) => row.doc_id === runSeed('000').docId)).toEqual(runChecks(runSeed('000').facts))
    for (const row of rows) {
      expect(row.check_id).toMatch(/^[0-9a-f]{16}$/)
      expect(row.fact_ids.split(';').length).toBeGreaterThanOrEqual(2)
      expect(row.message).toContain(' · ')
    }
  })

  it('looks at the nine tables only: a parent ≠ its children in a table of id other is no finding, the same in a standard table is', () => {
    const facts = (tableId: 'other' | 'expenditure_by_function') => [
      makeFact({ table_id: tableId, subject_code: '201', subject_system: 'functional', measure: 'total', value_raw: '10.00' }),
      makeFact({ table_id: tableId, subject_code: '20101', subject_system: 'functional', measure: 'total', value_raw: '4.00' }),
    ]
    expect(runChecks(facts('other'))).toEqual([])
    expect(runChecks(facts('expenditure_by_function')).map(summarize)).toEqual(['hierarchy error expenditure_by_function 201 total 60000'])
  })
})
