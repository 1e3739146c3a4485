/**
 * The two summary tables balance: each side adds up to its 总计, the two
 * 总计 are equal, 本年收入合计 is the sum of the income sources and
 * 本年支出合计 the sum of the functional classes.
 */
import type { Fact } from '../../core/types.ts'
import { buildCheckRow, checkableFacts, codeTerm, findFact } from './check-helpers.ts'
import type { CheckContext, CheckTerm } from './check-helpers.ts'
import type { CheckRow } from '../../core/types.ts'
import type { CheckRule } from './check-helpers.ts'

/** The appropriations by fund, which a summary may print as one line (`预算拨款`, `财政拨款`) instead of, or above, them. */
const FUND_APPROPRIATIONS: readonly string[] = ['general_budget_appropriation', 'government_fund_appropriation', 'state_capital_appropriation']

/** The summary tables and their income sources. */
const INCOME_SOURCES = {
  income_expenditure_summary: [
    'fiscal_appropriation',
    'general_budget_appropriation',
    'government_fund_appropriation',
    'state_capital_appropriation',
    'fiscal_special_account',
    'superior_subsidy',
    'business_income',
    'operating_income',
    'affiliated_remittance',
    'other_income',
  ],
  appropriation_summary: ['fiscal_appropriation', 'general_budget_appropriation', 'government_fund_appropriation', 'state_capital_appropriation'],
} as const

/** The per-fund rows printed under 年初财政拨款结转和结余. */
const OPENING_PARTS = ['opening_balance_general_budget', 'opening_balance_government_fund', 'opening_balance_state_capital'] as const

/** Name of a summary figure: its printed label, and its column when the side has several. */
function describeFact(fact: Fact): { zh: string; en: string } {
  const column = fact.measure === 'amount' ? '' : fact.measure
  const name = fact.label_raw || fact.line_item || fact.subject_code
  return {
    zh: column ? `${name}（${fact.measure_raw || fact.measure}）` : name,
    en: `${fact.side} ${fact.line_item || fact.subject_code}${column ? ` ${column}` : ''}`,
  }
}

/** A summary figure as a term, named with its side (both sides print 总计). */
function summaryTerm(fact: Fact): CheckTerm {
  return { fact, zh: fact.label_raw || fact.line_item, en: describeFact(fact).en }
}

/** A row of a summary table: `actual` against the sum of `addends`, when both are printed. */
function checkSum(context: CheckContext, key: string, actual: Fact | undefined, addends: CheckTerm[], expected: { zh: string; en: string }): CheckRow[] {
  if (!actual || addends.length === 0) return []
  const name = describeFact(actual)
  return [
    buildCheckRow(context, {
      rule: 'balance-identity',
      key,
      actual: summaryTerm(actual),
      addends,
      zh: { actual: name.zh, expected: expected.zh },
      en: { actual: name.en, expected: expected.en },
    }),
  ]
}

/** Facts of one line item (not a class row) among a side's facts. */
function findLine(facts: readonly Fact[], lineItem: string, measure: string): Fact | undefined {
  return findFact(facts, { line_item: lineItem, subject_code: '', measure })
}

/** The income side: 总计, 本年收入合计 and the opening balance by fund. */
function checkIncomeSide(context: CheckContext, table: keyof typeof INCOME_SOURCES, facts: readonly Fact[]): CheckRow[] {
  const income = facts.filter((fact) => fact.side === 'income')
  const line = (lineItem: string): Fact | undefined => findLine(income, lineItem, 'amount')
  const opening = line('opening_balance')
  const openingParts = OPENING_PARTS.flatMap((lineItem) => line(lineItem) ?? [])
  // Without the 年初 row, its per-fund rows stand for it.
  const openingTerms = opening ? [opening] : openingParts
  const incomeTotal = line('income_total')
  const sources = INCOME_SOURCES[table]
    // One 财政拨款 line stands for its funds: counting both would count them twice.
    .filter((lineItem) => !(FUND_APPROPRIATIONS.includes(lineItem) && line('fiscal_appropriation')))
    .flatMap((lineItem) => line(lineItem) ?? [])
  // Where 本年收入合计 closes the sources printed above it, a source printed below it is outside it (烟台: 上级补助收入
  // between 本年收入合计 and 收入总计) and adds to 收入总计; under a heading `一、本年收入` the sources below are its parts.
  const closes = incomeTotal !== undefined && sources.some((fact) => fact.line < incomeTotal.line)
  const below = incomeTotal && closes ? sources.filter((fact) => fact.line > incomeTotal.line) : []
  // Without 本年收入合计 (杭州 prints 一、财政拨款 and 二、上年结转结余 only), its sources stand for it.
  const incomeTerms = incomeTotal ? [incomeTotal, ...below] : sources
  const grandParts = [...incomeTerms, line('non_appropriation_balance_used'), ...openingTerms].flatMap((fact) => (fact ? [summaryTerm(fact)] : []))
  return [
    ...checkSum(context, 'income:grand_total', line('grand_total'), grandParts, {
      zh: below.length > 0 ? '本年收入合计 + 其下所列收入 + 使用非财政拨款结余 + 年初结转和结余' : '本年收入合计 + 使用非财政拨款结余 + 年初结转和结余',
      en: below.length > 0 ? 'income_total + the sources printed below it + non_appropriation_balance_used + opening_balance' : 'income_total + non_appropriation_balance_used + opening_balance',
    }),
    ...checkSum(
      context,
      'income:income_total',
      incomeTotal,
      sources.filter((fact) => !below.includes(fact)).map(summaryTerm),
      { zh: '各项收入之和', en: 'sum of income sources' },
    ),
    ...checkSum(context, 'income:opening_balance', opening, openingParts.map(summaryTerm), { zh: '分资金来源之和', en: 'sum of opening balances by fund' }),
  ]
}

/** The expenditure side, per column: 总计 and 本年支出合计 over the classes. */
function checkExpenditureSide(context: CheckContext, facts: readonly Fact[]): CheckRow[] {
  const expenditure = facts.filter((fact) => fact.side === 'expenditure')
  const measures = [...new Set(expenditure.map((fact) => fact.measure))]
  return measures.flatMap((measure) => {
    const column = expenditure.filter((fact) => fact.measure === measure)
    const line = (lineItem: string): Fact | undefined => findLine(column, lineItem, measure)
    const grandParts = [line('expenditure_total'), line('surplus_distribution'), line('closing_balance')].flatMap((fact) => (fact ? [summaryTerm(fact)] : []))
    const classes = new Map<string, Fact>()
    for (const fact of column) if (fact.subject_code && !classes.has(fact.subject_code)) classes.set(fact.subject_code, fact)
    return [
      ...checkSum(context, 'expenditure:grand_total', line('grand_total'), grandParts, {
        zh: '本年支出合计 + 结余分配 + 年末结转和结余',
        en: 'expenditure_total + surplus_distribution + closing_balance',
      }),
      ...checkSum(context, 'expenditure:expenditure_total', line('expenditure_total'), [...classes.values()].map(codeTerm), {
        zh: '各功能分类之和',
        en: 'sum of functional classes',
      }),
    ]
  })
}

/** 收入总计 = 支出总计 (the expenditure side's 合计 column in the appropriation summary). */
function checkGrandTotals(context: CheckContext, facts: readonly Fact[]): CheckRow[] {
  const income = findLine(
    facts.filter((fact) => fact.side === 'income'),
    'grand_total',
    'amount',
  )
  const expenditureSide = facts.filter((fact) => fact.side === 'expenditure')
  const expenditure = findLine(expenditureSide, 'grand_total', 'total') ?? findLine(expenditureSide, 'grand_total', 'amount')
  if (!income) return []
  return checkSum(context, 'grand_total:income=expenditure', expenditure, [{ ...summaryTerm(income), zh: '收入总计' }], {
    zh: '收入总计',
    en: 'income grand_total',
  })
}

/** Summary tables balance: each side's 总计, both 总计 equal, income and expenditure totals over their parts. */
export const checkBalanceIdentities: CheckRule = (facts, given) => {
  const { usable, context } = checkableFacts(facts, given)
  const rows: CheckRow[] = []
  for (const table of Object.keys(INCOME_SOURCES) as (keyof typeof INCOME_SOURCES)[]) {
    const tableFacts = usable.filter((fact) => fact.table_id === table)
    if (tableFacts.length === 0) continue
    rows.push(...checkIncomeSide(context, table, tableFacts), ...checkExpenditureSide(context, tableFacts), ...checkGrandTotals(context, tableFacts))
  }
  return rows
}
