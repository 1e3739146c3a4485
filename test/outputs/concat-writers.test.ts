import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from 'hyparquet'
import { readParquet } from 'parquet-wasm/node'
import { tableFromIPC as flechetteFromIPC } from '@uwdata/flechette'
import { RecordBatchFileWriter, tableFromIPC } from 'apache-arrow'
import { FACTS_SCHEMA } from '../../outputs/schema.ts'
import { runSeed } from '../helpers/documents.ts'
import { toDocumentResult } from '../../outputs/document-result.ts'
import { encodeRows } from '../../outputs/writers/encode-rows.ts'
import { TableSink, arrowSchemaOf, encodeSegment } from '../../outputs/writers/table-sink.ts'
import { ArrowConcatWriter } from '../../outputs/writers/arrow-concat.ts'
import { ParquetConcatWriter, readParquetFooter } from '../../outputs/writers/parquet-concat.ts'
import { readStruct, writeStruct } from '../../outputs/writers/thrift-compact.ts'
import { parseCsv } from '../helpers/csv.ts'
import { canonicalText, sumDecimals } from '../helpers/decimals.ts'
import { duckdbRows } from '../helpers/duckdb.ts'

const work = mkdtempSync(join(tmpdir(), 'cn-budget-concat-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The facts of two seeds, encoded as two segments. */
const segments = ['000', '001'].map((prefix) => encodeSegment(FACTS_SCHEMA, [encodeRows(FACTS_SCHEMA, toDocumentResult(runSeed(prefix), false).rows.facts ?? [])]))

const plain = (rows: unknown[]): string => JSON.stringify(rows, (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value))

describe('the Thrift compact codec', () => {
  it('reads a Parquet footer and writes it back to the same bytes', () => {
    const file = segments[0]?.parquet as Uint8Array
    const length = new DataView(file.buffer, file.byteOffset).getUint32(file.length - 8, true)
    const footer = file.subarray(file.length - 8 - length, file.length - 8)
    expect(Buffer.from(writeStruct(readStruct(footer).struct)).equals(Buffer.from(footer))).toBe(true)
  })
})

describe('ParquetConcatWriter', () => {
  it('joins the row groups of segment files into one file that hyparquet and arrow-rs read as the rows of both', async () => {
    const path = join(work, 'joined.parquet')
    const writer = new ParquetConcatWriter(path)
    for (const segment of segments) await writer.append(segment.parquet)
    await writer.close(new Uint8Array())
    const joined = readFileSync(path)
    const metadata = parquetMetadata(joined.buffer.slice(joined.byteOffset, joined.byteOffset + joined.byteLength))
    expect(metadata.row_groups.length).toBe(2)
    expect(Number(metadata.num_rows)).toBe((segments[0]?.rows ?? 0) + (segments[1]?.rows ?? 0))

    const rows = await parquetReadObjects({ file: await asyncBufferFromFile(path) })
    const parts: unknown[] = []
    for (const [index, segment] of segments.entries()) {
      const partPath = join(work, `part-${index}.parquet`)
      const part = new ParquetConcatWriter(partPath)
      await part.append(segment.parquet)
      await part.close(new Uint8Array())
      parts.push(...(await parquetReadObjects({ file: await asyncBufferFromFile(partPath) })))
    }
    expect(plain(rows)).toBe(plain(parts))
    // A figure of 001 (second segment) read from its moved row group: 20103 of 收入决算表, 951.38 万元 (hyparquet reads DECIMAL as a float).
    expect(rows).toContainEqual(expect.objectContaining({ doc_id: '001_fcedaedd7c0e673c', table_id: 'income_by_function', subject_code: '20103', measure: 'total', value_raw: '951.38' }))

    // DuckDB reads the decimal column of the joined row groups exactly: the figure, and the sum of every value of both segments' CSV.
    const [figure] = await duckdbRows(`select value, typeof(value) as type from '${path}' where doc_id = '001_fcedaedd7c0e673c' and table_id = 'income_by_function' and subject_code = '20103' and measure = 'total'`)
    expect(figure).toEqual({ value: '9513800.000000', type: 'DECIMAL(38,6)' })
    const csvValues = segments.flatMap((segment) => parseCsv(new TextDecoder().decode(segment.csv)).map((row) => row[FACTS_SCHEMA.fields.findIndex((field) => field.name === 'value')] ?? ''))
    expect(csvValues).toHaveLength(rows.length)
    const [sum] = await duckdbRows(`select sum(value) as total, count(*) filter (where table_id is null) as prose from '${path}'`)
    expect(canonicalText(sum?.total as string)).toBe(sumDecimals(csvValues))
    expect(sum?.prose).toBe(String(rows.filter((row) => (row as { origin: string }).origin === 'prose').length))

    // The Rust reader (arrow-rs, strict about offsets) reads the same row count.
    const table = tableFromIPC(readParquet(new Uint8Array(joined)).intoIPCStream())
    expect(table.numRows).toBe(rows.length)
    expect(table.getChild('value_raw')?.get(rows.length - 1)).toBe((rows.at(-1) as { value_raw: string }).value_raw)
  })

  it('copies only row-group bytes: the joined file is the parts minus their footers plus one footer', async () => {
    const path = join(work, 'sizes.parquet')
    const writer = new ParquetConcatWriter(path)
    for (const segment of segments) await writer.append(segment.parquet)
    await writer.close(new Uint8Array())
    const dataBytes = segments.reduce((sum, segment) => sum + readParquetFooter(segment.parquet).dataEnd - 4, 0)
    const joined = readFileSync(path)
    const { dataEnd } = readParquetFooter(joined)
    expect(dataEnd - 4).toBe(dataBytes)
  })

  it('writes the given empty file when no part has a row', async () => {
    const path = join(work, 'empty.parquet')
    const sink = new TableSink(work, { ...FACTS_SCHEMA, name: 'empty-facts' })
    await sink.close()
    const empty = readFileSync(join(work, 'empty-facts.parquet'))
    const writer = new ParquetConcatWriter(path)
    await writer.close(empty)
    expect(readFileSync(path).equals(empty)).toBe(true)
    expect(await parquetReadObjects({ file: await asyncBufferFromFile(path) })).toEqual([])
  })

  it('refuses bytes that are not Parquet, saying what it expected', async () => {
    const writer = new ParquetConcatWriter(join(work, 'bad.parquet'))
    await expect(writer.append(new TextEncoder().encode('PAR1 not really'))).rejects.toThrow(/Not a Parquet file/)
    await writer.close(new Uint8Array())
  })
})

describe('ArrowConcatWriter', () => {
  it('writes the bytes apache-arrow\'s RecordBatchFileWriter writes for the same batches, which flechette reads back', async () => {
    const path = join(work, 'joined.arrow')
    const writer = new ArrowConcatWriter(path, arrowSchemaOf(FACTS_SCHEMA))
    for (const segment of segments) await writer.append(segment.arrow)
    await writer.close()
    const reference = RecordBatchFileWriter.writeAll(segments.flatMap((segment) => tableFromIPC(segment.arrow).batches)).toUint8Array(true)
    const joined = readFileSync(path)
    expect(joined.equals(Buffer.from(reference))).toBe(true)
    const table = flechetteFromIPC(joined, { useDecimalInt: true })
    expect(table.numRows).toBe((segments[0]?.rows ?? 0) + (segments[1]?.rows ?? 0))
    const rows = table.toArray() as unknown as Record<string, unknown>[]
    // 951.38 万元 as the Decimal128 it is stored as: 9513800 yuan in units of 10^-6.
    expect(rows).toContainEqual(expect.objectContaining({ doc_id: '001_fcedaedd7c0e673c', table_id: 'income_by_function', subject_code: '20103', measure: 'total', value: 9513800_000000n }))
  })

  it('refuses bytes that are not a one-batch IPC stream', async () => {
    const writer = new ArrowConcatWriter(join(work, 'bad.arrow'), arrowSchemaOf(FACTS_SCHEMA))
    await expect(writer.append(new Uint8Array(16))).rejects.toThrow(/Not an Arrow IPC stream/)
    await writer.close()
  })
})
