/**
 * What a layout line of a table is: a row (amounts, a code, a numbered or
 * total label), a header line (column numbers, the `预算数 决算数` pairs),
 * or a fragment of the first row's wrapped name printed above it.
 */
import { PAD_RUN } from '../../core/text.ts'
import { ENUMERATION } from './lines.ts'
import type { LayoutLine } from './lines.ts'
import type { Token } from './tokens.ts'

/** A total label (`合计`, `本年支出合计`, `小计`). */
export const TOTAL_LABEL = /^.{0,10}(?:合计|总计)$|^小计$/

/** Text without blanks, for comparing labels. */
export function compact(text: string): string {
  return text.replace(PAD_RUN, '')
}

/**
 * Whether a line prints column numbers (`栏次  1  2  3`), not figures; the
 * stub's own header can stand before them (`科目名称  栏次  1  2  3`: the
 * cells of the names' column printed on the same line).
 */
export function isColumnNumberLine(tokens: Token[]): boolean {
  const numbers = tokens.filter((token) => /^\d+$/.test(token.text))
  if (numbers.length < 2) return false
  const first = numbers[0] as Token
  const stub = (token: Token) => token.x < first.x && STUB_HEADER.test(compact(token.text))
  if (tokens.some((token) => !/^\d+$/.test(token.text) && !/^(?:栏次|行次|合计|项目|金额)$/.test(compact(token.text)) && !stub(token))) return false
  return numbers.every((token, index) => Number(token.text) === index + 1)
}

/** The header of the stub's columns: the names' and codes' columns (`科目名称`, `功能分类科目编码`). */
const STUB_HEADER = /^(?:(?:功能|经济)?分类)?科目(?:名称|编码)$|^项目名称$/

/** Whether a line is the `预算数 决算数 预算数 决算数 …` row of a table printing budget/actual pairs. */
export function isPairLine(tokens: Token[]): boolean {
  return tokens.length >= 4 && tokens.every((token) => /^(?:预算数?|决算数?)$/.test(compact(token.text)))
}

/**
 * Whether a line is a row of the table rather than a header line: it has
 * an amount or a code, or opens with a numbered label (`一、…`) or with a
 * total label followed by nothing but amounts.
 */
export function isDataLine(line: LayoutLine): boolean {
  const tokens = line.tokens
  const first = tokens[0]
  if (!first || isColumnNumberLine(tokens) || isPairLine(tokens)) return false
  if (tokens.some((token) => token.kind !== 'text')) return true
  if (ENUMERATION.test(first.text)) return true
  return TOTAL_LABEL.test(compact(first.text)) && tokens.length === 1
}

const HEADER_WORD = /科目|项目|编码|名称|栏次|行次|分类/

/**
 * Text-only lines just above the first row that are its wrapped name
 * (printed above and below the code line), not header lines: at most as
 * many as follow the row before the next one, each sitting over names.
 *
 * > |             一般公共服务
 *                 ^^^^^^^^^^^^ belongs to the row below, not to the header
 * > |  201                   264.87   62.63    202.24
 * > |             支出
 */
export function leadingFragments(lines: LayoutLine[], first: number): number {
  const anchor = lines[first]
  if (!anchor) return 0
  const names = lines.slice(first).filter((line) => line.page === anchor.page).flatMap((line) => line.tokens.filter((token) => token.kind === 'text'))
  let below = 0
  for (let index = first + 1; index < lines.length; index++) {
    const line = lines[index] as LayoutLine
    if (line.page !== anchor.page || isDataLine(line) || isAnchorText(line.tokens)) break
    below++
  }
  let count = 0
  for (let index = first - 1; index >= 0 && count < below; index--) {
    const line = lines[index] as LayoutLine
    const after = lines[index + 1] as LayoutLine
    if (after.line - line.line !== 1 || line.page !== anchor.page) break
    // Over a name, or indented just past one (`深圳市社会保险基金管理局` above its figures, `大鹏分局` below them at the margin).
    const sitsOverNames = line.tokens.every((token) => token.kind === 'text' && !HEADER_WORD.test(token.text) && names.some((name) => name !== token && token.x <= name.end + 1 && name.x < token.end))
    if (!sitsOverNames) break
    count++
  }
  return count
}

/** Whether a text-only line is a row by its label (`合计`) rather than a wrapped fragment. */
export function isAnchorText(tokens: Token[]): boolean {
  return tokens.some((token) => TOTAL_LABEL.test(compact(token.text)))
}
