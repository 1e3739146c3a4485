/**
 * Parquet writer: the Arrow table of `write-arrow.ts` handed to parquet-wasm
 * (arrow-rs), so Parquet and Arrow carry the same columns and types.
 */
import { writeFile } from 'node:fs/promises'
import { tableToIPC } from 'apache-arrow'
// The `node` entry loads the wasm synchronously from disk: no async init, works in Node ESM and vitest.
import { Compression, Table as WasmTable, WriterPropertiesBuilder, writeParquet as writeParquetWasm } from 'parquet-wasm/node'
import type { TableSchema } from '../schema.ts'
import { toArrowTable } from './write-arrow.ts'

/** The Parquet bytes of a table: Snappy-compressed, deterministic (the footer holds no timestamps). */
export function toParquet(rows: readonly Record<string, unknown>[], schema: TableSchema): Uint8Array {
  // parquet-wasm only reads the IPC *stream* format.
  const table = WasmTable.fromIPCStream(tableToIPC(toArrowTable(rows, schema), 'stream'))
  // Snappy, not zstd: hyparquet (and other light JS readers) decode Snappy out of the box but need an extra package for zstd.
  // Builder and properties are consumed by the wasm calls, so they are made fresh every time.
  const properties = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).build()
  // writeParquet takes ownership of `table` and `properties` and frees them.
  return writeParquetWasm(table, properties)
}

/** Write `rows` as a Parquet file at `path`. */
export async function writeParquet(path: string, rows: readonly Record<string, unknown>[], schema: TableSchema): Promise<void> {
  await writeFile(path, toParquet(rows, schema))
}
