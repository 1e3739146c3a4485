/**
 * Amounts wrapped in narrow cells: `pdftotext -layout` prints the integer
 * part on the row's line and the decimals on the line below, sometimes glued
 * to the next cell's integer part. The pieces are joined back into one token
 * (keeping where each was printed) before columns are found.
 *
 * > |       合   计                   168,441
 * > |                                     .81154,304
 *                                         ^^^ the decimals of 168,441; 154,304 is the next cell, its `.22` one line further down
 */
import { refineToken } from './tokens.ts'
import type { Token } from './tokens.ts'

/** A line's tokens, with its source line number. */
interface TokenLine {
  line: number
  tokens: Token[]
}

const FRACTION_HEAD = /^[.．]([0-9０-９]+)/
const WHOLE_FRACTION = /^[.．]([0-9０-９]+)(?![0-9０-９])/
const INTEGER = /^[0-9０-９]+(?:[,，][0-9０-９]{3})*$/

/** The number of decimals the table's wrapped pieces print most often (2 when none stands alone). */
function commonDecimals(lines: TokenLine[]): number {
  const counts = new Map<number, number>()
  for (const line of lines) {
    for (const token of line.tokens) {
      const head = WHOLE_FRACTION.exec(token.text)
      if (head && (token.text.length === head[0].length || /^\s/.test(token.text.slice(head[0].length)))) {
        const length = (head[1] as string).length
        counts.set(length, (counts.get(length) ?? 0) + 1)
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
  return best
}

/** The integer amount of the line above whose cell the piece `token` starts in. */
function integerAbove(above: Token[], token: Token): Token | undefined {
  // A three-digit integer reads as a code (`276`) until its decimals below show it is an amount.
  return above.find((candidate) => candidate.kind !== 'text' && !candidate.wrap && INTEGER.test(candidate.text) && token.x >= candidate.x && token.x <= candidate.end)
}

/**
 * Join each decimals piece (`.81`) to the integer printed right above it
 * (on the source line just before, starting within or at the end of its
 * cell); a piece glued to the next cell's integer (`.81154,304`) keeps the
 * decimals the table's other pieces have. A line that gave decimals to the
 * row above and holds nothing but amounts besides is that row's line too:
 * its cells step down a line each (the staircase of narrow cells). Lines
 * left empty are dropped.
 */
export function joinWrappedAmounts<T extends TokenLine>(lines: T[]): T[] {
  if (!lines.some((line) => line.tokens.some((token) => FRACTION_HEAD.test(token.text)))) return lines
  const decimals = commonDecimals(lines)
  const kept: T[] = []
  for (const line of lines) {
    const above = kept.at(-1)
    // The tokens printed on the source line just before, wherever they were gathered.
    const touching = above ? above.tokens.filter((token) => token.line === line.line - 1) : []
    if (!above || touching.length === 0) {
      kept.push(line)
      continue
    }
    const tokens: Token[] = []
    let joined = false
    for (const token of line.tokens) {
      const head = FRACTION_HEAD.exec(token.text)
      const target = head ? integerAbove(touching, token) : undefined
      if (!head || !target) {
        tokens.push(token)
        continue
      }
      joined = true
      // More digits than the table's decimals: the rest is the next cell's integer, glued on (`.81154,304`).
      const length = 1 + Math.min((head[1] as string).length, decimals)
      const text = token.text.slice(0, length)
      const piece: Token = { text, line: token.line, offset: token.offset, x: token.x, end: token.x + length, kind: 'amount', cut: false }
      const merged: Token = { ...target, text: target.text + text, end: Math.max(target.end, piece.end), kind: 'amount', cut: false, wrap: piece }
      above.tokens[above.tokens.indexOf(target)] = merged
      touching[touching.indexOf(target)] = merged
      const rest = token.text.slice(length)
      const lead = rest.length - rest.trimStart().length
      if (rest.trim()) tokens.push(...refineToken(rest.trim(), token.line, token.offset + length + lead, token.x + length + lead))
    }
    if (joined && tokens.every((token) => token.kind !== 'text')) above.tokens.push(...tokens)
    else {
      line.tokens = tokens
      if (tokens.length > 0) kept.push(line)
    }
  }
  return kept
}
