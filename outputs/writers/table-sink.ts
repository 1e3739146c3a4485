/**
 * Writers of the tables, in two steps so that a rebuild can reuse work:
 *
 * 1. `encodeSegment` turns the encoded chunks of a run of documents (see
 *    encode-rows.ts) into the bytes of every format — CSV text, one Arrow
 *    record batch (IPC stream), one Parquet row group (a small Parquet
 *    file). It runs where the documents were processed (a worker), and its
 *    result is what the segment cache keeps.
 * 2. `TableSink` appends segments in input order to `<name>.csv`,
 *    `<name>.arrow` (IPC file, batches copied, see arrow-concat.ts) and
 *    `<name>.parquet` (row groups copied, see parquet-concat.ts): no re-encoding, so memory stays flat and an
 *    unchanged segment costs only its bytes.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import { Decimal, Field, Int32, RecordBatch, Schema, Struct, Table, Utf8, makeData, tableToIPC } from 'apache-arrow'
import type { Data } from 'apache-arrow'
import { Compression, EnabledStatistics, Table as WasmTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/node'
import { decimalTypeOf, type FieldSchema, type TableSchema } from '../schema.ts'
import type { EncodedChunk, EncodedColumn } from './encode-rows.ts'
import { ParquetConcatWriter } from './parquet-concat.ts'
import { ArrowConcatWriter } from './arrow-concat.ts'
import { FileOutput } from './file-output.ts'

/** CSV hooks of the spreadsheet options: header names (main thread); cell formats are applied where rows are encoded. */
export interface CsvOptions {
  header?: (field: FieldSchema) => string
  format?: (field: FieldSchema, value: string | number | null) => string
}

/** Rows after which a TableSink fed chunk by chunk encodes its pending chunks as one segment. */
export const BATCH_ROWS = 16_384

/** One table's rows of a segment in every output format. */
export interface EncodedSegment {
  rows: number
  /** CSV records (UTF-8, CRLF), no header. */
  csv: Uint8Array
  /** An Arrow IPC stream holding one record batch. */
  arrow: Uint8Array
  /** A Parquet file holding one row group. */
  parquet: Uint8Array
}

const arrowSchemas = new Map<string, Schema>()

/**
 * The Arrow schema of a table schema: Utf8 text, Int32 integers, and
 * Decimal128(precision, scale) decimals — exact, unlike a double (which
 * holds no yuan with two decimals exactly). parquet-wasm (arrow-rs) writes a
 * Decimal128 of precision over 18 as FIXED_LEN_BYTE_ARRAY(16) with logical
 * type DECIMAL, which DuckDB, pyarrow and pandas read as exact decimals.
 * JavaScript readers turn decimals into floats unless asked not to
 * (flechette's `useDecimalInt`; hyparquet always does).
 */
export function arrowSchemaOf(schema: TableSchema): Schema {
  const key = arrowKey(schema)
  let arrow = arrowSchemas.get(key)
  if (!arrow) {
    arrow = new Schema(schema.fields.map((field) => new Field(field.name, arrowTypeOf(field), true)))
    arrowSchemas.set(key, arrow)
  }
  return arrow
}

/** A table's key in the caches of its Arrow schema and empty files: its name and columns (the panel's depend on the documents of the build). */
function arrowKey(schema: TableSchema): string {
  return `${schema.name}\0${schema.fields.map((field) => field.name).join('\0')}`
}

/** The Arrow type of a column. */
function arrowTypeOf(field: FieldSchema): Utf8 | Int32 | Decimal {
  if (field.type === 'string') return new Utf8()
  if (field.type === 'integer') return new Int32()
  const { precision, scale } = decimalTypeOf(field)
  return new Decimal(scale, precision, 128)
}

/** One Arrow column from the same column of several chunks, concatenated. */
function columnData(field: FieldSchema, parts: EncodedColumn[], length: number): Data {
  const validity = new Uint8Array(Math.ceil(length / 8))
  let nullCount = 0
  let row = 0
  for (const part of parts) {
    const valid = part.valid
    for (let index = 0; index < valid.length; index++, row++) {
      if (valid[index]) validity[row >> 3] = (validity[row >> 3] as number) | (1 << (row & 7))
      else nullCount++
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
  // Decimals are four 32-bit words a row, integers one.
  const data = field.type === 'integer' ? new Int32Array(length) : new Uint32Array(length * 4)
  let offset = 0
  for (const part of parts) {
    data.set(part.data as Int32Array & Uint32Array, offset)
    offset += part.data.length
  }
  const type = arrowTypeOf(field)
  return type instanceof Int32
    ? makeData({ type, length, nullCount, ...nulls, data: data as Int32Array })
    : makeData({ type: type as Decimal, length, nullCount, ...nulls, data: data as Uint32Array })
}

/** An Arrow record batch of chunks. */
function recordBatchOf(schema: TableSchema, chunks: readonly EncodedChunk[]): RecordBatch {
  const arrowSchema = arrowSchemaOf(schema)
  const length = chunks.reduce((sum, chunk) => sum + chunk.rows, 0)
  const children = schema.fields.map((field, column) => columnData(field, chunks.map((chunk) => chunk.columns[column] as EncodedColumn), length))
  return new RecordBatch(arrowSchema, makeData({ type: new Struct(arrowSchema.fields), length, nullCount: 0, children }))
}

/**
 * Parquet writer settings: Snappy, the whole segment as one row group, and
 * statistics per column chunk (not per page: page indexes hold absolute
 * offsets, which copying row groups between files would break).
 */
function parquetProperties(): ReturnType<WriterPropertiesBuilder['build']> {
  return new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).setMaxRowGroupSize(1 << 30).setStatisticsEnabled(EnabledStatistics.Chunk).build()
}

/** A Parquet file of an Arrow IPC stream. */
function parquetOf(arrowIpc: Uint8Array): Uint8Array {
  // writeParquet takes the wasm table (and frees it); the result is copied out of wasm memory.
  return writeParquet(WasmTable.fromIPCStream(arrowIpc), parquetProperties())
}

const empty = new Map<string, { arrow: Uint8Array; parquet: Uint8Array }>()

/** The Arrow stream (one batch of no rows) and Parquet file of a table with no rows: they carry the schema. */
function emptyFilesOf(schema: TableSchema): { arrow: Uint8Array; parquet: Uint8Array } {
  let files = empty.get(schema.name)
  if (!files) {
    const arrow = tableToIPC(new Table(arrowSchemaOf(schema), [recordBatchOf(schema, [])]), 'stream')
    files = { arrow, parquet: parquetOf(arrow) }
    empty.set(arrowKey(schema), files)
  }
  return files
}

/** Encode the chunks of a run of documents (one table) for every format. */
export function encodeSegment(schema: TableSchema, chunks: readonly EncodedChunk[]): EncodedSegment {
  const rows = chunks.reduce((sum, chunk) => sum + chunk.rows, 0)
  // TextEncoder gives bytes of their own (a small Buffer would share Node's pool, and transferring it would detach the pool).
  const csv = new TextEncoder().encode(chunks.map((chunk) => chunk.csv).join(''))
  const arrow = tableToIPC(new Table(arrowSchemaOf(schema), [recordBatchOf(schema, chunks)]), 'stream')
  // No Parquet bytes for no rows: the sink skips empty segments (and a shared empty file must not be transferred away).
  return { rows, csv, arrow, parquet: rows > 0 ? parquetOf(arrow) : new Uint8Array(0) }
}

/** The buffers of segments, to transfer them between threads without copying. */
export function segmentBuffers(segments: readonly EncodedSegment[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>()
  for (const segment of segments) for (const bytes of [segment.csv, segment.arrow, segment.parquet]) buffers.add(bytes.buffer as ArrayBuffer)
  return [...buffers]
}

/** Streams one table to CSV, Arrow and Parquet files in a folder, segment by segment. */
export class TableSink {
  readonly schema: TableSchema
  readonly #csv: FileOutput
  readonly #header: Uint8Array
  readonly #arrow: ArrowConcatWriter
  readonly #parquet: ParquetConcatWriter
  #pending: EncodedChunk[] = []
  #pendingRows = 0
  #rows = 0

  /** `header` names the CSV columns (default: the field names). */
  constructor(dir: string, schema: TableSchema, header: (field: FieldSchema) => string = (field) => field.name) {
    this.schema = schema
    this.#csv = new FileOutput(join(dir, `${schema.name}.csv`))
    // The BOM makes Excel read UTF-8; records end in CRLF (RFC 4180).
    this.#header = new TextEncoder().encode(`\ufeff${stringify([schema.fields.map(header)], { record_delimiter: '\r\n' })}`)
    this.#arrow = new ArrowConcatWriter(join(dir, `${schema.name}.arrow`), arrowSchemaOf(schema))
    this.#parquet = new ParquetConcatWriter(join(dir, `${schema.name}.parquet`))
  }

  /** Add a chunk of encoded rows; pending chunks become a segment once they reach BATCH_ROWS. */
  async add(chunk: EncodedChunk): Promise<void> {
    if (chunk.rows === 0) return
    this.#pending.push(chunk)
    this.#pendingRows += chunk.rows
    if (this.#pendingRows >= BATCH_ROWS) await this.#flush()
  }

  /** Append an encoded segment (after any chunks added before it). */
  async append(segment: EncodedSegment): Promise<void> {
    if (segment.rows === 0) return
    if (this.#pending.length > 0) await this.#flush()
    if (this.#rows === 0) await this.#csv.write(this.#header)
    this.#rows += segment.rows
    await this.#csv.write(segment.csv)
    await this.#arrow.append(segment.arrow)
    await this.#parquet.append(segment.parquet)
  }

  /** Write what is left and close the three files; resolves with the number of rows. */
  async close(): Promise<number> {
    if (this.#pending.length > 0) await this.#flush()
    // An empty table still gets one batch (of no rows), as readers expect.
    if (this.#rows === 0) {
      await this.#csv.write(this.#header)
      await this.#arrow.append(emptyFilesOf(this.schema).arrow)
    }
    await Promise.all([this.#csv.close(), this.#arrow.close(), this.#parquet.close(emptyFilesOf(this.schema).parquet)])
    return this.#rows
  }

  async #flush(): Promise<void> {
    const segment = encodeSegment(this.schema, this.#pending)
    this.#pending = []
    this.#pendingRows = 0
    await this.append(segment)
  }
}

/**
 * The facts chunks of a segment's documents grouped by partition value, each
 * group encoded as a Parquet file. `whole` is the segment's own encoding of
 * all its chunks: when they all fall in one partition (a build of one year),
 * that partition's file is the same bytes, so it is not encoded again.
 */
export function encodePartitions(schema: TableSchema, chunks: readonly { chunk: EncodedChunk; value: string | number | null }[], whole?: EncodedSegment): [string, Uint8Array][] {
  const groups = new Map<string, EncodedChunk[]>()
  for (const { chunk, value } of chunks) {
    if (chunk.rows === 0) continue
    const key = value === null || value === '' ? '__HIVE_DEFAULT_PARTITION__' : String(value)
    const group = groups.get(key)
    if (group) group.push(chunk)
    else groups.set(key, [chunk])
  }
  const [only] = groups.keys()
  if (whole && only !== undefined && groups.size === 1) return [[only, whole.parquet]]
  // Parquet only: a partition has no CSV or Arrow file of its own.
  return [...groups.entries()].map(([key, group]) => [key, parquetOfChunks(schema, group)])
}

/** The Parquet file of chunks (one row group), through the Arrow stream parquet-wasm reads. */
function parquetOfChunks(schema: TableSchema, chunks: readonly EncodedChunk[]): Uint8Array {
  return parquetOf(tableToIPC(new Table(arrowSchemaOf(schema), [recordBatchOf(schema, chunks)]), 'stream'))
}

/**
 * Parquet only, partitioned Hive-style by a document-level value
 * (`parquet/facts/fiscal_year=2020/part-0.parquet`), so DuckDB, Spark or
 * Trino read the union of many builds (shards) as one dataset.
 */
export class PartitionedParquetSink {
  readonly #dir: string
  readonly #schema: TableSchema
  readonly #column: string
  readonly #part: string
  readonly #partitions = new Map<string, ParquetConcatWriter>()

  constructor(dir: string, schema: TableSchema, column: string, part: string) {
    if (!schema.fields.some((field) => field.name === column)) throw new Error(`Cannot partition \`${schema.name}\` by \`${column}\`: no such field`)
    this.#dir = join(dir, schema.name)
    this.#schema = schema
    this.#column = column
    this.#part = part
  }

  /** Append a segment's Parquet file to the partition of its value (see encodePartitions). */
  async append(value: string, parquet: Uint8Array): Promise<void> {
    const key = `${this.#column}=${value}`
    let writer = this.#partitions.get(key)
    if (!writer) {
      mkdirSync(join(this.#dir, key), { recursive: true })
      writer = new ParquetConcatWriter(join(this.#dir, key, `${this.#part}.parquet`))
      this.#partitions.set(key, writer)
    }
    await writer.append(parquet)
  }

  /** Close every partition file. */
  async close(): Promise<void> {
    await Promise.all([...this.#partitions.values()].map((writer) => writer.close(emptyFilesOf(this.#schema).parquet)))
  }
}
