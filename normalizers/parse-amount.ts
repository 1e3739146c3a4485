import { MONEY_UNIT_EXPONENTS } from '../core/text.ts'
/**
 * Exact parsing of printed amounts: decimals as decimals, never floats.
 */

/** A printed number parsed exactly: sign, digits and scale (`1118.77` → 111877n, scale 2). */
export interface ParsedNumber {
  /** The number as an integer of units of 10^-scale. */
  units: bigint
  scale: number
}

/**
 * An amount cell that is not a number but means zero (`无`, `—`, `-`, `/`):
 * a figure of value 0 whose raw text is kept, unlike a blank cell (no figure).
 */
export const ZERO_MARKERS = new Set(['无', '—', '－', '-', '－－', '--', '——', '/', '／', '–', '―', '−'])

const FULL_WIDTH_DIGIT = /[０-９．，－−]/g
/** Most digits a printed amount may have (a 亿元 figure with decimals has fewer than 20). */
export const MAX_DIGITS = 30
/** Invisible characters a copy from Word or a web page leaves inside a number (zero-width space, joiners, BOM). */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff]/g

/**
 * Fold only what number tokens need: full-width digits, point, comma and
 * minus (and U+2212 MINUS SIGN) to ASCII (no blanket NFKC, which would turn
 * `，` between clauses into a separator and `①` into 1).
 */
export function foldNumberText(text: string): string {
  return text.replace(FULL_WIDTH_DIGIT, (char) => {
    if (char === '．') return '.'
    if (char === '，') return ','
    if (char === '－' || char === '−') return '-'
    return String.fromCharCode(char.charCodeAt(0) - 0xfee0)
  })
}

/** Whether a cell's text is an amount as printed (`1,118.77`, `-12.30`, `(12.30)`, `０.５`). */
export function isAmountText(text: string): boolean {
  return parseNumber(text) !== undefined
}

const PLAIN_NUMBER = /^(-?)(\d+)(?:\.(\d+))?$/

/**
 * Parse a printed number exactly. Accepts a leading minus (ASCII,
 * full-width or U+2212), accounting parentheses for negatives (`(12.30)`,
 * `（1,234）`: with a point or a separator, so the ordinal `（1）` is not -1),
 * thousands separators between digit groups (`2,949.02`, `2，949.02`),
 * full-width digits and point, invisible zero-width characters anywhere;
 * returns undefined for anything else.
 */
export function parseNumber(text: string): ParsedNumber | undefined {
  // Most cells print plain ASCII (`1118.77`, `-12.30`): read them without folding (same result as below).
  const simple = PLAIN_NUMBER.exec(text)
  if (simple) {
    const [, sign, whole = '0', fraction = ''] = simple
    if (whole.length + (fraction ? fraction.length + 1 : 0) > MAX_DIGITS + 1) return undefined
    return { units: BigInt(whole + fraction) * (sign ? -1n : 1n), scale: fraction.length }
  }
  let folded = foldNumberText(text.replace(INVISIBLE, '').trim())
  let negative = false
  const parenthesised = /^[(（](.*)[)）]$/.exec(folded)
  if (parenthesised) {
    negative = true
    folded = (parenthesised[1] ?? '').trim()
    if (!/[.,]/.test(folded)) return undefined
  }
  if (folded.startsWith('-')) {
    if (negative) return undefined
    negative = true
    folded = folded.slice(1)
  }
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(folded)) return undefined
  const plain = folded.replace(/,/g, '')
  // No printed amount has this many digits; a run of digits this long is damage (and BigInt of it is slow).
  if (plain.length > MAX_DIGITS + 1) return undefined
  const [whole = '0', fraction = ''] = plain.split('.')
  const units = BigInt(whole + fraction) * (negative ? -1n : 1n)
  return { units, scale: fraction.length }
}

/** Scale factors from printed units to yuan. */
const UNIT_FACTORS: Record<string, { exponent: number; unit: string }> = Object.fromEntries(
  Object.entries(MONEY_UNIT_EXPONENTS).map(([unit, exponent]) => [unit, { exponent, unit: 'CNY' }]),
)

/** Whether `unit` is a money unit we can convert to yuan. */
export function isMoneyUnit(unit: string): boolean {
  return unit in UNIT_FACTORS
}

/**
 * Convert a printed amount in a printed money unit to an exact decimal string
 * of yuan: `1118.77` 万元 → `11187700`. Sub-yuan remainders stay as decimals
 * (`0.005` 万元 → `50`, `1.234` 元 → `1.234`) so nothing is rounded away.
 */
export function toYuan(number: ParsedNumber, unit: string): string {
  const factor = UNIT_FACTORS[unit]
  if (!factor) throw new Error(`Unknown money unit \`${unit}\`; expected one of ${Object.keys(UNIT_FACTORS).join(', ')}`)
  return formatDecimal(number.units, number.scale - factor.exponent)
}

/** Format `units × 10^-scale` as a plain decimal string without trailing fractional zeros. */
export function formatDecimal(units: bigint, scale: number): string {
  if (scale <= 0) return (units * 10n ** BigInt(-scale)).toString()
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  // The lookbehind starts the match at the first trailing zero only: linear on long fractions.
  const fraction = digits.slice(digits.length - scale).replace(/(?<!0)0+$/, '')
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}
