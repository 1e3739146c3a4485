/**
 * `make real`: how much of a folder of real documents the build turns into
 * table figures, measured from the build's output tables alone.
 *
 * Usage: tsx scripts/real.ts DIR_OR_FILE... [--pdf] [--tsv FILE] [--json FILE] [--keep DIR]
 *
 * A folder stands for its `.txt` documents, or with `--pdf` for its `.pdf`
 * ones (a folder of real/ holds each document both ways); a file is taken
 * as given. With `--pdf` it also prints the speed: the time per PDF of the
 * whole build from PDF, and of `pdftotext -layout` alone on the same files
 * in the same run (one at a time), wall and CPU.
 *
 * Runs the real CLI once (`node bin/cn-budget-etl.js build --input A --input B
 * … --out TMP --no-cache --quiet`; one `--input` per path, which the CLI takes
 * as it takes `--input A B`), then reads `documents`, `facts`, `unplaced`,
 * `checks` and `messages` (CSV) and prints one line per document, worst
 * first, and the totals. `--tsv` writes the per-document figures (sorted by
 * doc_id, so two runs diff line by line), `--json` the totals; `--keep DIR`
 * builds into DIR and leaves it there (to open the rows behind a figure). Nothing printed
 * or written depends on the time, the machine or the temporary folder.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { parse } from 'csv-parse/sync'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The nine standard tables, in the order of the disclosure (决算 and 预算 alike), with a short name for the terminal. */
export const STANDARD_TABLES = [
  { id: 'income_expenditure_summary', short: '收支总表' },
  { id: 'income_by_function', short: '收入表' },
  { id: 'expenditure_by_function', short: '支出表' },
  { id: 'appropriation_summary', short: '财拨总表' },
  { id: 'general_budget_expenditure', short: '一般公共' },
  { id: 'general_budget_basic_expenditure', short: '基本支出' },
  { id: 'three_public_expenses', short: '三公' },
  { id: 'government_fund', short: '政府性基金' },
  { id: 'state_capital', short: '国有资本' },
] as const

/**
 * Unplaced reasons that only numbers inside a table get, though their row
 * carries no `table_id`: `unrecognised-table` (every number of a table that is
 * not one of the nine, pipeline/process-document.ts), `table-text` and
 * `table-amount` (a whole number, an amount, on a line of a table region that
 * no cell took, classifyToken with inTable)
 * and `subject-code` (a code cell of a grid, account-numbers.ts). Every
 * reason with a `table_id` (`row-number`, `column-number`, `unlabelled-row`,
 * `unrecognised-row`, `unmapped-column`: normalize-table.ts) is inside a
 * standard table.
 */
export const TABLE_ONLY_REASONS: ReadonlySet<string> = new Set(['unrecognised-table', 'table-text', 'table-amount', 'indicator', 'cell-text', 'subject-code'])

/**
 * Numbers inside a table that the pipeline identified as labels of a row or
 * column, or as part of the words of a text cell (a 绩效 indicator's `≥90%`,
 * `完成2项`), not amounts: they are no missed figures, so the shares leave
 * them out (and the totals line lists them).
 */
export const LABEL_REASONS: ReadonlySet<string> = new Set(['row-number', 'column-number', 'subject-code', 'indicator', 'cell-text'])

/** The reasons given a column of their own in the TSV (others are in `in_table_by_reason`). */
const REASON_COLUMNS = ['unrecognised-table', 'table-text', 'table-amount', 'unrecognised-row', 'unlabelled-row', 'unmapped-column', 'row-number', 'column-number', 'subject-code', 'indicator', 'cell-text'] as const

/** What the output tables say about one document. */
export interface DocumentMeasure {
  docId: string
  sourceFile: string
  department: string
  fiscalYear: string
  kind: string
  layout: string
  status: string
  /** Standard tables found, as the build counts them (`documents.tables_found`). */
  tablesFound: number
  /** Standard tables the document prints or should: nine, less those it says it has none of or its template lacks (table-presence), none when it prints no table at all (tables-not-printed). */
  tablesExpected: number
  /** The document prints no table at all (its tables are an attachment, or images): the tables-not-printed message. */
  printsNoTable: boolean
  /** Standard table ids with no sign in the outputs (of the nine, for a 预算 as for a 决算). */
  tablesMissing: string[]
  /** Tables found that are none of the nine (`unrecognised-table` messages). */
  tablesUnrecognised: number
  /** Facts with origin `table`. */
  tableFigures: number
  /** Figures of the nine standard tables (table_id other than `other`). */
  standardFigures: number
  /** Unplaced numbers inside tables, by reason (labels included). */
  inTableByReason: Map<string, number>
  /** Unplaced numbers inside a standard table (non-empty table_id) that are not labels. */
  missedStandard: number
  /** Unplaced numbers inside any table that are not labels. */
  missedAll: number
  /** Labels inside tables (row and column numbers, subject codes). */
  labels: number
  /** Table figures / (table figures + missed), standard tables; null without any table number. */
  shareStandard: number | null
  /** The same over all tables. */
  shareAll: number | null
  checksPassed: number
  /** Failed with severity error. */
  checksFailed: number
  /** Failed within the rounding tolerance (rule `rounding`, severity warning). */
  checksRounding: number
  /** Failed with severity warning for another reason (a check capped at warning). */
  checksWarned: number
  /** Problems by severity in `messages`. */
  messages: number
  /** The document's first (or fatal) message, as `documents.message`. */
  message: string
}

/** Totals over the documents, as `--json` writes them. */
export interface RealTotals {
  inputs: string[]
  documents: number
  failed: number
  byKind: Record<string, { documents: number; nineOfNine: number; zeroOfNine: number; tablesFound: number; tableFigures: number }>
  /** Of the nine: in how many documents each was found. */
  documentsWithTable: Record<string, number>
  tablesFound: number
  /** Standard tables the documents print or should (see DocumentMeasure.tablesExpected), and the documents that print no table. */
  tablesExpected: number
  printingNoTable: number
  tablesUnrecognised: number
  tableFigures: number
  standardFigures: number
  inTableByReason: Record<string, number>
  missedStandard: number
  missedAll: number
  labels: number
  shareStandard: number | null
  shareAll: number | null
  checks: { passed: number; failed: number; rounding: number; warned: number }
}

/** The five output tables the measurement reads, as records keyed by header. */
export interface BuildTables {
  documents: Record<string, string>[]
  facts: Record<string, string>[]
  unplaced: Record<string, string>[]
  checks: Record<string, string>[]
  messages: Record<string, string>[]
}

/** Read the CSV tables of a build's output folder. */
export function readBuildTables(folder: string): BuildTables {
  const read = (name: string): Record<string, string>[] => {
    const path = join(folder, `${name}.csv`)
    if (!existsSync(path)) throw new Error(`No \`${name}.csv\` in ${folder}: is it the output folder of \`cn-budget-etl build\`?`)
    return parse(readFileSync(path), { bom: true, columns: true }) as Record<string, string>[]
  }
  return { documents: read('documents'), facts: read('facts'), unplaced: read('unplaced'), checks: read('checks'), messages: read('messages') }
}

/** Whether an unplaced number stands inside a table: it has a table, or a reason only tables give. */
export function isInTable(row: Record<string, string>): boolean {
  return (row.table_id ?? '') !== '' || TABLE_ONLY_REASONS.has(row.reason ?? '')
}

const share = (placed: number, missed: number): number | null => (placed + missed === 0 ? null : placed / (placed + missed))

/** One entry per document of the build's outputs, in the order of `documents`. */
export function measureDocuments(tables: BuildTables): DocumentMeasure[] {
  const byDoc = new Map<string, DocumentMeasure>()
  for (const row of tables.documents) {
    const docId = row.doc_id ?? ''
    byDoc.set(docId, {
      docId,
      sourceFile: row.source_file ?? '',
      department: row.department ?? '',
      fiscalYear: row.fiscal_year ?? '',
      kind: row.doc_kind ?? '',
      layout: row.layout ?? '',
      status: row.status ?? '',
      tablesFound: Number(row.tables_found ?? 0),
      tablesExpected: STANDARD_TABLES.length,
      printsNoTable: false,
      tablesMissing: [],
      tablesUnrecognised: (row.tables_unrecognised ?? '').split(';').filter(Boolean).length,
      tableFigures: 0,
      standardFigures: 0,
      inTableByReason: new Map(),
      missedStandard: 0,
      missedAll: 0,
      labels: 0,
      shareStandard: null,
      shareAll: null,
      checksPassed: 0,
      checksFailed: 0,
      checksRounding: 0,
      checksWarned: 0,
      messages: 0,
      message: row.message ?? '',
    })
  }
  const entry = (docId: string | undefined): DocumentMeasure => {
    const found = byDoc.get(docId ?? '')
    if (!found) throw new Error(`doc_id \`${docId}\` is in the outputs but not in documents.csv`)
    return found
  }
  // The tables a document has are those its figures or unplaced numbers name; documents.tables_missing names the rest for a 决算 only.
  const named = new Map<string, Set<string>>()
  const name = (docId: string, tableId: string): void => {
    if (!tableId) return
    const set = named.get(docId) ?? new Set()
    set.add(tableId)
    named.set(docId, set)
  }
  for (const row of tables.documents) {
    const missing = (row.tables_missing ?? '').split(';').filter(Boolean)
    if (missing.length > 0) for (const table of STANDARD_TABLES) if (!missing.includes(table.id)) name(row.doc_id ?? '', table.id)
  }
  for (const fact of tables.facts) {
    if (fact.origin !== 'table') continue
    entry(fact.doc_id).tableFigures++
    if (fact.table_id && fact.table_id !== 'other') entry(fact.doc_id).standardFigures++
    name(fact.doc_id ?? '', fact.table_id ?? '')
  }
  for (const row of tables.unplaced) {
    if (!isInTable(row)) continue
    const doc = entry(row.doc_id)
    const reason = row.reason ?? ''
    doc.inTableByReason.set(reason, (doc.inTableByReason.get(reason) ?? 0) + 1)
    name(doc.docId, row.table_id ?? '')
    if (LABEL_REASONS.has(reason)) doc.labels++
    else {
      doc.missedAll++
      if (row.table_id && row.table_id !== 'other') doc.missedStandard++
    }
  }
  for (const check of tables.checks) {
    const doc = entry(check.doc_id)
    // Not printed, and rightly so: the text says the document has none of its money, or its template has no such table.
    if (check.base_rule === 'table-presence' && check.measure === 'missing' && check.status === 'pass') doc.tablesExpected--
    if (check.status === 'pass') doc.checksPassed++
    else if (check.severity === 'error') doc.checksFailed++
    else if (check.rule === 'rounding') doc.checksRounding++
    else doc.checksWarned++
  }
  for (const message of tables.messages) {
    const doc = entry(message.doc_id)
    doc.messages++
    if (message.rule_id === 'tables-not-printed') doc.printsNoTable = true
  }
  for (const doc of byDoc.values()) {
    // A document that failed, or that is no 预算 or 决算 the pipeline can tell (kind ''), is held to no tables (the by-kind line counts them).
    if (doc.printsNoTable || doc.status === 'failed' || !doc.kind) doc.tablesExpected = doc.kind && doc.status !== 'failed' ? 0 : Math.min(doc.tablesFound, doc.tablesExpected)
    const found = named.get(doc.docId) ?? new Set()
    // A table found with no number in it (printed empty) leaves no trace but the count.
    doc.tablesMissing = doc.tablesFound >= STANDARD_TABLES.length ? [] : STANDARD_TABLES.filter((table) => !found.has(table.id)).map((table) => table.id)
    doc.shareStandard = share(doc.standardFigures, doc.missedStandard)
    doc.shareAll = share(doc.tableFigures, doc.missedAll)
  }
  return [...byDoc.values()]
}

/**
 * Worst first: lowest share of table numbers placed (none counts as 0), then
 * most numbers missed in tables, fewest standard tables, doc_id.
 */
export function sortWorstFirst(docs: readonly DocumentMeasure[]): DocumentMeasure[] {
  return [...docs].sort(
    (a, b) =>
      (a.shareAll ?? 0) - (b.shareAll ?? 0) ||
      b.missedAll - a.missedAll ||
      a.tablesFound - b.tablesFound ||
      compareText(a.docId, b.docId) ||
      compareText(a.sourceFile, b.sourceFile),
  )
}

/** Code-point order, the same on every machine (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Sum the documents' figures. */
export function totalDocuments(docs: readonly DocumentMeasure[], inputs: readonly string[]): RealTotals {
  const byKind: RealTotals['byKind'] = {}
  const documentsWithTable: Record<string, number> = Object.fromEntries(STANDARD_TABLES.map((table) => [table.id, 0]))
  const reasons = new Map<string, number>()
  const totals: RealTotals = {
    inputs: [...inputs],
    documents: docs.length,
    failed: 0,
    byKind,
    documentsWithTable,
    tablesFound: 0,
    tablesExpected: 0,
    printingNoTable: 0,
    tablesUnrecognised: 0,
    tableFigures: 0,
    standardFigures: 0,
    inTableByReason: {},
    missedStandard: 0,
    missedAll: 0,
    labels: 0,
    shareStandard: null,
    shareAll: null,
    checks: { passed: 0, failed: 0, rounding: 0, warned: 0 },
  }
  for (const doc of docs) {
    if (doc.status === 'failed') totals.failed++
    const kind = (byKind[doc.kind] ??= { documents: 0, nineOfNine: 0, zeroOfNine: 0, tablesFound: 0, tableFigures: 0 })
    kind.documents++
    if (doc.tablesFound >= STANDARD_TABLES.length) kind.nineOfNine++
    if (doc.tablesFound === 0) kind.zeroOfNine++
    kind.tablesFound += doc.tablesFound
    kind.tableFigures += doc.tableFigures
    for (const table of STANDARD_TABLES) if (!doc.tablesMissing.includes(table.id)) documentsWithTable[table.id] = (documentsWithTable[table.id] ?? 0) + 1
    totals.tablesFound += doc.tablesFound
    totals.tablesExpected += doc.tablesExpected
    if (doc.printsNoTable) totals.printingNoTable++
    totals.tablesUnrecognised += doc.tablesUnrecognised
    totals.tableFigures += doc.tableFigures
    totals.standardFigures += doc.standardFigures
    for (const [reason, count] of doc.inTableByReason) reasons.set(reason, (reasons.get(reason) ?? 0) + count)
    totals.missedStandard += doc.missedStandard
    totals.missedAll += doc.missedAll
    totals.labels += doc.labels
    totals.checks.passed += doc.checksPassed
    totals.checks.failed += doc.checksFailed
    totals.checks.rounding += doc.checksRounding
    totals.checks.warned += doc.checksWarned
  }
  totals.byKind = Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => compareText(a, b)))
  totals.inTableByReason = Object.fromEntries(sortReasons(reasons))
  totals.shareStandard = share(totals.standardFigures, totals.missedStandard)
  totals.shareAll = share(totals.tableFigures, totals.missedAll)
  return totals
}

/** Reasons by count, most first, then by name. */
function sortReasons(counts: ReadonlyMap<string, number>): [string, number][] {
  return [...counts.entries()].sort(([a, countA], [b, countB]) => countB - countA || compareText(a, b))
}

/** Columns a character takes in a terminal: 2 for East Asian wide and full-width characters. */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += WIDE.test(char) ? 2 : 1
  return width
}

const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u{20000}-\u{3FFFD}]/u

/** Text cut to a display width (ending in `…` when cut) and padded with spaces to it; `right` pads on the left. */
export function fitWidth(text: string, width: number, right = false): string {
  // Control characters and line breaks would break the one-line layout.
  let fitted = text.replace(/[\u0000-\u001F\u007F\s]+/g, ' ')
  if (displayWidth(fitted) > width) {
    let cut = ''
    for (const char of fitted) {
      if (displayWidth(cut + char) > width - 1) break
      cut += char
    }
    fitted = `${cut}…`
  }
  const pad = ' '.repeat(Math.max(0, width - displayWidth(fitted)))
  return right ? pad + fitted : fitted + pad
}

/** Missing tables as their numbers 1–9 with runs joined (`1-3,7`), `-` for none. */
export function formatMissing(missing: readonly string[]): string {
  const numbers = STANDARD_TABLES.flatMap((table, index) => (missing.includes(table.id) ? [index + 1] : []))
  if (numbers.length === 0) return '-'
  const runs: string[] = []
  for (let start = 0; start < numbers.length; ) {
    let end = start
    while (end + 1 < numbers.length && numbers[end + 1] === (numbers[end] as number) + 1) end++
    runs.push(end > start + 1 ? `${numbers[start]}-${numbers[end]}` : numbers.slice(start, end + 1).join(','))
    start = end + 1
  }
  return runs.join(',')
}

const percent = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`)
const thousands = (value: number): string => String(value).replace(/\B(?=(\d{3})+$)/g, ',')
const kindLabel = (kind: string): string => (kind === 'final_accounts' ? 'final' : kind || '-')

/** The terminal table: a header and one fixed-width line per document, in the order given. */
export function formatDocumentLines(docs: readonly DocumentMeasure[]): string[] {
  const columns: [string, number, boolean][] = [
    ['doc', 26, false],
    ['department', 20, false],
    ['kind', 6, false],
    ['layout', 13, false],
    ['tables', 6, true],
    ['missing', 9, false],
    ['unrec', 5, true],
    ['figs', 6, true],
    ['missed', 6, true],
    ['std%', 6, true],
    ['all%', 6, true],
    ['pass', 5, true],
    ['fail', 4, true],
    ['rnd', 3, true],
  ]
  const line = (cells: string[]): string =>
    [...columns.map(([, width, right], index) => fitWidth(cells[index] ?? '', width, right)), cells[columns.length] ?? ''].join(' ').trimEnd()
  const lines = [line([...columns.map(([title]) => title), 'unplaced in tables (not labels), by reason'])]
  for (const doc of docs) {
    const missed = sortReasons(doc.inTableByReason)
      .filter(([reason]) => !LABEL_REASONS.has(reason))
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', ')
    lines.push(
      line([
        doc.docId,
        doc.department || (doc.status === 'failed' ? `(failed) ${doc.message}` : ''),
        kindLabel(doc.kind),
        doc.layout || '-',
        `${doc.tablesFound}/${STANDARD_TABLES.length}`,
        formatMissing(doc.tablesMissing),
        String(doc.tablesUnrecognised),
        String(doc.tableFigures),
        String(doc.missedAll),
        percent(doc.shareStandard),
        percent(doc.shareAll),
        String(doc.checksPassed),
        String(doc.checksFailed),
        String(doc.checksRounding),
        missed,
      ]),
    )
  }
  return lines
}

/** The totals, a few lines of prose. */
export function formatTotals(totals: RealTotals): string[] {
  const kinds = Object.entries(totals.byKind)
    .map(([kind, entry]) => `${kind || "''"} ${entry.documents} (9 of 9 in ${entry.nineOfNine}, 0 of 9 in ${entry.zeroOfNine}; ${thousands(entry.tableFigures)} table figures)`)
    .join(' · ')
  const perTable = STANDARD_TABLES.map((table, index) => `${index + 1} ${table.short} ${totals.documentsWithTable[table.id] ?? 0}`).join(' · ')
  const inTable = Object.entries(totals.inTableByReason)
  const missed = inTable.filter(([reason]) => !LABEL_REASONS.has(reason)).map(([reason, count]) => `${reason} ${thousands(count)}`)
  const labels = inTable.filter(([reason]) => LABEL_REASONS.has(reason)).map(([reason, count]) => `${reason} ${thousands(count)}`)
  const checks = totals.checks
  return [
    `Totals: ${totals.documents} documents (${totals.failed} failed) from ${totals.inputs.join(' ')}`,
    `  by kind: ${kinds}`,
    `  standard tables found: ${thousands(totals.tablesFound)} of ${thousands(totals.documents * STANDARD_TABLES.length)}; documents with each: ${perTable}`,
    `  of the tables the documents print: ${thousands(totals.tablesFound)} found of ${thousands(totals.tablesExpected)} (${thousands(totals.printingNoTable)} documents print no table: tables-not-printed; the tables a document says it has none of, or its template lacks, not counted: table-presence)`,
    `  tables that are none of the nine: ${thousands(totals.tablesUnrecognised)}`,
    `  table figures: ${thousands(totals.tableFigures)}`,
    `  unplaced in tables: ${thousands(totals.missedAll)} (${missed.join(', ') || 'none'}), of them in standard tables ${thousands(totals.missedStandard)}; labels and cell text aside: ${thousands(totals.labels)} (${labels.join(', ') || 'none'})`,
    `  table numbers placed: standard tables ${percent(totals.shareStandard)} (${thousands(totals.standardFigures)} of ${thousands(totals.standardFigures + totals.missedStandard)}), all tables ${percent(totals.shareAll)} (${thousands(totals.tableFigures)} of ${thousands(totals.tableFigures + totals.missedAll)})`,
    `  checks: ${thousands(checks.passed)} passed, ${thousands(checks.failed)} failed (error), ${thousands(checks.rounding)} rounding warnings, ${thousands(checks.warned)} other warnings`,
  ]
}

/** The legend of the terminal table's columns. */
export function formatLegend(): string[] {
  return [
    `tables: standard tables found of nine; missing: their numbers (${STANDARD_TABLES.map((table, index) => `${index + 1} ${table.short}`).join(', ')});`,
    'unrec: tables that are none of the nine; figs: table figures; missed: numbers unplaced in tables that are not labels (row/column numbers, subject codes) nor words of a text cell (indicator values, cell text);',
    'std%, all%: figs / (figs + missed) in standard tables / in all tables; pass, fail, rnd: checks passed, failed (error), rounding warnings.',
  ]
}

const fixed = (value: number | null): string => (value === null ? '' : value.toFixed(4))

/** The per-document TSV (header included), sorted by doc_id then source_file. */
export function formatTsv(docs: readonly DocumentMeasure[]): string {
  const header = [
    'doc_id', 'source_file', 'department', 'fiscal_year', 'kind', 'layout', 'status',
    'tables_found', 'tables_expected', 'tables_missing', 'tables_unrecognised', 'table_figures',
    'missed_standard', 'missed_all', 'labels', 'share_standard', 'share_all',
    ...REASON_COLUMNS, 'in_table_by_reason',
    'checks_passed', 'checks_failed', 'checks_rounding', 'checks_warned', 'messages',
  ]
  const clean = (text: string): string => text.replace(/[\t\r\n]+/g, ' ')
  const rows = [...docs]
    .sort((a, b) => compareText(a.docId, b.docId) || compareText(a.sourceFile, b.sourceFile))
    .map((doc) =>
      [
        doc.docId, doc.sourceFile, doc.department, doc.fiscalYear, doc.kind, doc.layout, doc.status,
        doc.tablesFound, doc.tablesExpected, doc.tablesMissing.join(';'), doc.tablesUnrecognised, doc.tableFigures,
        doc.missedStandard, doc.missedAll, doc.labels, fixed(doc.shareStandard), fixed(doc.shareAll),
        ...REASON_COLUMNS.map((reason) => doc.inTableByReason.get(reason) ?? 0),
        sortReasons(doc.inTableByReason).map(([reason, count]) => `${reason}=${count}`).join(';'),
        doc.checksPassed, doc.checksFailed, doc.checksRounding, doc.checksWarned, doc.messages,
      ].map((value) => clean(String(value))).join('\t'),
    )
  return `${[header.join('\t'), ...rows].join('\n')}\n`
}

/** The speed lines of a build from PDF: per PDF, the whole build and pdftotext -layout alone, and their ratio against the 3× target. */
export function formatPdfSpeed(count: number, build: { wall: number; cpu: number }, floor: { wall: number; cpu: number }): string[] {
  const per = (seconds: number): string => (seconds / Math.max(1, count)).toFixed(3)
  const ratio = build.wall / floor.wall
  return [
    `Speed, ${count} PDFs, same run: whole build from PDF ${per(build.wall)} s per PDF (wall; ${per(build.cpu)} CPU s, all threads and pdftotext runs), pdftotext -layout alone ${per(floor.wall)} s per PDF (wall, one at a time; ${per(floor.cpu)} CPU s)`,
    `  build / pdftotext -layout: ${ratio.toFixed(1)}× wall, ${(build.cpu / floor.cpu).toFixed(1)}× CPU (target: within 3× wall: ${ratio <= 3 ? 'met' : 'not met'})`,
  ]
}

/** The documents of the inputs: a folder's files of that kind (sorted, not recursively), a file as given. */
export function documentFiles(inputs: readonly string[], kind: 'txt' | 'pdf'): string[] {
  return inputs.flatMap((input) =>
    statSync(input).isDirectory()
      ? readdirSync(input)
          .filter((name) => name.toLowerCase().endsWith(`.${kind}`))
          .sort()
          .map((name) => join(input, name))
      : [input],
  )
}

/** CPU seconds of this process's finished children (Linux /proc: cutime + cstime), NaN elsewhere. */
function childrenCpu(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? []
    return (Number(fields[13]) + Number(fields[14])) / 100
  } catch {
    return Number.NaN
  }
}

/** Wall and CPU seconds (of the children it ran) of a function that runs subprocesses. */
function timeChildren<T>(run: () => T): { value: T; wall: number; cpu: number } {
  const cpu = childrenCpu()
  const start = process.hrtime.bigint()
  const value = run()
  return { value, wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: childrenCpu() - cpu }
}

/** `pdftotext -layout` alone on each PDF, one at a time, its text read and dropped: the floor the build from PDF is measured against. */
function timePdftotext(files: readonly string[]): { wall: number; cpu: number } {
  return timeChildren(() => {
    for (const file of files) spawnSync('pdftotext', ['-q', '-layout', '-enc', 'UTF-8', file, '-'], { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 512 * 1024 * 1024 })
  })
}

/** Run the build CLI on the files (listed in a file, `--files-from`) into `out`; on failure, say so and return its exit code. */
function runBuild(files: readonly string[], out: string, scratch: string): number {
  const list = join(scratch, 'files.txt')
  writeFileSync(list, `${files.join('\n')}\n`)
  const args = [join(ROOT, 'bin', 'cn-budget-etl.js'), 'build', '--files-from', list, '--out', out, '--no-cache', '--quiet']
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 })
  if (result.status === 0) return 0
  process.stderr.write(result.stdout ?? '')
  process.stderr.write(result.stderr ?? '')
  process.stderr.write(`real: the build failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}): node ${args.join(' ')}\n`)
  return result.status || 1
}

/** The command line: build, measure, print, write. */
function main(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { tsv: { type: 'string' }, json: { type: 'string' }, keep: { type: 'string' }, pdf: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  })
  if (values.help || positionals.length === 0) {
    process.stderr.write('Usage: tsx scripts/real.ts DIR_OR_FILE... [--pdf] [--tsv FILE] [--json FILE] [--keep DIR]\n  (npm run real -- DIR...; make real runs it on ../shared/corpus/real ../shared/corpus seeds)\n')
    return values.help ? 0 : 2
  }
  const missing = positionals.filter((input) => !existsSync(resolve(input)))
  if (missing.length > 0) {
    process.stderr.write(`real: no such file or folder: ${missing.join(', ')}\n`)
    return 2
  }
  const scratch = mkdtempSync(join(tmpdir(), 'cn-budget-etl-real-'))
  const out = values.keep ? resolve(values.keep) : join(scratch, 'out')
  try {
    const files = documentFiles(
      positionals.map((input) => resolve(input)),
      values.pdf ? 'pdf' : 'txt',
    )
    const build = timeChildren(() => runBuild(files, out, scratch))
    if (build.value !== 0) return build.value
    // In the same run, on the same files: what pdftotext -layout alone takes.
    const floor = values.pdf ? timePdftotext(files) : undefined
    const docs = measureDocuments(readBuildTables(out))
    const totals = totalDocuments(docs, positionals)
    const unnamed = docs.filter((doc) => doc.tablesFound + doc.tablesMissing.length !== STANDARD_TABLES.length).map((doc) => doc.docId)
    if (unnamed.length > 0) process.stderr.write(`real: a standard table found without any number in ${unnamed.join(', ')}: listed as missing\n`)
    const lines = [...formatDocumentLines(sortWorstFirst(docs)), '', ...formatLegend(), '', ...formatTotals(totals)]
    if (floor) lines.push('', ...formatPdfSpeed(files.length, build, floor))
    process.stdout.write(`${lines.join('\n')}\n`)
    if (values.tsv) writeFileSync(values.tsv, formatTsv(docs))
    if (values.json) writeFileSync(values.json, `${JSON.stringify(totals, null, 2)}\n`)
    return 0
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exitCode = main(process.argv.slice(2))
