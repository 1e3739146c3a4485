/** Writing one table in the three formats through the build's own streaming sink, for tests of the writers. */
import type { TableSchema } from '../../outputs/schema.ts'
import { encodeRows } from '../../outputs/writers/encode-rows.ts'
import { TableSink } from '../../outputs/writers/table-sink.ts'

/** Write `rows` into `dir` as `<name>.csv`, `<name>.arrow` and `<name>.parquet`, columns in schema order. */
export async function writeTableAll(dir: string, rows: readonly Record<string, unknown>[], schema: TableSchema): Promise<void> {
  const names = schema.fields.map((field) => field.name)
  const sink = new TableSink(dir, schema)
  await sink.add(encodeRows(schema, rows.map((row) => names.map((name) => row[name] ?? null))))
  await sink.close()
}
