import { processDocument } from './process-document.ts'
import { toDocumentResult, type DocumentResult, type DocumentSummary } from './document-result.ts'
import { OUTPUT_TABLES } from './outputs.ts'
import { ResultCache } from './cache.ts'
import { encodeRows, type CsvStyle, type EncodedChunk } from './writers/encode-rows.ts'
import { FACTS_SCHEMA } from './schema.ts'
import type { ReportPart } from './writers/write-report.ts'

/** A document to produce: where it comes from, its bytes and content hash. */
export interface ProduceRequest {
  path: string
  bytes: Uint8Array
  sha256: string
  /** Cache folder, or undefined to process without cache. */
  cache: string | undefined
  style: CsvStyle
}

/** A document ready for the writers: its summary and one encoded chunk per per-document table. */
export interface ProducedDocument {
  summary: DocumentSummary
  chunks: Record<string, EncodedChunk>
  /** Value of the document's facts partition (fiscal_year). */
  partition: string | number | null
  cached: boolean
  /** The document's part of report.html. */
  report: ReportPart
}

const caches = new Map<string, ResultCache>()

/**
 * Process a document (or take its result from the cache) and encode its rows
 * for every output table. Runs in a worker thread, or inline without workers.
 */
export async function produceDocument(request: ProduceRequest): Promise<ProducedDocument> {
  let cache: ResultCache | undefined
  if (request.cache) {
    cache = caches.get(request.cache) ?? new ResultCache(request.cache)
    caches.set(request.cache, cache)
  }
  let result = await cache?.get(request.sha256, request.path)
  const cached = result !== undefined
  if (!result) {
    result = toDocumentResult(processDocument(request.path, request.bytes))
    await cache?.put(request.sha256, request.path, result)
  }
  return encodeResult(result, request.style, cached)
}

/** Encode a document's rows for every per-document output table. */
export function encodeResult(result: DocumentResult, style: CsvStyle, cached: boolean): ProducedDocument {
  const chunks: Record<string, EncodedChunk> = {}
  for (const table of OUTPUT_TABLES) {
    const rows = result.rows[table.schema.name]
    if (rows) chunks[table.schema.name] = encodeRows(table.schema, rows, style)
  }
  const yearIndex = FACTS_SCHEMA.fields.findIndex((field) => field.name === 'fiscal_year')
  const firstFact = result.rows[FACTS_SCHEMA.name]?.[0]
  const partition = (firstFact?.[yearIndex] as string | number | null | undefined) ?? null
  return { summary: result.summary, chunks, partition, cached, report: result.report }
}
