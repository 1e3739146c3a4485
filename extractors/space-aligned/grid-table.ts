/**
 * One table gridded: its lines cut into pages, each page into its header
 * and its rows; the table's columns laid out on the first page with a
 * header (amounts under the column header whose place holds their right
 * edge, codes and names between them); later pages mapped onto those
 * columns by their own header, or by the order of their columns and the
 * table's identities where they print none; header rows emitted before the
 * assembled rows, with each column's header path.
 */
import type { SourceDocument } from '../../core/document.ts'
import type { GridCell, GridRow, TableRegion } from '../../core/types.ts'
import { compactText } from '../../core/text.ts'
import { isSegment, resolveCodes } from './codes.ts'
import { assignInOrder, clusterLabels, clusterValues, overlap, regionOf } from './columns.ts'
import type { Cluster, TableColumn } from './columns.ts'
import { cellText, layoutHeader, middle } from './header.ts'
import type { HeaderCell, HeaderLayout, HeaderLeaf } from './header.ts'
import { resolvePages } from './identities.ts'
import type { OpenPage } from './identities.ts'
import { isDataLine, leadingFragments } from './line-kinds.ts'
import { collectLines } from './lines.ts'
import type { LayoutLine } from './lines.ts'
import { assembleCodedRows, assembleLineRows, emitRow } from './rows.ts'
import type { PlacedLine, RowDraft } from './rows.ts'
import type { Token } from './tokens.ts'

/** The rows of a gridded table and the header path of each of its columns. */
export interface GriddedTable {
  rows: GridRow[]
  columnLabels: string[]
}

/** A page of the table: its header lines (none on a continuation page that repeats none) and its rows. */
interface Page {
  header: LayoutLine[]
  rows: LayoutLine[]
}

/** The columns of one page, before they are mapped onto the table's. */
interface PageLayout {
  header: HeaderLayout | undefined
  /** Value columns of the page, left to right: a header leaf, or a cluster of amounts nobody heads. */
  values: PageValue[]
  labels: Cluster[]
  /** Value column of each amount. */
  valueOf: Map<Token, number>
}

interface PageValue {
  leaf: HeaderLeaf | undefined
  tokens: Token[]
  start: number
  end: number
  edge: number
}

/** Header words of a label column (code or name), not a measure. */
const LABEL_HEADER = /编码|代码|名称|^项目$|^科目$|^类$|^款$|^项$|^单位$|^预算单位$|^部门$/

/**
 * Grid the lines of one table (a region and the regions continuing it) into
 * rows: header rows first, then one row per anchor line.
 */
export function gridTable(doc: SourceDocument, regions: TableRegion[]): GriddedTable {
  const lines = collectLines(doc, regions)
  const coded = resolveCodes(lines)
  const pages = splitPages(lines, coded)
  const primaryIndex = Math.max(0, pages.findIndex((page) => page.header.length > 0 && page.rows.length > 0))
  const primaryPage = pages[primaryIndex] ?? { header: [], rows: [] }
  const primary = layoutPage(primaryPage)

  // The table's columns: the primary page's value columns with the codes and names between them.
  const columns: TableColumn[] = []
  const valueColumn: number[] = []
  const boundaries = primary.values.map((value) => value.start)
  const labelRegions = new Map<number, Cluster[]>()
  for (const cluster of primary.labels) {
    const region = regionOf(cluster.start, boundaries)
    labelRegions.set(region, [...(labelRegions.get(region) ?? []), cluster])
  }
  const labelLeaves = labelLeavesOf(primary)
  const labelColumn = new Map<Cluster, number>()
  for (let region = 0; region <= primary.values.length; region++) {
    for (const cluster of labelRegions.get(region) ?? []) {
      labelColumn.set(cluster, columns.length)
      columns.push({ kind: cluster.kind === 'code' ? 'code' : 'label', leaf: labelLeaves.get(cluster), start: cluster.start, end: cluster.end, edge: cluster.end, fill: 0 })
    }
    const value = primary.values[region]
    if (!value) continue
    valueColumn.push(columns.length)
    columns.push({ kind: 'value', leaf: value.leaf, start: value.start, end: value.end, edge: value.edge, fill: value.tokens.length })
  }
  // Label headers over no codes or names (an empty table): columns of their own.
  for (const leaf of unplacedLabelLeaves(primary, labelLeaves)) {
    const at = columns.findIndex((column) => column.start > leaf.cell.start)
    const column: TableColumn = { kind: 'label', leaf, start: leaf.cell.start, end: leaf.cell.end, edge: leaf.cell.end, fill: 0 }
    if (at < 0) columns.push(column)
    else {
      columns.splice(at, 0, column)
      for (const [cluster, index] of labelColumn) if (index >= at) labelColumn.set(cluster, index + 1)
      for (const [position, index] of valueColumn.entries()) if (index >= at) valueColumn[position] = index + 1
    }
  }

  const columnOf = new Map<Token, number>()
  for (const [token, value] of primary.valueOf) columnOf.set(token, valueColumn[value] as number)
  for (const [cluster, index] of labelColumn) for (const token of cluster.tokens) columnOf.set(token, index)

  // Later pages: by their own header where they repeat it, else by the order of their columns.
  const open: OpenPage[] = []
  for (const [index, page] of pages.entries()) {
    if (index === primaryIndex) continue
    const layout = layoutPage(page)
    let mapping: number[]
    if (layout.header && layout.values.some((value) => value.leaf)) mapping = mapByHeader(layout.values, primary.values)
    else {
      const { candidates, preferred } = candidateMappings(layout.values, columns, valueColumn)
      mapping = preferred ?? candidates[0] ?? []
      if (candidates.length > 1) open.push({ clusters: layout.values.map((value) => value.tokens), candidates, preferred })
    }
    for (const [token, value] of layout.valueOf) {
      const target = valueColumn[mapping[value] ?? 0]
      if (target !== undefined) columnOf.set(token, target)
    }
    const pageBoundaries = layout.values.map((value) => value.start)
    for (const cluster of layout.labels) {
      const region = regionOf(cluster.start, pageBoundaries)
      const tableRegion = region === 0 ? 0 : (mapping[region - 1] ?? region - 1) + 1
      const target = nearestLabelColumn(cluster, columns, valueColumn, tableRegion)
      if (target >= 0) for (const token of cluster.tokens) columnOf.set(token, target)
    }
  }

  for (const line of pages.flatMap((page) => page.rows)) keepLineOrder(line.tokens, columns, columnOf)

  const rowLines = pages.flatMap((page) => page.rows)
  const placedLines: PlacedLine[] = rowLines.map((line) => ({
    line: line.line,
    page: line.page,
    placed: line.tokens.flatMap((token) => {
      const column = columnOf.get(token)
      return column === undefined ? [] : [{ token, column }]
    }),
  }))
  const drafts = coded ? assembleCodedRows(placedLines, columns) : assembleLineRows(placedLines, columns)
  if (open.length > 0) resolvePages(doc, drafts, columns, valueColumn, open, columnOf)

  return emitTable(doc, columns, valueColumn, primary.header, drafts)
}

/**
 * A line's cells keep the order of its text: an amount placed in a column
 * left of a name printed before it (a summary row shifted against the
 * grid) moves to the nearest value column right of that name's.
 *
 * > |   人员经费合计   796.28          公用经费合计     198.48
 *                                                     ^^^^^^ after 公用经费合计's column, not under the 决算数 left of it
 */
function keepLineOrder(tokens: Token[], columns: TableColumn[], columnOf: Map<Token, number>): void {
  let floor = -1
  for (const token of [...tokens].sort((a, b) => a.x - b.x)) {
    const column = columnOf.get(token)
    if (column === undefined) continue
    if (column < floor && token.kind === 'amount') {
      const later = columns.findIndex((entry, index) => index > floor && entry.kind === 'value')
      if (later >= 0) columnOf.set(token, later)
    }
    floor = Math.max(floor, columnOf.get(token) ?? column)
  }
}

/** Pages of the table, each cut into its header lines and its rows. */
function splitPages(lines: LayoutLine[], coded: boolean): Page[] {
  const byPage = new Map<number, LayoutLine[]>()
  for (const line of lines) byPage.set(line.page, [...(byPage.get(line.page) ?? []), line])
  const pages: Page[] = []
  let carried: LayoutLine[] = []
  for (const pageLines of byPage.values()) {
    const first = pageLines.findIndex((line) => isDataLine(line))
    if (first < 0) {
      // A page of header lines only (the table starts on the next page), or text after the rows.
      if (pages.length === 0) carried = [...carried, ...pageLines]
      else (pages.at(-1) as Page).rows.push(...pageLines)
      continue
    }
    const start = first - (coded ? leadingFragments(pageLines, first) : 0)
    pages.push({ header: [...carried, ...pageLines.slice(0, start)], rows: pageLines.slice(start) })
    carried = []
  }
  if (pages.length === 0 && carried.length > 0) pages.push({ header: carried, rows: [] })
  return pages
}

/** Lay out one page: its header, its value columns and the label clusters between them. */
function layoutPage(page: Page): PageLayout {
  const tokens = page.rows.flatMap((line) => line.tokens)
  const clusters = clusterValues(tokens)
  const labelTokens = tokens.filter((token) => token.kind !== 'amount')
  const isLabel = (cell: HeaderCell) => isLabelCell(cell, labelTokens, clusters)
  const header = page.header.length > 0 ? layoutHeader(page.header, isLabel) : undefined
  const valueLeaves = header ? header.leaves.filter((leaf) => !isLabel(leaf.cell)) : []
  const valueOf = new Map<Token, number>()
  let values: PageValue[]
  if (valueLeaves.length > 0) {
    values = valueLeaves.map((leaf) => ({ leaf, tokens: [], start: leaf.cell.start, end: leaf.cell.end, edge: middle(leaf.cell) }))
    const cells = valueLeaves.map((leaf) => leaf.cell)
    const stray: Token[] = []
    for (const line of page.rows) {
      const amounts = line.tokens.filter((token) => token.kind === 'amount').sort((a, b) => a.x - b.x)
      if (amounts.length === 0) continue
      const slots = placeUnderHeaders(amounts, cells)
      for (const [index, token] of amounts.entries()) {
        const slot = slots[index]
        if (slot === undefined) stray.push(token)
        else (values[slot] as PageValue).tokens.push(token)
      }
    }
    // Amounts no header takes (more on a line than headed columns): columns of their own.
    for (const cluster of clusterValues(stray)) {
      values.push({ leaf: undefined, tokens: cluster.tokens, start: cluster.start, end: cluster.end, edge: cluster.end })
    }
    values.sort((a, b) => positionOf(a) - positionOf(b))
  } else {
    values = clusters.map((cluster) => ({ leaf: undefined, tokens: cluster.tokens, start: cluster.start, end: cluster.end, edge: medianEnd(cluster.tokens) }))
  }
  for (const value of values) {
    if (value.tokens.length === 0) continue
    value.start = Math.min(...value.tokens.map((token) => token.x))
    value.end = Math.max(...value.tokens.map((token) => token.end))
    value.edge = medianEnd(value.tokens)
  }
  for (const [index, value] of values.entries()) for (const token of value.tokens) valueOf.set(token, index)
  const boundaries = values.map((value) => value.start)
  return { header, values, labels: clusterLabels(labelTokens, boundaries), valueOf }
}

function positionOf(value: PageValue): number {
  return value.leaf ? middle(value.leaf.cell) : value.edge
}

function medianEnd(tokens: Token[]): number {
  const ends = tokens.map((token) => token.end).sort((a, b) => a - b)
  return ends[Math.floor(ends.length / 2)] ?? 0
}

/**
 * Place a line's amounts under the value headers: each under the header it
 * overlaps most, or else under the header whose middle is the last one left
 * of its right edge (an amount is right-aligned or centred in its cell, its
 * header centred), in order, one amount per header; an amount that fits
 * nowhere is left out.
 *
 * > |               总计                小计
 * > |   合计      37,891.58       12,899.62
 *                         ^ right of 总计's middle, left of 小计's: under 总计
 */
function placeUnderHeaders(amounts: Token[], leaves: HeaderCell[]): (number | undefined)[] {
  const centres = leaves.map(middle)
  const cost = (token: Token, slot: number) => {
    const shared = leaves.map((leaf) => overlap(leaf, { start: token.x, end: token.end }))
    const most = Math.max(...shared)
    const low = slot === 0 ? -Infinity : (centres[slot] as number)
    const high = centres[slot + 1] ?? Infinity
    const outside = token.end <= low ? low - token.end + 0.5 : token.end > high ? token.end - high : 0
    if (most > 0) return shared[slot] === most ? 0 : 2 + outside
    return outside
  }
  if (amounts.length <= leaves.length) {
    return assignInOrder(
      amounts.map((_, index) => index),
      leaves.map((_, index) => index),
      (i, j) => cost(amounts[i] as Token, j),
    )
  }
  // More amounts than headers: the best-fitting ones take the headers.
  const slots = assignInOrder(
    leaves.map((_, index) => index),
    amounts.map((_, index) => index),
    (j, i) => cost(amounts[i] as Token, j),
  )
  const result: (number | undefined)[] = amounts.map(() => undefined)
  for (const [slot, amount] of slots.entries()) result[amount] = slot
  return result
}

/** Whether a header cell heads a code or name column rather than figures. */
function isLabelCell(cell: HeaderCell, labels: Token[], values: Cluster[]): boolean {
  const range = { start: cell.start, end: cell.end }
  const overLabels = Math.max(0, ...labels.map((token) => overlap(range, { start: token.x, end: token.end })))
  const overValues = Math.max(0, ...values.map((cluster) => overlap(range, cluster)))
  if (overLabels > overValues) return true
  return overValues === 0 && LABEL_HEADER.test(cellText(cell))
}

/**
 * The header leaf over each label cluster of the primary page: in each
 * stretch between value columns, leaves and clusters matched in order,
 * nearest first (a header is centred in its cell, codes and names start at
 * its left), a code header (`科目编码`, `类`) preferring codes.
 */
function labelLeavesOf(page: PageLayout): Map<Cluster, HeaderLeaf> {
  const result = new Map<Cluster, HeaderLeaf>()
  if (!page.header) return result
  const valueLeaves = new Set(page.values.flatMap((value) => (value.leaf ? [value.leaf] : [])))
  const boundaries = page.values.map((value) => value.start)
  const leaves = page.header.leaves.filter((leaf) => !valueLeaves.has(leaf))
  for (let region = 0; region <= boundaries.length; region++) {
    const own = leaves.filter((leaf) => regionOf(middle(leaf.cell), boundaries) === region || regionOf(leaf.cell.start, boundaries) === region)
    const clusters = page.labels.filter((cluster) => regionOf(cluster.start, boundaries) === region)
    if (own.length === 0 || clusters.length === 0) continue
    const cost = (leaf: HeaderLeaf, cluster: Cluster) => {
      const codeHeader = /编码|代码|^类$|^款$|^项$/.test(cellText(leaf.cell))
      const mismatch = codeHeader !== (cluster.kind === 'code') ? 1000 : 0
      return Math.abs(middle(leaf.cell) - middle(cluster)) + mismatch
    }
    if (own.length <= clusters.length) {
      const slots = assignInOrder(own.map((_, index) => index), clusters.map((_, index) => index), (i, j) => cost(own[i] as HeaderLeaf, clusters[j] as Cluster))
      for (const [index, slot] of slots.entries()) result.set(clusters[slot] as Cluster, own[index] as HeaderLeaf)
    } else {
      const slots = assignInOrder(clusters.map((_, index) => index), own.map((_, index) => index), (i, j) => cost(own[j] as HeaderLeaf, clusters[i] as Cluster))
      for (const [index, slot] of slots.entries()) result.set(clusters[index] as Cluster, own[slot] as HeaderLeaf)
    }
  }
  return result
}

function unplacedLabelLeaves(page: PageLayout, placed: Map<Cluster, HeaderLeaf>): HeaderLeaf[] {
  if (!page.header) return []
  const used = new Set([...placed.values(), ...page.values.flatMap((value) => (value.leaf ? [value.leaf] : []))])
  return page.header.leaves.filter((leaf) => !used.has(leaf))
}

/** A leaf's header as compared across pages. */
function leafKey(leaf: HeaderLeaf | undefined): string {
  if (!leaf) return ''
  return [...leaf.groups.map(cellText), cellText(leaf.cell)].join('/')
}

/** Map the value columns of a page with a repeated header onto the primary page's, by their headers in order. */
function mapByHeader(values: PageValue[], primary: PageValue[]): number[] {
  const keys = primary.map((value) => leafKey(value.leaf))
  return assignOrFallback(
    values.map((value) => leafKey(value.leaf)),
    keys,
    values,
    primary,
  )
}

function assignOrFallback(pageKeys: string[], tableKeys: string[], values: PageValue[], primary: PageValue[]): number[] {
  if (pageKeys.length <= tableKeys.length) {
    return assignInOrder(
      pageKeys.map((_, index) => index),
      tableKeys.map((_, index) => index),
      (i, j) => (pageKeys[i] === tableKeys[j] && pageKeys[i] !== '' ? 0 : 1) + Math.abs(i - j) * 1e-3,
    )
  }
  // More columns on the page than in the table: nearest by position.
  return values.map((value) => {
    let best = 0
    for (const [index, column] of primary.entries()) if (Math.abs(column.edge - value.edge) < Math.abs((primary[best] as PageValue).edge - value.edge)) best = index
    return best
  })
}

/**
 * The ways the value columns of a page without a header can be the table's:
 * in order, one table column each. pdftotext packs a page by its own
 * content, so a column empty on the page leaves no gap and positions do not
 * always tell which one it is. Preferred: the nearest by position when each
 * column stands within a few places of one of the table's, else as many
 * columns as the table has columns with figures, those in order; the
 * table's identities choose among the others.
 */
function candidateMappings(values: PageValue[], columns: TableColumn[], valueColumn: number[]): { candidates: number[][]; preferred: number[] | undefined } {
  const n = values.length
  const m = valueColumn.length
  if (n === 0) return { candidates: [[]], preferred: [] }
  const edges = valueColumn.map((index) => (columns[index] as TableColumn).edge)
  if (n > m) {
    // More columns than the table has: nearest by position, several on one.
    const nearest = values.map((value) => nearestIndex(edges, value.edge))
    return { candidates: [nearest], preferred: nearest }
  }
  const nearest = assignInOrder(
    values.map((value) => value.edge),
    edges,
    (edge, slot) => Math.abs(edge - slot),
  )
  const close = nearest.every((slot, index) => Math.abs((edges[slot] as number) - (values[index] as PageValue).edge) <= 3)
  const filled = valueColumn.flatMap((index, slot) => ((columns[index] as TableColumn).fill > 0 ? [slot] : []))
  const preferred = close ? nearest : filled.length === n ? filled : undefined
  if (n === m) return { candidates: [nearest], preferred: nearest }
  const all: number[][] = preferred ? [preferred] : []
  const key = (mapping: number[]) => mapping.join(',')
  const seen = new Set(all.map(key))
  const combine = (start: number, chosen: number[]) => {
    if (all.length > 64) return
    if (chosen.length === n) {
      if (!seen.has(key(chosen))) {
        seen.add(key(chosen))
        all.push([...chosen])
      }
      return
    }
    for (let index = start; index <= m - (n - chosen.length); index++) combine(index + 1, [...chosen, index])
  }
  combine(0, [])
  return { candidates: all, preferred }
}

function nearestIndex(points: number[], value: number): number {
  let best = 0
  for (const [index, point] of points.entries()) if (Math.abs(point - value) < Math.abs((points[best] as number) - value)) best = index
  return best
}

/** The table's label column for a label cluster of a later page: same stretch, same kind, nearest. */
function nearestLabelColumn(cluster: Cluster, columns: TableColumn[], valueColumn: number[], region: number): number {
  const inRegion = columns.flatMap((column, index) => {
    if (column.kind === 'value') return []
    const before = valueColumn.filter((value) => value < index).length
    return before === region ? [index] : []
  })
  const kind = cluster.kind === 'code' ? 'code' : 'label'
  const sameKind = inRegion.filter((index) => columns[index]?.kind === kind)
  const pool = sameKind.length > 0 ? sameKind : inRegion.length > 0 ? inRegion : columns.flatMap((column, index) => (column.kind === kind ? [index] : []))
  if (pool.length === 0) return columns.findIndex((column) => column.kind !== 'value')
  let best = pool[0] as number
  for (const index of pool) {
    if (Math.abs((columns[index] as TableColumn).start - cluster.start) < Math.abs((columns[best] as TableColumn).start - cluster.start)) best = index
  }
  return best
}

/** Output columns: table columns, with the 类 / 款 / 项 columns of a split code as one. */
function outputColumns(columns: TableColumn[], drafts: RowDraft[]): number[][] {
  const segmentColumns = new Set<number>()
  for (const draft of drafts) for (const [index, tokens] of draft.cells) if (tokens.some(isSegment)) segmentColumns.add(index)
  const outputs: number[][] = []
  for (const [index, column] of columns.entries()) {
    const last = outputs.at(-1)
    const previous = last ? columns[last.at(-1) as number] : undefined
    if (last && previous?.kind === 'code' && column.kind === 'code' && segmentColumns.has(index)) last.push(index)
    else outputs.push([index])
  }
  return outputs
}

function emitTable(doc: SourceDocument, columns: TableColumn[], valueColumn: number[], header: HeaderLayout | undefined, drafts: RowDraft[]): GriddedTable {
  const outputs = outputColumns(columns, drafts)
  const outputOf = new Map<number, number>()
  for (const [output, members] of outputs.entries()) for (const index of members) outputOf.set(index, output)
  const width = outputs.length
  const rows: GridRow[] = []
  const headerRow = (cells: Map<number, Token[]>) => {
    const row = emitRow(doc, { line: 0, cells }, width)
    if (row.cells.some((cell) => cell.text)) rows.push(row)
  }
  const leafColumn = new Map<HeaderLeaf, number>()
  for (const [index, column] of columns.entries()) if (column.leaf) leafColumn.set(column.leaf, outputOf.get(index) as number)
  if (header) {
    const depth = Math.max(-1, ...header.groups.map((group) => group.depth))
    // Outermost groups first, those right over the columns last.
    for (let level = depth; level >= 0; level--) {
      const cells = new Map<number, Token[]>()
      for (const group of header.groups) {
        if (group.depth !== level) continue
        const members = header.leaves.slice(group.first, group.last + 1).flatMap((leaf) => (leafColumn.has(leaf) ? [leafColumn.get(leaf) as number] : []))
        if (members.length === 0) continue
        const first = Math.min(...members)
        cells.set(first, [...(cells.get(first) ?? []), ...group.cell.tokens])
      }
      headerRow(cells)
    }
    const leafCells = new Map<number, Token[]>()
    for (const [leaf, output] of leafColumn) leafCells.set(output, [...(leafCells.get(output) ?? []), ...leafTokens(leaf, header)])
    headerRow(leafCells)
    for (const line of header.numberLines) headerRow(placeNumberLine(line.tokens, columns, outputOf))
    for (const total of header.totals) headerRow(placeByPosition([total], columns, outputOf))
  }
  const carry: string[] = []
  for (const draft of drafts) {
    const cells = new Map<number, Token[]>()
    const merged = new Map<number, Token[]>()
    for (const [index, tokens] of draft.cells) {
      const output = outputOf.get(index) as number
      if ((outputs[output] as number[]).length > 1) merged.set(output, [...(merged.get(output) ?? []), ...tokens])
      else cells.set(output, tokens)
    }
    const row = emitRow(doc, { line: draft.line, cells }, width)
    for (const [output, tokens] of merged) {
      const cell = splitCodeCell(doc, tokens, outputs[output] as number[], draft, carry)
      if (cell) row.cells[output] = cell
    }
    rows.push(row)
  }
  const columnLabels = outputs.map((members) => labelOf(members.map((index) => columns[index]?.leaf)))
  void valueColumn
  return { rows, columnLabels }
}

/** The tokens of a leaf's own header cell. */
function leafTokens(leaf: HeaderLeaf, _header: HeaderLayout): Token[] {
  return leaf.cell.tokens
}

/** A column's header path: its groups, outermost first, then its own header; for a split code, what its segment columns share. */
function labelOf(leaves: (HeaderLeaf | undefined)[]): string {
  const present = leaves.filter((leaf): leaf is HeaderLeaf => leaf !== undefined)
  if (present.length === 0) return ''
  if (present.length === 1) {
    const leaf = present[0] as HeaderLeaf
    return [...leaf.groups.map(cellText), cellText(leaf.cell)].join('/')
  }
  // The 类 / 款 / 项 columns of a split code: the header over them (`科目编码`), else their own joined.
  const headed = present.find((leaf) => leaf.groups.length > 0)
  return headed ? headed.groups.map(cellText).join('/') : present.map((leaf) => cellText(leaf.cell)).join('')
}

/**
 * The code of a row printed over 类 / 款 / 项 columns: its segments joined,
 * the levels it leaves blank taken from the rows above (a 款 row printing
 * only `08` under the 类 `205` of the row before).
 */
function splitCodeCell(doc: SourceDocument, tokens: Token[], members: number[], draft: RowDraft, carry: string[]): GridCell | undefined {
  const segments = members.map((index) => (draft.cells.get(index) ?? []).filter((token) => token.kind === 'code'))
  let deepest = -1
  for (const [level, found] of segments.entries()) {
    const token = found[0]
    if (!token) continue
    // A whole code in the 类 column, or a segment under the code of the level above (printed on this row or carried).
    carry[level] = level === 0 || token.text.length > 2 ? token.text : (carry[level - 1] ?? '') + token.text
    carry.length = level + 1
    deepest = level
  }
  const printed = tokens.filter((token) => token.kind === 'code').sort((a, b) => a.x - b.x)
  const head = printed[0]
  const tail = printed.at(-1)
  if (deepest < 0 || !head || !tail) return undefined
  const start = doc.span(head.line, head.offset, head.text.length)
  const stop = doc.span(tail.line, tail.offset, tail.text.length)
  return { text: carry[deepest] ?? '', span: { line: start.line, column: start.column, endLine: stop.endLine, endColumn: stop.endColumn } }
}

/** A line of column numbers: each number over the value column whose figures end nearest to it, in order; the words (`栏次`, `**`) by position. */
function placeNumberLine(tokens: Token[], columns: TableColumn[], outputOf: Map<number, number>): Map<number, Token[]> {
  const numbers = tokens.filter((token) => /^\d+$/.test(token.text)).sort((a, b) => a.x - b.x)
  const words = tokens.filter((token) => !numbers.includes(token))
  const cells = placeByPosition(words, columns, outputOf)
  const values = columns.flatMap((column, index) => (column.kind === 'value' && Number.isFinite(column.edge) ? [index] : []))
  if (numbers.length === 0 || numbers.length > values.length) {
    for (const [key, entries] of placeByPosition(numbers, columns, outputOf)) cells.set(key, [...(cells.get(key) ?? []), ...entries])
    return cells
  }
  const slots = assignInOrder(
    numbers.map((token) => token.end),
    values.map((index) => (columns[index] as TableColumn).edge),
  )
  for (const [position, token] of numbers.entries()) {
    const output = outputOf.get(values[slots[position] as number] as number) as number
    cells.set(output, [...(cells.get(output) ?? []), token])
  }
  return cells
}

/** The output column of a token outside the rows (column numbers, a total label): the one it overlaps most, else the last starting left of it. */
function placeByPosition(tokens: Token[], columns: TableColumn[], outputOf: Map<number, number>): Map<number, Token[]> {
  const cells = new Map<number, Token[]>()
  for (const token of tokens) {
    let best = -1
    let most = 0
    for (const [index, column] of columns.entries()) {
      const range = column.kind === 'value' && column.leaf ? column.leaf.cell : column
      const shared = overlap(range, { start: token.x, end: token.reach })
      if (shared > most) {
        most = shared
        best = index
      }
    }
    if (best < 0) {
      const edge = token.kind === 'text' ? token.x : token.end - 1
      best = 0
      for (let index = columns.length - 1; index >= 0; index--) {
        if ((columns[index] as TableColumn).start <= edge) {
          best = index
          break
        }
      }
    }
    const output = outputOf.get(best) ?? 0
    cells.set(output, [...(cells.get(output) ?? []), token])
  }
  return cells
}

/** Text of a header path, for tests and messages. */
export function headerPathText(leaf: HeaderLeaf): string {
  return compactText([...leaf.groups.map(cellText), cellText(leaf.cell)].join('/'))
}
