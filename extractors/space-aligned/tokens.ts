/**
 * Tokens of a space-aligned line: the pieces between runs of two or more
 * blanks, each with its layout columns and whether it reads as an amount,
 * a classification code or text.
 */
import { parseNumber, ZERO_MARKERS } from '../../normalizers/parse-amount.ts'
import { matchAllOf, PAD } from '../../core/text.ts'

/** What a token holds: a printed amount, a classification code, or text. */
type TokenKind = 'amount' | 'code' | 'text'

/** A piece of a line between runs of two or more blanks, with its place. */
export interface Token {
  text: string
  /** 1-based source line. */
  line: number
  /** UTF-16 offset of the first character in the source line. */
  offset: number
  /** Layout column of the first character: code points, the page-break form feed not counted. */
  x: number
  /** Layout column just past the last character. */
  end: number
  kind: TokenKind
  /** Cut off the front of a name (`310资本性支出`, `30101 基本工资`), so certainly a code. */
  cut: boolean
  /** The rest of an amount printed on the lines below (a narrow cell wraps `168,441` / `.81`), or its decimals on the line above, in order: `text` includes them. */
  wrap?: Token[]
}

const BLANK = new RegExp(PAD)
const WORD = new RegExp(`[^${PAD.slice(1)}+`, 'g')
/** Functional codes: 3, 5 or 7 digits from 2; economic codes: 3 or 5 digits from 3. */
const CODE = /^(?:2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)$/
const GLUED_CODE = /^(?:2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)(?=[^\d\s.,，．%])/
const CJK = /[\u3400-\u9fff]/

/** Whether text is a printed amount (`1,118.77`, `0.00`, `-`, `无`). */
function isAmountText(text: string): boolean {
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

/**
 * Split a line into tokens at runs of two or more blanks; a single blank
 * stays inside a token (`信息 网络 及软件 购置`, `2024 年度`).
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
        tokens.push(...refineToken(text.slice(run.offset, run.endOffset), line, run.offset, run.x, CJK.test(char)))
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

/** Widest run of blanks inside a letter-spaced label (`科     目`). */
const LETTER_GAP = 6
/**
 * The labels printed letter-spaced across a cell's width: totals and the
 * stub's heading. Only these are joined: a header's single characters
 * (`科   目   名   称   总    计`) may belong to several columns.
 */
const LETTER_SPACED_LABEL = /^(?:(?:本年)?(?:收入|支出|收支)?(?:合计|总计)|小计|项目|科目|栏次)$/

/**
 * Single characters spread over a label's width are one label, however many
 * blanks stand between them.
 *
 * > |       合   计                   168,441
 *           ^^^^^^^ one token, not two
 */
function joinLetterSpaced(text: string, tokens: Token[]): Token[] {
  const single = (token: Token | undefined): boolean => token !== undefined && token.kind === 'text' && token.text.length === 1 && CJK.test(token.text)
  const joined: Token[] = []
  for (let index = 0; index < tokens.length; index++) {
    const first = tokens[index] as Token
    let last = index
    while (single(tokens[last]) && single(tokens[last + 1]) && (tokens[last + 1] as Token).x - (tokens[last] as Token).end <= LETTER_GAP) last++
    const run = tokens.slice(index, last + 1)
    if (run.length > 1 && LETTER_SPACED_LABEL.test(run.map((token) => token.text).join(''))) {
      const tail = run.at(-1) as Token
      joined.push({ ...first, text: text.slice(first.offset, tail.offset + tail.text.length), end: tail.end })
      index = last
    } else joined.push(first)
  }
  return joined
}

/**
 * Cut a blank-separated run where a single blank still separates cells:
 * an amount (`工资福利支出 95.36`), a code before its name
 * (`30101 基本工资`), a code glued to its name (`310资本性支出`), a code
 * one blank after a whole amount, when a name follows it (`nameAfter`: the
 * next token, two blanks or more on, starts with a Chinese character).
 *
 * > | 310资本性支出
 *     ^^^ code, cut off the name `资本性支出`
 * > | 30227    委托业务费        21 39906      赠与
 *                               ^^ amount, ^^^^^ the code of the next panel's row
 */
export function refineToken(raw: string, line: number, offset: number, x: number, nameAfter = false): Token[] {
  const words = matchAllOf(raw, WORD).map((match) => ({ from: match.index, to: match.index + match[0].length, text: match[0] }))
  const pieces: { from: number; to: number; cut: boolean }[] = []
  // Whether each word is an amount, read once (a word is asked about as itself and as its neighbour's previous).
  const amounts = words.map((word) => isDecimalAmount(word.text))
  for (const [index, word] of words.entries()) {
    const next = words[index + 1]
    const amount = amounts[index] === true
    const previous = words[index - 1]
    // A whole amount, a blank, then a code whose name comes after it: two cells (a 3-panel 基本支出 table, `21 39906  赠与`).
    const codeAfterAmount = nameAfter && next === undefined && index === 1 && previous !== undefined && /^\d+$/.test(previous.text) && CODE.test(word.text)
    const alone = amount || codeAfterAmount || (index === 0 && CODE.test(word.text) && next !== undefined && !isAmountText(next.text))
    const last = pieces.at(-1)
    const previousAlone = index > 0 && amounts[index - 1] === true
    if (!alone && last && !last.cut && !previousAlone) last.to = word.to
    else pieces.push({ from: word.from, to: word.to, cut: alone && !amount })
  }
  const tokens: Token[] = []
  for (const piece of pieces) {
    const text = raw.slice(piece.from, piece.to)
    const start = x + codePoints(raw.slice(0, piece.from))
    const glued = GLUED_CODE.exec(text)
    if (glued && CJK.test(text.slice(glued[0].length))) {
      const code = glued[0]
      tokens.push({ text: code, line, offset: offset + piece.from, x: start, end: start + codePoints(code), kind: 'code', cut: true })
      const rest = text.slice(code.length)
      const restStart = start + codePoints(code)
      tokens.push({ text: rest, line, offset: offset + piece.from + code.length, x: restStart, end: restStart + codePoints(rest), kind: 'text', cut: false })
      continue
    }
    tokens.push({ text, line, offset: offset + piece.from, x: start, end: start + codePoints(text), kind: kindOf(text), cut: piece.cut })
  }
  return tokens
}
