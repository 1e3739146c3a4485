/**
 * CSV writer: UTF-8 with BOM, RFC 4180, columns in data-dictionary order,
 * text cells neutralised against spreadsheet formula injection.
 */

// OWASP "CSV injection": a spreadsheet evaluates a cell starting with one of
// these as a formula. Full-width forms are included because Excel and WPS with
// CJK input normalise them, and leading (Unicode) whitespace because
// spreadsheets skip it before looking for `=`.
const FORMULA_START = /^[\s\u200b\ufeff]*[=+\-@\t\r\n＝＋－＠]/

/** Prefix `'` to a text cell a spreadsheet would read as a formula (OWASP CSV injection); other text is returned unchanged. */
export function neutralizeCsvCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}
