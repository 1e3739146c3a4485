import { createHash } from 'node:crypto'
import { cpus } from 'node:os'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { listInputs, readInput } from './inputs.ts'
import { createDuplicateDetector } from '../pipeline/stages/detect-duplicates.ts'
import type { DocumentSummary } from '../outputs/document-result.ts'
import { OUTPUT_TABLES } from '../outputs/tables.ts'
import { SubjectNameIndex } from '../outputs/subjects.ts'
import { AcrossIndex } from '../outputs/across-documents.ts'
import type { TableSchema } from '../outputs/schema.ts'
import { FACTS_SCHEMA } from '../outputs/schema.ts'
import { cachesOf, produceSegment, segmentKey, type ProducedSegment, type SegmentMember, type SegmentRequest } from './produce.ts'
import { WorkerPool } from './worker-pool.ts'
import { workerModule } from './worker-bundle.ts'
import { pipelineVersion } from './cache.ts'
import { encodeRows, type CsvStyle } from '../outputs/writers/encode-rows.ts'
import { PartitionedParquetSink, TableSink, type CsvOptions } from '../outputs/writers/table-sink.ts'
import { writeDataPackage } from '../outputs/writers/write-datapackage.ts'
import { writeReadme } from '../outputs/writers/write-readme.ts'
import { ReportSink } from '../outputs/writers/write-report.ts'
import { departmentPages } from '../outputs/writers/write-department-pages.ts'

/** A deterministic part of the inputs: documents whose content hash falls in shard `index` of `count`. */
export interface Shard {
  index: number
  count: number
}

/** Options of a build. */
export interface BuildOptions {
  /** Files or folders to read (folders: their `.txt` and `.pdf` files, sorted). */
  inputs: string[]
  /** Output folder, replaced as a whole when the build succeeds. */
  out: string
  /** Repository root that `source_file` paths are relative to. */
  root: string
  /** Called once per document, in input order. */
  onDocument?: (summary: DocumentSummary, done: number, total: number) => void
  /** Cache folder (document results and encoded segments); false to process every document again. */
  cache?: string | false
  /** Build only this shard of the inputs. */
  shard?: Shard
  /** Worker threads besides the main thread, which produces segments too (default: one less than the cores, at most 7; 0: the main thread alone). */
  workers?: number
  /** Spreadsheet options of the CSV files (`--labels zh` header hook, `--unit wan`). */
  csv?: CsvOptions & CsvStyle
}

/** What a build did, for the summary the CLI prints (each document's summary went to `onDocument`: none is kept, however many). */
export interface BuildResult {
  /** Documents written, of which failed, and the check errors found in them. */
  documents: number
  failed: number
  /** Documents without text (scans: they need OCR). */
  noText: number
  checkErrors: number
  /** Documents taken from the cache. */
  cached: number
  /** Segments written, and how many of them came whole from the segment cache (encoded bytes reused). */
  segments: number
  reusedSegments: number
}

/** Whether a document (by its content hash) belongs to a shard. */
export function inShard(sha256: string, shard: Shard | undefined): boolean {
  if (!shard) return true
  return Number.parseInt(sha256.slice(0, 8), 16) % shard.count === shard.index
}

/**
 * Segments: runs of consecutive documents whose rows are encoded together
 * (one Arrow batch, one Parquet row group) and cached together. A segment
 * ends after a document whose content hash says so (one in SEGMENT_SPREAD),
 * so its bounds depend on its own documents only: changing, adding or
 * removing a document changes its segment and leaves the others, and their
 * cached bytes, as they were.
 */
const SEGMENT_SPREAD = 16
const MAX_SEGMENT_DOCUMENTS = 48

/** Whether a segment ends after this member. */
function endsSegment(member: SegmentMember, size: number): boolean {
  if (size >= MAX_SEGMENT_DOCUMENTS) return true
  // Not the hash digits that pick the shard (the first eight), or every segment boundary would fall in one shard.
  const hash = member.sha256 ?? createHash('sha256').update(member.path).digest('hex')
  return Number.parseInt(hash.slice(8, 16), 16) % SEGMENT_SPREAD === 0
}

/**
 * Build the dataset: the inputs are read and hashed in order and grouped
 * into segments; each segment is produced on a worker thread or the main
 * thread (or taken whole from the cache) and its encoded bytes appended, in input order, to
 * the writers of a temporary folder that replaces `out` only when complete
 * — a failed or killed run never leaves a half-written dist/, and memory
 * stays flat.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const files = await listInputs(options.inputs)
  const pathOf = (file: string): string => relative(options.root, resolve(file)).split(sep).join('/')
  const out = resolve(options.out)
  const temporary = `${out}.tmp-${process.pid}`
  await rm(temporary, { recursive: true, force: true })
  await mkdir(temporary, { recursive: true })
  const part = options.shard ? `part-${options.shard.index}-of-${options.shard.count}` : 'part-0'
  // A table whose columns depend on the documents gets its sink at the end, when they are known.
  const sinks = OUTPUT_TABLES.filter((table) => !table.datasetTable).map((table) => ({ table, sink: new TableSink(temporary, table.schema, options.csv?.header) }))
  const partitioned = new PartitionedParquetSink(join(temporary, 'parquet'), FACTS_SCHEMA, 'fiscal_year', part)
  const report = new ReportSink(join(temporary, 'report.html'), relative(out, resolve(options.root)).split(sep).join('/') || '.')
  const version = pipelineVersion()
  const cacheFolder = options.cache === false ? undefined : { folder: options.cache ?? join(options.root, '.cache'), version }
  const caches = cacheFolder ? cachesOf(cacheFolder) : undefined
  await caches?.documents.prune()
  await caches?.segments.prune()
  // The main thread produces segments too (its writing is light), so one core needs no worker of its own: a V8 heap less.
  const workers = options.workers ?? Math.min(7, cpus().length - 1)
  const pool = workers > 0 && files.length > 1 ? new WorkerPool<SegmentRequest, ProducedSegment>(workers, await workerModule(), describeSegment) : undefined
  const style: CsvStyle = options.csv?.unit === 'wan' ? { unit: 'wan' } : {}
  const scheduler = new SegmentScheduler(pool)
  let documents = 0
  let failed = 0
  let noText = 0
  let checkErrors = 0
  const usedSegments = new Set<string>()
  let cached = 0
  let segments = 0
  let reusedSegments = 0

  // Decided in input order as segments are written: the first of two same texts keeps its figures, the other is reported.
  const firstWithText = createDuplicateDetector()
  // Code → name variant → first sighting, for `subjects`: small (the codes printed), whatever the number of documents.
  const subjectNames = new SubjectNameIndex()
  // Each document's department, year and table figures, for departments, panel, budget_vs_final and year_over_year.
  const across = new AcrossIndex()

  const produce = (members: SegmentMember[]): Promise<ProducedSegment> => {
    const request: SegmentRequest = { key: segmentKey(members, style, version), members, cache: cacheFolder, style }
    return scheduler.run(request)
  }

  const write = async (members: SegmentMember[], pending: Promise<ProducedSegment>): Promise<void> => {
    let produced = await pending
    // A duplicate depends on the documents before the segment: such a segment is produced again, here, with it marked.
    const duplicates = produced.summaries.map((summary) => firstWithText(summary.path, summary.textHash || undefined))
    if (duplicates.some((first) => first !== undefined)) {
      const marked = members.map((member, index) => {
        const first = duplicates[index]
        return first === undefined ? member : { ...member, duplicateOf: first }
      })
      produced = await produceSegment({ key: produced.key, members: marked, cache: cacheFolder, style })
    } else usedSegments.add(produced.key)
    cached += produced.cached
    subjectNames.add(produced.subjectNames)
    across.add(produced.across)
    segments++
    if (produced.reused) reusedSegments++
    for (const summary of produced.summaries) {
      documents++
      if (summary.status === 'failed') failed++
      if (summary.status === 'no-text') noText++
      checkErrors += summary.checkErrors
      options.onDocument?.(summary, documents, files.length)
    }
    for (const part of produced.reports) await report.add(part)
    for (const { table, sink } of sinks) {
      const segment = produced.tables[table.schema.name]
      if (segment) await sink.append(segment)
    }
    for (const [value, parquet] of produced.partitions) await partitioned.append(value, parquet)
  }

  try {
    // A bounded window of segments in flight, written strictly in input order so outputs are byte-identical.
    const window = workers + 4
    const inFlight: { members: SegmentMember[]; produced: Promise<ProducedSegment> }[] = []
    const dispatch = async (members: SegmentMember[]): Promise<void> => {
      inFlight.push({ members, produced: produce(members) })
      if (inFlight.length >= window) await writeNext()
    }
    const writeNext = async (): Promise<void> => {
      const next = inFlight.shift()
      if (next) await write(next.members, next.produced)
    }
    let members: SegmentMember[] = []
    let position = 0
    for (const file of files) {
      const member = await memberOf(file, pathOf(file), options.shard, position < ReportSink.MAX_SECTIONS)
      if (!member) continue
      position++
      members.push(member)
      if (endsSegment(member, members.length)) {
        await dispatch(members)
        members = []
      }
    }
    if (members.length > 0) await dispatch(members)
    while (inFlight.length > 0) await writeNext()
    const dataset = { subjectNames, across }
    const rowValues = (schema: TableSchema, rows: Record<string, unknown>[]): unknown[][] => {
      const names = schema.fields.map((field) => field.name)
      return rows.map((row) => names.map((name) => row[name] ?? null))
    }
    for (const { table, sink } of sinks) {
      // Tables of the whole dataset, once every document is in (each shard: the dictionary and what its own documents print).
      if (table.datasetRows) await sink.add(encodeRows(table.schema, rowValues(table.schema, table.datasetRows(dataset)), style))
      await sink.close()
    }
    const schemas = new Map<string, TableSchema>()
    for (const table of OUTPUT_TABLES) {
      if (!table.datasetTable) continue
      const { schema, rows } = table.datasetTable(dataset)
      const sink = new TableSink(temporary, schema, options.csv?.header)
      await sink.add(encodeRows(schema, rowValues(schema, rows), style))
      await sink.close()
      schemas.set(table.schema.name, schema)
    }
    const written = OUTPUT_TABLES.map((table) => schemas.get(table.schema.name) ?? table.schema)
    await partitioned.close()
    await writeDataPackage(join(temporary, 'datapackage.json'), written)
    await report.close(departmentPages(across))
    await writeReadme(join(temporary, 'README.md'), written, { labels: options.csv?.header ? 'zh' : 'en', unit: options.csv?.unit ?? 'yuan' })
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
  // Segments this build did not use can only be used by a build of other documents: a shard's build leaves them to the others.
  if (!options.shard) await caches?.segments.retainOnly(usedSegments)
  return { documents, failed, noText, checkErrors, cached, segments, reusedSegments }
}

/**
 * Runs segment jobs on whichever is free first: a worker thread, or the main
 * thread itself (one job at a time, yielding between documents so writing
 * and the workers' answers go on). Jobs start in the order they came.
 */
interface WaitingSegment {
  request: SegmentRequest
  resolve: (produced: Promise<ProducedSegment>) => void
}

class SegmentScheduler {
  readonly #pool: WorkerPool<SegmentRequest, ProducedSegment> | undefined
  readonly #waiting: WaitingSegment[] = []
  #mainBusy = false

  constructor(pool: WorkerPool<SegmentRequest, ProducedSegment> | undefined) {
    this.#pool = pool
  }

  /** Produce a segment; a worker's failure is retried on the main thread. */
  run(request: SegmentRequest): Promise<ProducedSegment> {
    return new Promise<Promise<ProducedSegment>>((resolve) => {
      this.#waiting.push({ request, resolve })
      this.#pump()
    }).then((produced) => produced)
  }

  #pump(): void {
    while (this.#waiting.length > 0) {
      if (this.#pool && this.#pool.idle > 0) {
        const { request, resolve } = this.#waiting.shift() as WaitingSegment
        // A worker that fails (out of memory on a pathological document) costs only time: the segment is produced here instead.
        const produced = this.#pool.run(request).catch(() => produceSegment(request))
        resolve(produced.finally(() => this.#pump()))
      } else if (!this.#mainBusy) {
        const { request, resolve } = this.#waiting.shift() as WaitingSegment
        this.#mainBusy = true
        resolve(
          produceSegment(request).finally(() => {
            this.#mainBusy = false
            this.#pump()
          }),
        )
      } else return
    }
  }
}

/** A segment's documents for a message: the first path and how many. */
function describeSegment(request: SegmentRequest): string {
  const first = request.members[0]?.path ?? '(empty segment)'
  return request.members.length > 1 ? `${first} and ${request.members.length - 1} more` : first
}

/**
 * One input as a segment member: its bytes and content hash, or its
 * refusal; undefined when it belongs to another shard. A refused input is a
 * failed document in the shard of its name's hash.
 */
async function memberOf(file: string, path: string, shard: Shard | undefined, detail: boolean): Promise<SegmentMember | undefined> {
  const read = await readInput(file)
  if (!read.bytes) return inShard(createHash('sha256').update(path).digest('hex'), shard) ? { path, refusal: read.refusal, detail } : undefined
  const sha256 = createHash('sha256').update(read.bytes).digest('hex')
  return inShard(sha256, shard) ? { path, bytes: read.bytes, sha256, detail } : undefined
}
