/**
 * Arrow writer: a typed, nullable Arrow table built from the data dictionary,
 * written in the IPC *file* format (random access, `.arrow`).
 */
import { writeFile } from 'node:fs/promises'
import { Field, Float64, Int32, RecordBatch, Schema, Struct, Table, Utf8, makeData, tableToIPC, vectorFromArray } from 'apache-arrow'
import type { Data, DataType } from 'apache-arrow'
import { typedCell } from '../schema.ts'
import type { FieldSchema, TableSchema } from '../schema.ts'

/**
 * The Arrow type of a dictionary type.
 *
 * Decimals are Float64, not Decimal128(38, 4): apache-arrow JS builds
 * Decimal128 fine, but the JavaScript readers convert decimals to floats by
 * multiplying by 10^-scale (hyparquet reads 11187700 at scale 4 back as
 * 11187699.999999998), so a Decimal column would be *less* exact in the
 * readers this dataset targets. Float64 is exact for what we carry: money is
 * an integer number of yuan far below 2^53, and other figures are short
 * decimals (≤ 4 places) whose shortest round-trip printing is the printed
 * figure itself — `typedCell` refuses any value for which that is not so.
 */
function arrowType(field: FieldSchema): DataType {
  switch (field.type) {
    case 'string':
      return new Utf8()
    // Int32 rather than Int64: JS readers return Int64 as BigInt, which breaks JSON and arithmetic with numbers.
    case 'integer':
      return new Int32()
    case 'decimal':
      return new Float64()
  }
}

/** The rows as an Arrow table with one nullable, typed column per schema field, in schema order. */
export function toArrowTable(rows: readonly Record<string, unknown>[], schema: TableSchema): Table {
  const fields = schema.fields.map((field) => new Field(field.name, arrowType(field), true))
  const children = fields.map((arrowField, index): Data => {
    const field = schema.fields[index] as FieldSchema
    const vector = vectorFromArray(
      rows.map((row) => typedCell(field, row[field.name])),
      arrowField.type,
    )
    // One record batch per table: a single chunk per column keeps the files small and deterministic.
    const [data, ...rest] = vector.data
    if (!data || rest.length > 0) throw new Error(`Column \`${field.name}\` was built in ${vector.data.length} chunks, expected 1`)
    return data
  })
  const arrowSchema = new Schema(fields)
  const batch = new RecordBatch(arrowSchema, makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children }))
  return new Table(arrowSchema, [batch])
}

/** Write `rows` as an Arrow IPC file (not stream) at `path`. */
export async function writeArrow(path: string, rows: readonly Record<string, unknown>[], schema: TableSchema): Promise<void> {
  await writeFile(path, tableToIPC(toArrowTable(rows, schema), 'file'))
}
