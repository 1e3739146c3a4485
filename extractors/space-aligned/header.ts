/**
 * Header layout: the header lines above a page of rows read as a tree —
 * wrapped cells stacked, group headers (`基本支出` over `小计 人员经费
 * 公用经费`) told from the column headers under them — giving one leaf per
 * column, left to right, with its path of group headers.
 */
import { compactText } from '../../core/text.ts'
import { isColumnNumberLine, isPairLine, TOTAL_LABEL } from './line-kinds.ts'
import type { LayoutLine } from './lines.ts'
import type { Token } from './tokens.ts'

/** Header fragments printed as one cell: one fragment, or a wrapped cell's lines (`附属单位` over `上缴收入`). */
export interface HeaderCell {
  tokens: Token[]
  /** Index of its first and last header line. */
  top: number
  bottom: number
  /** Where it starts and how far it reaches on the page. */
  start: number
  end: number
}

/** A column's header: its own cell and the group cells above it, outermost first. */
export interface HeaderLeaf {
  cell: HeaderCell
  groups: HeaderCell[]
}

/** The header of a page laid out. */
export interface HeaderLayout {
  /** One leaf per column the header names, left to right. */
  leaves: HeaderLeaf[]
  /** Group cells with the leaves they head (indexes into `leaves`, inclusive) and their level (0 right over columns). */
  groups: { cell: HeaderCell; first: number; last: number; depth: number }[]
  /** Lines of column numbers (`栏次 1 2 3`, `** 1 2 3`), emitted as rows of their own. */
  numberLines: LayoutLine[]
  /** A total label printed on a header line (`合计` of an empty table), emitted as a row. */
  totals: Token[]
}

/** A cell's text: fragments top to bottom, left to right, blanks removed. */
export function cellText(cell: HeaderCell): string {
  return compactText([...cell.tokens].sort((a, b) => a.line - b.line || a.x - b.x).map((token) => token.text).join(''))
}

/** The middle of a range. */
export function middle(range: { start: number; end: number }): number {
  return (range.start + range.end) / 2
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return Math.min(a.end, b.end) > Math.max(a.start, b.start)
}

const SPLIT_AT_BLANK = /(?<=[\u3400-\u9fff）)]{3})\s(?=[\u3400-\u9fff（(]{3})/

/**
 * Header fragments cut where a single blank separates two cells
 * (`公务用车购置 公务用车运行`): between runs of three or more Chinese
 * characters; a number stays with its word (`2026 年预算数`), a short word
 * with the one before it (`财政拨款 收入`).
 */
function splitFragments(tokens: Token[], origin: Map<Token, Token>): Token[] {
  const pieces: Token[] = []
  for (const token of tokens) {
    let rest = token
    for (let match = SPLIT_AT_BLANK.exec(rest.text); match; match = SPLIT_AT_BLANK.exec(rest.text)) {
      const head = rest.text.slice(0, match.index)
      const tail = rest.text.slice(match.index + 1)
      const headPoints = Array.from(head).length + 1
      const piece = { ...rest, text: head, end: rest.x + headPoints - 1, reach: rest.x + widthOf(head) }
      origin.set(piece, token)
      pieces.push(piece)
      const x = rest.x + headPoints
      rest = { ...rest, text: tail, offset: rest.offset + match.index + 1, x, end: x + Array.from(tail).length, reach: x + widthOf(tail) }
    }
    if (rest !== token) origin.set(rest, token)
    pieces.push(rest)
  }
  return pieces
}

/**
 * Undo the cuts of `splitFragments` where the pieces do not each wrap on
 * lines of their own: `公务用车购置 公务用车运行` over `经费 维护费` are two
 * cells, `公务用车 购置费` alone is one.
 */
function keepSplits(lines: Token[][], cells: HeaderCell[], origin: Map<Token, Token>): Token[][] | undefined {
  const pieces = new Map<Token, Token[]>()
  for (const [piece, token] of origin) pieces.set(token, [...(pieces.get(token) ?? []), piece])
  const undo = new Set<Token>()
  for (const [token, parts] of pieces) {
    if (parts.some((part) => cells.find((cell) => cell.tokens.includes(part))?.tokens.length === 1)) undo.add(token)
  }
  if (undo.size === 0) return undefined
  return lines.map((tokens) => {
    const result: Token[] = []
    for (const token of tokens) {
      const whole = origin.get(token)
      if (whole && undo.has(whole)) {
        if (!result.includes(whole)) result.push(whole)
      } else result.push(token)
    }
    return result
  })
}

function widthOf(text: string): number {
  let width = 0
  for (const char of text) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(char) ? 2 : 1
  return width
}

/**
 * Whether two fragments on nearby header lines are one wrapped cell: they
 * overlap and are centred alike (pdftotext centres header cells).
 *
 * > |                   年初结转和
 * > |           科目名称       结余
 *                              ^^^^ under the middle of `年初结转和`: same cell
 */
function stacked(upper: Token, lower: Token): boolean {
  const a = { start: upper.x, end: upper.reach }
  const b = { start: lower.x, end: lower.reach }
  if (!overlaps(a, b)) return false
  const width = Math.max(a.end - a.start, b.end - b.start)
  // Centred alike, or a left-aligned wrap (`日常公用` over the shorter `支出`).
  return Math.abs(middle(a) - middle(b)) <= Math.max(1.5, 0.2 * width) || (Math.abs(a.start - b.start) <= 1 && b.end <= a.end)
}

function cellsOf(lines: Token[][], pairLines: Set<number>): HeaderCell[] {
  const parent = new Map<Token, Token>()
  const find = (token: Token): Token => {
    let root = token
    while (parent.get(root) !== root) root = parent.get(root) as Token
    return root
  }
  const all = lines.flat()
  for (const token of all) parent.set(token, token)
  const lineOf = new Map<Token, number>()
  for (const [index, tokens] of lines.entries()) for (const token of tokens) lineOf.set(token, index)
  for (const [index, tokens] of lines.entries()) {
    if (pairLines.has(index)) continue
    for (const upper of tokens) {
      // The next fragment below in the same x-range, at most one header line further down.
      for (let below = index + 1; below < Math.min(lines.length, index + 3); below++) {
        if (pairLines.has(below)) break
        const range = { start: upper.x, end: upper.reach }
        const near = (lines[below] ?? []).filter((token) => overlaps(range, { start: token.x, end: token.reach }))
        const lower = near.find((token) => stacked(upper, token))
        if (lower) {
          parent.set(find(lower), find(upper))
          break
        }
        // Another cell in between (not one just touching it): the fragment is not wrapped over it.
        if (near.some((token) => covers(range, { start: token.x, end: token.reach }))) break
      }
    }
  }
  const cells = new Map<Token, HeaderCell>()
  for (const token of all) {
    const root = find(token)
    const line = lineOf.get(token) ?? 0
    const cell = cells.get(root)
    if (cell) {
      cell.tokens.push(token)
      cell.top = Math.min(cell.top, line)
      cell.bottom = Math.max(cell.bottom, line)
      cell.start = Math.min(cell.start, token.x)
      cell.end = Math.max(cell.end, token.reach)
    } else cells.set(root, { tokens: [token], top: line, bottom: line, start: token.x, end: token.reach })
  }
  return [...cells.values()]
}

/** A column or a group of columns while the tree is built. */
interface Unit {
  cell: HeaderCell
  /** Leaves under it, left to right (itself for a leaf). */
  leaves: HeaderLeaf[]
  /** Its place: the middle of its leaves' centres, and how far they spread. */
  centre: number
  first: number
  last: number
  /** How far its headers spread. */
  start: number
  end: number
  top: number
  bottom: number
  /** For a group, the first line of the headers under it. */
  childTop?: number
  /** Its first and last columns head codes or names rather than figures. */
  firstLabel: boolean
  lastLabel: boolean
}

/**
 * Lay out the header lines of a page: stack wrapped fragments into cells;
 * cells with nothing below them are column headers (leaves); a cell above
 * others heads the run of two or more columns it is centred over (the run
 * whose own headers sit lower than its neighbours' when several fit), or
 * else is the upper part of the one column header it stands over.
 *
 * > |              功能分类科目                    基本支出
 * > |                              总计                                项目支出
 * > |  科目编码          科目名称          小计      人员经费     公用经费
 *                                               ^^^^^^^^^^^^^^^^^^^^^^^^^ under 基本支出; 总计 and 项目支出 stand higher
 */
export function layoutHeader(lines: LayoutLine[], isLabel: (cell: HeaderCell) => boolean = () => false): HeaderLayout {
  const labelWords = /项目|科目|名称/
  const numberLines: LayoutLine[] = []
  const totals: Token[] = []
  let headerLines: Token[][] = []
  const origin = new Map<Token, Token>()
  const pairLines = new Set<number>()
  const labels = lines.flatMap((line) => line.tokens.filter((token) => labelWords.test(token.text)))
  for (const line of lines) {
    if (isColumnNumberLine(line.tokens)) {
      numberLines.push(line)
      continue
    }
    let tokens = splitFragments(line.tokens, origin)
    const first = tokens[0]
    // `合计  合计  基本支出  项目支出`: the first 合计 is the (empty) total row under 项目.
    if (first && tokens.length > 1 && TOTAL_LABEL.test(compactText(first.text)) && labels.some((word) => word !== first && overlaps({ start: word.x, end: word.reach }, { start: first.x, end: first.reach }))) {
      totals.push(first)
      tokens = tokens.slice(1)
    }
    if (isPairLine(tokens)) pairLines.add(headerLines.length)
    headerLines.push(tokens)
  }
  const below = (upper: HeaderCell, lower: HeaderCell) => lower.top > upper.bottom && covers(upper, lower)
  const rejoined = keepSplits(headerLines, cellsOf(headerLines, pairLines), origin)
  if (rejoined) headerLines = rejoined
  const lineIndex = new Map<Token, number>()
  for (const [index, tokens] of headerLines.entries()) for (const token of tokens) lineIndex.set(token, index)
  const cells = splitGroupHeads(cellsOf(headerLines, pairLines), below, isLabel, (token) => lineIndex.get(token) ?? 0)
  const units: Unit[] = []
  const groups: { cell: HeaderCell; leaves: HeaderLeaf[]; depth: number }[] = []
  const asLeaf = (cell: HeaderCell) => {
    const leaf: HeaderLeaf = { cell, groups: [] }
    const label = isLabel(cell)
    units.push({ cell, leaves: [leaf], centre: middle(cell), first: middle(cell), last: middle(cell), start: cell.start, end: cell.end, top: cell.top, bottom: cell.bottom, firstLabel: label, lastLabel: label })
    units.sort((a, b) => a.centre - b.centre)
  }
  // Line by line from the lowest: the columns and groups under a line are known when it is read.
  const bottoms = [...new Set(cells.map((cell) => cell.bottom))].sort((a, b) => b - a)
  for (const bottom of bottoms) {
    const row = cells.filter((cell) => cell.bottom === bottom).sort((a, b) => middle(a) - middle(b))
    const under = units.filter((unit) => unit.top > bottom)
    for (const upper of row) {
      // The units below it that no other cell of this line stands over, and no group of this line took.
      const own = new Set(under.filter((unit) => units.includes(unit) && !row.some((other) => other !== upper && covers(other, unit))))
      const run = own.size >= 2 ? groupRun(upper, units, own, cells, row, headerLines.length - 1) : undefined
      if (run) {
        const [from, to] = run
        const members = units.slice(from, to + 1)
        const leaves = members.flatMap((unit) => unit.leaves)
        for (const leaf of leaves) leaf.groups.unshift(upper)
        groups.push({ cell: upper, leaves, depth: 0 })
        const first = (members[0] as Unit).first
        const last = (members.at(-1) as Unit).last
        units.splice(from, members.length, {
          cell: upper,
          leaves,
          centre: (first + last) / 2,
          first,
          last,
          start: Math.min(upper.start, ...members.map((unit) => unit.start)),
          end: Math.max(upper.end, ...members.map((unit) => unit.end)),
          top: upper.top,
          bottom: Math.max(...members.map((unit) => unit.bottom)),
          firstLabel: (members[0] as Unit).firstLabel,
          lastLabel: (members.at(-1) as Unit).lastLabel,
          childTop: Math.min(...members.map((unit) => unit.top)),
        })
        continue
      }
      // Over one column only: the upper part of its header (`其中：` over `基本支出`), or of a group's.
      const host = under.filter((unit) => covers(upper, unit)).sort((a, b) => Math.abs(a.centre - middle(upper)) - Math.abs(b.centre - middle(upper)))[0]
      if (host && host.leaves.length === 1) {
        const leaf = host.leaves[0] as HeaderLeaf
        leaf.cell = mergeCells(upper, leaf.cell)
        host.cell = leaf.cell
        host.top = Math.min(host.top, upper.top)
        continue
      }
      const group = host ? groups.find((entry) => entry.cell === host.cell) : undefined
      if (host && group) {
        const merged = mergeCells(upper, group.cell)
        for (const leaf of group.leaves) leaf.groups = leaf.groups.map((cell) => (cell === group.cell ? merged : cell))
        group.cell = merged
        host.cell = merged
        host.top = Math.min(host.top, upper.top)
        continue
      }
      asLeaf(upper)
    }
  }
  const leaves = units.flatMap((unit) => unit.leaves)
  // A group's level counts from the columns up: groups right over columns are level 0, whatever stands above them.
  for (const group of groups) group.depth = Math.max(0, ...group.leaves.map((leaf) => leaf.groups.length - 1 - leaf.groups.indexOf(group.cell)))
  return {
    leaves,
    groups: groups.map((group) => ({ cell: group.cell, first: leaves.indexOf(group.leaves[0] as HeaderLeaf), last: leaves.indexOf(group.leaves.at(-1) as HeaderLeaf), depth: group.depth })),
    numberLines,
    totals,
  }
}

/** Whether two ranges share at least half of the narrower one. */
function covers(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start)
  return shared > 0 && shared >= 0.5 * Math.min(a.end - a.start, b.end - b.start)
}

function mergeCells(upper: HeaderCell, lower: HeaderCell): HeaderCell {
  return {
    tokens: [...upper.tokens, ...lower.tokens],
    top: Math.min(upper.top, lower.top),
    bottom: Math.max(upper.bottom, lower.bottom),
    start: Math.min(upper.start, lower.start),
    end: Math.max(upper.end, lower.end),
  }
}

/**
 * The run of units (two or more, of those nearest to `upper` on its line,
 * all printed below it) that `upper` heads: a run of figure columns it is
 * centred over, or whole panels (names then figures) or name columns it
 * stands over; of several, the one whose headers sit lower than the units
 * beside it (or whose neighbours have group headers of their own on this
 * line), then the best centred.
 */
function groupRun(upper: HeaderCell, units: Unit[], own: Set<Unit>, cells: HeaderCell[], row: HeaderCell[], lastLine: number): [number, number] | undefined {
  const centre = middle(upper)
  let best: { run: [number, number]; recessed: boolean; miss: number } | undefined
  for (let from = 0; from < units.length; from++) {
    for (let to = from + 1; to < units.length; to++) {
      const members = units.slice(from, to + 1)
      if (members.some((unit) => !own.has(unit))) break
      // Beside the run: the next unit, or a cell of this line not laid out yet, whichever is nearer.
      const before = besideRun(units[from - 1], row, upper, (members[0] as Unit).start, -1)
      const after = besideRun(units[to + 1], row, upper, (members.at(-1) as Unit).end, 1)
      if (!panelAligned(members, before, after)) continue
      const figures = members.every((unit) => !unit.firstLabel && !unit.lastLabel)
      const head = members[0] as Unit
      const tail = members.at(-1) as Unit
      const miss = figures ? centring(members, centre) : centre >= Math.min(head.start, head.first) && centre <= Math.max(tail.end, tail.last) ? Math.abs((head.start + tail.end) / 2 - centre) : undefined
      if (miss === undefined) continue
      // A column header printed where it would stand under `upper` rather than beside it belongs in the run; one printed beside it does not.
      const beside = members.filter((unit) => placeUnder(unit, upper, lastLine) < 0).length
      const sibling = (unit: Unit) => cells.some((other) => other !== upper && other.bottom === upper.bottom && covers(other, unit))
      const neighbours = [units[from - 1], units[to + 1]].filter((unit): unit is Unit => unit !== undefined && !sibling(unit))
      // Left out though clearly printed under it (by more than the half line pdftotext rounds).
      const left = neighbours.filter((unit) => placeUnder(unit, upper, lastLine) >= 1).length
      // Equally centred, the fewer columns the better: a group header spans as few as it needs.
      const cost = miss + 0.1 * (members.length - 2) + beside + 1.5 * left
      if (!best || cost < best.miss) best = { run: [from, to], recessed: false, miss: cost }
    }
  }
  return best?.run
}

function besideRun(unit: Unit | undefined, row: HeaderCell[], upper: HeaderCell, edge: number, side: -1 | 1): Unit | undefined {
  const cells = row.filter((cell) => cell !== upper && (side < 0 ? cell.end <= edge : cell.start >= edge))
  const cell = cells.sort((a, b) => side * (middle(a) - middle(b)))[0]
  if (!cell || (unit && side * (unit.centre - middle(cell)) < 0)) return unit
  return { cell, leaves: [], centre: middle(cell), first: middle(cell), last: middle(cell), start: cell.start, end: cell.end, top: cell.top, bottom: cell.bottom, firstLabel: false, lastLabel: false }
}

/**
 * Whether a run can share a group header: its columns all head figures, or
 * all codes and names, or it is whole panels (names then figures, with
 * figures before it and names after it), as `收入` over `项目 金额`.
 */
function panelAligned(members: Unit[], before: Unit | undefined, after: Unit | undefined): boolean {
  const first = members[0] as Unit
  const last = members.at(-1) as Unit
  if (members.every((unit) => unit.firstLabel === first.firstLabel && unit.lastLabel === first.firstLabel)) return true
  return first.firstLabel && !last.lastLabel && (!before || !before.lastLabel) && (!after || after.firstLabel)
}

/**
 * How far a group header's middle is from the middle of a run of columns
 * (by their headers' middles, or by how far their headers spread), or
 * undefined when it is not centred over them.
 */
function centring(members: { first: number; last: number; start: number; end: number }[], centre: number): number | undefined {
  const head = members[0]
  const tail = members.at(-1)
  if (!head || !tail) return undefined
  const byMiddles = Math.abs((head.first + tail.last) / 2 - centre)
  const byExtent = Math.abs((head.start + tail.end) / 2 - centre)
  const miss = Math.min(byMiddles, byExtent)
  return miss <= Math.max(2, 0.12 * (tail.end - head.start)) ? miss : undefined
}

/**
 * How much better a column header's line fits it standing under `upper`
 * than beside it (negative: beside): pdftotext prints a header cell on the
 * middle line of its cell (rounding half a line either way), so a header
 * spanning the lines from `upper`'s down is printed higher than one
 * spanning only the lines below it. 0 for a header on the last line it may
 * reach.
 */
function placeUnder(unit: Unit, upper: HeaderCell, lastLine: number): number {
  // The last line its cell may reach: the last header line, or the line above the columns it heads.
  const floor = unit.childTop === undefined ? lastLine : unit.childTop - 1
  // Headers on the last line stand under something whatever their place.
  if (unit.cell.bottom >= floor) return 0
  const own = (unit.cell.top + unit.cell.bottom) / 2
  const under = Math.abs(own - (upper.bottom + 1 + floor) / 2)
  const beside = Math.abs(own - (upper.top + floor) / 2)
  return beside - under
}

/**
 * Cut off the first line of a stacked cell when it heads a group: a group
 * header centred two lines over one of its columns stacks with that
 * column's header, but it is centred over the run of columns beside it too.
 *
 * > |                  基本支出
 * > |      总计                            项目支出
 * > |            小计    人员经费    公用经费
 *                      ^^^^^^^^ under 基本支出, and so are 小计 and 公用经费
 */
function splitGroupHeads(cells: HeaderCell[], below: (upper: HeaderCell, lower: HeaderCell) => boolean, isLabel: (cell: HeaderCell) => boolean, lineOf: (token: Token) => number): HeaderCell[] {
  const result: HeaderCell[] = []
  for (const cell of cells) {
    const head = cell.tokens.filter((token) => lineOf(token) === cell.top)
    const rest = cell.tokens.filter((token) => lineOf(token) !== cell.top)
    // Only across a line of other headers: fragments on adjacent lines are one wrapped cell.
    if (rest.length === 0 || Math.min(...rest.map(lineOf)) - cell.top < 2) {
      result.push(cell)
      continue
    }
    const upper = cellFrom(head, lineOf)
    const lower = cellFrom(rest, lineOf)
    const asUnit = (other: HeaderCell): Unit => {
      const label = isLabel(other)
      return { cell: other, leaves: [], centre: middle(other), first: middle(other), last: middle(other), start: other.start, end: other.end, top: other.top, bottom: other.bottom, firstLabel: label, lastLabel: label }
    }
    // The cells printed alongside the lower part: its siblings if the head is their group's.
    const band = cells.filter((other) => other !== cell && other.top <= lower.bottom && other.bottom >= lower.top)
    const units = [...band, lower].sort((a, b) => middle(a) - middle(b)).map(asUnit)
    const at = units.findIndex((unit) => unit.cell === lower)
    let group = false
    for (let from = 0; from <= at && !group; from++) {
      for (let to = Math.max(at, from + 1); to < units.length && !group; to++) {
        const members = units.slice(from, to + 1)
        group = panelAligned(members, units[from - 1], units[to + 1]) && centring(members, middle(upper)) !== undefined
      }
    }
    if (group) result.push(upper, lower)
    else result.push(cell)
  }
  return result
}

function cellFrom(tokens: Token[], lineOf: (token: Token) => number): HeaderCell {
  const lines = tokens.map(lineOf)
  return {
    tokens,
    top: Math.min(...lines),
    bottom: Math.max(...lines),
    start: Math.min(...tokens.map((token) => token.x)),
    end: Math.max(...tokens.map((token) => token.reach)),
  }
}
