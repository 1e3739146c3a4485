/**
 * The standard tables a 决算 or 预算 prints, each printed with figures, or
 * missing or empty with the statement the template asks for:
 *
 * > | 本部门无政府性基金预算收入，也没有使用政府性基金安排的支出，故本表为空表
 *
 * Per standard table one row:
 * - printed with figures: a pass;
 * - missing or empty (no figure, or all zero) and the text says the document
 *   has none of its money (the `absence` patterns of tables.json) or the
 *   table's own lines say it is empty (`本表为空表`, `本表无数据`): a pass;
 * - missing, and the document never names its money (`国有资本经营`), or its
 *   summary table prints the money's line with no figure or zeros
 *   (`三、国有资本经营预算资金` and then the next label): a pass;
 * - missing, not stated, but the document's 目录 lists it: an error (a
 *   table promised and not printed);
 * - missing, not stated, and the 目录 lists other tables but not it: a pass
 *   (the region's template has no such table);
 * - missing or empty otherwise: a warning.
 * A table printed whose figures were not read (amounts on its lines, no
 * facts) is not judged: the readers' messages say why. A document that
 * prints no table at all is not judged here either: the `tables-not-printed`
 * message says so once (see `findListedTables`).
 */
import type { CheckRow, Fact, TableId, TableRegion } from '../../core/types.ts'
import { TABLE_IDS } from '../../core/registry.ts'
import { classifyTableTitle, headingKey, looksLikeTableTitle, statesTableAbsent, tableDefinition, tableMoney } from '../../normalizers/normalize-heading.ts'
import { normalizeLineItem } from '../../normalizers/normalize-line-item.ts'
import { isAmountText, ZERO_MARKERS } from '../../normalizers/parse-amount.ts'
import type { CheckDocument } from './check-helpers.ts'
import { buildTextRow, printsNonZeroAmount, regionLines } from './check-helpers.ts'
import type { Span } from '../../core/types.ts'

/** A table's own lines saying it is empty: `故本表为空表`, `本表无数据`, `注：本表本年无发生额`, `注：本部门无相关收支项目`. */
const EMPTY_STATEMENT = /(?:本|此|该)表(?:本年度?)?(?:为空|无(?:数据|内容|发生额|数)|数据为空|为0)|空表|无发生额|(?:无|没有)(?:该|此|相关|本)(?:类|项)?(?:收支|收入|支出|项目|数据)/

/** The 目录 line. */
const CONTENTS = /^目录$/

/** Standard tables a 目录 lists for its list to stand for the document's template. */
const MIN_LISTED = 3

/** Lines after 目录 read as its entries. */
const CONTENTS_LINES = 80

/** Page numbers and dot leaders at the end of a 目录 entry (`收支总表……3`). */
const LEADER = new Set([...'.…·．-0123456789'])

/** A 目录 entry without its page number and dot leaders. */
function withoutLeader(key: string): string {
  let end = key.length
  while (end > 0 && LEADER.has(key[end - 1] ?? '')) end--
  return key.slice(0, end)
}

/** How a standard table stands in a document. */
export type TablePresence =
  | { id: TableId; status: 'printed'; region: TableRegion }
  | { id: TableId; status: 'empty'; stated: boolean; region: TableRegion }
  | { id: TableId; status: 'unread'; region: TableRegion }
  | { id: TableId; status: 'missing'; stated: boolean; listed: boolean; contents: boolean; none?: NoMoney }

/** Why a document has none of a table's money though it does not say so: it never names it, or its summary prints the money's line without a figure. */
export type NoMoney = { words: string; unnamed: true } | { words: string; unnamed: false; line: number; column: number; label: string }

/** The tables a document's 目录 lists: each with its line, and the 目录 line itself. */
export interface ListedTables {
  place: Span
  tables: { title: string; id: TableId | 'other'; line: number }[]
}

/**
 * The tables the 目录 lists: the 目录 line within the first lines, then each
 * following line that names a table (page numbers and dot leaders dropped),
 * until the body repeats the 目录's first entry.
 */
export function findListedTables(lines: readonly string[]): ListedTables | undefined {
  const start = lines.slice(0, CONTENTS_LINES).findIndex((line) => CONTENTS.test(headingKey(line)))
  if (start < 0) return undefined
  const tables: ListedTables['tables'] = []
  let first = ''
  for (let index = start + 1; index < Math.min(lines.length, start + 1 + CONTENTS_LINES); index++) {
    const key = withoutLeader(headingKey(lines[index] ?? ''))
    if (!key) continue
    if (!first) first = key
    else if (key === first) break
    const id = classifyTableTitle(key)
    if (id && looksLikeTableTitle(key)) tables.push({ title: (lines[index] ?? '').trim(), id, line: index + 1 })
  }
  const line = lines[start] ?? ''
  const column = line.length - line.trimStart().length + 1
  return { place: { line: start + 1, column, endLine: start + 1, endColumn: line.trimEnd().length + 1 }, tables }
}

/** The text of a region's lines and the note lines after it (up to the next table's title), compacted. */
function regionText(lines: readonly string[], region: TableRegion, regions: readonly TableRegion[]): string {
  return headingKey(regionLines(lines, region, regions).join(''))
}

/** How each standard table stands in a document that prints tables (undefined for one that prints none, or is no 决算 or 预算). */
export function assessTablePresence(document: CheckDocument, facts: readonly Fact[]): TablePresence[] | undefined {
  const kind = document.metadata.docKind
  if ((kind !== 'final_accounts' && kind !== 'budget') || document.regions.every((region) => region.tableId === undefined)) return undefined
  const text = headingKey(document.lines.join(''))
  const listed = findListedTables(document.lines)
  const listedIds = new Set(listed?.tables.map((table) => table.id))
  // A 目录 that lists a few standard tables is the document's list of them; one naming a single table may be a fragment.
  const contents = new Set(listed?.tables.flatMap((table) => (table.id === 'other' ? [] : [table.id]))).size >= MIN_LISTED
  return TABLE_IDS.map((id): TablePresence => {
    const regions = document.regions.filter((region) => region.tableId === id)
    const region = regions[0]
    const stated = statesTableAbsent(text, id) || regions.some((entry) => EMPTY_STATEMENT.test(regionText(document.lines, entry, document.regions)))
    if (!region) {
      const none = stated ? undefined : noMoney(document, facts, text, id)
      return { id, status: 'missing', stated, listed: listedIds.has(id), contents, ...(none ? { none } : {}) }
    }
    const tableFacts = facts.filter((fact) => fact.origin === 'table' && fact.table_id === id)
    if (tableFacts.some((fact) => /[1-9]/.test(fact.value))) return { id, status: 'printed', region }
    // Non-zero amounts on the table's lines but no non-zero fact: the table was not read (or misread), not empty.
    const printedAmounts = regions.some((entry) => regionLines(document.lines, entry, document.regions).slice(1).some(printsNonZeroAmount))
    if (printedAmounts) return { id, status: 'unread', region }
    return { id, status: 'empty', stated, region }
  })
}

/** Summary tables whose income lines hold each fund's money. */
const SUMMARY_TABLES: ReadonlySet<TableId | undefined> = new Set<TableId>(['income_expenditure_summary', 'appropriation_summary'])

/**
 * Whether a document shows it has none of a table's money: it never prints
 * the words that name it, or its summary tables print the money's line
 * (a label of that line item) followed only by zeros or directly by the
 * next label — and no table figure of that line item was read anywhere (a
 * value printed on another line than its label is read onto it; the prose
 * may well say how the money changed from last year's).
 */
function noMoney(document: CheckDocument, facts: readonly Fact[], text: string, id: TableId): NoMoney | undefined {
  const { words, summaryLine } = tableMoney(id)
  if (!words) return undefined
  if (!text.includes(words)) return { words, unnamed: true }
  if (!summaryLine || facts.some((fact) => fact.origin === 'table' && fact.line_item === summaryLine && /[1-9]/.test(fact.value))) return undefined
  let found: NoMoney | undefined
  for (const region of document.regions.filter((entry) => SUMMARY_TABLES.has(entry.tableId))) {
    for (const [offset, line] of regionLines(document.lines, region, document.regions).entries()) {
      const tokens = [...line.matchAll(/\S+/g)]
      for (const [index, token] of tokens.entries()) {
        if (normalizeLineItem(token[0], 'income') !== summaryLine) continue
        for (const next of tokens.slice(index + 1)) {
          if (!isAmountText(next[0]) && !ZERO_MARKERS.has(next[0])) break
          if (/[1-9]/.test(next[0])) return undefined
        }
        found ??= { words, unnamed: false, line: region.titleLine + offset, column: (token.index ?? 0) + 1, label: token[0] }
      }
    }
  }
  return found
}

/** The title of a standard table in the document's kind. */
function titleOf(id: TableId, kind: string): string {
  const definition = tableDefinition(id)
  return kind === 'budget' ? definition.budget_title_zh : definition.title_zh
}

/** Check that every standard table is printed, or stated missing or empty. */
export function checkTablePresence(facts: Fact[], _checkable?: unknown, document?: CheckDocument): CheckRow[] {
  if (!document) return []
  const presence = assessTablePresence(document, facts)
  if (!presence) return []
  const docId = document.docId
  const kind = document.metadata.docKind
  return presence.flatMap((entry): CheckRow[] => {
    const title = titleOf(entry.id, kind)
    const base = { docId, rule: 'table-presence' as const, key: entry.id, tableId: entry.id, measure: entry.status }
    if (entry.status === 'unread') return []
    if (entry.status === 'printed') {
      const { titleSpan } = entry.region
      return [buildTextRow({ ...base, failed: false, place: titleSpan, zh: `“${title}”已列示（${titleSpan.line}:${titleSpan.column}）`, en: `\`${title}\` (${entry.id}) is printed with figures at ${titleSpan.line}:${titleSpan.column}` })]
    }
    if (entry.status === 'empty') {
      const { titleSpan } = entry.region
      const where = `${titleSpan.line}:${titleSpan.column}`
      return [
        entry.stated
          ? buildTextRow({ ...base, failed: false, place: titleSpan, zh: `“${title}”（${where}）为空表，文中已说明`, en: `\`${title}\` (${entry.id}) at ${where} is empty, and the text says why` })
          : buildTextRow({
              ...base,
              failed: true,
              severity: 'warning',
              place: titleSpan,
              zh: `“${title}”（${where}）为空表（无数或均为 0），文中未说明原因（如“本部门无…收支，故本表为空表”）`,
              en: `\`${title}\` (${entry.id}) at ${where} is empty (no figure, or all zero) and the text does not say why (the template asks for e.g. 本部门无…收支，故本表为空表)`,
            }),
      ]
    }
    if (entry.stated) return [buildTextRow({ ...base, failed: false, zh: `未列示“${title}”，文中已说明无此项收支`, en: `\`${title}\` (${entry.id}) is not printed, and the text says the document has none of its money` })]
    if (entry.listed) {
      return [buildTextRow({ ...base, failed: true, zh: `目录列有“${title}”，正文未列示，亦未说明原因`, en: `\`${title}\` (${entry.id}) is listed in the table of contents but not printed, and the text does not say why` })]
    }
    if (entry.none?.unnamed) {
      return [buildTextRow({ ...base, failed: false, zh: `未列示“${title}”，全文未提及“${entry.none.words}”（本地区格式无此表）`, en: `\`${title}\` (${entry.id}) is not printed, and the document never names its money (${entry.none.words}): its template has no such table` })]
    }
    if (entry.none) {
      const { line, column, label } = entry.none
      const place = { line, column, endLine: line, endColumn: column + label.length }
      return [buildTextRow({ ...base, failed: false, place, zh: `未列示“${title}”，收支总表“${label}”（${line}:${column}）未列数，本部门无此项收支`, en: `\`${title}\` (${entry.id}) is not printed, and the summary table prints \`${label}\` at ${line}:${column} with no figure: the document has none of its money` })]
    }
    if (entry.contents) {
      return [buildTextRow({ ...base, failed: false, zh: `目录未列“${title}”（本地区格式无此表）`, en: `\`${title}\` (${entry.id}) is not in the document's table of contents: its template has no such table` })]
    }
    return [buildTextRow({ ...base, failed: true, severity: 'warning', zh: `未找到“${title}”，文中未说明原因`, en: `\`${title}\` (${entry.id}) is not printed, and the text does not say why` })]
  })
}
