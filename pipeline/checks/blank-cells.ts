/**
 * Blank cells where the prose states the figure: the 情况说明 says
 * `一般公共预算财政拨款支出 1234.56 万元` and the table it restates prints
 * the row, but its cell is blank (or 0, `—`):
 *
 * > | 2010301	行政运行		（blank）
 *                         ^
 * A prose figure the prose reader could not tie to a table cell (the cell
 * its key names carries no fact, `doc.data.unlinkedFigures`) is a finding
 * when the table shows the cell was left blank rather than not read: the
 * row was read with figures in other columns, or its subject code is
 * printed on the table's lines, or the whole table prints no amount. A
 * cell printed as zero while the prose states a non-zero figure is a
 * finding too (the `prose-vs-table` row says by how much). A prose figure
 * of zero is no finding: a blank cell reads as zero.
 */
import type { CheckRow, Fact, TableRegion } from '../../core/types.ts'
import type { UnlinkedFigure } from '../../core/document.ts'
import type { CheckDocument } from './check-helpers.ts'
import { buildTextRow, regionLines } from './check-helpers.ts'
import { parseNumber } from '../../normalizers/parse-amount.ts'
import { MONEY_UNIT_EXPONENTS } from '../../core/text.ts'

/** How a prose figure is named in a message: its label and printed amount. */
function named(fact: Fact): string {
  return `${fact.label || fact.label_raw}${fact.value_raw}${fact.unit_raw}`
}

/** The row of a table a cell belongs to, as a message names it. */
function rowName(cell: Pick<UnlinkedFigure, 'subject_code' | 'line_item'>): string {
  return cell.subject_code || cell.line_item || 'total'
}

/** Whether a table fact is in the cell's row (the subject code, else side and line item). */
function inRow(fact: Fact, cell: Pick<UnlinkedFigure, 'subject_code' | 'line_item' | 'side'>): boolean {
  if (cell.subject_code) return fact.subject_code === cell.subject_code
  return fact.line_item === cell.line_item && (!cell.side || fact.side === cell.side) && fact.subject_code === ''
}

/** Whether a line prints a subject code as a whole number (`2010301`, not inside `20103011`). */
function printsCode(line: string, code: string): boolean {
  for (let index = line.indexOf(code); index >= 0; index = line.indexOf(code, index + 1)) {
    if (!/\d/.test(line[index - 1] ?? '') && !/\d/.test(line[index + code.length] ?? '')) return true
  }
  return false
}

/** Whether a table figure restates the prose figure, within half a unit of the prose's last printed digit (either way of rounding). */
function restates(table: Fact, prose: Fact): boolean {
  const decimals = parseNumber(prose.value_raw)?.scale ?? 0
  const exponent = MONEY_UNIT_EXPONENTS[prose.unit_raw] ?? 0
  return Math.abs(Number(table.value) - Number(prose.value)) <= 10 ** (exponent - decimals)
}

/** An amount cell in 元 or 万元, with decimals or thousands separators (`2,614.19`, `189,767,551`, `.97` of a wrapped cell). */
const AMOUNT_TOKEN = /^(?:[\d,]*\.\d{2}|\d{1,3}(?:,\d{3})+)$/

/** Whether lines print an amount other than zero. */
function printsAmount(lines: readonly string[]): boolean {
  return lines.some((line) => line.split(/\s+/).some((token) => AMOUNT_TOKEN.test(token) && /[1-9]/.test(token)))
}

/**
 * Why the table shows the cell blank rather than not read, or undefined
 * when it does not: the row read, with fewer cells than the table's fullest
 * row and none restating the figure; its subject code printed on a line with
 * no other number in a table read elsewhere; or a table with no amount at all.
 */
function blankEvidence(document: CheckDocument, tableFacts: readonly Fact[], prose: Fact, cell: Omit<UnlinkedFigure, 'fact'>, regions: readonly TableRegion[]): { zh: string; en: string } | undefined {
  const rowFacts = tableFacts.filter((fact) => inRow(fact, cell))
  const first = rowFacts[0]
  if (first) {
    // The column was read in other rows, this row has no cell in it, and no cell of the row restates the figure.
    const columnRead = cell.measure !== '' && tableFacts.some((fact) => fact.measure === cell.measure && !inRow(fact, cell))
    if (!columnRead || rowFacts.some((fact) => fact.measure === cell.measure || restates(fact, prose))) return undefined
    // A narrow column that wrapped its cells (`168,441` / `.81`, `576,171.1` / `1`) is misread, not blank: a line of bare number fragments above or below the row.
    const fragment = (line: string | undefined): boolean => /^[\d,.\s]+$/.test(line ?? '') && /\d/.test(line ?? '')
    if (fragment(document.lines[first.line]) || fragment(document.lines[first.line - 2])) return undefined
    return {
      zh: `该行（${first.line}:${first.column}）已列示，“${cell.measure}”栏为空`,
      en: `its row (${first.line}:${first.column}) is printed, its \`${cell.measure}\` cell blank`,
    }
  }
  const read = tableFacts.some((fact) => /[1-9]/.test(fact.value))
  for (const region of regions) {
    const lines = regionLines(document.lines, region, document.regions)
    if (!read && !printsAmount(lines.slice(1))) return { zh: `整张表未列示任何金额（${region.titleLine} 行起）`, en: `the whole table prints no amount (from line ${region.titleLine})` }
    const index = cell.subject_code && read ? lines.findIndex((line) => printsCode(line, cell.subject_code)) : -1
    if (index < 0) continue
    // The row prints nothing but its code and name: no other digit on its line, no wrapped cell (`.09`) below.
    const line = (lines[index] ?? '').replace(cell.subject_code, '')
    if (/[1-9]/.test(line) || /^\s*\.\d/.test(lines[index + 1] ?? '')) return undefined
    return { zh: `科目 ${cell.subject_code} 已列示（第 ${region.titleLine + index} 行），金额为空`, en: `subject ${cell.subject_code} is printed at line ${region.titleLine + index} with no amount` }
  }
  return undefined
}

/** Check that the cells the prose restates are not left blank. */
export function checkBlankCells(facts: Fact[], _checkable?: unknown, document?: CheckDocument): CheckRow[] {
  if (!document) return []
  const rows: CheckRow[] = []
  const docId = document.docId
  for (const { fact, ...cell } of document.data.unlinkedFigures) {
    if (!/[1-9]/.test(fact.value)) continue
    const regions = document.regions.filter((region) => region.tableId === cell.table_id)
    const title = regions[0]?.title.trim() ?? cell.table_id
    const tableFacts = facts.filter((entry) => entry.origin === 'table' && entry.table_id === cell.table_id)
    const evidence = blankEvidence(document, tableFacts, fact, cell, regions)
    if (!evidence) continue
    rows.push(
      buildTextRow({
        docId,
        rule: 'blank-cells',
        key: `${cell.table_id}:${rowName(cell)}:${cell.measure}:${fact.line}:${fact.column}`,
        failed: true,
        tableId: cell.table_id,
        subjectCode: cell.subject_code,
        lineItem: cell.line_item,
        measure: cell.measure,
        factIds: [fact.fact_id],
        zh: `说明文字“${named(fact)}”（${fact.line}:${fact.column}）在“${title}”中对应单元格（${rowName(cell)}${cell.measure ? ` ${cell.measure}` : ''}）为空：${evidence.zh}`,
        en: `The prose states ${named(fact)} at ${fact.line}:${fact.column}, but its cell in \`${title}\` (${cell.table_id} ${rowName(cell)}${cell.measure ? ` ${cell.measure}` : ''}) is blank: ${evidence.en}`,
      }),
    )
  }
  // A cell printed as zero (`0.00`, `—`) where the prose states a figure.
  const byId = new Map(facts.filter((entry) => entry.origin === 'table').map((entry) => [entry.fact_id, entry]))
  for (const prose of facts) {
    if (prose.origin !== 'prose' || !prose.table_fact_id || !/[1-9]/.test(prose.value)) continue
    const table = byId.get(prose.table_fact_id)
    if (!table || /[1-9]/.test(table.value)) continue
    // Another cell of the row restates the figure (a table of several years or funds read into one row): the zero is not its cell.
    const row = { subject_code: table.subject_code, line_item: table.line_item, side: table.side, table_id: table.table_id, measure: table.measure }
    if (facts.some((entry) => entry.origin === 'table' && entry.table_id === table.table_id && inRow(entry, row) && restates(entry, prose))) continue
    const title = table.table_title_raw || table.table_id
    rows.push(
      buildTextRow({
        docId,
        rule: 'blank-cells',
        key: `${table.table_id}:${table.subject_code || table.line_item}:${table.measure}:${prose.line}:${prose.column}`,
        failed: true,
        tableId: table.table_id,
        subjectCode: table.subject_code,
        lineItem: table.line_item,
        measure: table.measure,
        factIds: [prose.fact_id, table.fact_id],
        zh: `说明文字“${named(prose)}”（${prose.line}:${prose.column}）在“${title}”中对应单元格印为“${table.value_raw}”（${table.line}:${table.column}）`,
        en: `The prose states ${named(prose)} at ${prose.line}:${prose.column}, but its cell in \`${title}\` is printed \`${table.value_raw}\` at ${table.line}:${table.column}`,
      }),
    )
  }
  return rows
}
