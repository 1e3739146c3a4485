/**
 * The same figure printed in two tables agrees, for every table that restates
 * another (决算 and 预算 alike: they share table ids):
 *
 * - 收入支出决算总表 expenditure classes and 本年支出合计 against 支出决算表;
 * - 收入决算表 合计 against 收入支出决算总表: 本年收入合计, 财政拨款收入 (the
 *   three appropriation lines), 上级补助收入 … 其他收入, and against
 *   财政拨款收入支出决算总表 本年收入合计;
 * - 收入支出决算总表 appropriation lines against 财政拨款收入支出决算总表;
 * - 财政拨款收入支出决算总表 columns against the 一般公共预算 / 政府性基金 /
 *   国有资本经营 tables (classes, 本年支出合计, income, opening and closing balances);
 * - 一般公共预算 合计 基本支出 against the basic-expenditure table, whose total
 *   cannot exceed the 支出决算表 basic column (every fund's basic expenditure);
 * - “三公” reception against item 30217.
 *
 * A table whose every figure is off from the others by the same power of ten
 * (a unit printed wrong) is one finding, not one per figure.
 */
import { tableDefinition } from '../../normalizers/normalize-heading.ts'
import { headerKey, normalizeMeasure } from '../../normalizers/normalize-measure.ts'
import type { Fact, TableId } from '../../core/types.ts'
import { absValue, buildCheckRow, checkableFacts, compareValues, computeCheckId, findFact, halfUnitOf, parseDecimal, splitUnits, subtractValues, sumValues, unitOf } from './check-helpers.ts'
import type { CheckContext, CheckSpec, CheckTerm } from './check-helpers.ts'
import { PERSONNEL_CLASSES, PUBLIC_CLASSES } from './row-identities.ts'
import type { CheckRow } from '../../core/types.ts'
import type { CheckRule } from './check-helpers.ts'
import { OTHER_TABLE } from '../../core/registry.ts'

/** A figure named with its table, since the two sides of a cross-table check come from different tables. */
function tableTerm(fact: Fact): CheckTerm {
  const table = fact.table_id && fact.table_id !== OTHER_TABLE ? tableDefinition(fact.table_id).title_zh : fact.table_title_raw
  const zh = fact.subject_code || (fact.line_item === 'total' ? '合计' : fact.label_raw) || fact.measure_raw || fact.measure
  const en = fact.subject_code || fact.line_item || fact.measure
  return { fact, zh: `${table} ${zh}`, en: `${fact.table_id} ${en}` }
}

/** One comparison made: its row, and the figures on each side (for telling a whole-table unit slip). */
interface Comparison {
  row: CheckRow
  actual: Fact
  addends: Fact[]
}

/** The comparisons of one document, made in order. */
type Comparisons = Comparison[]

/** Compare when the actual and at least one addend are printed. */
function compareAcross(
  out: Comparisons,
  context: CheckContext,
  key: string,
  actual: Fact | undefined,
  addends: Fact[],
  spec: Pick<CheckSpec, 'zh' | 'en'> & Partial<CheckSpec>,
): void {
  if (!actual || addends.length === 0) return
  const row = buildCheckRow(context, { rule: 'cross-table', key, actual: tableTerm(actual), addends: addends.map(tableTerm), ...spec })
  out.push({ row, actual, addends })
}

const title = (id: TableId): string => tableDefinition(id).title_zh

/** The row of a table's own 合计 (no subject code) in a column. */
function totalOf(facts: readonly Fact[], table: TableId, measure: string): Fact | undefined {
  return findFact(facts, { table_id: table, line_item: 'total', subject_code: '', measure })
}

/** A line of a summary table (no subject code) in a column. */
function lineOf(facts: readonly Fact[], table: TableId, side: Fact['side'], lineItem: string, measure: string): Fact | undefined {
  return findFact(facts, { table_id: table, side, line_item: lineItem, subject_code: '', measure })
}

/**
 * A summary table's expenditure classes and 本年支出合计 (in one column)
 * against a detail table's class rows and 合计 (in its total column).
 */
function compareSummaryWithDetail(out: Comparisons, context: CheckContext, usable: readonly Fact[], summary: TableId, column: string, detail: TableId, detailColumn: string): void {
  const summaryFacts = usable.filter((fact) => fact.table_id === summary && fact.side === 'expenditure' && fact.measure === column)
  const detailFacts = usable.filter((fact) => fact.table_id === detail && fact.measure === detailColumn)
  // A consolidated 部门's detail table prints each class once per unit: the summary's class is their sum.
  const units = splitUnits(detailFacts)
  const seen = new Set<string>()
  for (const fact of summaryFacts) {
    if (!fact.subject_code || seen.has(fact.subject_code)) continue
    seen.add(fact.subject_code)
    const others = units.flatMap((unit) => findFact(unit.facts, { subject_code: fact.subject_code }) ?? [])
    compareAcross(out, context, `${detail}:${fact.subject_code}`, fact, others, {
      zh: { actual: `${title(summary)} ${fact.subject_code}（${fact.measure_raw || column}）`, expected: `${title(detail)} ${fact.subject_code}` },
      en: { actual: `${summary} ${fact.subject_code} ${column}`, expected: `${detail} ${fact.subject_code} ${detailColumn}` },
    })
  }
  const total = findFact(summaryFacts, { line_item: 'expenditure_total', subject_code: '' })
  const detailTotal = findFact(detailFacts, { line_item: 'total', subject_code: '' })
  compareAcross(out, context, `${detail}:total`, total, detailTotal ? [detailTotal] : [], {
    zh: { actual: `${title(summary)} ${total?.label_raw ?? '本年支出合计'}（${total?.measure_raw || column}）`, expected: `${title(detail)} 合计` },
    en: { actual: `${summary} expenditure_total ${column}`, expected: `${detail} total${detailColumn === 'total' ? '' : ` ${detailColumn}`}` },
  })
}

/** The income sources 收入决算表 prints as columns and 收入支出决算总表 as lines (the same keys). */
const INCOME_COLUMNS = ['superior_subsidy', 'business_income', 'operating_income', 'affiliated_remittance', 'other_income'] as const
/** The three appropriation lines 收入支出决算总表 and 财政拨款收入支出决算总表 both print. */
const APPROPRIATIONS = ['general_budget_appropriation', 'government_fund_appropriation', 'state_capital_appropriation'] as const
/** A column of carry-overs (a 预算's 上年结转): the table's 合计 then includes them. */
const CARRY_OVER_COLUMN = /上年结转|年初结转|上年结余/

/** A column of 收入决算表: its 合计 row, or, for a table that prints none, its functional classes. */
function incomeColumn(usable: readonly Fact[], measure: string): { total: Fact | undefined; classes: Fact[] } {
  // A column under a heading that names the measure (`财政拨款收入/一般公共预算`) holds only a part of it.
  const own = usable.filter((fact) => fact.table_id === 'income_by_function' && fact.measure === measure && namesItsMeasure(fact))
  const total = findFact(own, { line_item: 'total', subject_code: '' })
  const classes = new Map<string, Fact>()
  if (!total) {
    for (const fact of own) if (fact.subject_system === 'functional' && fact.subject_code.length === 3 && !classes.has(fact.subject_code)) classes.set(fact.subject_code, fact)
  }
  return { total, classes: [...classes.values()] }
}

/** Whether the lowest level of a figure's column header names its measure itself (not only a heading above it). */
function namesItsMeasure(fact: Fact): boolean {
  const levels = fact.column_label.split('/')
  if (levels.length <= 1) return true
  return normalizeMeasure(fact.table_id, headerKey(levels.at(-1) ?? '')) === fact.measure
}

/**
 * A column of 收入决算表 against the figures of another table it restates:
 * its 合计 against them, or, with no 合计 printed, one figure against the
 * sum of the table's classes.
 */
function compareIncomeColumn(
  out: Comparisons,
  context: CheckContext,
  key: string,
  column: { total: Fact | undefined; classes: Fact[] },
  others: Fact[],
  names: { zh: { column: string; other: string }; en: { column: string; other: string } },
): void {
  if (column.total) {
    compareAcross(out, context, key, column.total, others, {
      zh: { actual: `${title('income_by_function')} 合计（${column.total.measure_raw || names.zh.column}）`, expected: names.zh.other },
      en: { actual: `income_by_function total ${names.en.column}`, expected: names.en.other },
    })
    return
  }
  const [other] = others
  if (!other || others.length > 1) return
  compareAcross(out, context, key, other, column.classes, {
    zh: { actual: names.zh.other, expected: `${title('income_by_function')} 各类之和（${names.zh.column}）` },
    en: { actual: names.en.other, expected: `income_by_function ${names.en.column}, sum of classes` },
    note: { zh: '收入决算表未印合计行，以各类之和代替', en: 'the income table prints no 合计 row: its classes are added up instead' },
  })
}

/**
 * 收入决算表 合计 (or the sum of its classes) against the summaries:
 * 本年收入合计 (or, when the table prints a carry-over column as a 预算
 * does, 收入总计), 财政拨款收入 against the three appropriation lines and
 * against 财政拨款收入支出决算总表 本年收入合计, and each other income column
 * against its line.
 */
function compareIncomeTable(out: Comparisons, context: CheckContext, usable: readonly Fact[]): void {
  const summary: TableId = 'income_expenditure_summary'
  const income = usable.filter((fact) => fact.table_id === summary && fact.side === 'income' && fact.measure === 'amount' && !fact.subject_code)
  const line = (lineItem: string): Fact | undefined => findFact(income, { line_item: lineItem })
  const carries = usable.some((fact) => fact.table_id === 'income_by_function' && (fact.measure === 'opening_balance' || CARRY_OVER_COLUMN.test(fact.column_label)))
  // Without 本年收入合计 a summary that prints no carry-over adds its income up to 收入总计 alone.
  const opening = line('opening_balance') ?? line('non_appropriation_balance_used')
  const grandTotal = line('grand_total')
  let incomeTotal = carries ? grandTotal : (line('income_total') ?? (opening && compareValues(opening.value, '0') !== 0 ? undefined : grandTotal))
  const totalColumn = incomeColumn(usable, 'total')
  const printed = totalColumn.total
  // A 预算's 收入总表 may count its carry-over and other sources into 合计 (烟台, 杭州 templates): it restates 收入总计 then.
  if (printed?.doc_kind === 'budget' && incomeTotal && grandTotal && compareValues(printed.value, incomeTotal.value) !== 0 && compareValues(printed.value, grandTotal.value) === 0) incomeTotal = grandTotal
  compareIncomeColumn(out, context, `${summary}:income_total`, totalColumn, incomeTotal ? [incomeTotal] : [], {
    zh: { column: '本年收入合计', other: `${title(summary)} ${incomeTotal?.label_raw ?? '本年收入合计'}` },
    en: { column: 'total', other: `${summary} ${incomeTotal?.line_item ?? 'income_total'}` },
  })
  const fiscal = incomeColumn(usable, 'fiscal_appropriation')
  // The three lines add up to 财政拨款收入 only when the summary prints no income line we could not name.
  const unnamed = income.some((fact) => !fact.line_item && compareValues(fact.value, '0') !== 0)
  compareIncomeColumn(out, context, `${summary}:appropriations`, fiscal, unnamed ? [] : APPROPRIATIONS.flatMap((lineItem) => line(lineItem) ?? []), {
    zh: { column: '财政拨款收入', other: `${title(summary)} 各项财政拨款收入之和` },
    en: { column: 'fiscal_appropriation', other: `${summary} ${APPROPRIATIONS.join(' + ')}` },
  })
  const appropriationTotal = lineOf(usable, 'appropriation_summary', 'income', 'income_total', 'amount')
  compareIncomeColumn(out, context, 'appropriation_summary:income_total', fiscal, appropriationTotal ? [appropriationTotal] : [], {
    zh: { column: '财政拨款收入', other: `${title('appropriation_summary')} ${appropriationTotal?.label_raw || '本年收入合计'}` },
    en: { column: 'fiscal_appropriation', other: 'appropriation_summary income_total' },
  })
  for (const column of INCOME_COLUMNS) {
    const other = line(column)
    compareIncomeColumn(out, context, `${summary}:${column}`, incomeColumn(usable, column), other ? [other] : [], {
      zh: { column, other: `${title(summary)} ${other?.label_raw || column}` },
      en: { column, other: `${summary} ${column}` },
    })
  }
}

/**
 * Whether a 预算's figure restates a fund's appropriation together with its
 * carry-over rather than alone: it differs from the appropriation, and
 * equals appropriation + carry-over within the rounding of the three.
 */
function withCarryOver(context: CheckContext, figure: Fact, appropriation: Fact, opening: Fact): boolean {
  if (figure.doc_kind !== 'budget' || compareValues(figure.value, appropriation.value) === 0) return false
  const difference = absValue(subtractValues(figure.value, sumValues([appropriation.value, opening.value])))
  return compareValues(difference, sumValues([figure, appropriation, opening].map((fact) => halfUnitOf(context, fact)))) <= 0
}

/** 收入支出决算总表's three appropriation lines against 财政拨款收入支出决算总表's (with their carry-over where a 预算 counts it in). */
function compareAppropriationLines(out: Comparisons, context: CheckContext, usable: readonly Fact[]): void {
  for (const lineItem of APPROPRIATIONS) {
    const figure = lineOf(usable, 'income_expenditure_summary', 'income', lineItem, 'amount')
    const other = lineOf(usable, 'appropriation_summary', 'income', lineItem, 'amount')
    // A 预算's 收支总表 may print a fund with its carry-over (重庆: 一般公共预算资金 128,148.56 = 本年 118,773.55 + 上年结转 9,375.01).
    const opening = lineOf(usable, 'appropriation_summary', 'income', `opening_balance_${lineItem.replace(/_appropriation$/, '')}`, 'amount')
    const addends = other ? (figure && opening && withCarryOver(context, figure, other, opening) ? [other, opening] : [other]) : []
    compareAcross(out, context, `appropriation_summary:${lineItem}`, figure, addends, {
      zh: { actual: `${title('income_expenditure_summary')} ${figure?.label_raw || lineItem}`, expected: `${title('appropriation_summary')} ${other?.label_raw || lineItem}` },
      en: { actual: `income_expenditure_summary ${lineItem}`, expected: `appropriation_summary ${lineItem}` },
    })
  }
}

/** How a fund's own table names its columns (measures.json): income, expenditure total, balances. */
const FUND_TABLES = [
  { table: 'government_fund', column: 'government_fund', appropriation: 'government_fund_appropriation', expenditure: 'expenditure_total' },
  { table: 'state_capital', column: 'state_capital', appropriation: 'state_capital_appropriation', expenditure: 'total' },
] as const

/**
 * 财政拨款收入支出决算总表's 政府性基金 and 国有资本经营 columns against those
 * funds' own tables: classes and 本年支出合计, the year's appropriation
 * against the table's 本年收入, and the opening and closing balances.
 */
function compareFundTables(out: Comparisons, context: CheckContext, usable: readonly Fact[]): void {
  for (const fund of FUND_TABLES) {
    compareSummaryWithDetail(out, context, usable, 'appropriation_summary', fund.column, fund.table, fund.expenditure)
    const pairs: [Fact | undefined, Fact | undefined, string, string][] = [
      [lineOf(usable, 'appropriation_summary', 'income', fund.appropriation, 'amount'), totalOf(usable, fund.table, 'income'), fund.appropriation, 'income'],
      [lineOf(usable, 'appropriation_summary', 'income', `opening_balance_${fund.column}`, 'amount'), totalOf(usable, fund.table, 'opening_balance'), `opening_balance_${fund.column}`, 'opening_balance'],
      [lineOf(usable, 'appropriation_summary', 'expenditure', 'closing_balance', fund.column), totalOf(usable, fund.table, 'closing_balance'), 'closing_balance', 'closing_balance'],
    ]
    for (const [figure, other, lineItem, measure] of pairs) {
      compareAcross(out, context, `${fund.table}:${measure}`, figure, other ? [other] : [], {
        zh: { actual: `${title('appropriation_summary')} ${figure?.label_raw || lineItem}${figure?.side === 'expenditure' ? `（${figure.measure_raw || fund.column}）` : ''}`, expected: `${title(fund.table)} 合计（${other?.measure_raw || measure}）` },
        en: { actual: `appropriation_summary ${lineItem}${figure?.side === 'expenditure' ? ` ${fund.column}` : ''}`, expected: `${fund.table} total ${measure}` },
      })
    }
  }
}

/** Printed names of the basic-expenditure table's total lines. */
const LINE_NAMES = { personnel_total: '人员经费合计', public_total: '公用经费合计' } as const

/**
 * The total of the basic-expenditure table: its 合计 row (a 预算), else
 * 人员经费合计 + 公用经费合计, a blank 合计 line counting as its classes (002
 * prints 人员经费合计 blank); with a note of what stood in.
 */
function basicTableTotal(usable: readonly Fact[]): { addends: Fact[]; note?: { zh: string; en: string } } {
  const row = findFact(usable, { table_id: 'general_budget_basic_expenditure', line_item: 'total', subject_code: '', measure: 'total' })
  if (row) return { addends: [row] }
  const table = usable.filter((fact) => fact.table_id === 'general_budget_basic_expenditure' && fact.measure === 'amount')
  const addends: Fact[] = []
  const substituted: { zh: string; en: string }[] = []
  for (const [lineItem, classes] of [['personnel_total', PERSONNEL_CLASSES], ['public_total', PUBLIC_CLASSES]] as const) {
    const line = findFact(table, { line_item: lineItem })
    if (line) {
      addends.push(line)
      continue
    }
    const parts = classes.flatMap((code) => findFact(table, { subject_code: code }) ?? [])
    if (parts.length > 0) substituted.push({ zh: LINE_NAMES[lineItem], en: `${lineItem} = ${parts.map((fact) => fact.subject_code).join(' + ')}` })
    addends.push(...parts)
  }
  if (substituted.length === 0) return { addends }
  return {
    addends,
    note: {
      zh: `${substituted.map((entry) => entry.zh).join('、')}空白，以经济分类类级之和代替`,
      en: `blank total line, classes counted instead: ${substituted.map((entry) => entry.en).join('; ')}`,
    },
  }
}

/** 一般公共预算财政拨款支出决算表 合计 基本支出 against the basic-expenditure table's total. */
function compareBasicExpenditure(out: Comparisons, context: CheckContext, usable: readonly Fact[]): void {
  const basic = findFact(usable, { table_id: 'general_budget_expenditure', line_item: 'total', subject_code: '', measure: 'basic' })
  const { addends, note } = basicTableTotal(usable)
  const single = addends.length === 1 && addends[0]?.line_item === 'total'
  compareAcross(out, context, 'general_budget_basic_expenditure:personnel_total+public_total', basic, addends, {
    zh: { actual: `${title('general_budget_expenditure')} 合计 ${basic?.measure_raw || '基本支出'}`, expected: single ? `${title('general_budget_basic_expenditure')} 合计` : '人员经费合计 + 公用经费合计' },
    en: { actual: 'general_budget_expenditure total basic', expected: single ? 'general_budget_basic_expenditure total' : 'personnel_total + public_total' },
    ...(note ? { note } : {}),
  })
}

/**
 * The basic-expenditure table's total against the 支出决算表 合计 基本支出:
 * the general budget's part of every fund's basic expenditure, so it may be
 * smaller (the rest is paid from other funds) but never larger.
 */
function compareBasicWithExpenditureTable(out: Comparisons, context: CheckContext, usable: readonly Fact[]): void {
  const { addends } = basicTableTotal(usable)
  const all = totalOf(usable, 'expenditure_by_function', 'basic')
  if (!all || addends.length === 0) return
  const spec: CheckSpec = {
    rule: 'cross-table',
    key: 'expenditure_by_function:basic',
    actual: tableTerm(all),
    addends: addends.map(tableTerm),
    zh: { actual: `${title('expenditure_by_function')} 合计 ${all.measure_raw || '基本支出'}`, expected: `${title('general_budget_basic_expenditure')} 合计` },
    en: { actual: 'expenditure_by_function total basic', expected: 'general_budget_basic_expenditure total' },
  }
  const row = buildCheckRow(context, spec)
  // More basic expenditure in all funds than in the general budget is what other funds paid: the identity is `≥`, and it holds.
  const larger = row.severity === 'error' && compareValues(row.difference, '0') > 0
  if (!larger) {
    out.push({ row, actual: all, addends })
    return
  }
  const note = {
    zh: '支出决算表的基本支出含其他资金，一般公共预算部分不大于它即相符',
    en: "all funds' basic expenditure includes other funds than the general budget: its general-budget part may be smaller, never larger",
  }
  out.push({ row: { ...buildCheckRow(context, { ...spec, note }), severity: 'info', status: 'pass' }, actual: all, addends })
}

/**
 * “三公” 公务接待费 (决算数) against economic item 30217 公务接待费: the 三公
 * table covers reception paid from the whole general-budget appropriation
 * (projects too), 30217 only the basic expenditure, so they are comparable
 * only in general and a difference is a warning at most.
 */
function compareOfficialReception(out: Comparisons, context: CheckContext, usable: readonly Fact[]): void {
  const reception = findFact(usable, { table_id: 'three_public_expenses', measure: 'actual_official_reception' })
  const item = findFact(usable, { table_id: 'general_budget_basic_expenditure', subject_code: '30217', measure: 'amount' })
  compareAcross(out, context, 'general_budget_basic_expenditure:30217', reception, item ? [item] : [], {
    zh: { actual: '“三公”经费 公务接待费决算数', expected: item ? tableTerm(item).zh : '30217' },
    en: { actual: 'three_public_expenses actual_official_reception', expected: 'basic expenditure item 30217' },
    maxSeverity: 'warning',
    note: {
      zh: '两者仅一般可比：“三公”经费含项目支出中的接待费，30217 仅为基本支出',
      en: 'comparable only in general: the 三公 figure includes reception paid from project spending, 30217 only basic expenditure',
    },
  })
}

/** The power of ten `a / b` is exactly (`7469000` / `746.9` → 4), undefined when it is none or either is zero. */
function powerOfTen(a: string, b: string): number | undefined {
  const left = parseDecimal(absValue(a))
  const right = parseDecimal(absValue(b))
  if (!left || !right || left.units === 0n || right.units === 0n) return undefined
  for (const exponent of [-8, -6, -4, -3, -2, -1, 1, 2, 3, 4, 6, 8]) {
    // a = b × 10^exponent, compared as integers at a common scale.
    const scale = Math.max(left.scale, right.scale - exponent)
    if (left.units * 10n ** BigInt(scale - left.scale) === right.units * 10n ** BigInt(scale + exponent - right.scale)) return exponent
  }
  return undefined
}

/**
 * One finding for a table printed in the wrong unit: when every comparison
 * of a table with the others that has figures is off by the same power of
 * ten (at least two of them), the table's failed comparisons become one row
 * naming the slip.
 */
function nameUnitSlips(comparisons: Comparisons, context: CheckContext): CheckRow[] {
  const tables = new Set(comparisons.map((comparison) => comparison.actual.table_id))
  for (const comparison of comparisons) for (const fact of comparison.addends) tables.add(fact.table_id)
  const slips: { table: string; exponent: number; involved: Comparison[] }[] = []
  for (const table of tables) {
    const involved = comparisons.filter((comparison) => comparison.actual.table_id === table || comparison.addends.some((fact) => fact.table_id === table))
    // The table's figures on one side of each comparison, the other tables' on the other.
    const exponents = involved.flatMap((comparison) => {
      const ours = [comparison.actual, ...comparison.addends].filter((fact) => fact.table_id === table)
      const theirs = [comparison.actual, ...comparison.addends].filter((fact) => fact.table_id !== table)
      if (theirs.length === 0) return []
      const a = sumValues(ours.map((fact) => fact.value))
      const b = sumValues(theirs.map((fact) => fact.value))
      if (compareValues(a, '0') === 0 && compareValues(b, '0') === 0) return []
      return [powerOfTen(a, b) ?? 0]
    })
    const exponent = exponents[0]
    if (exponents.length >= 2 && exponent && exponents.every((value) => value === exponent)) slips.push({ table, exponent, involved })
  }
  if (slips.length === 0) return comparisons.map((comparison) => comparison.row)
  // Two tables compared only with each other both look slipped: the one in a unit the others do not print is.
  const unitCount = new Map<string, number>()
  for (const comparison of comparisons) for (const fact of [comparison.actual, ...comparison.addends]) unitCount.set(unitOf(context, fact), (unitCount.get(unitOf(context, fact)) ?? 0) + 1)
  const unitOfTable = (table: string): string => {
    const fact = comparisons.flatMap((comparison) => [comparison.actual, ...comparison.addends]).find((entry) => entry.table_id === table)
    return fact ? unitOf(context, fact) : ''
  }
  const rarest = Math.min(...slips.map((slip) => unitCount.get(unitOfTable(slip.table)) ?? 0))
  const named = slips.filter((slip) => (unitCount.get(unitOfTable(slip.table)) ?? 0) === rarest).slice(0, 1)
  const replaced = new Set<Comparison>()
  const rows: CheckRow[] = []
  for (const slip of named) {
    const failed = slip.involved.filter((comparison) => comparison.row.status === 'fail')
    for (const comparison of failed) replaced.add(comparison)
    const first = failed[0]
    if (!first) continue
    const ours = [first.actual, ...first.addends].filter((fact) => fact.table_id === slip.table)
    const theirs = [first.actual, ...first.addends].filter((fact) => fact.table_id !== slip.table)
    const fact = ours[0] as Fact
    const other = theirs[0] as Fact
    const tableName = fact.table_id && fact.table_id !== OTHER_TABLE ? tableDefinition(fact.table_id as TableId).title_zh : fact.table_title_raw
    const unit = unitOf(context, fact)
    const otherUnit = unitOf(context, other)
    const actual = sumValues(ours.map((entry) => entry.value))
    const expected = sumValues(theirs.map((entry) => entry.value))
    const places = failed.map((comparison) => `${comparison.actual.table_id} ${comparison.actual.line}:${comparison.actual.column}`).join(', ')
    rows.push({
      check_id: computeCheckId(fact.doc_id, 'cross-table', fact.table_id, `unit-slip:${fact.table_id}`, ''),
      doc_id: fact.doc_id,
      rule: 'cross-table',
      base_rule: 'cross-table',
      severity: 'error',
      status: 'fail',
      table_id: fact.table_id as CheckRow['table_id'],
      subject_code: '',
      line_item: fact.line_item,
      measure: fact.measure,
      expected,
      actual,
      difference: subtractValues(actual, expected),
      tolerance: '',
      fact_ids: [...new Set(failed.flatMap((comparison) => [comparison.actual, ...comparison.addends].map((entry) => entry.fact_id)))].join(';'),
      message:
        `${tableName}所印数字均为其他表所印同一数的 10^${slip.exponent} 倍（${failed.length} 处），整表单位疑有误：表印“${unit}”${fact.unit_raw ? '' : '（未印，推定）'}，其他表为“${otherUnit}” · ` +
        `Whole-table unit slip: every figure of ${fact.table_id} compared with another table is 10^${slip.exponent} times the same figure printed there (${failed.length} comparisons: ${places}); ` +
        `the table is read in ${unit}${fact.unit_raw ? '' : ' (not printed, assumed)'}, the others in ${otherUnit}`,
    })
  }
  return [...comparisons.filter((comparison) => !replaced.has(comparison)).map((comparison) => comparison.row), ...rows]
}

/** Figures printed in two tables agree. */
export const checkCrossTable: CheckRule = (facts, given) => {
  const { usable, context } = checkableFacts(facts, given)
  const out: Comparisons = []
  compareSummaryWithDetail(out, context, usable, 'income_expenditure_summary', 'amount', 'expenditure_by_function', 'total')
  compareSummaryWithDetail(out, context, usable, 'appropriation_summary', 'general_budget', 'general_budget_expenditure', 'total')
  compareIncomeTable(out, context, usable)
  compareAppropriationLines(out, context, usable)
  compareFundTables(out, context, usable)
  compareBasicExpenditure(out, context, usable)
  compareBasicWithExpenditureTable(out, context, usable)
  compareOfficialReception(out, context, usable)
  return nameUnitSlips(out, context)
}
