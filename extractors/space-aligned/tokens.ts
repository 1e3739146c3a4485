/**
 * Tokens of a space-aligned line: the pieces between runs of blanks, each
 * with where it starts and how far it reaches on the page, and whether it
 * reads as an amount, a classification code or text.
 */
import { parseNumber, ZERO_MARKERS } from '../../normalizers/parse-amount.ts'
import { charWidth, matchAllOf, PAD } from '../../core/text.ts'

/** What a token holds: a printed amount (or a zero marker), a classification code, or text. */
export type TokenKind = 'amount' | 'code' | 'text'

/**
 * A piece of a line with its place. Positions are abstract page
 * coordinates (here layout columns of `pdftotext -layout`; a PDF reader
 * would give points): `x` where the piece starts, `end` where its printed
 * characters stop, `reach` how far it covers on the page.
 */
export interface Token {
  text: string
  /** 1-based source line. */
  line: number
  /** UTF-16 offset of the first character in the source line. */
  offset: number
  /** Where it starts: the layout column of its first character (code points, the page-break form feed not counted). */
  x: number
  /** Just past its last character, one column per character as printed. */
  end: number
  /**
   * How far it reaches on the page: `x` plus its display width. pdftotext
   * starts each piece at its place on the page but prints a CJK character,
   * twice as wide as a digit, in one column, so the start is true and the
   * printed end of Chinese text falls short of where the text ends.
   */
  reach: number
  kind: TokenKind
  /** Cut off the front of a name (`310资本性支出`, `[2010301]行政运行`, `30101 基本工资`), so certainly a code. */
  cut: boolean
}

const BLANK = new RegExp(PAD)
const WORD = new RegExp(`[^${PAD.slice(1)}+`, 'g')
/** Classification codes: functional 2xx (3, 5 or 7 digits), economic 3xx and 5xx (3 or 5 digits), income 1xx. */
export const CODE = /^(?:[12]\d{2}(?:\d{2}){0,2}|[35]\d{2}(?:\d{2})?)$/
const GLUED_CODE = /^(?:[12]\d{2}(?:\d{2}){0,2}|[35]\d{2}(?:\d{2})?)(?=[^\d\s.,，．%])/
/** A code in brackets glued to its name (`[2010301]行政运行`, `【201】`). */
const BRACKETED_CODE = /^[[【]((?:[12]\d{2}(?:\d{2}){0,2}|[35]\d{2}(?:\d{2})?))[\]】]/
const CJK = /[\u3400-\u9fff]/
const ONE_CJK = /^[\u3400-\u9fff]$/
/** The level headers of a split code (`类  款  项`): one column each, not a letter-spaced word. */
const CODE_LEVEL = /^[类款项]$/

/** Whether text is a printed amount (`1,118.77`, `0.00`, `-`, `无`). */
export function isAmountText(text: string): boolean {
  return parseNumber(text) !== undefined || ZERO_MARKERS.has(text)
}

/** Whether text is an amount that cannot be anything else: it has a point or a thousands comma. */
function isDecimalAmount(text: string): boolean {
  return /[.,，．]/.test(text) && parseNumber(text) !== undefined
}

function kindOf(text: string): TokenKind {
  if (CODE.test(text)) return 'code'
  return isAmountText(text) ? 'amount' : 'text'
}

function codePoints(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

function widthOf(text: string): number {
  let width = 0
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0)
  return width
}

/** A token from a piece of a line. */
function makeToken(text: string, line: number, offset: number, x: number, kind: TokenKind, cut: boolean): Token {
  return { text, line, offset, x, end: x + codePoints(text), reach: x + widthOf(text), kind, cut }
}

/**
 * Split a line into tokens at runs of two or more blanks; a single blank
 * stays inside a token (`信息 网络 及软件 购置`, `2024 年度`) unless it
 * separates cells (see `refineToken`); a letter-spaced label is one token
 * (`收 入 总 计`, `合   计`).
 *
 * > | 30101    基本工资       14.12   30201    办公费
 *     ^^^^^    ^^^^^^^^       ^^^^^   ^^^^^    ^^^^^^ five tokens
 */
export function tokenizeLine(text: string, line: number): Token[] {
  const tokens: Token[] = []
  let x = 0
  let offset = 0
  let blanks = 0
  let run: { offset: number; x: number; endOffset: number } | undefined
  for (const char of text) {
    // pdftotext opens a page with a form feed; it takes no place in the layout.
    if (char === '\f') {
      offset += char.length
      continue
    }
    if (BLANK.test(char)) blanks++
    else {
      if (run && blanks >= 2) {
        tokens.push(...refineToken(text.slice(run.offset, run.endOffset), line, run.offset, run.x))
        run = undefined
      }
      if (run) run.endOffset = offset + char.length
      else run = { offset, x, endOffset: offset + char.length }
      blanks = 0
    }
    x++
    offset += char.length
  }
  if (run) tokens.push(...refineToken(text.slice(run.offset, run.endOffset), line, run.offset, run.x))
  return joinLetterSpaced(text, tokens)
}

/**
 * Single characters spaced out over a cell (`收    入   总   计`, `合   计`)
 * as one token.
 */
function joinLetterSpaced(text: string, tokens: Token[]): Token[] {
  const joined: Token[] = []
  for (let index = 0; index < tokens.length; index++) {
    const first = tokens[index] as Token
    let last = index
    const spaced = (token: Token | undefined) => ONE_CJK.test(token?.text ?? '') && !CODE_LEVEL.test(token?.text ?? '')
    while (spaced(tokens[last]) && spaced(tokens[last + 1]) && (tokens[last + 1] as Token).x - (tokens[last] as Token).reach <= 8) last++
    if (last === index) {
      joined.push(first)
      continue
    }
    const stop = tokens[last] as Token
    const raw = text.slice(first.offset, stop.offset + stop.text.length)
    joined.push({ ...first, text: raw, end: stop.end, reach: stop.reach, kind: 'text', cut: false })
    index = last
  }
  return joined
}

/**
 * Cut a blank-separated run where a single blank still separates cells:
 * an amount (`工资福利支出 95.36`), a code before its name
 * (`30101 基本工资`), a code glued to its name (`310资本性支出`,
 * `[2010301]行政运行`).
 *
 * > | 310资本性支出
 *     ^^^ code, cut off the name `资本性支出`
 */
function refineToken(raw: string, line: number, offset: number, x: number): Token[] {
  const words = matchAllOf(raw, WORD).map((match) => ({ from: match.index, to: match.index + match[0].length, text: match[0] }))
  const pieces: { from: number; to: number; cut: boolean }[] = []
  for (const [index, word] of words.entries()) {
    const next = words[index + 1]
    const alone =
      isDecimalAmount(word.text) ||
      ZERO_MARKERS.has(word.text) ||
      (index === 0 && CODE.test(word.text) && next !== undefined && !isAmountText(next.text))
    const last = pieces.at(-1)
    const previous = words[index - 1]?.text ?? ''
    const previousAlone = index > 0 && (isDecimalAmount(previous) || ZERO_MARKERS.has(previous))
    if (!alone && last && !last.cut && !previousAlone) last.to = word.to
    else pieces.push({ from: word.from, to: word.to, cut: alone && !isDecimalAmount(word.text) && !ZERO_MARKERS.has(word.text) })
  }
  const tokens: Token[] = []
  for (const piece of pieces) {
    const text = raw.slice(piece.from, piece.to)
    const start = x + codePoints(raw.slice(0, piece.from))
    const bracketed = BRACKETED_CODE.exec(text)
    const glued = bracketed ? undefined : GLUED_CODE.exec(text)
    if (bracketed || (glued && CJK.test(text.slice(glued[0].length)))) {
      const code = bracketed ? (bracketed[1] as string) : (glued as RegExpExecArray)[0]
      const codeAt = bracketed ? 1 : 0
      const restAt = bracketed ? bracketed[0].length : code.length
      tokens.push(makeToken(code, line, offset + piece.from + codeAt, start + codeAt, 'code', true))
      const rest = text.slice(restAt)
      if (rest) tokens.push(makeToken(rest, line, offset + piece.from + restAt, start + restAt, kindOf(rest), false))
      continue
    }
    tokens.push(makeToken(text, line, offset + piece.from, start, kindOf(text), piece.cut))
  }
  return tokens
}
