/**
 * Code resolution: which code-shaped integers of a table are
 * classification codes and which are amounts.
 */
import type { LayoutLine } from './lines.ts'
import type { Token } from './tokens.ts'

/**
 * Decide which code-shaped integers are codes. A table has codes when one
 * is cut off or followed by its name; then a code-shaped integer is a code
 * when it opens its line, precedes a name, or stands where the certain
 * codes stand. Elsewhere (`36  0  18`) they are amounts.
 */
export function resolveCodes(lines: LayoutLine[]): boolean {
  const precedesName = (tokens: Token[], index: number) => tokens[index + 1]?.kind === 'text'
  const coded = lines.some((line) => line.tokens.some((token) => /编码|代码/.test(token.text))) ||
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
  for (const token of doubtful) {
    if (!certain.some((code) => token.x < code.end && code.x < token.end)) token.kind = 'amount'
  }
  return coded
}
