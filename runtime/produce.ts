/**
 * Producing the outputs of documents, a segment at a time (in a worker
 * thread, or inline): each document is processed (or its result taken from
 * the document cache) and encoded, then the segment's rows are encoded once
 * for every format (see table-sink.ts). A whole segment taken from the
 * segment cache costs only reading its bytes.
 */
import { createHash } from 'node:crypto'
import { processDocument } from '../pipeline/process-document.ts'
import { toDocumentResult, type DocumentResult, type DocumentSummary } from '../outputs/document-result.ts'
import { OUTPUT_TABLES } from '../outputs/tables.ts'
import { join } from 'node:path'
import { DiskCache, documentKey } from './cache.ts'
import { encodeRows, type CsvStyle, type EncodedChunk } from '../outputs/writers/encode-rows.ts'
import { encodePartitions, encodeSegment, segmentBuffers, type EncodedSegment } from '../outputs/writers/table-sink.ts'
import { FACTS_SCHEMA } from '../outputs/schema.ts'
import { refusedDocument, type InputRefusal } from './inputs.ts'
import { duplicateDocument } from '../pipeline/stages/detect-duplicates.ts'
import type { ReportPart } from '../outputs/writers/write-report.ts'
import { SubjectNameIndex, type SubjectNameSeen } from '../outputs/subjects.ts'
import type { DocumentAcross } from '../outputs/across-documents.ts'

/** A document of a segment: where it comes from and its bytes, or why it was not read. */
export interface SegmentMember {
  path: string
  /** Its bytes (with `sha256`), or undefined for a refused input. */
  bytes?: Uint8Array
  sha256?: string
  refusal?: InputRefusal
  /** Whether its report part carries its section (the first documents of a build). */
  detail: boolean
  /** Set when its text repeats an earlier document's: the path of that first document. */
  duplicateOf?: string
}

/** Documents to produce as one segment. */
export interface SegmentRequest {
  /** Cache key of the segment (see segmentKey). */
  key: string
  members: SegmentMember[]
  /** Cache folder and pipeline version, or undefined to process without cache. */
  cache: CacheLocation | undefined
  style: CsvStyle
}

/** Where the caches are: a folder and the pipeline version that keys them. */
export interface CacheLocation {
  folder: string
  version: string
}

/** A segment ready for the writers: per document its summary and report part, per table its encoded bytes, and the subject names its documents print. */
export interface ProducedSegment {
  key: string
  summaries: DocumentSummary[]
  reports: ReportPart[]
  /** Subject names its documents print, each code and variant once at its first sighting in the segment (cached with it, so a reused segment still contributes). */
  subjectNames: SubjectNameSeen[]
  /** Each document's part of the tables across documents, in input order (cached with the segment). */
  across: DocumentAcross[]
  /** Encoded rows per per-document output table. */
  tables: Record<string, EncodedSegment>
  /** Facts per partition value (fiscal_year), each a Parquet file. */
  partitions: [string, Uint8Array][]
  /** Documents whose results came from a cache. */
  cached: number
  /** Whether the whole segment came from the segment cache. */
  reused: boolean
}

/** The cache key of a segment: pipeline version, CSV style, and per member its content, path and detail. */
export function segmentKey(members: readonly SegmentMember[], style: CsvStyle, version: string): string {
  const hash = createHash('sha256').update(version).update(JSON.stringify(style))
  for (const member of members) {
    hash.update('\0').update(member.sha256 ?? `refused:${member.refusal?.ruleId ?? ''}`).update('\0').update(member.path).update(member.detail ? '\0d' : '\0-')
  }
  return hash.digest('hex')
}

const caches = new Map<string, { documents: DiskCache<DocumentResult>; segments: DiskCache<ProducedSegment> }>()

/** The document and segment caches of a location. */
export function cachesOf(location: CacheLocation): { documents: DiskCache<DocumentResult>; segments: DiskCache<ProducedSegment> } {
  const id = `${location.folder}\0${location.version}`
  let found = caches.get(id)
  if (!found) {
    found = { documents: new DiskCache(join(location.folder, 'documents'), location.version), segments: new DiskCache(join(location.folder, 'segments'), location.version) }
    caches.set(id, found)
  }
  return found
}

/**
 * Produce a segment: from the segment cache when every member is as it was
 * (and none is a duplicate, which depends on documents before the segment),
 * else document by document, then encoded and stored.
 */
export async function produceSegment(request: SegmentRequest): Promise<ProducedSegment> {
  const cache = request.cache ? cachesOf(request.cache) : undefined
  const reusable = request.members.every((member) => member.duplicateOf === undefined)
  if (cache && reusable) {
    const hit = await cache.segments.get(request.key)
    if (hit) return { ...hit, cached: request.members.length, reused: true }
  }
  // Each result is encoded as soon as it is made and its rows dropped: a segment holds encoded bytes, not row objects.
  const summaries: DocumentSummary[] = []
  const reports: ReportPart[] = []
  const chunks: Record<string, EncodedChunk>[] = []
  const years: (string | number | null)[] = []
  const subjectNames = new SubjectNameIndex()
  const across: DocumentAcross[] = []
  let cached = 0
  for (const member of request.members) {
    const { result, fromCache } = await resultOf(member, cache?.documents)
    summaries.push(result.summary)
    reports.push(result.report)
    subjectNames.add(result.subjectNames)
    if (result.across) across.push(result.across)
    chunks.push(encodeResult(result, request.style))
    years.push(partitionOf(result))
    if (fromCache) cached++
    // On the main thread, let writing and the workers' answers go on between documents.
    await new Promise((resolve) => setImmediate(resolve))
  }
  const tables: Record<string, EncodedSegment> = {}
  for (const table of OUTPUT_TABLES) {
    if (table.rowsOf) tables[table.schema.name] = encodeSegment(table.schema, chunks.map((chunk) => chunk[table.schema.name] as EncodedChunk))
  }
  const partitions = encodePartitions(
    FACTS_SCHEMA,
    chunks.map((chunk, index) => ({ chunk: chunk[FACTS_SCHEMA.name] as EncodedChunk, value: years[index] ?? null })),
    tables[FACTS_SCHEMA.name],
  )
  const produced: ProducedSegment = { key: request.key, summaries, reports, subjectNames: subjectNames.entries(), across, tables, partitions, cached: 0, reused: false }
  if (cache && reusable) await cache.segments.put(request.key, produced)
  return { ...produced, cached }
}

/** The result of one member: refused, duplicate, from the document cache, or processed now. */
async function resultOf(member: SegmentMember, cache: DiskCache<DocumentResult> | undefined): Promise<{ result: DocumentResult; fromCache: boolean }> {
  if (!member.bytes || !member.sha256) return { result: toDocumentResult(refusedDocument(member.path, member.refusal ?? { ruleId: 'unreadable-file', reason: 'Not read' }), member.detail), fromCache: false }
  if (member.duplicateOf !== undefined) return { result: toDocumentResult(duplicateDocument(member.path, member.bytes, member.duplicateOf), member.detail), fromCache: false }
  const key = documentKey(member.sha256, member.path)
  const hit = await cache?.get(key)
  // A result made without its report section serves a document that needs one only by being made again.
  if (hit && (!member.detail || hit.report.section !== '')) return { result: hit, fromCache: true }
  const result = toDocumentResult(processDocument(member.path, member.bytes), member.detail)
  await cache?.put(key, result)
  return { result, fromCache: false }
}

/** A document's rows encoded for every per-document output table. */
function encodeResult(result: DocumentResult, style: CsvStyle): Record<string, EncodedChunk> {
  const chunks: Record<string, EncodedChunk> = {}
  for (const table of OUTPUT_TABLES) {
    const rows = result.rows[table.schema.name]
    if (rows) chunks[table.schema.name] = encodeRows(table.schema, rows, style)
  }
  return chunks
}

const YEAR_INDEX = FACTS_SCHEMA.fields.findIndex((field) => field.name === 'fiscal_year')

/** The partition value of a document's facts: its fiscal year. */
function partitionOf(result: DocumentResult): string | number | null {
  return (result.rows[FACTS_SCHEMA.name]?.[0]?.[YEAR_INDEX] as string | number | null | undefined) ?? null
}

/** The buffers of a produced segment, to transfer it between threads without copying. */
export function producedBuffers(produced: ProducedSegment): ArrayBuffer[] {
  return [...new Set([...segmentBuffers(Object.values(produced.tables)), ...produced.partitions.map(([, bytes]) => bytes.buffer as ArrayBuffer)])]
}
