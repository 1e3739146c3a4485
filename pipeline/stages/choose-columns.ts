/**
 * Figures whose column a page told by order only (a page continued without
 * its header, its columns squeezed by pdftotext) are put in the column where
 * their table's own sums hold: a parent equals its children, a row's total
 * its parts. Where the sums do not tell one column from the others, the
 * figures are not placed.
 */
import type { ColumnChoiceFact, SourceDocument, Stage } from '../../core/document.ts'
import type { Fact, TableId } from '../../core/types.ts'
import { OTHER_TABLE } from '../../core/registry.ts'
import { checkHierarchy } from '../checks/hierarchy.ts'
import { checkRowIdentities } from '../checks/row-identities.ts'
import { compareValues, sumValues } from '../checks/check-helpers.ts'

/**
 * Decide each group of figures placed by order only: the column (of those
 * its page leaves open) with the fewest failing sums in the table, when one
 * column alone has the fewest; none otherwise, and its figures are unplaced
 * (`ambiguous-column`). Sums that hold do not break a tie: a column where
 * more of them hold may only be one where more are judged. Nor is a group
 * decided when a column no header names is among its options: its sums would
 * not be judged there.
 *
 * > | 21499     其他交通运输支出   192,522.81                      192,522.81
 * > | ␌2149999  其他交通运输支出   5,997.60            5,997.60
 *                                                     ^^^^^^^^ 公用经费: 214 公用经费 fails; 项目支出: 21499 holds → 项目支出
 */
export const chooseColumns: Stage = (doc) => {
  const dropped = new Set<Fact>()
  for (const entries of doc.data.columnChoices.values()) {
    const chosen = chooseOption(doc, entries)
    // A table outside the nine has no measures to be wrong: where its sums do not tell, its figures keep the column their order gave.
    if (chosen === undefined && entries[0]?.fact.table_id === OTHER_TABLE) continue
    if (chosen === undefined) {
      for (const { fact } of entries) {
        dropped.add(fact)
        doc.unplace({ line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column }, fact.value_raw, 'ambiguous-column', fact.table_id)
      }
      const first = entries[0]?.fact
      if (first) {
        doc.message(`Figures of a page of \`${first.table_title_raw}\` without a header stand in a column its order does not tell, and the table's sums do not either (${entries[0]?.options.map((option) => option.column_label).join(', ')}): not placed`, {
          ruleId: 'ambiguous-column',
          place: { line: first.line, column: first.column, endLine: first.end_line, endColumn: first.end_column },
          actual: entries.map((entry) => entry.fact.value_raw).join(' '),
          expected: entries[0]?.options.map((option) => option.column_label) ?? [],
        })
      }
      continue
    }
    for (const entry of entries) Object.assign(entry.fact, entry.options[chosen])
  }
  if (dropped.size > 0) doc.facts = doc.facts.filter((fact) => !dropped.has(fact))
}

/** The option every figure of the group takes, or undefined when the table's sums do not single one out. */
function chooseOption(doc: SourceDocument, entries: readonly ColumnChoiceFact[]): number | undefined {
  const first = entries[0]
  if (!first) return undefined
  const count = first.options.length
  if (entries.some((entry) => entry.options.length !== count)) return undefined
  // A column no header names may be where the figure belongs: its sums are then not judged, so the others' prove nothing.
  if (first.options.some((option) => !option.measure) && first.options.some((option) => option.measure)) return undefined
  const table = doc.facts.filter((fact) => fact.origin === 'table' && fact.table_id === first.fact.table_id && fact.table_title_raw === first.fact.table_title_raw)
  const scores: number[] = []
  for (let option = 0; option < count; option++) {
    for (const entry of entries) Object.assign(entry.fact, entry.options[option])
    const rows = first.fact.table_id === OTHER_TABLE ? checkHierarchy(byColumn(table)) : [...checkHierarchy(table), ...checkRowIdentities(table)]
    const classes = classTotals(table)
    scores.push(rows.filter((row) => row.severity === 'error').length + classes.filter((holds) => !holds).length)
  }
  for (const entry of entries) Object.assign(entry.fact, entry.options[0])
  const best = scores.findIndex((fails, index) => scores.every((other, at) => at === index || fails < other))
  return best < 0 ? undefined : best
}

/**
 * Whether the 合计 row of a basic-expenditure table printed in columns
 * (合计, 人员经费, 公用经费) equals its economic classes, measure by
 * measure: the `hierarchy` check leaves the classes without a parent (the
 * 决算 template prints 人员经费合计 and 公用经费合计 as rows instead), but a
 * 预算 prints them as columns of the 合计 row, and which classes a column
 * holds tells 人员经费 (301, 303) from 公用经费 (302 …).
 *
 * > | 合计            29,606.33   26,143.66   3,462.67
 * > | 303  对个人和家庭的补助   2,413.72   2,413.72     ← 26,143.66 = 301 23,729.94 + 303 2,413.72: 人员经费
 */
function classTotals(table: readonly Fact[]): boolean[] {
  const measures = new Map<string, { total?: Fact; classes: Fact[] }>()
  for (const fact of table) {
    if (fact.table_id !== 'general_budget_basic_expenditure' || !fact.measure) continue
    const entry = measures.get(fact.measure) ?? { classes: [] }
    if (fact.line_item === 'total' && !fact.subject_code) entry.total ??= fact
    else if (fact.subject_system === 'economic' && /^3\d{2}$/.test(fact.subject_code)) entry.classes.push(fact)
    measures.set(fact.measure, entry)
  }
  return [...measures.values()].flatMap(({ total, classes }) => (total && classes.length > 0 ? [compareValues(sumValues(classes.map((fact) => fact.value)), total.value) === 0] : []))
}

/**
 * A table outside the nine as the `hierarchy` check reads a functional
 * table: each column (its header path) a measure of its own, so that a
 * parent equals its children column by column (财政拨款支出表（功能科目）
 * prints the columns of the 一般公共预算支出表). Copies: the facts stay as they are.
 */
function byColumn(table: readonly Fact[]): Fact[] {
  return table.map((fact) => ({ ...fact, table_id: STAND_IN, measure: fact.column_label }))
}

/** The functional table whose hierarchy a table outside the nine is checked as (codes 类 → 款 → 项 under a 合计). */
const STAND_IN: TableId = 'expenditure_by_function'
