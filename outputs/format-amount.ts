/**
 * Amounts for people: yuan decimal strings shown in 万元, exactly. The
 * dataset stores yuan; spreadsheets, the report and the CLI show 万元 as the
 * documents print them, so `11187700` reads back as the printed `1118.77`.
 */
import { formatDecimal, parseNumber } from '../normalizers/parse-amount.ts'

/** Digits after the point the documents print 万元 with. */
const WAN_DECIMALS = 2

/**
 * A yuan decimal string (`11187700`) as 万元 with at least two decimals
 * (`1118.77`), exact: more decimals when the yuan need them (`50` → `0.005`),
 * never rounded. Throws on text that is not a plain decimal.
 */
export function formatWan(yuan: string): string {
  // Only the plain form the dataset writes: no grouping, no brackets, which parseNumber would also accept.
  const parsed = /^-?\d+(\.\d+)?$/.test(yuan) ? parseNumber(yuan) : undefined
  if (!parsed) throw new TypeError(`\`${yuan}\` is not a decimal number of yuan`)
  return padDecimals(formatDecimal(parsed.units, parsed.scale + 4), WAN_DECIMALS)
}

/** A decimal string with at least `digits` digits after the point (`20` → `20.00`). */
export function padDecimals(text: string, digits: number): string {
  const [whole, fraction = ''] = text.split('.')
  return fraction.length >= digits ? text : `${whole}.${fraction.padEnd(digits, '0')}`
}

/** A yuan decimal string grouped by thousands for reading (`11187700` → `11,187,700`); the digits are unchanged. */
export function groupYuan(yuan: string): string {
  const match = /^(-?)(\d+)(\.\d+)?$/.exec(yuan)
  if (!match) return yuan
  const digits = match[2] ?? ''
  const groups: string[] = []
  // Cut groups of three from the right (a loop: the lookahead regex for this is quadratic).
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end))
  return `${match[1]}${groups.join(',')}${match[3] ?? ''}`
}
