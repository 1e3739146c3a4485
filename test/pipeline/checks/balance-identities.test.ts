import { describe, expect, it } from 'vitest'
import type { Fact } from '../../../core/types.ts'
import { checkBalanceIdentities } from '../../../pipeline/checks/balance-identities.ts'
import type { CheckRow } from '../../../core/types.ts'
import { runSeed } from '../../helpers/documents.ts'
import { makeFact } from '../../helpers/facts.ts'


/** The row of one identity. */
function rowFor(rows: CheckRow[], where: Partial<CheckRow>): CheckRow {
  const found = rows.filter((entry) => Object.entries(where).every(([key, value]) => entry[key as keyof CheckRow] === value))
  if (found.length !== 1) throw new Error(`Expected one check row for ${JSON.stringify(where)}, found ${found.length}`)
  return found[0] as CheckRow
}

/** A line of the 收入支出决算总表. */
function summary(side: 'income' | 'expenditure', lineItem: string, raw: string, code = ''): Fact {
  return makeFact({ table_id: 'income_expenditure_summary', side, line_item: lineItem, subject_code: code, subject_system: code ? 'functional' : '', label_raw: lineItem || code, measure: 'amount', value_raw: raw })
}

describe('balance identities: sources printed below 本年收入合计 (烟台 部门收支总表)', () => {
  it('adds 上级补助收入 printed between 本年收入合计 and 收入总计 to 收入总计, not to 本年收入合计', () => {
    // yt-b733712a: 一、财政拨款收入 191,195.79 … 五、其他收入 26.00, 本年收入合计 191,221.79, then 上级补助收入 173.00, 收入总计 191,394.79.
    const rows = checkBalanceIdentities([
      summary('income', 'fiscal_appropriation', '191,195.79'),
      summary('income', 'other_income', '26.00'),
      summary('income', 'income_total', '191,221.79'),
      summary('income', 'superior_subsidy', '173.00'),
      summary('income', 'grand_total', '191,394.79'),
    ])
    expect(rowFor(rows, { line_item: 'income_total' })).toMatchObject({ status: 'pass', expected: '1912217900' })
    expect(rowFor(rows, { line_item: 'grand_total' })).toMatchObject({ status: 'pass', expected: '1913947900' })
  })

  it('still counts the sources under a heading `一、本年收入` printed above them as its parts', () => {
    const rows = checkBalanceIdentities([
      summary('income', 'income_total', '64,090.74'),
      summary('income', 'general_budget_appropriation', '64,090.74'),
      summary('income', 'grand_total', '64,090.74'),
    ])
    expect(rowFor(rows, { line_item: 'income_total' })).toMatchObject({ status: 'pass' })
    expect(rowFor(rows, { line_item: 'grand_total' })).toMatchObject({ status: 'pass', expected: '640907400' })
  })
})

describe('a summary that prints no 本年收入合计 (杭州 表4)', () => {
  it('adds its income sources in its place: 收入总计 91,842.80 = 一、财政拨款 91,495.48 + 二、上年结转结余 347.32', () => {
    const line = (lineItem: string, raw: string) =>
      makeFact({ table_id: 'appropriation_summary', side: 'income', line_item: lineItem, label_raw: lineItem, measure: 'amount', value_raw: raw })
    const rows = checkBalanceIdentities([
      line('fiscal_appropriation', '91,495.48'),
      line('general_budget_appropriation', '91,495.48'),
      line('opening_balance', '347.32'),
      line('opening_balance_general_budget', '347.32'),
      line('grand_total', '91,842.80'),
    ])
    expect(rowFor(rows, { line_item: 'grand_total' })).toMatchObject({ status: 'pass', expected: '918428000' })
    expect(rowFor(rows, { line_item: 'opening_balance' })).toMatchObject({ status: 'pass', expected: '3473200' })
  })
})

describe('balance identities on hand-made facts', () => {
  const facts = [
    summary('income', 'general_budget_appropriation', '100.00'),
    summary('income', 'income_total', '100.00'),
    summary('income', 'opening_balance', '10.00'),
    summary('income', 'grand_total', '120.00'),
    summary('expenditure', '', '70.00', '201'),
    summary('expenditure', '', '20.00', '208'),
    summary('expenditure', 'expenditure_total', '90.00'),
    summary('expenditure', 'closing_balance', '20.00'),
    summary('expenditure', 'grand_total', '110.00'),
  ]
  const rows = checkBalanceIdentities(facts)

  it('fails an income side whose 总计 is not 本年收入合计 + 年初结转和结余, and unequal 总计', () => {
    const income = rows.filter((entry) => entry.message.includes('income grand_total: printed'))
    expect(income).toHaveLength(1)
    expect(income[0]).toMatchObject({ rule: 'balance-identity', severity: 'error', status: 'fail', line_item: 'grand_total', actual: '1200000', expected: '1100000', difference: '100000' })
    const grandTotals = rows.filter((entry) => entry.message.includes('income grand_total 1200000'))
    expect(grandTotals).toHaveLength(1)
    expect(grandTotals[0]).toMatchObject({ status: 'fail', actual: '1100000', expected: '1200000', difference: '-100000' })
  })

  it('passes the expenditure side and 本年支出合计 over the classes, 本年收入合计 over the sources', () => {
    expect(rowFor(rows, { line_item: 'expenditure_total' })).toMatchObject({ status: 'pass', expected: '900000' })
    expect(rowFor(rows, { line_item: 'income_total' })).toMatchObject({ status: 'pass', expected: '1000000' })
    expect(rows.filter((entry) => entry.status === 'pass')).toHaveLength(3)
    expect(rows).toHaveLength(5)
  })
})

describe('balance identities on the seeds', () => {
  it('002 收入支出决算总表: 支出总计 750.61 vs 747.60 + 0.00 + 3.00 = 750.60 is a rounding warning', () => {
    const rows = checkBalanceIdentities(runSeed('002').facts)
    const failures = rows.filter((entry) => entry.status === 'fail')
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatchObject({
      rule: 'rounding', base_rule: 'balance-identity', severity: 'warning', table_id: 'income_expenditure_summary', line_item: 'grand_total',
      actual: '7506100', expected: '7506000', difference: '100', tolerance: '200',
    })
    expect(failures[0]?.message).toContain('expenditure grand_total at 116:20, expenditure expenditure_total at 113:28')
  })

  it('000, 001 and 003 balance on both summary tables, per column of the appropriation summary', () => {
    for (const prefix of ['000', '001', '003']) {
      const rows = checkBalanceIdentities(runSeed(prefix).facts)
      expect(rows.filter((entry) => entry.status !== 'pass'), prefix).toEqual([])
      expect(rows.length, prefix).toBeGreaterThanOrEqual(13)
    }
    const rows = checkBalanceIdentities(runSeed('000').facts)
    expect(rowFor(rows, { table_id: 'appropriation_summary', line_item: 'expenditure_total', measure: 'general_budget' })).toMatchObject({ expected: '15549800' })
  })
})
