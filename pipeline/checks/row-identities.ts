/**
 * A row's total equals the sum of its components: the columns of a
 * functional row, the items of the “三公” row, and 人员经费合计 / 公用经费合计
 * over the economic classes of the basic-expenditure table.
 */
import type { Fact, TableId } from '../../core/types.ts'
import { buildCheckRow, checkableFacts, codeTerm, findFact, lineTerm, measureTerm } from './check-helpers.ts'
import type { CheckContext, CheckTerm } from './check-helpers.ts'
import type { CheckRow } from '../../core/types.ts'
import type { CheckDocument, CheckRule } from './check-helpers.ts'

/** A total column and the columns that add up to it, in every row of a table. */
interface RowIdentity {
  table: TableId
  /** Only the rows of this side (the summary table has two sides per row). */
  side?: Fact['side']
  total: string
  parts: string[]
  /** A blank part whose own parts are printed counts as their sum (a blank 小计 over printed 购置费 / 运行费). */
  substitutes?: Record<string, string[]>
  /** Parts from earlier years, added where the row prints them: 上年结转 is in a 总计 or 合计 over it, not in a printed 本年收入合计. */
  beforeYear?: string[]
}

/** The “三公” identities of one block (`budget` or `actual`), of all funds or of one (`_general_budget`: 深圳 prints each item by fund). */
function threePublicIdentities(block: 'budget' | 'actual', fund = ''): RowIdentity[] {
  const vehicles = [`${block}_vehicle_purchase${fund}`, `${block}_vehicle_operation${fund}`]
  return [
    {
      table: 'three_public_expenses',
      total: `${block}_total${fund}`,
      parts: [`${block}_overseas_travel${fund}`, `${block}_vehicles_total${fund}`, `${block}_official_reception${fund}`],
      substitutes: { [`${block}_vehicles_total${fund}`]: vehicles },
    },
    { table: 'three_public_expenses', total: `${block}_vehicles_total${fund}`, parts: vehicles },
  ]
}

/** The funds a “三公” table may print each item by. */
const THREE_PUBLIC_FUNDS = ['_general_budget', '_government_fund', '_state_capital'] as const

/** A blank or absent 基本支出 column counts as its 人员经费 and 公用经费 (a 预算 prints only those). */
const BASIC_PARTS: Record<string, string[]> = { basic: ['basic_personnel', 'basic_public'] }

/** Every column identity of the contract's tables. */
const ROW_IDENTITIES: readonly RowIdentity[] = [
  // A 预算 prints 财政拨款 by fund (一般公共预算拨款收入 …) instead of, or under, one 财政拨款收入 column; and 财政专户管理资金收入.
  // A table that prints a carry-over column (上年结余、结转) heads its total 收入总计, which counts it (as cross-table reads it).
  {
    table: 'income_by_function',
    total: 'total',
    parts: ['fiscal_appropriation', 'fiscal_special_account', 'superior_subsidy', 'business_income', 'operating_income', 'affiliated_remittance', 'other_income'],
    substitutes: { fiscal_appropriation: ['general_budget', 'government_fund', 'state_capital'] },
    beforeYear: ['opening_balance'],
  },
  // 江苏's 支出预算总表 prints 单位预留机动经费 beside 基本支出 and 项目支出: 27,664.22 = 11,700.63 + 13,025.38 + 2,938.21.
  { table: 'expenditure_by_function', total: 'total', parts: ['basic', 'project', 'remit_to_superior', 'operating', 'subsidy_to_affiliates', 'reserve'], substitutes: BASIC_PARTS },
  { table: 'general_budget_expenditure', total: 'total', parts: ['basic', 'project'], substitutes: BASIC_PARTS },
  // A 预算 splits 基本支出 into 人员经费 and 公用经费.
  { table: 'expenditure_by_function', total: 'basic', parts: ['basic_personnel', 'basic_public'] },
  { table: 'general_budget_expenditure', total: 'basic', parts: ['basic_personnel', 'basic_public'] },
  { table: 'general_budget_basic_expenditure', total: 'total', parts: ['personnel', 'public'] },
  { table: 'state_capital', total: 'total', parts: ['basic', 'project'] },
  { table: 'government_fund', total: 'expenditure_total', parts: ['expenditure_basic', 'expenditure_project'] },
  // 财政拨款收入支出决算总表 prints each expenditure row as 合计 and its three funds.
  { table: 'appropriation_summary', side: 'expenditure', total: 'total', parts: ['general_budget', 'government_fund', 'state_capital'] },
  // 江苏's “三公”经费、会议费、培训费支出预算表: 合计 1,471.70 = “三公” 小计 508.20 + 会议费 933.50 + 培训费 30.00.
  { table: 'three_public_expenses', total: 'budget_grand_total', parts: ['budget_total', 'budget_meeting', 'budget_training'] },
  ...threePublicIdentities('budget'),
  ...threePublicIdentities('actual'),
  ...THREE_PUBLIC_FUNDS.flatMap((fund) => [...threePublicIdentities('budget', fund), ...threePublicIdentities('actual', fund)]),
]

/**
 * Economic classes under 人员经费 and 公用经费. Checked against the seeds:
 * 000 人员经费合计 805.63 = 301 712.50 + 303 93.13 and 公用经费合计 79.45 = 302
 * alone (310 is blank); 002 公用经费合计 350.80 = 302 348.86 + 310 1.94 (307
 * and 399 print 0.00) — so 公用经费 is 302 + 307 + 310 + 399, as printed.
 */
export const PERSONNEL_CLASSES: readonly string[] = ['301', '303']
/** Economic classes under 公用经费 (see PERSONNEL_CLASSES for the evidence). */
export const PUBLIC_CLASSES: readonly string[] = ['302', '307', '310', '399']

/** One row's facts by measure, what its check ids add to its name, and the measures it prints more than once. */
interface TableRow {
  facts: Map<string, Fact>
  /** Added to the row's name in a check id where the name alone does not tell the row (see groupCodelessRows). */
  idSuffix: string
  /** Measures a row without code or line item prints twice (sub-columns read as one column): the row is not checked. */
  ambiguous: Set<string>
  /** Figures of a row without code or line item that no column named (see unnamedAmong). */
  unnamed: Fact[]
}

/** Put a fact in its row (first printing of a measure wins; a second one of a row without code or line item makes it ambiguous). */
function addToRow(rows: Map<string, TableRow>, key: string, idSuffix: string, fact: Fact): void {
  const row = rows.get(key) ?? { facts: new Map<string, Fact>(), idSuffix, ambiguous: new Set<string>(), unnamed: [] }
  if (!fact.measure) row.unnamed.push(fact)
  else if (!row.facts.has(fact.measure)) row.facts.set(fact.measure, fact)
  else if (!fact.line_item && !fact.subject_code) row.ambiguous.add(fact.measure)
  rows.set(key, row)
}

/**
 * Rows that print neither a code nor a line item (a 款 or an economic class
 * named without its code, a unit's row of a consolidated table, the one
 * row of a “三公” table), per printed table. When no measure is printed on
 * two lines the table is one row laid out over lines (a “三公” table with
 * one item a line, a document of one cell a line): one row. Otherwise each
 * label on its line is a row, so that two rows are never read as one; a row
 * whose cells start on different lines is then split and goes unchecked.
 */
function groupCodelessRows(rows: Map<string, TableRow>, facts: readonly Fact[]): void {
  const tables = new Map<string, Fact[]>()
  for (const fact of facts) {
    const table = tables.get(fact.table_title_raw)
    if (table) table.push(fact)
    else tables.set(fact.table_title_raw, [fact])
  }
  for (const [title, table] of tables) {
    const lines = new Map<string, Set<number>>()
    for (const fact of table) if (fact.measure) lines.set(fact.measure, (lines.get(fact.measure) ?? new Set<number>()).add(fact.line))
    const oneRow = [...lines.values()].every((printed) => printed.size === 1)
    const tableId = tables.size > 1 ? `|${title}` : ''
    // A figure wrapped over lines around its row (`18,536.8` above the row's line, `8` below) starts a line early: it is
    // the row's whose line it spans, of the same label.
    const rowLines = new Set(table.filter((fact) => fact.end_line === fact.line).map((fact) => `${fact.label_raw}|${fact.line}`))
    const rowLine = (fact: Fact): number => {
      for (let line = fact.line; line <= fact.end_line; line++) if (rowLines.has(`${fact.label_raw}|${line}`)) return line
      return fact.line
    }
    // A row the reader read over two lines (figures printed beside its wrapped name's next line) names both alike:
    // the line right below the same name, printing none of its measures, goes on it.
    const measuresAt = new Map<string, Set<string>>()
    for (const fact of table) {
      const key = `${fact.label_raw}|${rowLine(fact)}`
      measuresAt.set(key, (measuresAt.get(key) ?? new Set<string>()).add(fact.measure))
    }
    const joinedLine = (fact: Fact): number => {
      const line = rowLine(fact)
      const above = measuresAt.get(`${fact.label_raw}|${line - 1}`)
      const here = measuresAt.get(`${fact.label_raw}|${line}`) ?? new Set<string>()
      return fact.label_raw && above && ![...here].some((measure) => above.has(measure)) ? line - 1 : line
    }
    for (const fact of table) {
      if (oneRow) addToRow(rows, `|${tableId}`, tableId, fact)
      else addToRow(rows, `||${title}|${fact.label_raw}|${joinedLine(fact)}`, `|${fact.label_raw}|${joinedLine(fact)}`, fact)
    }
  }
}

/** The facts of each row of a table, by measure (first printing wins); a coded row's cells of no measure aside. */
function groupRows(facts: readonly Fact[], identity: RowIdentity): Map<string, TableRow> {
  const rows = new Map<string, TableRow>()
  const codeless: Fact[] = []
  for (const fact of facts) {
    if (fact.table_id !== identity.table || (identity.side && fact.side !== identity.side)) continue
    if (fact.line_item || fact.subject_code) {
      if (fact.measure) addToRow(rows, `${fact.line_item}|${fact.subject_code}`, '', fact)
    }
    else codeless.push(fact)
  }
  groupCodelessRows(rows, codeless)
  return rows
}

/** How a row is named: its code, 合计, or the “三公” row. */
function rowLabel(fact: Fact): { zh: string; en: string } {
  if (fact.subject_code) return { zh: fact.subject_code, en: fact.subject_code }
  if (fact.line_item === 'total') return { zh: '合计', en: 'total' }
  if (fact.table_id === 'three_public_expenses') return { zh: '“三公”经费', en: 'three public expenses' }
  return { zh: fact.label_raw || fact.line_item, en: fact.line_item }
}

/**
 * A figure no column named, printed between two of the figures an identity
 * adds up on their line: the table's header was not read over those columns
 * (a header wrapped past reading), so which figure is which part is not
 * known and the sum is not judged — even a 0.00 there says the columns
 * around it may be shifted. One printed beyond them (会议费 and 培训费 after
 * the “三公” columns) does not matter.
 *
 * > | 广州市规划和自然资源局   37,027.49    21,345.69   15,478.80   0.00 …
 *                                         ^^^^^^^^^ (header `算`: unnamed)
 */
function unnamedAmong(unnamed: readonly Fact[], involved: readonly Fact[]): boolean {
  return unnamed.some(
    (cell) =>
      involved.some((left) => left.line === cell.line && left.column < cell.column) &&
      involved.some((right) => right.line === cell.line && right.column > cell.column),
  )
}

/** Column identities, row by row; missing parts count as 0 only when some part is printed. */
function checkColumnIdentities(usable: readonly Fact[], context: CheckContext, unsure: ReadonlySet<string>): CheckRow[] {
  const rows: CheckRow[] = []
  for (const identity of ROW_IDENTITIES) {
    for (const { facts: row, idSuffix, ambiguous, unnamed } of groupRows(usable, identity).values()) {
      const total = row.get(identity.total)
      if (!total) continue
      // Two cells of one row under a measure of the identity: the table's columns are not told apart, so the sum does not hold.
      // (Another measure printed many times, such as a 增减 row's `change` under each item, does not matter to it.)
      const measures = [identity.total, ...identity.parts, ...Object.values(identity.substitutes ?? {}).flat()]
      if (measures.some((measure) => ambiguous.has(measure))) continue
      const addends: CheckTerm[] = []
      const substituted: string[] = []
      for (const part of identity.parts) {
        const fact = row.get(part)
        if (fact) {
          addends.push(measureTerm(fact))
          continue
        }
        const details = (identity.substitutes?.[part] ?? []).flatMap((name) => row.get(name) ?? [])
        if (details.length > 0) substituted.push(part)
        addends.push(...details.map(measureTerm))
      }
      if (addends.length === 0 || unnamedAmong(unnamed, [total, ...addends.map((term) => term.fact)])) continue
      if ([total, ...addends.map((term) => term.fact)].some((fact) => unsure.has(`${fact.table_id}|${fact.line}`))) continue
      // A total printed as the year's income (本年收入合计) leaves out what came from earlier years.
      const yearOnly = /本年/.test(total.column_label || total.measure_raw)
      const earlier = yearOnly ? [] : (identity.beforeYear ?? []).filter((part) => row.has(part))
      addends.push(...earlier.flatMap((part) => row.get(part) ?? []).map(measureTerm))
      const partNames = [...identity.parts, ...earlier].join(' + ')
      const label = rowLabel(total)
      rows.push(
        buildCheckRow(context, {
          rule: 'row-identity',
          key: `${label.en}${idSuffix}:${identity.parts.join('+')}`,
          actual: measureTerm(total),
          addends,
          zh: { actual: `${label.zh} ${total.measure_raw || total.measure}`, expected: '各项之和' },
          en: { actual: `${label.en} ${total.measure}`, expected: `sum of ${partNames}` },
          ...(substituted.length > 0
            ? { note: { zh: `${substituted.join('、')} 空白，以其明细代替`, en: `${substituted.join(', ')} blank: its parts counted instead` } }
            : {}),
        }),
      )
    }
  }
  return rows
}

/** 人员经费合计 = 301 + 303 and 公用经费合计 = 302 + 307 + 310 + 399, as printed. */
function checkBasicTotals(usable: readonly Fact[], context: CheckContext): CheckRow[] {
  const rows: CheckRow[] = []
  const table = usable.filter((fact) => fact.table_id === 'general_budget_basic_expenditure' && fact.measure === 'amount')
  for (const [lineItem, classes] of [['personnel_total', PERSONNEL_CLASSES], ['public_total', PUBLIC_CLASSES]] as const) {
    const total = findFact(table, { line_item: lineItem })
    if (!total) continue
    const addends = classes.flatMap((code) => findFact(table, { subject_code: code }) ?? []).map(codeTerm)
    if (addends.length === 0) continue
    rows.push(
      buildCheckRow(context, {
        rule: 'row-identity',
        key: `${lineItem}:${classes.join('+')}`,
        actual: lineTerm(total),
        addends,
        zh: { actual: total.label_raw || lineItem, expected: `${classes.join(' + ')} 之和` },
        en: { actual: lineItem, expected: `sum of ${classes.join(' + ')}` },
      }),
    )
  }
  return rows
}

/** Total = sum of components within a row, for every table that has such columns. */
export const checkRowIdentities: CheckRule = (facts, given, document) => {
  const { usable, context } = checkableFacts(facts, given)
  const unsure = unplacedRowLines(document)
  return [...checkColumnIdentities(usable, context, unsure), ...checkBasicTotals(usable, context)]
}

/**
 * The lines (per table) where a row prints a figure whose column the reader
 * could not tell (`ambiguous-column`: a page continued without its header,
 * the table's sums alike wherever it goes): the row's figures are not all
 * placed, so its sum is not judged.
 */
function unplacedRowLines(document: CheckDocument | undefined): Set<string> {
  const lines = new Set<string>()
  for (const entry of document?.unplaced ?? []) {
    if (entry.reason !== 'ambiguous-column') continue
    for (let line = entry.line; line <= entry.end_line; line++) lines.add(`${entry.table_id}|${line}`)
  }
  return lines
}
