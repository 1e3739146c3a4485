/**
 * Prose against tables: a figure the 情况说明 restates (a prose fact linked
 * to a table fact by `table_fact_id`) must equal it; a unit printed
 * differently (`本年收入合计1118.77元` where the table says 万元) is its own
 * finding, never corrected silently.
 */
import type { Fact } from '../../core/types.ts'
import { buildCheckRow, computeCheckId, createCheckContext, unitOf } from './check-helpers.ts'
import type { CheckRow } from '../../core/types.ts'
import { MONEY_UNIT_EXPONENTS } from '../../core/text.ts'


/** The label of a prose figure for messages: its phrase, else its key. */
function labelOf(fact: Fact): string {
  return fact.label || fact.label_raw || fact.line_item || fact.subject_code
}

/** Check every prose money figure linked to a table figure of the same document. */
export function checkProseVsTable(facts: Fact[]): CheckRow[] {
  const byId = new Map(facts.filter((fact) => fact.origin === 'table').map((fact) => [fact.fact_id, fact]))
  const context = createCheckContext(facts)
  const rows: CheckRow[] = []
  for (const prose of facts) {
    if (prose.origin !== 'prose' || !prose.table_fact_id || prose.unit !== 'CNY') continue
    const table = byId.get(prose.table_fact_id)
    if (!table) continue
    const key = `prose:${prose.line}:${prose.column}`
    const row = buildCheckRow(context, {
      rule: 'prose-vs-table',
      key,
      actual: { fact: prose, zh: `说明文字“${labelOf(prose)}”`, en: `prose ${labelOf(prose)}` },
      addends: [{ fact: table, zh: `表中${table.table_title_raw}`, en: `the table ${table.table_id}` }],
      zh: { actual: `说明文字“${labelOf(prose)}”`, expected: `表中${table.table_title_raw}` },
      en: { actual: `prose ${labelOf(prose)}`, expected: `table ${table.table_id} ${table.subject_code || table.line_item} ${table.measure}` },
    })
    // The table's unit as applied: printed, or assumed when the table prints none (unit_basis).
    const tableUnitName = unitOf(context, table)
    const proseUnit = MONEY_UNIT_EXPONENTS[prose.unit_raw]
    const tableUnit = MONEY_UNIT_EXPONENTS[tableUnitName]
    // Units printed differently are common (prose in 万元, tables in 元) and fine when the amounts agree; a slip is a disagreement whose digits are the same.
    const sameDigits = prose.value_raw.replace(/[,，\s]/g, '') === table.value_raw.replace(/[,，\s]/g, '')
    if (row.severity === 'error' && prose.unit_raw !== tableUnitName && proseUnit !== undefined && tableUnit !== undefined && sameDigits) {
      rows.push({
        check_id: computeCheckId(prose.doc_id, 'prose-vs-table', table.table_id, `unit:${key}`, table.measure),
        doc_id: prose.doc_id,
        rule: 'prose-vs-table',
        base_rule: 'prose-vs-table',
        severity: 'error',
        status: 'fail',
        table_id: table.table_id,
        subject_code: table.subject_code,
        line_item: table.line_item,
        measure: table.measure,
        expected: table.value,
        actual: prose.value,
        difference: '',
        tolerance: '',
        fact_ids: `${prose.fact_id};${table.fact_id}`,
        message:
          `说明文字“${labelOf(prose)}${prose.value_raw}${prose.unit_raw}”的单位为${prose.unit_raw}，表中为${table.value_raw}${tableUnitName}${table.unit_raw ? '' : '（表未印单位）'}（数字相同，疑为单位印错） · ` +
          `Unit slip: the prose prints ${prose.value_raw} ${prose.unit_raw} for ${labelOf(prose)} at ${prose.line}:${prose.column}, the table ${table.value_raw} ${tableUnitName}${table.unit_raw ? '' : ` (not printed: unit_basis ${table.unit_basis})`} at ${table.line}:${table.column} (same digits: the unit is misprinted)`,
      })
      continue
    }
    rows.push({ ...row, table_id: table.table_id, subject_code: table.subject_code, line_item: table.line_item, measure: table.measure })
  }
  return rows
}
