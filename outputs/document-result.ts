import type { SourceDocument } from '../core/document.ts'
import { OUTPUT_TABLES } from './tables.ts'
import type { RowValues } from './writers/encode-rows.ts'
import { reportPart, type ReportPart } from './writers/write-report.ts'
import { fingerprintText } from '../pipeline/stages/detect-duplicates.ts'
import { subjectNamesOf, type SubjectNameSeen } from './subjects.ts'
import { acrossOf, type DocumentAcross } from './across-documents.ts'

/** What the build prints and counts of one document. */
export interface DocumentSummary {
  path: string
  docId: string
  sha256: string
  layout: string
  status: SourceDocument['status']
  tablesFound: number
  facts: number
  unplaced: number
  /** Checks evaluated (0: none ran), of which failed with severity error. */
  checks: number
  checkErrors: number
  /** Messages other than info. */
  problems: number
  /** The fatal message of a failed document. */
  failure: string
  /** Fingerprint of the decoded text (line breaks folded), to find the same document saved twice; empty if undecodable. */
  textHash: string
}

/**
 * Everything the build needs of a processed document, in a form that
 * crosses a worker boundary and fits a cache file: its summary, its rows
 * for every per-document output table (values in schema order), and the
 * subject names it prints (merged into `subjects` at the end of the build).
 */
export interface DocumentResult {
  summary: DocumentSummary
  rows: Record<string, RowValues[]>
  /** The document's part of report.html. */
  report: ReportPart
  /** Subject codes printed with a name: each variant at its first line. */
  subjectNames: SubjectNameSeen[]
  /** Its department, year and table figures for the tables across documents; undefined for a failed document or one with no department. */
  across: DocumentAcross | undefined
}

/** The summary of a processed document. */
export function summarize(doc: SourceDocument): DocumentSummary {
  return {
    path: doc.path,
    docId: doc.docId,
    sha256: doc.sha256,
    layout: doc.layout,
    status: doc.status,
    tablesFound: new Set(doc.regions.flatMap((region) => (region.tableId ? [region.tableId] : []))).size,
    facts: doc.facts.length,
    unplaced: doc.unplaced.length,
    checks: doc.checks.length,
    checkErrors: doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length,
    problems: doc.messages.filter((message) => message.severity !== 'info').length,
    failure: doc.messages.find((message) => message.severity === 'fatal')?.reason ?? '',
    // A scan has no text to compare: two scans of as many pages are not the same document.
    textHash: doc.encoding && doc.status !== 'no-text' ? fingerprintText(doc.text) : '',
  }
}

/** Reduce a processed document to its result (the document itself can then be dropped); `detail`: with its report section. */
export function toDocumentResult(doc: SourceDocument, detail = true): DocumentResult {
  const rows: Record<string, RowValues[]> = {}
  for (const table of OUTPUT_TABLES) {
    if (!table.rowsOf) continue
    const names = table.schema.fields.map((field) => field.name)
    rows[table.schema.name] = table.rowsOf(doc).map((row) => names.map((name) => row[name] ?? null))
  }
  return { summary: summarize(doc), rows, report: reportPart(doc, detail), subjectNames: subjectNamesOf(doc), across: acrossOf(doc) }
}

/** One summary line per document: layout, tables found, facts, unplaced, failed checks (or that none ran). */
export function formatSummary(summary: DocumentSummary): string {
  const status =
    summary.status !== 'ok'
      ? `${summary.status === 'failed' ? 'FAILED' : 'NO TEXT'}: ${summary.failure}`
      : `${summary.tablesFound}/9 tables, ${summary.facts} facts, ${summary.unplaced} unplaced, ${summary.checks === 0 ? 'no checks ran' : `${summary.checkErrors} checks failed`}, ${summary.problems} messages`
  return `${summary.path}  ${summary.layout || '-'}  ${status}`
}
