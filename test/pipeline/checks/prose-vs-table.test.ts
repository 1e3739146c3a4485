import { describe, expect, it } from 'vitest'
import { runSeed } from '../../helpers/documents.ts'
import { checkProseVsTable } from '../../../pipeline/checks/prose-vs-table.ts'
import type { Fact } from '../../../core/types.ts'
import { makeFact } from '../../helpers/facts.ts'

describe('prose against tables', () => {
  it('000: 本年收入合计1118.77元 against the table 1118.77 万元 is a unit slip', () => {
    const doc = runSeed('000')
    const slip = doc.checks.find((check) => check.base_rule === 'prose-vs-table' && check.message.includes('Unit slip'))
    expect(slip).toMatchObject({ severity: 'error', status: 'fail', table_id: 'income_expenditure_summary', line_item: 'income_total', expected: '11187700', actual: '1118.77' })
    expect(slip?.message).toContain('at 1451:7')
  })

  it('001: 公务用车运行维护费 9.27 in the prose against 9.23 in the 三公 table', () => {
    const doc = runSeed('001')
    const check = doc.checks.find((entry) => entry.base_rule === 'prose-vs-table' && entry.measure === 'actual_vehicle_operation')
    expect(check).toMatchObject({ rule: 'prose-vs-table', severity: 'error', status: 'fail', expected: '92300', actual: '92700', difference: '400' })
  })

  it('passes a prose figure that restates its table figure, and fails one on purpose', () => {
    const doc = runSeed('002')
    const passes = doc.checks.filter((entry) => entry.base_rule === 'prose-vs-table' && entry.status === 'pass')
    expect(passes.length).toBeGreaterThan(10)
    const linked = doc.facts.find((fact) => fact.origin === 'prose' && fact.table_fact_id && fact.unit_raw === '万元') as Fact
    const broken = { ...linked, value: String(BigInt(linked.value) + 1_000_000n), value_raw: 'changed' }
    const rows = checkProseVsTable([...doc.facts.filter((fact) => fact !== linked), broken])
    const failed = rows.find((row) => row.fact_ids.startsWith(broken.fact_id))
    expect(failed).toMatchObject({ status: 'fail', severity: 'error', difference: '1000000' })
  })

  it('a prose figure in 万元 that agrees with its table in 元 is no unit slip (putuo-justice-2026-budget: 37,151.47 万元 and 371,514,655.00 元)', () => {
    const table = makeFact({ table_id: 'income_expenditure_summary', side: 'income', line_item: 'general_budget_appropriation', measure: 'amount', value_raw: '371,514,655.00', unit_raw: '元' })
    const prose = makeFact({ origin: 'prose', table_id: '', side: 'income', line_item: 'general_budget_appropriation', measure: 'amount', value_raw: '37,151.47', unit_raw: '万元', table_fact_id: table.fact_id })
    const [row] = checkProseVsTable([table, prose])
    expect(row).toMatchObject({ status: 'fail', severity: 'warning', rule: 'rounding', expected: '371514655', actual: '371514700', difference: '45' })
    expect(row?.message).not.toContain('Unit slip')
  })

  it('the same digits under another unit are a unit slip; other digits a plain difference', () => {
    const table = makeFact({ table_id: 'income_expenditure_summary', side: 'income', line_item: 'income_total', measure: 'amount', value_raw: '1118.77', unit_raw: '万元' })
    const slip = makeFact({ origin: 'prose', table_id: '', side: 'income', line_item: 'income_total', measure: 'amount', value_raw: '1118.77', unit_raw: '元', table_fact_id: table.fact_id })
    const other = makeFact({ origin: 'prose', table_id: '', side: 'income', line_item: 'income_total', measure: 'amount', value_raw: '2000.00', unit_raw: '元', table_fact_id: table.fact_id })
    const [slipRow] = checkProseVsTable([table, slip])
    const [otherRow] = checkProseVsTable([table, other])
    expect(slipRow?.message).toContain('same digits: the unit is misprinted')
    expect(otherRow).toMatchObject({ status: 'fail', severity: 'error', expected: '11187700', actual: '2000' })
    expect(otherRow?.message).not.toContain('Unit slip')
  })
})
