/**
 * One table gridded: its lines split into header and rows, its columns
 * found on the first page of rows and later pages (with their repeated
 * header) mapped onto them, header rows emitted before the assembled rows.
 */
import type { SourceDocument } from '../../core/document.ts'
import type { GridRow, TableRegion } from '../../core/types.ts'
import { resolveCodes } from './codes.ts'
import { clusterTokens, mapClusters, overlap } from './columns.ts'
import type { Cluster, Column } from './columns.ts'
import { layoutHeader } from './header.ts'
import type { HeaderLayout } from './header.ts'
import { compact, isDataLine, leadingFragments } from './line-kinds.ts'
import { collectLines } from './lines.ts'
import type { LayoutLine } from './lines.ts'
import { assembleCodedRows, assembleLineRows, emitRow } from './rows.ts'
import type { PlacedLine } from './rows.ts'
import type { Token } from './tokens.ts'

/**
 * Grid the lines of one table (a region and the regions continuing it) into
 * rows: header rows first, then one row per anchor line.
 */
export function gridTable(doc: SourceDocument, regions: TableRegion[]): GridRow[] {
  const lines = collectLines(doc, regions)
  const coded = resolveCodes(lines)
  const firstData = lines.findIndex((line) => isDataLine(line))
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
    const column = columns.indexOf(primary.columnOfCluster[index] as Column)
    for (const token of cluster.tokens) columnOf.set(token, column)
  }
  const pageLines = [firstPage]
  for (const page of laterPages) {
    const split = splitRepeatedHeader(page, coded)
    pageLines.push(split.rows)
    const own = layoutPage(split.rows, split.header)
    const mapping = mapClusters(own.clusters, columns)
    // A repeated header names the columns of its page: match them by name where the name is unique.
    for (const [index, cluster] of own.clusters.entries()) {
      const key = headerKeyOf(own.columnOfCluster[index] as Column)
      const same = key ? columns.filter((column) => headerKeyOf(column) === key) : []
      if (same.length === 1) mapping.set(cluster, columns.indexOf(same[0] as Column))
    }
    for (const cluster of own.clusters) for (const token of cluster.tokens) columnOf.set(token, mapping.get(cluster) ?? 0)
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
  for (const draft of drafts) rows.push(emitRow(doc, draft, width))
  return rows
}

/**
 * Lines at the top of a later page before its first row: a repeated header,
 * except the wrapped name of that first row.
 */
function splitRepeatedHeader(page: LayoutLine[], coded: boolean): { header: LayoutLine[]; rows: LayoutLine[] } {
  const first = page.findIndex((line) => isDataLine(line))
  if (first < 0) return { header: page, rows: [] }
  const start = first - (coded ? leadingFragments(page, first) : 0)
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
  return { clusters, columnOfCluster, header: layoutHeader(headerLines, columnOfCluster) }
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
