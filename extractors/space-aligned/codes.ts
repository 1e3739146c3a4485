/**
 * Code resolution: which code-shaped integers of a table are
 * classification codes and which are amounts, and codes printed split over
 * 类 / 款 / 项 columns.
 */
import { compactText } from '../../core/text.ts'
import type { LayoutLine } from './lines.ts'
import type { Token } from './tokens.ts'

/** A two-digit 款 or 项 segment of a split code (`06` in `204   06   01`). */
const SEGMENT = /^\d{2}$/
const CLASS_CODE = /^[1-9]\d{2}$/

/** Whether a token is one segment of a code printed over 类 / 款 / 项 columns. */
export function isSegment(token: Token): boolean {
  return token.kind === 'code' && SEGMENT.test(token.text)
}

/**
 * Decide which code-shaped integers are codes. A table has codes when one
 * is cut off or followed by its name; then a code-shaped integer is a code
 * when it opens its line, precedes a name, or stands where the certain
 * codes stand. Elsewhere (`36  0  18`) they are amounts. Two-digit integers
 * are 款 and 项 segments where the table prints its codes over 类 / 款 / 项
 * columns.
 */
export function resolveCodes(lines: LayoutLine[]): boolean {
  const precedesName = (tokens: Token[], index: number) => tokens[index + 1]?.kind === 'text'
  const coded =
    lines.some((line) => line.tokens.some((token) => /编码|代码/.test(token.text))) ||
    lines.some((line) => line.tokens.some((token, index) => token.kind === 'code' && (token.cut || (index === 0 && precedesName(line.tokens, index)))))
  const certain: Token[] = []
  const doubtful: Token[] = []
  for (const line of lines) {
    for (const [index, token] of line.tokens.entries()) {
      if (token.kind !== 'code') continue
      if (!coded) token.kind = 'amount'
      else if (token.cut || index === 0 || precedesName(line.tokens, index)) certain.push(token)
      else doubtful.push(token)
    }
  }
  if (splitCodes(lines)) markSegments(lines, certain)
  for (const token of doubtful) {
    if (token.kind === 'code' && !certain.some((code) => token.x < code.end && code.x < token.end)) token.kind = 'amount'
  }
  return coded || certain.length > 0
}

/** Whether the table prints codes over 类 / 款 / 项 columns: its header names them, or a line reads `204   06   01   行政运行`. */
function splitCodes(lines: LayoutLine[]): boolean {
  const header = lines.some((line) => {
    const words = line.tokens.map((token) => compactText(token.text))
    return words.includes('类') && words.includes('款')
  })
  if (header) return true
  return lines.some((line) =>
    line.tokens.some((token, index) => CLASS_CODE.test(token.text) && SEGMENT.test(line.tokens[index + 1]?.text ?? '') && line.tokens.slice(index + 1).find((next) => !SEGMENT.test(next.text))?.kind === 'text'),
  )
}

/**
 * Mark the segments of each line: a run of a 类 code and two-digit
 * segments, or of two-digit segments alone (the 类 printed on a row above),
 * followed by a name.
 *
 * > |        08          进修及培训
 *            ^^ the 款 of the 类 above
 */
function markSegments(lines: LayoutLine[], certain: Token[]): void {
  for (const line of lines) {
    const tokens = line.tokens
    for (let index = 0; index < tokens.length; index++) {
      const first = tokens[index] as Token
      if (!CLASS_CODE.test(first.text) && !SEGMENT.test(first.text)) continue
      let stop = index + (CLASS_CODE.test(first.text) ? 1 : 0)
      while (stop < tokens.length && stop - index < 3 && SEGMENT.test((tokens[stop] as Token).text)) stop++
      if (stop === index || tokens[stop]?.kind !== 'text') continue
      for (let position = index; position < stop; position++) {
        const token = tokens[position] as Token
        token.kind = 'code'
        certain.push(token)
      }
      index = stop
    }
  }
}
