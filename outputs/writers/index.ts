/**
 * Writers of the dataset: every table as CSV, Arrow and Parquet (through the
 * same streaming sink the build uses), plus the Frictionless
 * `datapackage.json` that describes them.
 */
import type { TableSchema } from '../schema.ts'
import { encodeRows } from './encode-rows.ts'
import { TableSink } from './table-sink.ts'

export { neutralizeCsvCell } from './csv-cell.ts'
export { buildDataPackage, writeDataPackage } from './write-datapackage.ts'

/** Write `rows` into `dir` as `<name>.csv`, `<name>.arrow` and `<name>.parquet`, columns in schema order. */
export async function writeTableAll(dir: string, rows: readonly Record<string, unknown>[], schema: TableSchema): Promise<void> {
  const names = schema.fields.map((field) => field.name)
  const sink = new TableSink(dir, schema)
  await sink.add(encodeRows(schema, rows.map((row) => names.map((name) => row[name] ?? null))))
  await sink.close()
}
