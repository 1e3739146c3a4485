/**
 * Text primitives every layer shares, each defined once: what counts as
 * padding, what a numeric token is, the money units and their exponents,
 * how wide a character prints, and how labels fold into comparison keys.
 */

/**
 * One padding character: JavaScript's `\s` (which includes U+3000
 * ideographic space, NBSP and the BOM) or a zero-width space (U+200B, which
 * `\s` leaves out and Word exports leave in cells). For use inside a regex.
 */
export const PAD = '[\\s\\u200b]'

/** A run of padding, anywhere (global). */
export const PAD_RUN = new RegExp(`${PAD}+`, 'g')

/** Whether a UTF-16 unit is padding (`PAD`), without a regex per character (the ranges of JavaScript's `\s`, and U+200B). */
export function isPadCode(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  return code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200b) || code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
}

/** Trim padding (spaces, tabs, U+3000, NBSP, BOM, zero-width space) from both ends. */
export function trimPadding(text: string): string {
  // A scan of code units, not a regex: it runs on every cell and line (padding is all in the BMP).
  let start = 0
  let end = text.length
  while (start < end && isPadCode(text.charCodeAt(start))) start++
  while (end > start && isPadCode(text.charCodeAt(end - 1))) end--
  return start === 0 && end === text.length ? text : text.slice(start, end)
}

/** The text without any padding, for comparing labels (`收 入 总 计` → `收入总计`). */
export function compactText(text: string): string {
  return text.replace(PAD_RUN, '')
}

/**
 * The comparison key of a printed label: no padding, full-width brackets
 * folded to half-width. Normalizers strip what their own labels carry on top
 * of it (ordinals, level markers, quotes).
 */
export function foldKey(text: string): string {
  return compactText(text).replace(/（/g, '(').replace(/）/g, ')')
}

/**
 * A numeric token as the number accounting counts them: digits (ASCII or
 * full-width), with a decimal point and thousands separators between digit
 * groups (`1,118.77`, `１２３．４５`; `100` in `100%`).
 *
 * > | 本年收入合计1,118.77万元，占100%
 *           ^^^^^^^^ one token     ^^^ another
 */
export const NUMBER_TOKEN = /[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?/g

/** Money units as printed and their power of ten in yuan (`万元` → 4). */
export const MONEY_UNIT_EXPONENTS: Readonly<Record<string, number>> = { 元: 0, 万元: 4, 千元: 3, 百万元: 6, 亿元: 8 }

/** Terminal and layout width of a code point: CJK and full-width forms take two columns, zero-width marks and form feeds none. */
export function charWidth(codePoint: number): number {
  if (codePoint === 0x0c || codePoint === 0x200b || codePoint === 0xfeff || (codePoint >= 0x300 && codePoint <= 0x36f)) return 0
  const wide =
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    codePoint >= 0x20000
  return wide ? 2 : 1
}

/** Display width of a text (CJK and full-width characters count two). */
export function displayWidth(text: string): number {
  let width = 0
  for (const char of text) width += charWidth(char.codePointAt(0) ?? 0)
  return width
}

/**
 * `text.matchAll(pattern)` without its cost: matchAll clones the regex on
 * every call (species constructor), which dominated the hot loops that run it
 * once per cell, token or clause. Same matches, same start (the regex's
 * `lastIndex`), and the regex is left as it was.
 */
export function matchAllOf(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError('matchAllOf needs a global regex, as String.prototype.matchAll does')
  const start = pattern.lastIndex
  const matches: RegExpExecArray[] = []
  try {
    for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
      matches.push(match)
      // An empty match does not move lastIndex: step over one character (a code point in unicode mode), as matchAll does.
      if (match[0] === '') pattern.lastIndex = advance(text, pattern.lastIndex, pattern.unicode || pattern.flags.includes('v'))
    }
  } finally {
    pattern.lastIndex = start
  }
  return matches
}

/** AdvanceStringIndex of the ECMAScript spec. */
function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1
  const code = text.charCodeAt(index)
  const next = text.charCodeAt(index + 1)
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1
}
