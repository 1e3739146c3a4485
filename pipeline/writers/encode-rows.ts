/**
 * Rows encoded for the writers where they are produced (in the worker that
 * processed the document): the CSV text and the Arrow column buffers. The
 * main thread then only concatenates, so writing does not hold up both cores.
 */
import { stringify } from 'csv-stringify/sync'
import { typedCell, type FieldSchema, type TableSchema } from '../schema.ts'
import { neutralizeCsvCell } from './write-csv.ts'
import { formatWan } from '../format-amount.ts'

/** A row as values in schema order. */
export type RowValues = unknown[]

/** How CSV cells are rendered (the `--unit` spreadsheet option); plain data, so it crosses to workers. */
export interface CsvStyle {
  /** `wan`: money columns in 万元 with two decimals instead of yuan (exact). */
  unit?: 'yuan' | 'wan'
}

/**
 * Whether `--unit wan` converts a column: decimals in CNY, except
 * `facts.value`, whose rows may hold percentages and counts (their `unit`
 * says which) and so stay as stored.
 */
export function isWanColumn(schema: TableSchema, field: FieldSchema): boolean {
  return field.type === 'decimal' && field.unit === 'CNY' && !(schema.name === 'facts' && field.name === 'value')
}

/** One column of a chunk: values and a validity byte per row (1 = present). */
export interface EncodedColumn {
  valid: Uint8Array
  /** Utf8 bytes (strings), Int32Array (integers) or Float64Array (decimals). */
  data: Uint8Array | Int32Array | Float64Array
  /** End offset of each string in `data` (strings only). */
  ends?: Int32Array
}

/** Rows of one table encoded for CSV, Arrow and Parquet. */
export interface EncodedChunk {
  rows: number
  csv: string
  columns: EncodedColumn[]
}

function csvCell(schema: TableSchema, field: FieldSchema, cell: string | number | null, style: CsvStyle): string {
  if (cell === null) return ''
  if (field.type === 'string') return neutralizeCsvCell(cell as string)
  if (style.unit === 'wan' && isWanColumn(schema, field)) return formatWan(String(cell))
  return String(cell)
}

/** Encode rows (values in schema order) of a table: typed once, for every output format. */
export function encodeRows(schema: TableSchema, rows: readonly RowValues[], style: CsvStyle = {}): EncodedChunk {
  const length = rows.length
  const typed = schema.fields.map((field, column) => rows.map((row) => typedCell(field, row[column])))
  const csvRows = rows.map((_, index) => schema.fields.map((field, column) => csvCell(schema, field, typed[column]?.[index] ?? null, style)))
  const columns = schema.fields.map((field, column): EncodedColumn => {
    const cells = typed[column] ?? []
    const valid = new Uint8Array(length)
    for (let index = 0; index < length; index++) valid[index] = cells[index] === null ? 0 : 1
    if (field.type === 'string') {
      let bytes = 0
      for (const cell of cells) if (typeof cell === 'string') bytes += Buffer.byteLength(cell)
      const data = Buffer.alloc(bytes)
      const ends = new Int32Array(length)
      let position = 0
      for (let index = 0; index < length; index++) {
        const cell = cells[index]
        if (typeof cell === 'string' && cell) position += data.write(cell, position)
        ends[index] = position
      }
      return { valid, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(), ends }
    }
    if (field.type === 'integer') return { valid, data: Int32Array.from(cells, (cell) => (cell as number | null) ?? 0) }
    return { valid, data: Float64Array.from(cells, (cell) => (cell as number | null) ?? 0) }
  })
  return { rows: length, csv: length > 0 ? stringify(csvRows, { record_delimiter: '\r\n' }) : '', columns }
}

/** The buffers of chunks, to transfer them between threads without copying. */
export function chunkBuffers(chunks: readonly EncodedChunk[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const chunk of chunks) {
    for (const column of chunk.columns) {
      buffers.add(column.valid.buffer as ArrayBuffer)
      buffers.add(column.data.buffer as ArrayBuffer)
      if (column.ends) buffers.add(column.ends.buffer as ArrayBuffer)
    }
  }
  return [...buffers]
}
