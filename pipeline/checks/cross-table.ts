/**
 * The same figure printed in two tables agrees: summary classes against the
 * detail tables, the general budget's basic expenditure against the
 * basic-expenditure table, and “三公” reception against item 30217.
 */
import { tableDefinition } from '../../normalizers/normalize-heading.ts'
import type { Fact, TableId } from '../../core/types.ts'
import { buildCheckRow, checkableFacts, findFact } from './check-helpers.ts'
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

/** A check row when the actual and at least one addend are printed. */
function compareAcross(context: CheckContext, key: string, actual: Fact | undefined, addends: Fact[], spec: Pick<CheckSpec, 'zh' | 'en'> & Partial<CheckSpec>): CheckRow[] {
  if (!actual || addends.length === 0) return []
  return [buildCheckRow(context, { rule: 'cross-table', key, actual: tableTerm(actual), addends: addends.map(tableTerm), ...spec })]
}

/**
 * A summary table's expenditure classes and 本年支出合计 (in one column)
 * against a detail table's class rows and 合计 (its `total` column).
 */
function compareSummaryWithDetail(context: CheckContext, usable: readonly Fact[], summary: TableId, column: string, detail: TableId): CheckRow[] {
  const rows: CheckRow[] = []
  const summaryFacts = usable.filter((fact) => fact.table_id === summary && fact.side === 'expenditure' && fact.measure === column)
  const detailFacts = usable.filter((fact) => fact.table_id === detail && fact.measure === 'total')
  const summaryTitle = tableDefinition(summary).title_zh
  const detailTitle = tableDefinition(detail).title_zh
  const seen = new Set<string>()
  for (const fact of summaryFacts) {
    if (!fact.subject_code || seen.has(fact.subject_code)) continue
    seen.add(fact.subject_code)
    const other = findFact(detailFacts, { subject_code: fact.subject_code })
    rows.push(
      ...compareAcross(context, `${detail}:${fact.subject_code}`, fact, other ? [other] : [], {
        zh: { actual: `${summaryTitle} ${fact.subject_code}（${fact.measure_raw || column}）`, expected: `${detailTitle} ${fact.subject_code}` },
        en: { actual: `${summary} ${fact.subject_code} ${column}`, expected: `${detail} ${fact.subject_code} total` },
      }),
    )
  }
  const total = findFact(summaryFacts, { line_item: 'expenditure_total', subject_code: '' })
  const detailTotal = findFact(detailFacts, { line_item: 'total', subject_code: '' })
  rows.push(
    ...compareAcross(context, `${detail}:total`, total, detailTotal ? [detailTotal] : [], {
      zh: { actual: `${summaryTitle} ${total?.label_raw ?? '本年支出合计'}（${total?.measure_raw || column}）`, expected: `${detailTitle} 合计` },
      en: { actual: `${summary} expenditure_total ${column}`, expected: `${detail} total` },
    }),
  )
  return rows
}

/** Printed names of the basic-expenditure table's total lines. */
const LINE_NAMES = { personnel_total: '人员经费合计', public_total: '公用经费合计' } as const

/**
 * 一般公共预算财政拨款支出决算表 合计 基本支出 against 人员经费合计 + 公用经费合计;
 * a blank 合计 line counts as its classes (002 prints 人员经费合计 blank).
 */
function compareBasicExpenditure(context: CheckContext, usable: readonly Fact[]): CheckRow[] {
  const basic = findFact(usable, { table_id: 'general_budget_expenditure', line_item: 'total', subject_code: '', measure: 'basic' })
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
  return compareAcross(context, 'general_budget_basic_expenditure:personnel_total+public_total', basic, addends, {
    zh: { actual: `${tableDefinition('general_budget_expenditure').title_zh} 合计 ${basic?.measure_raw || '基本支出'}`, expected: '人员经费合计 + 公用经费合计' },
    en: { actual: 'general_budget_expenditure total basic', expected: 'personnel_total + public_total' },
    ...(substituted.length > 0
      ? {
          note: {
            zh: `${substituted.map((entry) => entry.zh).join('、')}空白，以经济分类类级之和代替`,
            en: `blank total line, classes counted instead: ${substituted.map((entry) => entry.en).join('; ')}`,
          },
        }
      : {}),
  })
}

/**
 * “三公” 公务接待费 (决算数) against economic item 30217 公务接待费: the 三公
 * table covers reception paid from the whole general-budget appropriation
 * (projects too), 30217 only the basic expenditure, so they are comparable
 * only in general and a difference is a warning at most.
 */
function compareOfficialReception(context: CheckContext, usable: readonly Fact[]): CheckRow[] {
  const reception = findFact(usable, { table_id: 'three_public_expenses', measure: 'actual_official_reception' })
  const item = findFact(usable, { table_id: 'general_budget_basic_expenditure', subject_code: '30217', measure: 'amount' })
  return compareAcross(context, 'general_budget_basic_expenditure:30217', reception, item ? [item] : [], {
    zh: { actual: '“三公”经费 公务接待费决算数', expected: item ? tableTerm(item).zh : '30217' },
    en: { actual: 'three_public_expenses actual_official_reception', expected: 'basic expenditure item 30217' },
    maxSeverity: 'warning',
    note: {
      zh: '两者仅一般可比：“三公”经费含项目支出中的接待费，30217 仅为基本支出',
      en: 'comparable only in general: the 三公 figure includes reception paid from project spending, 30217 only basic expenditure',
    },
  })
}

/** Figures printed in two tables agree. */
export const checkCrossTable: CheckRule = (facts, given) => {
  const { usable, context } = checkableFacts(facts, given)
  return [
    ...compareSummaryWithDetail(context, usable, 'income_expenditure_summary', 'amount', 'expenditure_by_function'),
    ...compareSummaryWithDetail(context, usable, 'appropriation_summary', 'general_budget', 'general_budget_expenditure'),
    ...compareBasicExpenditure(context, usable),
    ...compareOfficialReception(context, usable),
  ]
}
