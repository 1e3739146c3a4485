import { createHash } from 'node:crypto'
import { cpus } from 'node:os'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { listInputs, readInput, refusedDocument } from './inputs.ts'
import { createDuplicateDetector, duplicateDocument } from './stages/detect-duplicates.ts'
import { toDocumentResult, type DocumentSummary } from './document-result.ts'
import { OUTPUT_TABLES } from './outputs.ts'
import { FACTS_SCHEMA } from './schema.ts'
import { ResultCache } from './cache.ts'
import { encodeResult, produceDocument, type ProducedDocument } from './produce.ts'
import { WorkerPool } from './worker-pool.ts'
import { encodeRows, type CsvStyle } from './writers/encode-rows.ts'
import { PartitionedParquetSink, TableSink, type CsvOptions } from './writers/table-sink.ts'
import { writeDataPackage } from './writers/write-datapackage.ts'
import { writeReadme } from './writers/write-readme.ts'
import { ReportSink } from './writers/write-report.ts'

/** A deterministic part of the inputs: documents whose content hash falls in shard `index` of `count`. */
export interface Shard {
  index: number
  count: number
}

/** Options of a build. */
export interface BuildOptions {
  /** Files or folders to read (folders: their `.txt` files, sorted). */
  inputs: string[]
  /** Output folder, replaced as a whole when the build succeeds. */
  out: string
  /** Repository root that `source_file` paths are relative to. */
  root: string
  /** Called once per document, in input order. */
  onDocument?: (summary: DocumentSummary, done: number, total: number) => void
  /** Folder of the per-document result cache; false to process every document again. */
  cache?: string | false
  /** Build only this shard of the inputs. */
  shard?: Shard
  /** Worker threads (default: one per core, at most 8; 0 processes in the main thread). */
  workers?: number
  /** Spreadsheet options of the CSV files (`--labels zh` header hook, `--unit wan`). */
  csv?: CsvOptions & CsvStyle
}

/** What a build did, for the summary the CLI prints. */
export interface BuildResult {
  documents: DocumentSummary[]
  /** Documents taken from the cache. */
  cached: number
}

/** Whether a document (by its content hash) belongs to a shard. */
export function inShard(sha256: string, shard: Shard | undefined): boolean {
  if (!shard) return true
  return Number.parseInt(sha256.slice(0, 8), 16) % shard.count === shard.index
}

/**
 * Build the dataset: every document through the stages (in worker threads,
 * or from the cache), its rows streamed in input order to the writers of a
 * temporary folder that replaces `out` only when complete — a failed or
 * killed run never leaves a half-written dist/, and memory stays flat.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const files = await listInputs(options.inputs)
  const pathOf = (file: string): string => relative(options.root, resolve(file)).split(sep).join('/')
  const out = resolve(options.out)
  const temporary = `${out}.tmp-${process.pid}`
  await rm(temporary, { recursive: true, force: true })
  await mkdir(temporary, { recursive: true })
  const part = options.shard ? `part-${options.shard.index}-of-${options.shard.count}` : 'part-0'
  const sinks = OUTPUT_TABLES.map((table) => ({ table, sink: new TableSink(temporary, table.schema, options.csv?.header) }))
  const partitioned = new PartitionedParquetSink(join(temporary, 'parquet'), FACTS_SCHEMA, 'fiscal_year', part)
  const report = new ReportSink(join(temporary, 'report.html'))
  const cacheFolder = options.cache === false ? undefined : options.cache ?? join(options.root, '.cache', 'results')
  if (cacheFolder) await new ResultCache(cacheFolder).prune()
  const workers = options.workers ?? Math.min(8, cpus().length)
  const pool = workers > 0 && files.length > 1 ? new WorkerPool(workers) : undefined
  const style: CsvStyle = options.csv?.unit === 'wan' ? { unit: 'wan' } : {}
  const summaries: DocumentSummary[] = []
  let cached = 0

  // Decided in input order as documents are emitted: the first of two same texts keeps its figures, the other is reported.
  const firstWithText = createDuplicateDetector()

  const produce = async (file: string): Promise<ProducedDocument | undefined> => {
    const path = pathOf(file)
    const read = await readInput(file)
    if (!read.bytes) {
      // A refused input (too large, outside the inputs, unreadable) is a failed document, in every shard's view of its name.
      if (!inShard(createHash('sha256').update(path).digest('hex'), options.shard)) return undefined
      return encodeResult(toDocumentResult(refusedDocument(path, read.refusal)), style, false)
    }
    const sha256 = createHash('sha256').update(read.bytes).digest('hex')
    if (!inShard(sha256, options.shard)) return undefined
    const request = { path, bytes: read.bytes, sha256, cache: cacheFolder, style }
    return pool ? pool.produce(request) : produceDocument(request)
  }

  const emit = async (produced: ProducedDocument | undefined, file: string): Promise<void> => {
    if (!produced) return
    const first = firstWithText(produced.summary.path, produced.summary.textHash || undefined)
    if (first !== undefined) {
      const read = await readInput(file)
      produced = encodeResult(toDocumentResult(duplicateDocument(produced.summary.path, read.bytes ?? new Uint8Array(), first)), style, false)
    }
    if (produced.cached) cached++
    summaries.push(produced.summary)
    options.onDocument?.(produced.summary, summaries.length, files.length)
    for (const { table, sink } of sinks) {
      const chunk = produced.chunks[table.schema.name]
      if (chunk) await sink.add(chunk)
    }
    const facts = produced.chunks[FACTS_SCHEMA.name]
    if (facts) partitioned.add(facts, produced.partition)
    await report.add(produced.report)
  }

  try {
    // A bounded window of documents in flight, emitted strictly in input order so outputs are byte-identical.
    const window = Math.max(2, workers * 4)
    const inFlight: { file: string; produced: Promise<ProducedDocument | undefined> }[] = []
    const emitNext = async (): Promise<void> => {
      const next = inFlight.shift()
      if (next) await emit(await next.produced, next.file)
    }
    for (const file of files) {
      inFlight.push({ file, produced: produce(file) })
      if (inFlight.length >= window) await emitNext()
    }
    while (inFlight.length > 0) await emitNext()
    for (const { table, sink } of sinks) {
      // Reference tables are the same in every shard: written once, by shard 0.
      if (table.fixedRows && (!options.shard || options.shard.index === 0)) {
        const names = table.schema.fields.map((field) => field.name)
        await sink.add(encodeRows(table.schema, table.fixedRows().map((row) => names.map((name) => row[name] ?? null)), style))
      }
      await sink.close()
    }
    await partitioned.close()
    await writeDataPackage(join(temporary, 'datapackage.json'), OUTPUT_TABLES.map((table) => table.schema))
    await report.close()
    await writeReadme(join(temporary, 'README.md'), OUTPUT_TABLES.map((table) => table.schema), { labels: options.csv?.header ? 'zh' : 'en', unit: options.csv?.unit ?? 'yuan' })
  } catch (error) {
    await rm(temporary, { recursive: true, force: true })
    throw error
  } finally {
    await pool?.close()
  }
  const previous = `${out}.old-${process.pid}`
  await rm(previous, { recursive: true, force: true })
  await rename(out, previous).catch(() => undefined)
  await rename(temporary, out)
  await rm(previous, { recursive: true, force: true })
  return { documents: summaries, cached }
}
