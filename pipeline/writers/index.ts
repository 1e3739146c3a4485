/**
 * Writers of the dataset: every table as CSV, Arrow and Parquet, plus the
 * Frictionless `datapackage.json` that describes them.
 */
import { join } from 'node:path'
import type { TableSchema } from '../schema.ts'
import { writeArrow } from './write-arrow.ts'
import { writeCsv } from './write-csv.ts'
import { writeParquet } from './write-parquet.ts'

export { neutralizeCsvCell, toCsv, writeCsv } from './write-csv.ts'
export { toArrowTable, writeArrow } from './write-arrow.ts'
export { toParquet, writeParquet } from './write-parquet.ts'
export { buildDataPackage, writeDataPackage } from './write-datapackage.ts'

/** Write `rows` into `dir` as `<name>.csv`, `<name>.arrow` and `<name>.parquet`, columns in schema order. */
export async function writeTableAll(dir: string, rows: readonly Record<string, unknown>[], schema: TableSchema): Promise<void> {
  await writeCsv(join(dir, `${schema.name}.csv`), rows, schema)
  await writeArrow(join(dir, `${schema.name}.arrow`), rows, schema)
  await writeParquet(join(dir, `${schema.name}.parquet`), rows, schema)
}
