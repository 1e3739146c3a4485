/**
 * Exact arithmetic on the dataset's decimal strings (yuan), with BigInt:
 * differences are exact, and a ratio is rounded once, half away from zero,
 * to a stated number of decimals. Never a JavaScript float.
 */
import { formatDecimal } from '../normalizers/parse-amount.ts'

/** A decimal as `units × 10^-scale`. */
interface Scaled {
  units: bigint
  scale: number
}

/** Parse a plain decimal string (`-1234.5`); throws on anything else. */
function parseDecimal(text: string): Scaled {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)
  if (!match) throw new TypeError(`\`${text}\` is not a plain decimal number`)
  const fraction = match[3] ?? ''
  const units = BigInt(`${match[2] ?? '0'}${fraction}`)
  return { units: match[1] ? -units : units, scale: fraction.length }
}

/** Both decimals at the larger scale. */
function aligned(a: string, b: string): [bigint, bigint, number] {
  const x = parseDecimal(a)
  const y = parseDecimal(b)
  const scale = Math.max(x.scale, y.scale)
  return [x.units * 10n ** BigInt(scale - x.scale), y.units * 10n ** BigInt(scale - y.scale), scale]
}

/** `a − b`, exactly (`11187700` − `10139100.5` → `1048599.5`). */
export function subtractDecimals(a: string, b: string): string {
  const [x, y, scale] = aligned(a, b)
  return formatDecimal(x - y, scale)
}

/**
 * `numerator / denominator × 100` rounded half away from zero to `digits`
 * decimals (`9` / `12` → `75.00`… printed as `75`); undefined when the
 * denominator is zero.
 */
export function percentOf(numerator: string, denominator: string, digits: number): string | undefined {
  const [x, y] = aligned(numerator, denominator)
  if (y === 0n) return undefined
  // x / y × 100 × 10^digits, rounded: twice the quotient plus one, halved, keeps the rounding exact.
  const scaled = x * 100n * 10n ** BigInt(digits)
  const negative = scaled < 0n !== y < 0n
  const a = scaled < 0n ? -scaled : scaled
  const b = y < 0n ? -y : y
  const rounded = (2n * a + b) / (2n * b)
  return formatDecimal(negative ? -rounded : rounded, digits)
}
