/**
 * Amounts wrapped in narrow cells: `pdftotext -layout` prints the integer
 * part on the row's line and the rest on the lines below (the decimals,
 * or in the narrowest cells the number cut after each group), the
 * decimals sometimes glued to the next cell's integer. The pieces are
 * joined back into one token (keeping where each was printed) before
 * columns are found.
 *
 * > |       合   计                   168,441
 * > |                                     .81154,304
 *                                         ^^^ the decimals of 168,441; 154,304 is the next cell, its `.22` one line further down
 * > |                        合   计            1
 * > |                                         54,
 * > |                                           304
 * > |                                             .22
 *                                               ^^^ 154,304.22 in four pieces
 *
 * Decimals left over on the line above, at an integer's end, are its own
 * (`joinDecimalsAbove`).
 */
import { refineToken } from './tokens.ts'
import type { Token } from './tokens.ts'

/** A line's tokens, with its source line number. */
interface TokenLine {
  line: number
  tokens: Token[]
}

/** What a piece on the line below can continue: decimals, a group ending in a comma, the groups after a comma. */
const FRACTION_HEAD = /^[.．]([0-9０-９]+)/
const OPEN_GROUP = /^[0-9０-９]{1,3}(?:[,，][0-9０-９]{3})*[,，]$/
const CLOSING_GROUPS = /^[0-9０-９]{3}(?:[,，][0-9０-９]{3})*[,，]?$/
const WHOLE_FRACTION = /^[.．]([0-9０-９]+)(?![0-9０-９])/
const INTEGER = /^[0-9０-９]+(?:[,，][0-9０-９]{3})*$/
const DECIMALS = /[.．]([0-9０-９]+)$/
const SHORT_FRACTION = /^[0-9０-９]+(?:[,，][0-9０-９]{3})*[.．]([0-9０-９]+)$/
/** How far (in layout columns) a piece may start from the piece above it. */
const PIECE_SLACK = 2

/**
 * The number of decimals the table's amounts print most often, whole or in
 * pieces (2 when none has a point), and whether nearly all print that many
 * (a table of fixed decimals, not spreadsheet `General` numbers).
 */
function commonDecimals(lines: TokenLine[]): { decimals: number; fixed: boolean } {
  const counts = new Map<number, number>()
  let all = 0
  for (const line of lines) {
    for (const token of line.tokens) {
      const head = WHOLE_FRACTION.exec(token.text) ?? (token.kind === 'amount' ? DECIMALS.exec(token.text) : null)
      if (head && (token.text.length === head[0].length || /^\s/.test(token.text.slice(head[0].length)) || DECIMALS.test(token.text))) {
        const length = (head[1] as string).length
        counts.set(length, (counts.get(length) ?? 0) + 1)
        all++
      }
    }
  }
  let best = 2
  let most = 0
  for (const [length, count] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (count > most) {
      most = count
      best = length
    }
  }
  return { decimals: best, fixed: all > 0 && most >= 0.9 * all }
}

/** The last piece of a token: where a piece below continues it. */
function lastPiece(token: Token): Token {
  return token.wrap?.at(-1) ?? token
}

/**
 * The amount on the line above that the piece continues, and how many of
 * its characters do: decimals below an integer, a group ending in a comma
 * below its leading digits, the closing groups below an open comma.
 */
function continued(above: Token[], token: Token, decimals: number, amongPieces: boolean, reach = PIECE_SLACK): { target: Token; length: number } | undefined {
  const head = FRACTION_HEAD.exec(token.text)
  const open = OPEN_GROUP.test(token.text)
  const closing = CLOSING_GROUPS.test(token.text)
  const digits = amongPieces && /^[0-9０-９]{1,5}$/.test(token.text)
  if (!head && !open && !closing && !digits) return undefined
  for (const candidate of above) {
    // A three-digit integer reads as a code (`276`) until the piece below shows it is an amount.
    if (candidate.kind === 'text') continue
    const piece = lastPiece(candidate)
    if (token.x < piece.x - PIECE_SLACK || token.x > piece.end + reach) continue
    const opened = /[,，]$/.test(candidate.text)
    // More digits than the table's decimals: the rest is the next cell's integer, glued on (`.81154,304`).
    if (head && INTEGER.test(candidate.text) && token.x >= piece.x) return { target: candidate, length: 1 + Math.min((head[1] as string).length, decimals) }
    // Cut inside its decimals (`1,263,231.7` over `8`): fewer decimals than the table prints, the rest right below.
    const short = SHORT_FRACTION.exec(candidate.text)
    if (short && digits && (short[1] as string).length + token.text.length === decimals) return { target: candidate, length: token.text.length }
    if (open && /^[0-9０-９]{1,3}$/.test(candidate.text)) return { target: candidate, length: token.text.length }
    if (closing && opened) return { target: candidate, length: token.text.length }
  }
  return undefined
}

/**
 * Join each piece to the amount printed right above it (on the source
 * line just before, starting within its last piece or next to it); a
 * decimals piece glued to the next cell's integer keeps the decimals the
 * table's other pieces have. A line that continued the row above and holds
 * nothing but amounts besides is that row's line too: its cells step down
 * a line each (the staircase of narrow cells). Lines left empty are dropped.
 */
export function joinWrappedAmounts<T extends TokenLine>(lines: T[]): T[] {
  if (!lines.some((line) => line.tokens.some((token) => FRACTION_HEAD.test(token.text) || OPEN_GROUP.test(token.text) || SHORT_FRACTION.test(token.text)))) return lines
  const { decimals, fixed } = commonDecimals(lines)
  const kept: T[] = []
  for (const line of lines) {
    const above = kept.at(-1)
    // The amounts whose last piece was printed on the source line just before, wherever they were gathered; or two
    // lines up when the line between prints nothing under it (a row spread over three lines). Sorted by where their
    // last piece starts, so each piece below looks up its neighbours, not the whole line (linear on wide rows).
    const recent = kept.slice(-2)
    const home = new Map<Token, T>()
    const position = new Map<Token, number>()
    for (const kept of recent) {
      for (const [index, token] of kept.tokens.entries()) {
        home.set(token, kept)
        position.set(token, index)
      }
    }
    const touching = [...home.keys()].filter((token) => lastPiece(token).line >= line.line - 2).sort((a, b) => lastPiece(a).x - lastPiece(b).x)
    if (!above || touching.length === 0) {
      kept.push(line)
      continue
    }
    const between = [...home.keys()]
      .flatMap((token) => [token, ...(token.wrap ?? [])])
      .filter((token) => token.line === line.line - 1)
      .sort((a, b) => a.x - b.x)
    // Bare digits may end an amount cut inside its decimals in a table of fixed decimals, or on a line of pieces (it
    // carries decimals below, `.38`): among spreadsheet `General` numbers a row's own `8` under `12.1` is a figure.
    const amongPieces = fixed || line.tokens.some((token) => FRACTION_HEAD.test(token.text))
    const tokens: Token[] = []
    const consumed = new Set<Token>()
    let joined = false
    for (const token of line.tokens) {
      // Two lines up only where the line between prints nothing over the piece.
      const free = nearby(between, (other) => other, token.x, token.end).length === 0
      const candidates = nearby(touching, lastPiece, token.x - PIECE_SLACK, token.x + PIECE_SLACK).filter(
        (candidate) => !consumed.has(candidate) && (lastPiece(candidate).line === line.line - 1 || free),
      )
      const found = continued(candidates, token, decimals, amongPieces) ?? lastDigits(touching, between, token, line.line, decimals, amongPieces, consumed)
      if (!found) {
        tokens.push(token)
        continue
      }
      joined = true
      const { target, length } = found
      const text = token.text.slice(0, length)
      const piece: Token = { text, line: token.line, offset: token.offset, x: token.x, end: token.x + [...text].length, kind: 'amount', cut: false }
      const merged: Token = {
        ...target,
        text: target.text + text,
        x: Math.min(target.x, piece.x),
        end: Math.max(target.end, piece.end),
        kind: 'amount',
        cut: false,
        wrap: [...(target.wrap ?? []), piece],
      }
      const owner = home.get(target) as T
      const index = position.get(target) as number
      owner.tokens[index] = merged
      home.set(merged, owner)
      position.set(merged, index)
      // The merged amount's last piece is now the one below: this line's other pieces do not continue it.
      consumed.add(target)
      const rest = token.text.slice(length)
      const lead = rest.length - rest.trimStart().length
      if (rest.trim()) tokens.push(...refineToken(rest.trim(), token.line, token.offset + length + lead, token.x + length + lead))
    }
    if (joined && tokens.every((token) => token.kind !== 'text')) for (const token of tokens) above.tokens.push(token)
    else {
      line.tokens = tokens
      if (tokens.length > 0) kept.push(line)
    }
  }
  return fixed ? joinDecimalsAbove(kept, decimals) : kept
}

/** Decimals opening a token, alone or before the next cell's text (`.73 (一)社会保障和就业支出`). */
const LEADING_DECIMALS = /^[.．]([0-9０-９]+)(?=\s|$)/
/** The share of a table's amounts that must print their decimals for a bare integer to read as one cut off them. */
const CUT_SHARE = 0.9

/**
 * Decimals printed on the line above their integer, left over by the joining
 * below: pdftotext sets the two words of one cell, at one height, on two
 * lines, the decimals on the row label's line, glued to the next cell's
 * label. They join an integer that has no decimals, starting where it
 * ends, on the line right below, when the table's amounts print that many
 * decimals (nearly every other amount has them: the bare integer is cut).
 *
 * > | (一)一般公共预算资金             .73 (一)社会保障和就业支出
 * > |                    12,572                          82
 *                                    ^^^ 12,572.73
 */
function joinDecimalsAbove<T extends TokenLine>(lines: T[], decimals: number): T[] {
  const pieces = new Map<number, { home: T; piece: Token }[]>()
  let whole = 0
  let bare = 0
  for (const home of lines) {
    for (const token of home.tokens) {
      const head = LEADING_DECIMALS.exec(token.text)
      if (head && !token.wrap && (head[1] as string).length === decimals) pieces.set(token.line, [...(pieces.get(token.line) ?? []), { home, piece: token }])
      if (token.kind !== 'amount') continue
      if (INTEGER.test(token.text)) bare++
      else if (DECIMALS.exec(token.text)?.[1]?.length === decimals) whole++
    }
  }
  if (pieces.size === 0 || whole < CUT_SHARE * (whole + bare)) return lines
  for (const line of lines) {
    for (const token of [...line.tokens]) {
      if (token.kind === 'text' || token.wrap || !INTEGER.test(token.text)) continue
      const above = (pieces.get(token.line - 1) ?? []).filter(({ piece }) => piece.x >= token.end - PIECE_SLACK && piece.x <= token.end + PIECE_SLACK)
      const found = above.length === 1 ? above[0] : undefined
      if (!found) continue
      const { home, piece } = found
      const length = 1 + decimals
      const text = piece.text.slice(0, length)
      const decimalsPiece: Token = { text, line: piece.line, offset: piece.offset, x: piece.x, end: piece.x + length, kind: 'amount', cut: false }
      const rest = piece.text.slice(length)
      const lead = rest.length - rest.trimStart().length
      const after = rest.trim() ? refineToken(rest.trim(), piece.line, piece.offset + length + lead, piece.x + length + lead) : []
      home.tokens.splice(home.tokens.indexOf(piece), 1, ...after)
      const merged: Token = { ...token, text: token.text + text, end: Math.max(token.end, decimalsPiece.end), kind: 'amount', cut: false, wrap: [decimalsPiece] }
      line.tokens[line.tokens.indexOf(token)] = merged
      pieces.set(piece.line, (pieces.get(piece.line) ?? []).filter((entry) => entry.piece !== piece))
    }
  }
  return lines.filter((line) => line.tokens.length > 0)
}

/** How far right of an amount cut inside its decimals its last digits may be printed, in the gap before the next cell. */
const DIGITS_REACH = 6

/**
 * The last digits of an amount cut inside its decimals, printed a few
 * columns right of its piece, in the gap before the next cell: nothing is
 * printed above them on the line before, and the amount's decimals are
 * completed by them exactly (a table of fixed decimals).
 *
 * > |                     299,901.0        262,703.2
 * > | 公共安全支出                                      215,971.06
 * > |                                  2           0
 *                                      ^ 299,901.02: right of `299,901.0`, left of `262,703.2`, whose `0` is under it
 */
function lastDigits(
  touching: Token[],
  between: Token[],
  token: Token,
  line: number,
  decimals: number,
  amongPieces: boolean,
  consumed: ReadonlySet<Token>,
): { target: Token; length: number } | undefined {
  if (!amongPieces || !/^[0-9０-９]{1,2}$/.test(token.text)) return undefined
  const left = touching.filter((candidate) => {
    const piece = lastPiece(candidate)
    return !consumed.has(candidate) && piece.line >= line - 2 && piece.end <= token.x && token.x - piece.end <= DIGITS_REACH
  })
  const target = left.at(-1)
  if (!target || left.length !== 1) return undefined
  // Printed over nothing: no token of the line above stands between the piece's end and the digits' end.
  if (between.some((other) => other.end > lastPiece(target).end && other.x < token.end)) return undefined
  const found = continued([target], token, decimals, amongPieces, DIGITS_REACH)
  return found && SHORT_FRACTION.test(found.target.text) ? found : undefined
}

/** How many neighbours left of a place are looked at: tokens of a line barely overlap, so a few are enough. */
const NEIGHBOURS = 8

/**
 * The tokens of a list sorted by where `place` puts them that start at `to`
 * or before and end at `from` or after: a binary search, then a few
 * neighbours back.
 */
function nearby(sorted: Token[], place: (token: Token) => Token, from: number, to: number): Token[] {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (place(sorted[middle] as Token).x <= to) low = middle + 1
    else high = middle
  }
  const found: Token[] = []
  for (let index = low - 1; index >= 0 && index >= low - NEIGHBOURS; index--) {
    const token = sorted[index] as Token
    if (place(token).end >= from) found.push(token)
  }
  return found.reverse()
}

/**
 * The last digits of an amount cut inside its decimals at the foot of a
 * page, printed alone on the first line of figures of the next page, where
 * that page's layout puts them (no column says whose they are). They are
 * joined only when nothing else can take them: the table prints fixed
 * decimals, the digits are the only figure on their line (the rest is a
 * name's fragment), exactly one amount of the page's last row of figures
 * lacks exactly that many decimals, and with them that row adds up (one of
 * its amounts is the sum of others, the joined one among them). The joined
 * amount keeps its place on the first page; the digits are its last piece.
 *
 * > |  杭州市机动      14,549.64    14,549.64            12,437.3            2,112.28
 * > |                                  20
 * > | ␌车驾驶员考试                         6
 *                                          ^ 12,437.36: 14,549.64 = 12,437.36 + 2,112.28
 */
export function joinDigitsOverPageBreak<T extends TokenLine & { page: number }>(lines: T[]): T[] {
  const { decimals, fixed } = commonDecimals(lines)
  if (!fixed) return lines
  const figured = lines.filter((line) => line.tokens.some((token) => token.kind !== 'text'))
  const emptied = new Set<T>()
  for (const [index, next] of figured.entries()) {
    const last = figured[index - 1]
    if (!last || next.page !== last.page + 1) continue
    const figures = next.tokens.filter((token) => token.kind !== 'text')
    const digits = figures[0]
    if (figures.length !== 1 || !digits || !/^[0-9０-９]{1,2}$/.test(digits.text)) continue
    const amounts = last.tokens.filter((token) => token.kind === 'amount')
    const short = amounts.filter((token) => (SHORT_FRACTION.exec(token.text)?.[1]?.length ?? decimals) + digits.text.length === decimals)
    const target = short[0]
    if (short.length !== 1 || !target) continue
    const joinedText = target.text + digits.text
    if (!addsUp(amounts.map((token) => (token === target ? joinedText : token.text)), amounts.indexOf(target), decimals)) continue
    const piece: Token = { ...digits, kind: 'amount', cut: false }
    last.tokens[last.tokens.indexOf(target)] = { ...target, text: joinedText, kind: 'amount', cut: false, wrap: [...(target.wrap ?? []), piece] }
    next.tokens = next.tokens.filter((token) => token !== digits)
    if (next.tokens.length === 0) emptied.add(next)
  }
  return emptied.size > 0 ? lines.filter((line) => !emptied.has(line)) : lines
}

/** Most amounts of a row tried as the parts of a sum (2^n subsets). */
const MAX_SUM_TERMS = 16

/**
 * Whether a row's amounts add up with the one at `index` among the parts:
 * another amount equals the sum of some of the rest, that one included.
 */
function addsUp(texts: string[], index: number, decimals: number): boolean {
  const values = texts.map((text) => {
    const match = /^([0-9,，]+)(?:[.．]([0-9]*))?$/.exec(text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0)))
    if (!match) return undefined
    const fraction = (match[2] ?? '').padEnd(decimals, '0')
    return fraction.length === decimals ? Number((match[1] as string).replace(/[,，]/g, '') + fraction) : undefined
  })
  if (values.some((value) => value === undefined) || values.length > MAX_SUM_TERMS) return false
  const part = values[index] as number
  return values.some((total, at) => {
    if (at === index || total === undefined || total <= part) return false
    const others = values.filter((_, other) => other !== at && other !== index) as number[]
    // Subsets of the others that, with the part, make the total.
    for (let mask = 0; mask < 1 << others.length; mask++) {
      let sum = part
      for (let bit = 0; bit < others.length; bit++) if (mask & (1 << bit)) sum += others[bit] as number
      if (sum === total) return true
    }
    return false
  })
}
