/**
 * One table gridded: its lines split into header and rows, its columns
 * found on the first page of rows and later pages (with their repeated
 * header) mapped onto them, header rows emitted before the assembled rows.
 */
import type { SourceDocument } from '../../core/document.ts'
import type { ColumnChoice, GridRow, TableRegion } from '../../core/types.ts'
import { resolveCodes } from './codes.ts'
import { besideChoices, clusterTokens, mapClusters, orderChoices, overlap } from './columns.ts'
import type { Cluster, Column } from './columns.ts'
import { layoutHeader, MERGED_INTO, NUMBER_COLUMNS } from './header.ts'
import type { HeaderLayout } from './header.ts'
import { compact, isColumnNumberLine, isDataLine, leadingFragments } from './line-kinds.ts'
import { collectLines } from './lines.ts'
import type { LayoutLine } from './lines.ts'
import { assembleCodedRows, assembleLineRows, completesSubjectName, emitRow } from './rows.ts'
import type { PlacedLine } from './rows.ts'
import type { Token } from './tokens.ts'

/**
 * Grid the lines of one table (a region and the regions continuing it) into
 * rows: header rows first, then one row per anchor line.
 */
export function gridTable(doc: SourceDocument, regions: TableRegion[]): GridRow[] {
  const lines = collectLines(doc, regions)
  const coded = resolveCodes(lines)
  let firstData = lines.findIndex((line) => isDataLine(line))
  while (firstData >= 0 && headsFigures(lines, firstData)) firstData = lines.findIndex((line, index) => index > firstData && isDataLine(line))
  const dataStart = firstData < 0 ? lines.length : firstData - (coded ? leadingFragments(lines, firstData) : 0)
  const headerLines = lines.slice(0, dataStart)
  const dataLines = lines.slice(dataStart)

  // Columns come from the first page of rows; later pages are mapped onto them.
  const pages = new Map<number, LayoutLine[]>()
  for (const line of dataLines) pages.set(line.page, [...(pages.get(line.page) ?? []), line])
  const [firstPage = [], ...laterPages] = [...pages.values()]
  const primary = layoutPage(firstPage, headerLines)
  const header = primary.header
  const columns = header.columns
  const columnOf = new Map<Token, number>()
  for (const [index, cluster] of primary.clusters.entries()) {
    const own = primary.columnOfCluster[index] as Column
    const column = columns.indexOf(MERGED_INTO.get(own) ?? own)
    for (const token of cluster.tokens) columnOf.set(token, column)
  }
  // The lines of the first page's figures, column by column: which columns it showed only beside another.
  const firstLines = new Map<number, Set<number>>()
  for (const cluster of primary.clusters) {
    if (cluster.kind !== 'value') continue
    const column = columnOf.get(cluster.tokens[0] as Token) as number
    firstLines.set(column, new Set([...(firstLines.get(column) ?? []), ...cluster.tokens.map((token) => token.line)]))
  }
  const choiceOf = new Map<Token, ColumnChoice>()
  const pageLines = [firstPage]
  for (const page of laterPages) {
    const split = splitRepeatedHeader(page, coded, pageLines.at(-1)?.at(-1))
    pageLines.push(split.rows)
    const own = layoutPage(split.rows, split.header)
    const mapping = mapClusters(own.clusters, columns, headerShifts(headerLines, split.header))
    // A repeated header names the columns of its page: match them by name where the name is unique.
    let named = 0
    for (const [index, cluster] of own.clusters.entries()) {
      const key = headerKeyOf(own.columnOfCluster[index] as Column)
      const same = key ? columns.filter((column) => headerKeyOf(column) === key) : []
      if (same.length === 1) {
        mapping.set(cluster, columns.indexOf(same[0] as Column))
        named++
      }
    }
    for (const cluster of own.clusters) for (const token of cluster.tokens) columnOf.set(token, mapping.get(cluster) ?? 0)
    // Where the page names no column, a figure's column may be known by order only: the table's sums decide later.
    const choices = named === 0 ? orderChoices(own.clusters, columns, mapping) : new Map<Cluster, number[]>()
    // Named or not, a figure at the place of a column the first page showed only beside another may be in either.
    for (const [cluster, indexes] of besideChoices(own.clusters, columns, mapping, firstLines)) if (!choices.has(cluster)) choices.set(cluster, indexes)
    for (const [cluster, indexes] of choices) {
      const first = cluster.tokens[0] as Token
      const choice: ColumnChoice = { columns: indexes, group: `${first.line}:${first.x}` }
      for (const token of cluster.tokens) choiceOf.set(token, choice)
    }
  }
  const placedLines: PlacedLine[] = pageLines.flat().map((line) => ({
    line: line.line,
    page: line.page,
    placed: line.tokens.map((token) => ({ token, column: columnOf.get(token) ?? placeToken(token, columns) })),
  }))

  const rows: GridRow[] = []
  const width = columns.length
  const headerRow = (cells: Map<number, Token[]>) => {
    const row = emitRow(doc, { line: 0, cells }, width)
    if (row.cells.some((cell) => cell.text)) rows.push(row)
  }
  for (const level of header.groups) headerRow(new Map([...level].map(([column, tokens]) => [columns.indexOf(column), tokens])))
  headerRow(new Map(columns.map((column, index) => [index, column.headers])))
  headerRow(new Map(columns.map((column, index) => [index, column.pair])))
  for (const line of header.numberLines) headerRow(placeTokens(line.tokens, columns, header.numberColumns))
  for (const total of header.totals) headerRow(placeTokens([total], columns))
  const drafts = coded ? assembleCodedRows(placedLines, columns) : assembleLineRows(placedLines, columns)
  for (const draft of drafts) rows.push(emitRow(doc, draft, width, choiceOf))
  return rows
}

/**
 * Whether a lone total label (`小计`) taken for the first row is a header
 * word: the next lines up to the first figures are header text, and it
 * stands over one of those figures, not in a name column left of them (江苏's
 * “三公” header prints the vehicles' 小计 on a line of its own, over 266.80).
 *
 * > |                              小计
 * > |                     费                购置费     行维护费
 * > | 2,558.26   620.75   170.00   266.80            266.80
 *                                 ^^^^^^ under 小计: a column's header, not a row's label
 */
function headsFigures(lines: LayoutLine[], index: number): boolean {
  const line = lines[index] as LayoutLine
  const label = line.tokens[0]
  if (line.tokens.length !== 1 || !label || label.kind !== 'text') return false
  const figures = lines.findIndex((other, at) => at > index && other.tokens.some((token) => token.kind !== 'text'))
  const between = lines.slice(index + 1, figures < 0 ? index + 1 : figures)
  if (figures < 0 || between.length === 0 || between.some((other) => other.page !== line.page || isDataLine(other))) return false
  return (lines[figures] as LayoutLine).tokens.some((token) => token.kind === 'amount' && overlap({ start: token.x, end: token.end }, label) > 0)
}

/**
 * Lines at the top of a later page before its first row: a repeated header,
 * except the wrapped name of that first row.
 */
function splitRepeatedHeader(page: LayoutLine[], coded: boolean, before?: LayoutLine): { header: LayoutLine[]; rows: LayoutLine[] } {
  const first = page.findIndex((line) => isDataLine(line))
  if (first < 0) return { header: page, rows: [] }
  let start = first - (coded ? leadingFragments(page, first) : 0)
  // The rest of the last name of the page before, alone on the first line: a row's fragment, not a header.
  const opening = page[0]
  if (start > 0 && opening && before && opening.line - before.line === 1 && opening.tokens.length === 1 && before.tokens.some((token) => token.kind === 'text' && completesSubjectName(token.text, opening.tokens[0]?.text ?? ''))) start = 0
  return { header: page.slice(0, start), rows: page.slice(start) }
}

/** The columns of a page of rows: clustered from its tokens, completed and headed by its header lines. */
function layoutPage(rows: LayoutLine[], headerLines: LayoutLine[]): { clusters: Cluster[]; columnOfCluster: Column[]; header: HeaderLayout } {
  const clusters = clusterTokens(rows.flatMap((line) => line.tokens))
  const columnOfCluster: Column[] = clusters.map((cluster) => ({
    kind: cluster.kind,
    start: cluster.start,
    end: cluster.end,
    fill: cluster.kind === 'value' ? cluster.tokens.length : 0,
    headers: [],
    pair: [],
  }))
  // Column numbers of a `**  1  2 …` line read as a row (`**` is no column-number marker of isColumnNumberLine).
  const numbers = new Set(rows.flatMap((line) => (isColumnNumberLine(line.tokens.filter((token) => !/^\*+$/.test(token.text))) ? line.tokens : [])))
  for (const [index, cluster] of clusters.entries()) {
    if (cluster.kind === 'value' && cluster.tokens.every((token) => numbers.has(token))) NUMBER_COLUMNS.add(columnOfCluster[index] as Column)
  }
  return { clusters, columnOfCluster, header: layoutHeader(headerLines, columnOfCluster) }
}

/**
 * How many columns further left a later page prints the table than its
 * first page near a place, told by its repeated header: the shift of the
 * header word printed on both (same text, once in each) nearest that place
 * on the later page; 0 without one. pdftotext spaces each page by its own
 * content, and not by the same amount across a page.
 *
 * > | 一般公共预 政府性基金 国有资本经        (first page, x 58)
 * > | ␌一般公共预 政府性基金 国有资本经  (later page, x 50: shifted 8 there)
 */
function headerShifts(first: LayoutLine[], later: LayoutLine[]): (range: { start: number; end: number }) => number {
  const words = (lines: LayoutLine[]) => lines.flatMap((line) => line.tokens.filter((token) => /[\u3400-\u9fff]/.test(token.text)))
  const before = words(first)
  const after = words(later)
  const pairs: { token: Token; shift: number }[] = []
  for (const token of after) {
    const same = before.filter((other) => other.text === token.text)
    // A word printed once in each header only: a repeated word (`合计`, `小计`) could pair with the wrong one.
    if (same.length !== 1 || after.filter((other) => other.text === token.text).length !== 1) continue
    pairs.push({ token, shift: (same[0] as Token).x - token.x })
  }
  return (range) => {
    const middle = (range.start + range.end) / 2
    const nearest = [...pairs].sort((a, b) => Math.abs((a.token.x + a.token.end) / 2 - middle) - Math.abs((b.token.x + b.token.end) / 2 - middle))[0]
    return nearest?.shift ?? 0
  }
}

/** A column's header as compared across pages. */
function headerKeyOf(column: Column): string {
  return compact([...column.headers].sort((a, b) => a.line - b.line || a.x - b.x).map((token) => token.text).join(''))
}

function placeTokens(tokens: Token[], columns: Column[], known: Map<Token, Column> = new Map()): Map<number, Token[]> {
  const cells = new Map<number, Token[]>()
  for (const token of tokens) {
    const own = known.get(token)
    const column = own ? columns.indexOf(own) : placeToken(token, columns)
    cells.set(column, [...(cells.get(column) ?? []), token])
  }
  return cells
}

/**
 * The column of a token outside the clustered rows (column numbers, a
 * total label): the one it overlaps most, else the one whose span up to the
 * next column holds its aligned edge (the right edge of a number).
 *
 * > | 小计          公务用车 购置费
 * > |          9          10
 *              ^ right of `小计` and left of the next header: under 小计
 */
function placeToken(token: Token, columns: Column[]): number {
  let best = -1
  let most = 0
  for (const [index, column] of columns.entries()) {
    const shared = overlap(column, token)
    if (shared > most) {
      most = shared
      best = index
    }
  }
  if (best >= 0) return best
  const edge = token.kind === 'text' ? token.x : token.end - 1
  for (let index = columns.length - 1; index >= 0; index--) if ((columns[index] as Column).start <= edge) return index
  return 0
}
