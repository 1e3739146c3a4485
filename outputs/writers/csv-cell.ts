/**
 * CSV writer: UTF-8 with BOM, RFC 4180, columns in data-dictionary order,
 * text cells neutralised against spreadsheet formula injection.
 */

// OWASP "CSV injection": a spreadsheet evaluates a cell starting with one of
// these as a formula. Full-width forms are included because Excel and WPS with
// CJK input normalise them, and leading (Unicode) whitespace because
// spreadsheets skip it before looking for `=`.
const FORMULA_START = /^[\s\u200b\ufeff]*[=+\-@\t\r\n＝＋－＠]/

// A negative number as printed (`-12.30`, `－1,118.77`, `-5%`) or a bare dash
// (the `-` marker of a figure of value 0): a spreadsheet reads it as a number
// or as text, never as a formula, so it is written exactly as printed.
const PLAIN_NEGATIVE = /^[-－](?:[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?[%％]?)?$/

/**
 * Prefix `'` to a text cell a spreadsheet would read as a formula (OWASP CSV
 * injection): one starting, after optional white space, with `=` `+` `-` `@`
 * a tab, CR or LF, or a full-width `＝` `＋` `－` `＠` — unless the whole cell
 * is a negative number or a bare dash. Other text is returned unchanged.
 */
export function neutralizeCsvCell(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NEGATIVE.test(text) ? `'${text}` : text
}

/** Which CSV cells can carry the `'` prefix, said once for datapackage.json and dist/README.md. */
export const CSV_GUARD_NOTE = {
  zh: "仅文本列（类型 string）的单元格可能被加上单引号 ' 前缀：其文本（忽略开头空白）以 = + - @、制表符、回车、换行或全角 ＝ ＋ － ＠ 开头、可能被电子表格当作公式时；但整格为负数（如 -12.30、－1,118.77、-5%）或单独的 - 、－ 时不加。整数列与小数列从不改动。Arrow 与 Parquet 中的文本不加前缀",
  en: "Only cells of text columns (type string) can carry a `'` prefix: those whose text, after optional white space, starts with = + - @, a tab, CR or LF, or a full-width ＝ ＋ － ＠, which a spreadsheet would read as a formula — except a cell that is a negative number (`-12.30`, `－1,118.77`, `-5%`) or a bare `-` or `－`, written as printed. Integer and decimal columns are never altered; Arrow and Parquet text has no prefix",
} as const
