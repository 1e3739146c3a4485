/**
 * Print a tab seed as the published document looks — prose as paragraphs,
 * each table a bordered HTML table with its title, unit line and multi-row
 * header (group headers merged), Chinese font, A4 pages, tables breaking
 * across pages as the browser breaks them — to PDF with Debian's headless
 * chromium, and read it back with `pdftotext -layout`: the text the
 * space-aligned extractor has to read in real documents.
 *
 * Run: `npm run pdf-seeds -- OUTDIR` → OUTDIR/<seed>.html, .pdf, .layout.txt
 * for seeds 000–003, and a per-seed comparison of the table facts read from
 * the layout text with those read from the tab seed.
 *
 * The tables are found as the pipeline finds them (`findTableRegions`) and
 * their cells read as the tab extractors read them (`tab-rows`, `word-cells`),
 * so a cell of the PDF is a cell the tab path reads.
 *
 * Deterministic for a given chromium, poppler and font: the same seed gives
 * the same `.layout.txt` byte for byte (the `.pdf` itself carries a creation
 * date and ids, so it differs, but not its text). What changes the text
 * between versions: chromium's table auto-layout (column widths), its CJK
 * line breaking (ICU) and font shaping (HarfBuzz), hence where long names
 * wrap and where a table breaks across pages; the CJK font installed (its
 * advance widths move every column: WenQuanYi Micro Hei here, Noto Sans CJK
 * when that is the one present); and poppler's `-layout` heuristics (how many
 * blanks stand for a gap, how lines of one visual row are merged). The cache
 * key therefore holds the chromium and pdftotext versions and the font file.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SourceDocument } from '../core/document.ts'
import type { GridRow } from '../core/types.ts'
import { findTableRegions } from '../pipeline/stages/locate-tables.ts'
import { tabRowsExtractor } from '../extractors/tab-rows.ts'
import { wordCellsExtractor } from '../extractors/word-cells.ts'
import { isAmountText } from '../normalizers/parse-amount.ts'
import { processDocument } from '../pipeline/process-document.ts'
import { compareTableFacts, formatComparison, readExpectedTableFacts, tableFacts } from './compare-table-facts.ts'

const ROOT = resolve(import.meta.dirname, '..')
/** Debian's chromium (`make test` installs it); playwright-core never downloads a browser. */
export const CHROMIUM = '/usr/bin/chromium'
// No network, no first-run or background traffic: the page is one self-contained file.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic']
/** The CJK font the page asks for first; `make test` installs it (Debian `fonts-wqy-microhei`) when no Chinese font is present. */
const FONT_FAMILY = `'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Noto Serif CJK SC', sans-serif`
/** Seeds with tables (by file-name prefix); 004 is prose only. */
export const PDF_SEED_PREFIXES = ['000', '001', '002', '003']

const SUBJECT_CODE = /^[23]\d{2}(?:\d{2}){0,2}$/
const DECIMAL = /\d[.．]\d/
/** Lines and cells that go above a table, not in it: `部门：…`, `公开01表`, `单位：万元`. */
const META = /公开\s*0?\d{1,2}\s*表|单位\s*[：:]|部门\s*[：:]/
const PART_HEADING = /^第[一二三四五六七八九十]+部分$/
// Word's bookmarks survive the text export (`[bookmark: RANGE_A1_F16]一般公共…`); the printed page has none.
const BOOKMARK = /\[bookmark:[^\]]*\]/g

/** A cell as placed in the HTML table: first column, how many columns and rows it covers. */
interface PlacedCell {
  text: string
  col: number
  colspan: number
  rowspan: number
}

/** A table as it is printed: lines above it, header rows (repeated on each page) and body rows. */
interface PrintedTable {
  columns: number
  meta: string[][]
  header: PlacedCell[][]
  body: PlacedCell[][]
}

function compact(text: string): string {
  return text.replace(/\s+/g, '')
}

function isNumeric(text: string): boolean {
  return text !== '' && isAmountText(compact(text))
}

/** A label: text that is neither blank nor a number nor a subject code. */
function isLabel(text: string): boolean {
  return text !== '' && !isNumeric(text)
}

/** `1 2 3 …` under the header: the column numbers (栏次), not figures. */
function isColumnNumberRow(cells: string[]): boolean {
  const numbers = cells.filter((cell) => cell !== '' && /^\d+$/.test(cell))
  return numbers.length > 0 && numbers.every((cell, index) => Number(cell) === index + 1 || Number(cell) === Number(numbers[0]) + index)
}

/**
 * The first body row: one with a decimal amount, a zero marker, a subject
 * code, or 合计/总计 as its only words; what is above it is header.
 */
function firstBodyRow(rows: string[][]): number {
  const index = rows.findIndex((cells) => {
    const words = cells.filter(isLabel)
    // `合计` heads a body row (`合计 1118.77 …`), but a header's column too (`合计 因公出国（境）费 …`).
    if (words.length === 1 && /^(合计|总计)$/.test(compact(words[0] ?? '')) && cells.find((cell) => cell !== '') === words[0]) return true
    if (cells.some((cell) => DECIMAL.test(cell) || SUBJECT_CODE.test(compact(cell)))) return true
    if (cells.some((cell) => isNumeric(cell) && !/^\d+$/.test(compact(cell)))) return true
    return cells.some((cell) => /^\d+$/.test(cell)) && !isColumnNumberRow(cells)
  })
  return index === -1 ? rows.length : index
}

/** Columns of a Word (collapsed) table: the most common cell count of its rows, ties to the wider. */
function collapsedWidth(rows: string[][]): number {
  const counts = new Map<number, number>()
  for (const cells of rows) counts.set(cells.length, (counts.get(cells.length) ?? 0) + 1)
  let best = 1
  let bestCount = 0
  for (const [width, count] of counts) {
    if (count > bestCount || (count === bestCount && width > best)) [best, bestCount] = [width, count]
  }
  return Math.max(best, ...rows.map((cells) => cells.filter((cell) => cell !== '').length))
}

/** Cells beyond the table's width: drop blank ones (a Word row padded with empty cells). */
function fitRow(cells: string[], columns: number): string[] {
  const row = [...cells]
  while (row.length > columns) {
    const blank = row.lastIndexOf('')
    if (blank === -1) break
    row.splice(blank, 1)
  }
  return row
}

function singleCells(cells: string[]): PlacedCell[] {
  return cells.map((text, col) => ({ text, col, colspan: 1, rowspan: 1 }))
}

/** Columns holding an amount in some body row. */
function amountColumns(body: string[][], columns: number): Set<number> {
  const found = new Set<number>()
  for (const cells of body) {
    if (cells.length !== columns) continue
    cells.forEach((cell, col) => {
      if (isNumeric(cell) && !SUBJECT_CODE.test(compact(cell))) found.add(col)
    })
  }
  return found
}

/**
 * A short Word row outside the header: labels span what the row lacks.
 * `人员经费合计 805.63 公用经费合计 79.45` under a 9-column table puts each
 * amount in an amount column and stretches the label before it; otherwise
 * the first cell spans the code and name columns (`合计`, `栏次`, a note).
 */
function placeShortRow(cells: string[], columns: number, amounts: Set<number>): PlacedCell[] {
  const labels = cells.filter(isLabel).length
  if (labels < 2 || amounts.size === 0) {
    const first = columns - cells.length + 1
    return cells.map((text, index) => ({ text, col: index === 0 ? 0 : first + index - 1, colspan: index === 0 ? first : 1, rowspan: 1 }))
  }
  const placed: PlacedCell[] = []
  let col = 0
  for (const [index, text] of cells.entries()) {
    const left = cells.length - index
    let span = 1
    if (index === cells.length - 1) span = columns - col
    else if (columns - col > left && isLabel(text) && !isLabel(cells[index + 1] ?? '')) {
      // The amount after this label: in the last column when it is the row's last cell, else in the next amount column.
      const target = index + 1 === cells.length - 1 ? columns - 1 : [...amounts].sort((a, b) => a - b).find((entry) => entry > col && columns - entry >= left - 1)
      if (target !== undefined) span = target - col
    }
    span = Math.max(1, Math.min(span, columns - col - (left - 1)))
    placed.push({ text, col, colspan: span, rowspan: 1 })
    col += span
  }
  return placed
}

/**
 * Split columns [from, to) into `count` group headers over a placed row:
 * where that row's first words come again (`收入 | 支出` over `项目 行次
 * 决算数 项目 行次 决算数`), else at the first amount column (`项目 | 本年支出`
 * over `编码 名称 小计 基本 项目`), else the first group takes the surplus.
 */
function splitGroups(count: number, below: PlacedCell[], from: number, to: number, amounts: Set<number>): Array<[number, number]> {
  const inside = below.filter((cell) => cell.col >= from && cell.col < to && cell.text !== '')
  const first = inside[0]
  if (count === 2 && first) {
    const again = inside.find((cell) => cell !== first && compact(cell.text) === compact(first.text))
    if (again) return [[from, again.col], [again.col, to]]
    const amount = [...amounts].sort((a, b) => a - b).find((col) => col > from && col < to)
    if (amount !== undefined) return [[from, amount], [amount, to]]
  }
  const surplus = to - from - count + 1
  return Array.from({ length: count }, (_, index): [number, number] => (index === 0 ? [from, from + surplus] : [from + surplus + index - 1, from + surplus + index]))
}

/**
 * A Word header row above a placed one: each blank cell below is the
 * continuation of a merged cell above it, each run of words below is the
 * children of one group header above them.
 *
 * > | 项目 | 年初结转和结余 | 本年收入 | 本年支出        | 年末结转和结余
 * > | 编码  名称 |     ·      |    ·     | 小计 基本 项目  |      ·
 */
function placeAbove(cells: string[], below: PlacedCell[], columns: number, amounts: Set<number>): PlacedCell[] {
  const segments: Array<[number, number]> = []
  for (const cell of below) {
    const last = segments.at(-1)
    const previous = below[below.indexOf(cell) - 1]
    if (cell.text !== '' && last && previous && previous.text !== '') last[1] = cell.col + cell.colspan
    else segments.push([cell.col, cell.col + cell.colspan])
  }
  const ranges = segments.length === cells.length ? segments : splitGroups(cells.length, below, 0, columns, amounts)
  return cells.map((text, index) => {
    const [from, to] = ranges[index] ?? [index, index + 1]
    return { text, col: from, colspan: to - from, rowspan: 1 }
  })
}

/** Place the rows of a Word table (merged cells appear once) on a grid of columns. */
function placeCollapsed(rows: string[][], bodyStart: number): PlacedCell[][] {
  const columns = collapsedWidth(rows)
  const fitted = rows.map((cells) => fitRow(cells, columns))
  const amounts = amountColumns(fitted.slice(bodyStart), columns)
  const placed: Array<PlacedCell[] | undefined> = fitted.map((cells) => (cells.length === columns ? singleCells(cells) : undefined))
  // Header rows above a full row take their columns from the row below, bottom up.
  for (let index = bodyStart - 1; index >= 0; index--) {
    const below = placed[index + 1]
    const cells = fitted[index] ?? []
    if (placed[index] || !below || index + 1 >= bodyStart || below.every((cell) => cell.text === '')) continue
    placed[index] = placeAbove(cells, below, columns, amounts)
  }
  return fitted.map((cells, index) => placed[index] ?? placeShortRow(cells, columns, amounts))
}

/**
 * Merge the group headers of a tab table: a header word followed by blank
 * cells spans them when the header row below has words there.
 *
 * > | 收入 ⇥ ⇥ ⇥ 支出 ⇥ ⇥
 * > | 项目 ⇥ 行次 ⇥ 决算数 ⇥ 项目 ⇥ 行次 ⇥ 决算数
 *     ^ 收入 spans 项目 行次 决算数
 */
function mergeGroupHeaders(header: PlacedCell[][], columns: number, amounts: Set<number>): void {
  for (let index = 0; index + 1 < header.length; index++) {
    const row = header[index] ?? []
    const below = header[index + 1] ?? []
    const words = row.filter((cell) => cell.text !== '')
    // Only over words: column numbers (`栏次 1 2 3`) below are no halves (`功能分类科目编码 | 科目名称` above them stay in their cells).
    if (words.length === 2 && words.every((cell) => isLabel(cell.text)) && below.filter((cell) => isLabel(cell.text)).length > 2) {
      // 收入 … 支出 / 预算数 … 决算数: the halves start where the words below repeat, wherever the text put the second word.
      const start = below.find((cell) => cell.text !== '')?.col ?? 0
      const [left, right] = splitGroups(2, below, start, columns, amounts)
      if (left && right) {
        header[index] = [...row.filter((cell) => cell.col < start), { ...(words[0] as PlacedCell), col: left[0], colspan: left[1] - left[0] }, { ...(words[1] as PlacedCell), col: right[0], colspan: right[1] - right[0] }]
        continue
      }
    }
    const merged: PlacedCell[] = []
    for (let at = 0; at < row.length; at++) {
      const cell = row[at] as PlacedCell
      merged.push(cell)
      if (!isLabel(cell.text)) continue
      let end = at + 1
      while (end < row.length && row[end]?.text === '') end++
      const until = row[end]?.col ?? columns
      // Column numbers (`1 2 3`) under blank cells are no children: the word's cell is merged down instead.
      const hasChildren = below.some((entry) => isLabel(entry.text) && entry.col > cell.col && entry.col < until)
      if (end > at + 1 && hasChildren) {
        cell.colspan = until - cell.col
        at = end - 1
      }
    }
    header[index] = merged
  }
}

/** `合计`, `栏次`, `项目` in the code column with the name column blank: one cell over both, as printed. */
function mergeCodeAndName(rows: PlacedCell[][], codeColumn: boolean): void {
  if (!codeColumn) return
  for (const row of rows) {
    const [first, second] = row
    if (!first || !second || first.col !== 0 || first.colspan !== 1 || second.col !== 1 || second.colspan !== 1 || second.text !== '') continue
    if (!isLabel(first.text) || /编码/.test(first.text)) continue
    first.colspan = 2
    row.splice(1, 1)
  }
}

/**
 * A blank header cell under a header word (and not under a number) is the
 * rest of that word's merged cell: the word's cell grows a row down.
 */
function mergeDown(header: PlacedCell[][], columns: number): void {
  const owner: Array<PlacedCell | undefined> = Array.from({ length: columns })
  for (const [index, row] of header.entries()) {
    const next: Array<PlacedCell | undefined> = Array.from({ length: columns })
    const kept: PlacedCell[] = []
    const absorbed = new Set<PlacedCell>()
    for (const cell of row) {
      const above = owner[cell.col]
      if (index > 0 && cell.text === '' && above && isLabel(above.text) && !absorbed.has(above)) {
        // Every column of the word above must be blank here, in cells within its columns.
        const covering = row.filter((entry) => entry.col < above.col + above.colspan && entry.col + entry.colspan > above.col)
        const fits = covering.every((entry) => entry.text === '' && entry.col >= above.col && entry.col + entry.colspan <= above.col + above.colspan)
        if (fits && covering[0] === cell) {
          above.rowspan++
          absorbed.add(above)
          for (let col = above.col; col < above.col + above.colspan; col++) next[col] = above
          continue
        }
        if (fits) continue
      }
      kept.push(cell)
      for (let col = cell.col; col < cell.col + cell.colspan && col < columns; col++) next[col] = cell
    }
    header[index] = kept
    owner.splice(0, columns, ...next)
  }
}

/** How a table region's rows print: meta lines, a header and a body on a grid of columns. */
function printTable(gridRows: GridRow[], grid: 'regular' | 'collapsed'): PrintedTable {
  let rows = gridRows.map((row) => row.cells.map((cell) => printedText(cell.text)))
  const meta: string[][] = []
  // Word exports keep `部门：… 单位：万元` and `公开09表` as cells of the table: on paper they stand above it.
  while (rows.length > 0) {
    const words = (rows[0] ?? []).filter((cell) => cell !== '')
    if (words.length === 0 || !words.every((cell) => META.test(cell))) break
    meta.push(words)
    rows = rows.slice(1)
  }
  const bodyStart = firstBodyRow(rows)
  let placed: PlacedCell[][]
  let columns: number
  if (grid === 'collapsed') {
    placed = placeCollapsed(rows, bodyStart)
    columns = collapsedWidth(rows)
  } else {
    columns = Math.max(1, ...rows.map((cells) => cells.length))
    placed = rows.map((cells) => singleCells([...cells, ...Array.from({ length: columns - cells.length }, () => '')]))
  }
  const header = placed.slice(0, bodyStart)
  const body = placed.slice(bodyStart)
  const amounts = amountColumns(rows.slice(bodyStart), columns)
  if (grid === 'regular') {
    mergeGroupHeaders(header, columns, amounts)
    const codeColumn = rows.slice(bodyStart).some((cells) => SUBJECT_CODE.test(compact(cells[0] ?? '')))
    mergeCodeAndName(header, codeColumn)
    mergeCodeAndName(body, codeColumn)
  }
  mergeDown(header, columns)
  return { columns, meta, header, body }
}

/**
 * A cell's text as the page prints it: a lone blank between two Chinese
 * characters is where the seed's own PDF wrapped the cell (`本年收入合 计`),
 * so it goes, and the browser wraps the cell where its column ends.
 */
function printedText(text: string): string {
  return text.replace(BOOKMARK, '').trim().replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, '')
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

function cellHtml(cell: PlacedCell, tag: 'th' | 'td'): string {
  const attributes: string[] = []
  if (cell.colspan > 1) attributes.push(`colspan="${cell.colspan}"`)
  if (cell.rowspan > 1) attributes.push(`rowspan="${cell.rowspan}"`)
  const text = compact(cell.text)
  const kind = SUBJECT_CODE.test(text) ? 'code' : isNumeric(cell.text) ? 'amount' : ''
  if (kind) attributes.push(`class="${kind}"`)
  return `<${tag}${attributes.length ? ` ${attributes.join(' ')}` : ''}>${escapeHtml(cell.text)}</${tag}>`
}

/** A line above a table: its pieces (split where the text put a run of blanks) spread across the page. */
function metaHtml(pieces: string[]): string {
  const only = pieces.length === 1 ? (pieces[0] ?? '') : ''
  const align = only && /单位|公开/.test(only) ? ' right' : ''
  return `<div class="meta${align}">${pieces.map((piece) => `<span>${escapeHtml(piece)}</span>`).join('')}</div>`
}

function tableHtml(title: string, lines: string[], table: PrintedTable): string {
  const metaLines = [...lines.map((line) => line.trim().split(/\s{2,}|\t/).filter(Boolean)), ...table.meta]
  const rows = (cells: PlacedCell[][], tag: 'th' | 'td') => cells.map((row) => `<tr>${row.map((cell) => cellHtml(cell, tag)).join('')}</tr>`).join('\n')
  return [
    `<section class="table">`,
    `<h2>${escapeHtml(title.replace(BOOKMARK, ''))}</h2>`,
    ...metaLines.filter((pieces) => pieces.length > 0).map(metaHtml),
    `<table>`,
    `<thead>\n${rows(table.header, 'th')}\n</thead>`,
    `<tbody>\n${rows(table.body, 'td')}\n</tbody>`,
    `</table>`,
    `</section>`,
  ].join('\n')
}

const STYLE = `
@page { size: A4; margin: 18mm 16mm; }
html { font-family: ${FONT_FAMILY}; font-size: 10.5pt; line-height: 1.6; color: #000; }
body { margin: 0; }
h1 { font-size: 16pt; text-align: center; margin: 0 0 1em; break-before: page; font-weight: bold; }
h2 { font-size: 14pt; text-align: center; margin: 0 0 .6em; font-weight: bold; }
p { margin: 0 0 .3em; text-indent: 2em; text-align: justify; }
section.table { break-before: page; }
.meta { display: flex; justify-content: space-between; font-size: 9pt; margin: 0 0 .2em; }
.meta.right { justify-content: flex-end; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; line-height: 1.35; margin: .3em 0 .6em; }
th, td { border: .75pt solid #000; padding: 2pt 3pt; vertical-align: middle; height: 12pt; }
th { font-weight: normal; text-align: center; }
td { text-align: left; }
td.amount { text-align: right; white-space: nowrap; }
td.code, th.code { white-space: nowrap; }
th.amount { text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
`

/** Read a seed as the pipeline does: its table regions and their rows as the better-scoring tab extractor grids them. */
function readSeed(path: string, text: string): { doc: SourceDocument; rows: GridRow[][]; grid: 'regular' | 'collapsed'; consumed: Set<number> } {
  const doc = new SourceDocument(path, new TextEncoder().encode(text))
  doc.setText(text)
  doc.regions = findTableRegions(doc)
  const word = wordCellsExtractor.detect(doc)
  const tab = tabRowsExtractor.detect(doc)
  const extractor = word !== undefined && (tab === undefined || word > tab) ? wordCellsExtractor : tabRowsExtractor
  const blocks = extractor.extract(doc)
  const consumed = new Set<number>()
  for (const [index, region] of doc.regions.entries()) {
    for (let line = region.startLine; line < region.endLine; line++) {
      const raw = doc.lines[line - 1] ?? ''
      if (extractor === wordCellsExtractor ? raw.startsWith('\t') : raw.includes('\t')) consumed.add(line)
    }
    for (const row of blocks[index]?.rows ?? []) {
      for (const cell of row.cells) {
        if (!cell.span) continue
        for (let line = cell.span.line; line <= cell.span.endLine; line++) consumed.add(line)
      }
    }
  }
  return { doc, rows: blocks.map((block) => block.rows), grid: extractor === wordCellsExtractor ? 'collapsed' : 'regular', consumed }
}

/**
 * Other ways a department prints the same page, for the reader's sake (it must not depend on one page's
 * geometry): CSS after the page's own. Another width or type size moves every column and wraps other
 * cells, as documents of other regions do.
 */
export const PAGE_VARIANTS: Readonly<Record<string, string>> = {
  /** Wider margins: narrower columns, more wrapped cells and squeezed headers. */
  narrow: '@page { size: A4; margin: 18mm 30mm; }',
  /** A smaller table type: wider gaps between the columns. */
  small: 'table { font-size: 7.5pt; }',
  /** A larger table type: fewer blanks between the columns. */
  large: 'table { font-size: 10.5pt; }',
  /** A4 landscape, as wide tables are often printed. */
  landscape: '@page { size: A4 landscape; margin: 18mm 16mm; }',
}

/** The HTML page of a seed as published: prose paragraphs, and each table on a new page as a bordered table. */
export function seedToHtml(path: string, text: string, variant?: string): string {
  const style = variant === undefined ? STYLE : `${STYLE}${variantStyle(variant)}\n`
  const { doc, rows, grid, consumed } = readSeed(path, text)
  const titleOf = new Map(doc.regions.map((region, index) => [region.titleLine, index]))
  const done = new Set<number>()
  const parts: string[] = []
  for (let line = 1; line <= doc.lines.length; line++) {
    if (done.has(line) || consumed.has(line)) continue
    const index = titleOf.get(line)
    const region = index === undefined ? undefined : doc.regions[index]
    const tableRows = index === undefined ? undefined : rows[index]
    if (region && tableRows && tableRows.length > 0) {
      // The lines between the title and the first row (部门, 公开NN表, 单位) print above the table.
      const firstRow = tableRows[0]?.line ?? region.startLine
      const above: string[] = []
      for (let at = region.startLine; at < firstRow; at++) {
        const raw = (doc.lines[at - 1] ?? '').replace(BOOKMARK, '')
        done.add(at)
        if (raw.trim() && !consumed.has(at)) above.push(raw)
      }
      parts.push(tableHtml(region.title, above, printTable(tableRows, grid)))
      continue
    }
    const raw = (doc.lines[line - 1] ?? '').replace(BOOKMARK, '').trim()
    if (!raw) continue
    if (PART_HEADING.test(raw)) parts.push(`<h1>${escapeHtml(raw)}</h1>`)
    else if (region) parts.push(`<h2>${escapeHtml(raw)}</h2>`)
    else parts.push(`<p>${escapeHtml(raw)}</p>`)
  }
  return `<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${escapeHtml(basename(path))}</title>\n<style>${style}</style>\n</head>\n<body>\n${parts.join('\n')}\n</body>\n</html>\n`
}

function variantStyle(variant: string): string {
  const css = PAGE_VARIANTS[variant]
  if (css === undefined) throw new Error(`Unknown page variant \`${variant}\`: use one of ${Object.keys(PAGE_VARIANTS).join(', ')}`)
  return css
}

/** Why the PDF path cannot run here (no chromium, no pdftotext), or undefined when it can. */
export function pdfToolsMissing(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is missing (Debian package chromium; \`make test\` installs it)`
  const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' })
  if (pdftotext.error) return 'pdftotext is missing (Debian package poppler-utils; `make test` installs it)'
  // Without a Chinese font chromium prints boxes, and the text has no Chinese to read.
  const fonts = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' })
  if (fonts.error || !fonts.stdout.trim()) return 'no Chinese font (Debian package fonts-wqy-microhei; `make test` installs it)'
  return undefined
}

/** Versions that change the layout text: chromium, pdftotext, and the font file chromium will use for Chinese. */
export function toolVersions(): { chromium: string; pdftotext: string; font: string } {
  const chromium = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
  const poppler = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' })
  const pdftotext = `${poppler.stdout}${poppler.stderr}`.split('\n')[0]?.trim() ?? ''
  const match = spawnSync('fc-match', ['-f', '%{file}', 'WenQuanYi Micro Hei:lang=zh'], { encoding: 'utf8' })
  return { chromium, pdftotext, font: match.error ? 'no fc-match' : match.stdout.trim() }
}

/** Where rendered seeds are cached: node_modules/.cache (as the CLI bundle), else the system's temporary folder. */
export function defaultCacheDir(): string {
  const modules = join(ROOT, 'node_modules')
  try {
    accessSync(modules, constants.W_OK)
    return join(modules, '.cache', 'cn-budget-etl', 'seed-pdf')
  } catch {
    return join(tmpdir(), 'cn-budget-etl-seed-pdf')
  }
}

/** A seed printed to PDF and read back. */
export interface SeedPdf {
  name: string
  html: string
  pdfPath: string
  layoutPath: string
  layoutText: string
  /** Whether it came from the cache (no chromium run). */
  cached: boolean
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, data)
  renameSync(temporary, path)
}

/**
 * Print seeds to PDF with headless chromium (one browser for all) and read
 * each back with `pdftotext -layout`. Outputs are cached under a key of the
 * seed's sha256, its HTML, and the chromium, pdftotext and font versions, so
 * an unchanged seed costs no browser.
 */
export async function printSeedPdfs(paths: string[], options: { cacheDir?: string; variant?: string } = {}): Promise<SeedPdf[]> {
  const cacheDir = options.cacheDir ?? defaultCacheDir()
  const versions = toolVersions()
  const results: SeedPdf[] = []
  let browser: import('playwright-core').Browser | undefined
  try {
    for (const path of paths) {
      const bytes = readFileSync(path)
      const name = basename(path).replace(/\.txt$/, '')
      const html = seedToHtml(`seeds/${basename(path)}`, bytes.toString('utf8'), options.variant)
      const key = createHash('sha256')
        .update(JSON.stringify({ seed: createHash('sha256').update(bytes).digest('hex'), html: createHash('sha256').update(html).digest('hex'), ...versions }))
        .digest('hex')
        .slice(0, 24)
      // A page variant is cached beside the page (`000_…@narrow-KEY`): neither evicts the other.
      const entryName = options.variant === undefined ? name : `${name}@${options.variant}`
      const folder = join(cacheDir, `${entryName}-${key}`)
      const pdfPath = join(folder, `${name}.pdf`)
      const layoutPath = join(folder, `${name}.layout.txt`)
      if (existsSync(layoutPath) && existsSync(pdfPath)) {
        results.push({ name, html, pdfPath, layoutPath, layoutText: readFileSync(layoutPath, 'utf8'), cached: true })
        continue
      }
      // One entry per seed: an older rendering of the same seed (another chromium, another page) goes.
      if (existsSync(cacheDir)) {
        for (const entry of readdirSync(cacheDir)) if (entry.startsWith(`${entryName}-`) && entry !== basename(folder)) rmSync(join(cacheDir, entry), { recursive: true, force: true })
      }
      mkdirSync(folder, { recursive: true })
      const htmlPath = join(folder, `${name}.html`)
      writeAtomic(htmlPath, html)
      if (!browser) {
        const { chromium } = await import('playwright-core')
        browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS })
      }
      const page = await browser.newPage()
      await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load' })
      // The font is local, but wait until it is loaded: a fallback font's widths would move every column.
      await page.evaluate('document.fonts.ready.then(() => true)')
      const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: false, displayHeaderFooter: false })
      await page.close()
      writeAtomic(`${pdfPath}.part`, pdf)
      execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', `${pdfPath}.part`, `${layoutPath}.part`])
      renameSync(`${pdfPath}.part`, pdfPath)
      renameSync(`${layoutPath}.part`, layoutPath)
      results.push({ name, html, pdfPath, layoutPath, layoutText: readFileSync(layoutPath, 'utf8'), cached: false })
    }
  } finally {
    await browser?.close()
  }
  return results
}

/** The reviewed facts of the tab seed (`test/fixtures/seeds/<seed>/expected/facts.tsv`). */
export function expectedFactsPath(name: string): string {
  return join(ROOT, 'test', 'fixtures', 'seeds', name, 'expected', 'facts.tsv')
}

/** The seeds with tables, as paths. */
export function pdfSeedPaths(): string[] {
  return readdirSync(join(ROOT, 'seeds'))
    .filter((name) => name.endsWith('.txt') && PDF_SEED_PREFIXES.some((prefix) => name.startsWith(prefix)))
    .sort()
    .map((name) => join(ROOT, 'seeds', name))
}

async function main(): Promise<void> {
  const [out, flag, variant] = process.argv.slice(2)
  if (!out || out.startsWith('-') || (flag !== undefined && (flag !== '--variant' || variant === undefined || !(variant in PAGE_VARIANTS)))) {
    console.error(
      `Usage: npm run pdf-seeds -- OUTDIR [--variant ${Object.keys(PAGE_VARIANTS).join('|')}]   (writes <seed>.html, <seed>.pdf and <seed>.layout.txt for seeds 000–003; a variant prints the page otherwise, into <seed>@VARIANT.*)`,
    )
    process.exitCode = 2
    return
  }
  const missing = pdfToolsMissing()
  if (missing) {
    console.error(`pdf-seeds: ${missing}`)
    process.exitCode = 1
    return
  }
  mkdirSync(out, { recursive: true })
  const versions = toolVersions()
  console.log(`${versions.chromium} · ${versions.pdftotext} · font ${versions.font}`)
  for (const seed of await printSeedPdfs(pdfSeedPaths(), variant === undefined ? {} : { variant })) {
    const file = variant === undefined ? seed.name : `${seed.name}@${variant}`
    writeFileSync(join(out, `${file}.html`), seed.html)
    writeFileSync(join(out, `${file}.pdf`), readFileSync(seed.pdfPath))
    writeFileSync(join(out, `${file}.layout.txt`), seed.layoutText)
    const viaPdf = processDocument(`${file}.layout.txt`, new TextEncoder().encode(seed.layoutText))
    const comparison = compareTableFacts(readExpectedTableFacts(expectedFactsPath(seed.name)), tableFacts(viaPdf))
    console.log(`${join(out, file)}.{html,pdf,layout.txt}${seed.cached ? ' (cached)' : ''} — layout ${viaPdf.layout}: ${formatComparison(comparison)}`)
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
