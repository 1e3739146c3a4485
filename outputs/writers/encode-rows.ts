/**
 * Rows encoded for the writers where they are produced (in the worker that
 * processed the document): the CSV text and the Arrow column buffers. The
 * main thread then only concatenates, so writing does not hold up both cores.
 */
import { decimalTypeOf, typedCell, type FieldSchema, type TableSchema } from '../schema.ts'
import { neutralizeCsvCell } from './csv-cell.ts'
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
  /** Utf8 bytes (strings), Int32Array (integers) or, for decimals, each value unscaled as a 128-bit two's-complement integer, little-endian: four words a row (Arrow's Decimal128 layout). */
  data: Uint8Array | Int32Array | Uint32Array
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

const NEEDS_QUOTES = /[",\r\n]/
const QUOTES = /"/g

/**
 * One CSV field, RFC 4180: quoted when it holds a quote, a comma, a CR or an
 * LF, quotes doubled. Written out (five lines) because csv-stringify's
 * per-field generality was most of the cost of encoding a document — and
 * with a record delimiter set it leaves a lone CR or LF unquoted, which
 * breaks the row for every reader. The test reads random fields back with
 * csv-parse.
 */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(QUOTES, '""')}"` : value
}

/** A string column's UTF-8 bytes and the end offset of each cell. */
function encodeStrings(cells: readonly (string | number | null)[]): { data: Uint8Array; ends: Int32Array } {
  const length = cells.length
  let bytes = 0
  for (let index = 0; index < length; index++) {
    const cell = cells[index]
    if (typeof cell === 'string') bytes += Buffer.byteLength(cell)
  }
  // Written through a Buffer view of its own ArrayBuffer, so it transfers between threads without a copy.
  const data = new Uint8Array(bytes)
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  const ends = new Int32Array(length)
  let position = 0
  for (let index = 0; index < length; index++) {
    const cell = cells[index]
    if (typeof cell === 'string' && cell) position += view.write(cell, position)
    ends[index] = position
  }
  return { data, ends }
}

/**
 * The decimal text `value` (canonical, as typedCell gives it, with at most
 * `scale` decimals) as an integer of units of 10^-scale: `-12.3` at scale 6
 * is -12300000.
 */
export function unscaledDecimal(value: string, scale: number): bigint {
  const point = value.indexOf('.')
  const whole = point < 0 ? value : value.slice(0, point)
  const fraction = point < 0 ? '' : value.slice(point + 1)
  return BigInt(`${whole}${fraction.padEnd(scale, '0')}`)
}

/** Decimal cells as Arrow Decimal128 values: four little-endian words each, two's complement; 0 for null. */
function encodeDecimals(cells: readonly (string | null)[], scale: number): Uint32Array {
  const data = new Uint32Array(cells.length * 4)
  const words = new BigInt64Array(data.buffer)
  for (let index = 0; index < cells.length; index++) {
    const cell = cells[index]
    if (cell === null || cell === undefined) continue
    const value = unscaledDecimal(cell, scale)
    words[2 * index] = BigInt.asIntN(64, value)
    words[2 * index + 1] = BigInt.asIntN(64, value >> 64n)
  }
  return data
}

/** Encode rows (values in schema order) of a table: typed once, for every output format. */
export function encodeRows(schema: TableSchema, rows: readonly RowValues[], style: CsvStyle = {}): EncodedChunk {
  const length = rows.length
  const fields = schema.fields
  const width = fields.length
  const typed: (string | number | null)[][] = []
  for (let column = 0; column < width; column++) {
    const field = fields[column] as FieldSchema
    const cells = new Array<string | number | null>(length)
    for (let index = 0; index < length; index++) cells[index] = typedCell(field, (rows[index] as RowValues)[column])
    typed.push(cells)
  }
  // Fields and separators joined once at the end (building each line by `+=` made a rope per line to flatten again).
  const parts: string[] = []
  for (let index = 0; index < length; index++) {
    for (let column = 0; column < width; column++) {
      parts.push(csvField(csvCell(schema, fields[column] as FieldSchema, (typed[column] as (string | number | null)[])[index] ?? null, style)))
      parts.push(column < width - 1 ? ',' : '\r\n')
    }
  }
  const columns = fields.map((field, column): EncodedColumn => {
    const cells = typed[column] as (string | number | null)[]
    const valid = new Uint8Array(length)
    for (let index = 0; index < length; index++) valid[index] = cells[index] === null ? 0 : 1
    if (field.type === 'string') return { valid, ...encodeStrings(cells) }
    if (field.type === 'decimal') return { valid, data: encodeDecimals(cells as (string | null)[], decimalTypeOf(field).scale) }
    const data = new Int32Array(length)
    for (let index = 0; index < length; index++) data[index] = (cells[index] as number | null) ?? 0
    return { valid, data }
  })
  return { rows: length, csv: parts.join(''), columns }
}
