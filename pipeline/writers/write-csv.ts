/**
 * CSV writer: UTF-8 with BOM, RFC 4180, columns in data-dictionary order,
 * text cells neutralised against spreadsheet formula injection.
 */
import { writeFile } from 'node:fs/promises'
import { stringify } from 'csv-stringify/sync'
import { typedCell } from '../schema.ts'
import type { TableSchema } from '../schema.ts'

// OWASP "CSV injection": a spreadsheet evaluates a cell starting with one of
// these as a formula. Full-width forms are included because Excel and WPS with
// CJK input normalise them, and leading (Unicode) whitespace because
// spreadsheets skip it before looking for `=`.
const FORMULA_START = /^[\s\u200b\ufeff]*[=+\-@\t\r\n＝＋－＠]/

/** Prefix `'` to a text cell a spreadsheet would read as a formula (OWASP CSV injection); other text is returned unchanged. */
export function neutralizeCsvCell(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text
}

/** The CSV text of a table: BOM, header of field names, then one record per row, CRLF-terminated. */
export function toCsv(rows: readonly Record<string, unknown>[], schema: TableSchema): string {
  const records: string[][] = [schema.fields.map((field) => field.name)]
  for (const row of rows) {
    records.push(
      schema.fields.map((field) => {
        const value = typedCell(field, row[field.name])
        if (value === null) return ''
        // Numbers are never prefixed: `-12.3` must stay a number for every reader.
        return typeof value === 'number' ? String(value) : neutralizeCsvCell(value)
      }),
    )
  }
  return stringify(records, {
    // The BOM makes Excel (the tool most readers of Chinese budget data open CSVs with) detect UTF-8 instead of GBK.
    bom: true,
    // RFC 4180 §2: records end in CRLF. Every CSV parser accepts it, and it is what Excel itself writes.
    record_delimiter: '\r\n',
  })
}

/** Write `rows` as `path` (UTF-8 with BOM, RFC 4180, CRLF), cells in schema order, null/undefined as empty. */
export async function writeCsv(path: string, rows: readonly Record<string, unknown>[], schema: TableSchema): Promise<void> {
  await writeFile(path, toCsv(rows, schema), 'utf8')
}
