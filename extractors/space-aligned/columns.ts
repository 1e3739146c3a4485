/**
 * Columns from the data: the amounts of a page of rows clustered into
 * value columns, the codes and names between them into label columns, and
 * amounts placed under the column headers of their page.
 */
import type { HeaderLeaf } from './header.ts'
import type { Token } from './tokens.ts'

/** A column of the table. */
export interface TableColumn {
  kind: 'code' | 'label' | 'value'
  /** Its header on the page that laid out the table's columns. */
  leaf: HeaderLeaf | undefined
  /** Where it stands on that page. */
  start: number
  end: number
  /** Where its amounts end (value columns): the median right edge, or the middle of its header. */
  edge: number
  /** Amounts found in it on that page. */
  fill: number
}


/** Tokens of one kind that stand in one column of a page. */
export interface Cluster {
  kind: 'code' | 'label' | 'value'
  start: number
  end: number
  tokens: Token[]
}

/** How many layout columns two ranges share (0 when apart). */
export function overlap(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))
}

/** Order of ranges: by start, then by end. */
export function byPosition(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end
}

/** Whether a token is an amount (a printed number or a zero marker). */
export function isValue(token: Token): boolean {
  return token.kind === 'amount'
}

function clusterOf(kind: Cluster['kind'], tokens: Token[]): Cluster {
  return { kind, start: Math.min(...tokens.map((token) => token.x)), end: Math.max(...tokens.map((token) => token.end)), tokens }
}

/**
 * Cluster amounts into value columns: amounts whose printed ranges overlap
 * share a column (pdftotext right-aligns or centres them, so every pair in
 * one column overlaps); two amounts of one line never do, so a chain of
 * overlaps that holds two of a line is cut where that line's amounts stand.
 *
 * > | 2013301   行政运行           3,432.02        3,432.02
 * > | 2013302   一般行政管理事务      559.38                    559.38
 *                                 ^^^^^^ overlaps 3,432.02: one column
 */
export function clusterValues(tokens: Token[]): Cluster[] {
  const sorted = tokens.filter(isValue).sort((a, b) => a.x - b.x || a.end - b.end)
  const chains: Token[][] = []
  let reach = -Infinity
  for (const token of sorted) {
    const chain = chains.at(-1)
    if (chain && token.x < reach) {
      chain.push(token)
      reach = Math.max(reach, token.end)
    } else {
      chains.push([token])
      reach = token.end
    }
  }
  return chains.flatMap((chain) => splitChain(chain)).map((group) => clusterOf('value', group)).sort(byPosition)
}

/**
 * A chain of overlapping amounts holding several amounts of one line: one
 * column per amount of its fullest line, the others placed in order to the
 * nearest of them by their right edge.
 */
function splitChain(chain: Token[]): Token[][] {
  const byLine = new Map<number, Token[]>()
  for (const token of chain) byLine.set(token.line, [...(byLine.get(token.line) ?? []), token])
  const widest = Math.max(...[...byLine.values()].map((tokens) => tokens.length))
  if (widest <= 1) return [chain]
  const full = [...byLine.values()].filter((tokens) => tokens.length === widest)
  const anchors = Array.from({ length: widest }, (_, index) => median(full.map((tokens) => (tokens.sort((a, b) => a.x - b.x)[index] as Token).end)))
  const groups: Token[][] = anchors.map(() => [])
  for (const tokens of byLine.values()) {
    const ordered = tokens.sort((a, b) => a.x - b.x)
    const slots = assignInOrder(ordered.map((token) => token.end), anchors)
    for (const [index, token] of ordered.entries()) groups[slots[index] as number]?.push(token)
  }
  return groups.filter((group) => group.length > 0)
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/**
 * Assign points (in order) to slots (in order), one slot each, keeping the
 * order and minimising the total distance; `cost` gives the distance of
 * point i to slot j (by default |point − slot|).
 */
export function assignInOrder(points: number[], slots: number[], cost: (point: number, slot: number, i: number, j: number) => number = (point, slot) => Math.abs(point - slot)): number[] {
  const n = points.length
  const m = slots.length
  if (n > m) throw new Error(`Cannot place ${n} points in ${m} slots`)
  // best[i][j]: least cost placing the first i points in the first j slots.
  const best: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(Infinity))
  for (let j = 0; j <= m; j++) (best[0] as number[])[j] = 0
  for (let i = 1; i <= n; i++) {
    for (let j = i; j <= m; j++) {
      const skip = (best[i] as number[])[j - 1] as number
      const take = ((best[i - 1] as number[])[j - 1] as number) + cost(points[i - 1] as number, slots[j - 1] as number, i - 1, j - 1)
      ;(best[i] as number[])[j] = Math.min(skip, take)
    }
  }
  const result = Array<number>(n).fill(0)
  for (let i = n, j = m; i > 0; j--) {
    if ((best[i] as number[])[j] === (best[i] as number[])[j - 1] && j - 1 >= i) continue
    result[i - 1] = j - 1
    i--
  }
  return result
}

/**
 * Cluster codes and names into label columns: within each stretch between
 * value columns, codes with codes and names with names that overlap on the
 * page (names indented by level, a total label centred over them), by how
 * far the text reaches; where that joins two pieces of one line, by the
 * characters as printed.
 */
export function clusterLabels(tokens: Token[], boundaries: number[]): Cluster[] {
  const regions = new Map<number, Token[]>()
  for (const token of tokens) {
    if (isValue(token)) continue
    const region = regionOf(token.x, boundaries)
    regions.set(region, [...(regions.get(region) ?? []), token])
  }
  const clusters: Cluster[] = []
  for (const members of regions.values()) {
    for (const kind of ['code', 'label'] as const) {
      const own = members.filter((token) => (token.kind === 'code') === (kind === 'code'))
      for (const chain of overlapChains(own, (token) => token.reach)) {
        const lines = new Set(chain.map((token) => token.line))
        const groups = lines.size < chain.length ? overlapChains(chain, (token) => token.end) : [chain]
        for (const group of groups) clusters.push(clusterOf(kind, group))
      }
    }
  }
  return clusters.sort(byPosition)
}

/** Tokens chained by overlapping ranges from `x` to `stop(token)`. */
function overlapChains(tokens: Token[], stop: (token: Token) => number): Token[][] {
  const chains: Token[][] = []
  let reach = -Infinity
  for (const token of [...tokens].sort((a, b) => a.x - b.x || stop(a) - stop(b))) {
    const chain = chains.at(-1)
    if (chain && token.x < reach) {
      chain.push(token)
      reach = Math.max(reach, stop(token))
    } else {
      chains.push([token])
      reach = stop(token)
    }
  }
  return chains
}

/** Index of the stretch between boundaries (ascending) that holds x. */
export function regionOf(x: number, boundaries: number[]): number {
  let region = 0
  while (region < boundaries.length && x >= (boundaries[region] as number)) region++
  return region
}
