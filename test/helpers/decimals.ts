/**
 * Exact decimal arithmetic on text, for tests: written here with BigInt
 * rather than taken from the pipeline, so that a test of the writers does not
 * check the pipeline against itself.
 */

/** `text` (`-0012.3400`, `11187700.000000`) in canonical form: `-12.34`, `11187700`; zero unsigned. */
export function canonicalText(text: string): string {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim())
  if (!match) throw new Error(`Not a plain decimal: \`${text}\``)
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '')
  const fraction = (match[3] ?? '').replace(/0+$/, '')
  const digits = fraction ? `${whole}.${fraction}` : whole
  return match[1] === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits
}

/** The decimal text of an integer of units of 10^-scale (an Arrow or Parquet DECIMAL's stored value). */
export function fromUnscaled(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0')
  const text = scale > 0 ? `${digits.slice(0, -scale)}.${digits.slice(-scale)}` : digits
  return canonicalText(`${negative ? '-' : ''}${text}`)
}

/** The exact sum of decimal texts, in canonical form. */
export function sumDecimals(texts: readonly string[]): string {
  const scale = Math.max(0, ...texts.map((text) => (text.split('.')[1] ?? '').length))
  let total = 0n
  for (const text of texts) {
    const [whole = '', fraction = ''] = text.split('.')
    total += BigInt(`${whole}${fraction.padEnd(scale, '0')}`.replace(/^(-?)$/, '$10'))
  }
  return fromUnscaled(total, scale)
}
