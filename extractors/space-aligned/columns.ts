/**
 * Column clustering: the tokens of a page of rows clustered into columns,
 * and the clusters of a later page mapped onto the table's columns.
 */
import { TOTAL_LABEL } from './line-kinds.ts'
import type { Token } from './tokens.ts'

/** What a column holds. `header`: a column known only from its header (no figures anywhere). */
type ColumnKind = 'code' | 'label' | 'value' | 'header'

/** A column of the table: its x-range and what stands in it. */
export interface Column {
  kind: ColumnKind
  start: number
  end: number
  /** Number of figures found in it on the first page of rows. */
  fill: number
  /** Header fragments merged into its header cell. */
  headers: Token[]
  /** Its cell of the `预算数 决算数 …` row. */
  pair: Token[]
}

/** Tokens of one kind that stand in one column of a page. */
export interface Cluster {
  kind: 'code' | 'label' | 'value'
  start: number
  end: number
  tokens: Token[]
}

/** How far apart the right edges of one column's amounts may be (pdftotext rounds positions). */
const RIGHT_EDGE_SLACK = 2

/**
 * Cluster the tokens of a page of rows into columns: amounts by their right
 * edge (they are right-aligned), codes and names by overlapping x-ranges.
 *
 * > |  2013999               202.24            202.24
 * > |  2101101    行政单位医疗      2.22     2.22
 *                                 ^ 202.24 ends here, 2.22 one column before (a CJK character is one column): same column
 */
export function clusterTokens(tokens: Token[]): Cluster[] {
  const values: Cluster[] = []
  let edge = 0
  for (const token of tokens.filter((entry) => entry.kind === 'amount').sort((a, b) => a.end - b.end || a.x - b.x)) {
    const last = values.at(-1)
    if (last && token.end - edge <= RIGHT_EDGE_SLACK) {
      last.tokens.push(token)
      last.start = Math.min(last.start, token.x)
      last.end = Math.max(last.end, token.end)
    } else values.push({ kind: 'value', start: token.x, end: token.end, tokens: [token] })
    // Edges drift by a column or two down a page (wrapped amounts more): a column runs on while the next edge is near the last.
    edge = token.end
  }
  mergeStrayValues(values)
  mergeDriftedValues(values)
  const codes = overlapClusters(tokens.filter((token) => token.kind === 'code'), 'code')
  const labels: Cluster[] = []
  for (const cluster of overlapClusters(tokens.filter((token) => token.kind === 'text'), 'label')) {
    // `…` or `合计` standing in the code column belongs to it.
    const code = codes.find((entry) => cluster.start >= entry.start - 1 && cluster.end <= entry.end + 1)
    if (code) code.tokens.push(...cluster.tokens)
    else labels.push(cluster)
  }
  return [...codes, ...labels, ...values].sort(byPosition)
}

/**
 * A few figures pushed off their column's right edge (a total row of wide
 * numbers one space apart) form a cluster of their own: it joins the
 * column it overlaps when no line has figures in both.
 *
 * > |         合计           1,014,419.03 104,090.47 909,936.12
 * > | 广州市规划和自然资源局              37,027.49    21,345.69   15,478.80
 *                                                  ^^^^^^^^^^ ends three columns left of 21,345.69, overlapping it
 */
function mergeStrayValues(values: Cluster[]): void {
  const linesOf = (cluster: Cluster) => new Set(cluster.tokens.map((token) => token.line))
  for (let index = 0; index < values.length; index++) {
    const stray = values[index] as Cluster
    const lines = linesOf(stray)
    // Twice its lines and four at least: the rows of a consolidated 部门's unit names stand a few columns off the code rows under them.
    const neighbours = [values[index - 1], values[index + 1]].filter((other): other is Cluster => other !== undefined)
    const widths = (cluster: Cluster) => cluster.tokens.map((token) => token.end - token.x)
    // pdftotext sets a column's widest figures a few columns left of its narrower ones (sz 支出总表: 57,973.81 ends 3 left of 124.14).
    const widerLeft = (other: Cluster) => stray.end < other.end && Math.min(...widths(stray)) > Math.max(...widths(other))
    const target = neighbours
      .filter((other) => overlap(other, stray) > 0 && (linesOf(other).size >= Math.max(4, 2 * lines.size) || widerLeft(other)) && !other.tokens.some((token) => lines.has(token.line)))
      .sort((a, b) => overlap(b, stray) - overlap(a, stray))[0]
    if (!target) continue
    target.tokens.push(...stray.tokens)
    target.start = Math.min(target.start, stray.start)
    target.end = Math.max(target.end, stray.end)
    values.splice(index, 1)
    index--
  }
}

/** How far apart the right edges of one column's amounts may drift when no row has figures on both sides of the gap. */
const DRIFT_SLACK = 2 * RIGHT_EDGE_SLACK

/** How many times that gap the neighbouring columns must stand away for a drift to be told from a column. */
const DRIFT_ISOLATION = 3

/**
 * pdftotext places a figure by its left edge, so the right edges of one
 * column drift with the figures' widths (`3,413.16` three columns right of
 * `21,695.44`): two neighbouring clusters whose edges are a few columns
 * apart, that overlap and that never share a row are one column.
 *
 * > |  01     公路水路运输        33,975.48      21,695.44         12,280.04
 * > |  01     行政运行             3,497.16           3,413.16             84.00
 *                                                   ^ ends 3 columns right of 21,695.44, on no row beside it: same column
 */
function mergeDriftedValues(values: Cluster[]): void {
  const linesOf = (cluster: Cluster) => new Set(cluster.tokens.map((token) => token.line))
  const edges = (cluster: Cluster) => cluster.tokens.map((token) => token.end)
  for (let index = 1; index < values.length; index++) {
    const left = values[index - 1] as Cluster
    const right = values[index] as Cluster
    const gap = Math.min(...edges(right)) - Math.max(...edges(left))
    const lines = linesOf(left)
    // They overlap as well: a figure's digit wrapped to a line of its own stands right of its column, apart from it.
    if (gap > DRIFT_SLACK || overlap(left, right) === 0 || right.tokens.some((token) => lines.has(token.line))) continue
    // And the columns around stand well apart: where columns are packed a few apart, a gap of a few is a column of its own.
    const before = values[index - 2]
    const after = values[index + 1]
    const outer = Math.min(
      before ? Math.min(...edges(left)) - Math.max(...edges(before)) : Infinity,
      after ? Math.min(...edges(after)) - Math.max(...edges(right)) : Infinity,
    )
    if (outer < DRIFT_ISOLATION * gap && !staircased(left, right)) continue
    left.tokens.push(...right.tokens)
    left.start = Math.min(left.start, right.start)
    left.end = Math.max(left.end, right.end)
    values.splice(index, 1)
    index--
  }
}

/**
 * Two clusters of amounts wrapped in narrow cells (a staircase of pieces)
 * that overlap over half the narrower one: pdftotext sets each line of
 * pieces by its own content, so one column's joined figures end a few
 * columns apart from row to row, packed as close as the columns around.
 *
 * > |  215     资源勘探工业信息等支出  41,772
 * > |                                    .73    238
 * > |                                             .0041,534
 * > |  21598   超长期特别国债安排的支出    41,534
 * > |                                    .73            41,534
 *                                                        ^^^^^^ 3 columns right of 215's 41,534.73, on no row beside it: same column
 */
function staircased(left: Cluster, right: Cluster): boolean {
  const wrapped = (cluster: Cluster) => cluster.tokens.every((token) => token.wrap !== undefined)
  const narrower = Math.min(left.end - left.start, right.end - right.start)
  return wrapped(left) && wrapped(right) && 2 * overlap(left, right) >= narrower
}

function overlapClusters(tokens: Token[], kind: 'code' | 'label'): Cluster[] {
  const clusters: Cluster[] = []
  for (const token of [...tokens].sort((a, b) => a.x - b.x || a.end - b.end)) {
    const last = clusters.at(-1)
    if (last && token.x < last.end) {
      last.tokens.push(token)
      last.end = Math.max(last.end, token.end)
    } else clusters.push({ kind, start: token.x, end: token.end, tokens: [token] })
  }
  return clusters
}

/** Order of ranges: by start, then by end. */
export function byPosition(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end
}

/** How many layout columns two ranges share (0 when apart). */
export function overlap(a: { start: number; end: number }, b: { x: number; end: number } | { start: number; end: number }): number {
  const bStart = 'x' in b ? b.x : b.start
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, bStart))
}

/** The middle of a range. */
export function center(range: { start: number; end: number }): number {
  return (range.start + range.end) / 2
}

/**
 * Map the clusters of a later page onto the table's columns. pdftotext
 * spaces each page by its own content, so x-positions shift between pages:
 * figures go in order to the columns that have figures (nearest first),
 * codes and names to the nearest column of their kind.
 *
 * > | 21011     行政事业单位医疗           2.71      2.71
 * > | ␌2101101   行政单位医疗        2.22    2.22
 *                                  ^^^^    ^^^^ a new page: same two columns, further left
 *
 * `shiftAt`: how many columns further left the page prints the table near a
 * cluster (its repeated header says), added to its edge before comparing.
 */
export function mapClusters(clusters: Cluster[], columns: Column[], shiftAt: (range: { start: number; end: number }) => number = () => 0): Map<Cluster, number> {
  const mapping = new Map<Cluster, number>()
  const { values, targets } = orderedFigures(clusters, columns)
  // Order-preserving assignment: prefer columns with figures, then nearer right edges (moved by the page's shift).
  const score = (cluster: Cluster, index: number) => {
    const column = columns[index] as Column
    return (column.fill > 0 ? 1000 : 0) - Math.abs(cluster.end + shiftAt(cluster) - column.end)
  }
  const n = values.length
  const m = targets.length
  const best: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(-Infinity))
  for (let j = 0; j <= m; j++) (best[0] as number[])[j] = 0
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const skip = (best[i] as number[])[j - 1] as number
      const take = ((best[i - 1] as number[])[j - 1] as number) + score(values[i - 1] as Cluster, targets[j - 1] as number)
      ;(best[i] as number[])[j] = Math.max(skip, take)
    }
  }
  for (let i = n, j = m; i > 0 && j > 0; ) {
    const here = (best[i] as number[])[j] as number
    if (here === (best[i] as number[])[j - 1]) j--
    else {
      mapping.set(values[i - 1] as Cluster, targets[j - 1] as number)
      i--
      j--
    }
  }
  for (const cluster of clusters) {
    if (mapping.has(cluster)) continue
    const kind = cluster.kind
    const candidates = columns.flatMap((column, index) => (column.kind === kind || (kind === 'value' && column.kind === 'header') ? [index] : []))
    const pool = candidates.length > 0 ? candidates : columns.map((_, index) => index)
    // A total's label printed between two blocks (`公用经费合计` left of the second block's names) is no column of
    // names: counted, it would put every block's names one block right. It goes to the nearest.
    const peers = clusters.filter((entry) => entry.kind === kind && !isTotalOnly(entry))
    const sameCount = peers.length === candidates.length && kind !== 'value' && !isTotalOnly(cluster)
    if (sameCount) {
      mapping.set(cluster, candidates[peers.indexOf(cluster)] as number)
      continue
    }
    mapping.set(cluster, nearest(pool.map((index) => columns[index] as Column), cluster, pool))
  }
  return mapping
}

/**
 * The figure clusters of a later page that are mapped in order, and the
 * table's columns they may go to. Figures are mapped in order right of the
 * first name, on the page and in the table: left of it stand codes and
 * numbers (`02` of a 类 款 项 code printed in three columns, row numbers),
 * which go to the nearest column of theirs.
 */
function orderedFigures(clusters: Cluster[], columns: Column[]): { values: Cluster[]; targets: number[] } {
  const firstName = <T extends { kind: string; start: number }>(entries: T[]) => {
    const names = entries.filter((entry) => entry.kind === 'label')
    return Math.min(...(names.length > 0 ? names : entries.filter((entry) => entry.kind === 'code')).map((entry) => entry.start))
  }
  const pageLabel = firstName(clusters)
  const values = clusters.filter((cluster) => cluster.kind === 'value' && cluster.start > pageLabel)
  const firstLabel = firstName(columns)
  const targets = columns.flatMap((column, index) => ((column.kind === 'value' || column.kind === 'header') && column.start > firstLabel ? [index] : []))
  return { values, targets }
}

/**
 * The columns each figure cluster of a later page may stand in when the page
 * gives its place by order only: its columns are not where the first page's
 * are (pdftotext squeezed the page, no header repeated to name them), and
 * the table has columns between its neighbours' that no figure of the page
 * fills. Each such cluster gets every column from after its left
 * neighbour's to before its right neighbour's, the one the mapping gave it
 * first; a cluster with one column possible, or a page whose figures all
 * stand at their columns' right edges, gets none.
 *
 * > | 21499   其他交通运输支出   192,522.81                             192,522.81
 * > | ␌2149999   其他交通运输支出   5,997.60            5,997.60
 *                                                     ^^^^^^^^ after 人员经费's cluster: 公用经费 or 项目支出, the page does not say
 */
export function orderChoices(clusters: Cluster[], columns: Column[], mapping: ReadonlyMap<Cluster, number>): Map<Cluster, number[]> {
  const choices = new Map<Cluster, number[]>()
  const { values, targets } = orderedFigures(clusters, columns)
  const placed = values.filter((cluster) => mapping.has(cluster))
  const aligned = placed.every((cluster) => Math.abs(cluster.end - (columns[mapping.get(cluster) as number] as Column).end) <= RIGHT_EDGE_SLACK)
  if (aligned) return choices
  for (const [position, cluster] of placed.entries()) {
    const own = mapping.get(cluster) as number
    const left = position > 0 ? (mapping.get(placed[position - 1] as Cluster) as number) : -Infinity
    const right = position < placed.length - 1 ? (mapping.get(placed[position + 1] as Cluster) as number) : Infinity
    const others = targets.filter((index) => index > left && index < right && index !== own)
    if (others.length > 0) choices.set(cluster, [own, ...others])
  }
  return choices
}

/**
 * The columns a figure cluster of a later page may stand in when the first
 * page showed its column, or a neighbour's, by one figure only, beside a
 * figure of the other (on the 合计 row, say): pdftotext placed it by the
 * other's width (one wide figure pushes the next right), and where the two
 * stand says little of where a figure of either stands alone. A later page's cluster mapped onto one of
 * them, with no cluster of the page mapped onto the other, gets both, the
 * one the mapping gave it first: the table's sums decide (yt 收入总体情况表:
 * 国有资本经营's 59.95 on a later page lands on 政府性基金's place).
 *
 * > |  合   计   45,967.29   45,832.29   41,966.15   3,806.19    59.95
 * > | ␌223  国有资本经营预算支出   59.95   59.95          59.95
 *                                                      ^^^^^ 政府性基金 by place, 国有资本经营 by the sums
 *
 * `linesOf`: the lines of the first page's figures in each column.
 */
export function besideChoices(clusters: Cluster[], columns: Column[], mapping: ReadonlyMap<Cluster, number>, linesOf: ReadonlyMap<number, ReadonlySet<number>>): Map<Cluster, number[]> {
  const choices = new Map<Cluster, number[]>()
  const taken = new Set([...mapping.entries()].filter(([cluster]) => cluster.kind === 'value').map(([, index]) => index))
  const within = (a: ReadonlySet<number>, b: ReadonlySet<number>) => [...a].every((line) => b.has(line))
  const beside = (own: number, other: number) => {
    const mine = linesOf.get(own)
    const theirs = linesOf.get(other)
    if (columns[other]?.kind !== 'value' || !mine?.size || !theirs?.size) return false
    // One figure beside the other's: a column with more figures shows its place by them (their widths differ).
    return (mine.size === 1 && within(mine, theirs)) || (theirs.size === 1 && within(theirs, mine))
  }
  for (const cluster of clusters) {
    const own = mapping.get(cluster)
    if (cluster.kind !== 'value' || own === undefined || columns[own]?.kind !== 'value') continue
    const others = [own - 1, own + 1].filter((index) => !taken.has(index) && beside(own, index))
    if (others.length > 0) choices.set(cluster, [own, ...others])
  }
  return choices
}

/** A cluster of names holding nothing but total labels (`公用经费合计`): the label of a total row. */
function isTotalOnly(cluster: Cluster): boolean {
  return cluster.kind === 'label' && cluster.tokens.every((token) => TOTAL_LABEL.test(token.text.replace(/\s+/g, '')))
}

function nearest(columns: Column[], range: { start: number; end: number }, indexes: number[]): number {
  let best = indexes[0] ?? 0
  let distance = Infinity
  for (const [position, column] of columns.entries()) {
    const gap = overlap(column, range) > 0 ? -overlap(column, range) : Math.min(Math.abs(column.start - range.end), Math.abs(range.start - column.end))
    if (gap < distance) {
      distance = gap
      best = indexes[position] ?? best
    }
  }
  return best
}
