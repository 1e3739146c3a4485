/**
 * Streaming writers of the tables: encoded chunks (one per document, see
 * encode-rows.ts) arrive in input order and go out in batches to
 * `<name>.csv`, `<name>.arrow` (IPC file) and `<name>.parquet`, so memory
 * stays flat however many documents there are.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { stringify } from 'csv-stringify/sync'
import { Field, Float64, Int32, RecordBatch, RecordBatchFileWriter, Schema, Struct, Table, Utf8, makeData, tableToIPC } from 'apache-arrow'
import type { Data } from 'apache-arrow'
import { Compression, Table as WasmTable, WriterPropertiesBuilder, transformParquetStream } from 'parquet-wasm/node'
import type { RecordBatch as WasmRecordBatch } from 'parquet-wasm/node'
import type { FieldSchema, TableSchema } from '../schema.ts'
import type { EncodedChunk, EncodedColumn } from './encode-rows.ts'

/** CSV hooks of the spreadsheet options: header names (main thread); cell formats are applied where rows are encoded. */
export interface CsvOptions {
  header?: (field: FieldSchema) => string
  format?: (field: FieldSchema, value: string | number | null) => string
}

/** Rows after which pending chunks become one Arrow record batch and one Parquet row group. */
export const BATCH_ROWS = 16_384

/**
 * The Arrow schema of a table schema: Utf8 text, Int32 integers, Float64
 * decimals. Not Decimal128: the JavaScript readers turn decimals into floats by
 * multiplying by 10^-scale (hyparquet reads 11187700 at scale 4 as
 * 11187699.999999998). Float64 is exact for what we carry — integer yuan far
 * below 2^53 and short decimals — and `typedCell` refuses any value whose
 * shortest round-trip printing is not the printed figure.
 */
export function arrowSchemaOf(schema: TableSchema): Schema {
  return new Schema(schema.fields.map((field) => new Field(field.name, field.type === 'string' ? new Utf8() : field.type === 'integer' ? new Int32() : new Float64(), true)))
}

/** One Arrow column from the same column of several chunks, concatenated. */
function columnData(field: FieldSchema, parts: EncodedColumn[], length: number): Data {
  const validity = new Uint8Array(Math.ceil(length / 8))
  let nullCount = 0
  let row = 0
  for (const part of parts) {
    for (const flag of part.valid) {
      if (flag) validity[row >> 3] = (validity[row >> 3] ?? 0) | (1 << (row & 7))
      else nullCount++
      row++
    }
  }
  const nulls = nullCount > 0 ? { nullBitmap: validity } : {}
  if (field.type === 'string') {
    const bytes = parts.reduce((sum, part) => sum + part.data.byteLength, 0)
    const data = new Uint8Array(bytes)
    const offsets = new Int32Array(length + 1)
    let base = 0
    let index = 0
    for (const part of parts) {
      data.set(part.data as Uint8Array, base)
      for (const end of part.ends ?? []) offsets[++index] = base + end
      base += part.data.byteLength
    }
    return makeData({ type: new Utf8(), length, nullCount, ...nulls, valueOffsets: offsets, data })
  }
  const data = field.type === 'integer' ? new Int32Array(length) : new Float64Array(length)
  let offset = 0
  for (const part of parts) {
    data.set(part.data as Int32Array & Float64Array, offset)
    offset += part.data.length
  }
  return field.type === 'integer'
    ? makeData({ type: new Int32(), length, nullCount, ...nulls, data: data as Int32Array })
    : makeData({ type: new Float64(), length, nullCount, ...nulls, data: data as Float64Array })
}

/** An Arrow record batch of chunks. */
function recordBatchOf(schema: TableSchema, arrowSchema: Schema, chunks: readonly EncodedChunk[]): RecordBatch {
  const length = chunks.reduce((sum, chunk) => sum + chunk.rows, 0)
  const children = schema.fields.map((field, column) => columnData(field, chunks.map((chunk) => chunk.columns[column] as EncodedColumn), length))
  return new RecordBatch(arrowSchema, makeData({ type: new Struct(arrowSchema.fields), length, nullCount: 0, children }))
}

/** A Parquet file written batch by batch (a row group per batch) through parquet-wasm's stream writer. */
export class ParquetStreamWriter {
  readonly #done: Promise<void>
  #controller: ReadableStreamDefaultController<WasmRecordBatch> | undefined

  constructor(path: string) {
    const batches = new ReadableStream<WasmRecordBatch>({
      start: (controller) => {
        this.#controller = controller
      },
    })
    // A row group per batch: arrow-rs would otherwise hold up to a million rows in memory before writing one.
    const properties = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).setMaxRowGroupSize(BATCH_ROWS * 2).build()
    this.#done = transformParquetStream(batches, properties).then((bytes) =>
      bytes.pipeTo(Writable.toWeb(createWriteStream(path)) as WritableStream<Uint8Array>),
    )
  }

  /** Append an Arrow record batch. */
  write(schema: Schema, batch: RecordBatch): void {
    const wasm = WasmTable.fromIPCStream(tableToIPC(new Table(schema, [batch]), 'stream'))
    for (const wasmBatch of wasm.recordBatches()) this.#controller?.enqueue(wasmBatch)
    // The batches share their buffers; the table wrapper itself lives in wasm memory until freed.
    wasm.free()
  }

  /** Finish the file. */
  async close(): Promise<void> {
    this.#controller?.close()
    await this.#done
  }
}

/** Streams one table to CSV, Arrow and Parquet files in a folder. */
export class TableSink {
  readonly schema: TableSchema
  readonly #arrowSchema: Schema
  readonly #csv: WriteStream
  readonly #arrow: RecordBatchFileWriter
  readonly #arrowDone: Promise<unknown>
  readonly #parquet: ParquetStreamWriter
  #pending: EncodedChunk[] = []
  #pendingRows = 0
  #rows = 0

  /** `header` names the CSV columns (default: the field names). */
  constructor(dir: string, schema: TableSchema, header: (field: FieldSchema) => string = (field) => field.name) {
    this.schema = schema
    this.#arrowSchema = arrowSchemaOf(schema)
    this.#csv = createWriteStream(join(dir, `${schema.name}.csv`))
    // The BOM makes Excel read UTF-8; records end in CRLF (RFC 4180).
    this.#csv.write(`\ufeff${stringify([schema.fields.map(header)], { record_delimiter: '\r\n' })}`)
    this.#arrow = new RecordBatchFileWriter()
    const arrowFile = createWriteStream(join(dir, `${schema.name}.arrow`))
    this.#arrow.toNodeStream().pipe(arrowFile)
    this.#arrowDone = once(arrowFile, 'close')
    this.#parquet = new ParquetStreamWriter(join(dir, `${schema.name}.parquet`))
  }

  /** Add a chunk of encoded rows; pending chunks become a batch once they reach BATCH_ROWS. */
  async add(chunk: EncodedChunk): Promise<void> {
    if (chunk.rows === 0) return
    if (!this.#csv.write(chunk.csv)) await once(this.#csv, 'drain')
    this.#pending.push(chunk)
    this.#pendingRows += chunk.rows
    this.#rows += chunk.rows
    if (this.#pendingRows >= BATCH_ROWS) this.#flush()
  }

  /** Write what is left and close the three files; resolves with the number of rows. */
  async close(): Promise<number> {
    // Arrow and Parquet need at least one batch to carry the schema, even for an empty table.
    if (this.#pending.length > 0 || this.#rows === 0) this.#flush()
    this.#arrow.finish()
    this.#csv.end()
    await Promise.all([once(this.#csv, 'close'), this.#arrowDone, this.#parquet.close()])
    return this.#rows
  }

  #flush(): void {
    const batch = recordBatchOf(this.schema, this.#arrowSchema, this.#pending)
    this.#pending = []
    this.#pendingRows = 0
    this.#arrow.write(batch)
    this.#parquet.write(this.#arrowSchema, batch)
  }
}

/**
 * Parquet only, partitioned Hive-style by a document-level value
 * (`parquet/facts/fiscal_year=2020/part-0.parquet`), so DuckDB, Spark or
 * Trino read the union of many builds (shards) as one dataset.
 */
export class PartitionedParquetSink {
  readonly #dir: string
  readonly #schema: TableSchema
  readonly #arrowSchema: Schema
  readonly #column: string
  readonly #part: string
  readonly #partitions = new Map<string, { writer: ParquetStreamWriter; pending: EncodedChunk[]; rows: number }>()

  constructor(dir: string, schema: TableSchema, column: string, part: string) {
    if (!schema.fields.some((field) => field.name === column)) throw new Error(`Cannot partition \`${schema.name}\` by \`${column}\`: no such field`)
    this.#dir = join(dir, schema.name)
    this.#schema = schema
    this.#arrowSchema = arrowSchemaOf(schema)
    this.#column = column
    this.#part = part
  }

  /** Add a document's chunk to the partition of its value (`__HIVE_DEFAULT_PARTITION__` when unknown). */
  add(chunk: EncodedChunk, value: string | number | null): void {
    if (chunk.rows === 0) return
    const key = `${this.#column}=${value === null || value === '' ? '__HIVE_DEFAULT_PARTITION__' : String(value)}`
    let partition = this.#partitions.get(key)
    if (!partition) {
      mkdirSync(join(this.#dir, key), { recursive: true })
      partition = { writer: new ParquetStreamWriter(join(this.#dir, key, `${this.#part}.parquet`)), pending: [], rows: 0 }
      this.#partitions.set(key, partition)
    }
    partition.pending.push(chunk)
    partition.rows += chunk.rows
    if (partition.rows >= BATCH_ROWS) this.#flush(partition)
  }

  /** Write what is left and close every partition file. */
  async close(): Promise<void> {
    for (const partition of this.#partitions.values()) if (partition.pending.length > 0) this.#flush(partition)
    await Promise.all([...this.#partitions.values()].map((partition) => partition.writer.close()))
  }

  #flush(partition: { writer: ParquetStreamWriter; pending: EncodedChunk[]; rows: number }): void {
    partition.writer.write(this.#arrowSchema, recordBatchOf(this.#schema, this.#arrowSchema, partition.pending))
    partition.pending = []
    partition.rows = 0
  }
}
