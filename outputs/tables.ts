import type { SourceDocument } from '../core/document.ts'
import { numberAccount } from '../pipeline/stages/account-numbers.ts'
import { sortFacts } from '../pipeline/process-document.ts'
import { CHECKS_SCHEMA, DOCUMENTS_SCHEMA, FACTS_SCHEMA, MESSAGES_SCHEMA, SUBJECTS_SCHEMA, UNPLACED_SCHEMA, type TableSchema } from './schema.ts'
import { WIDE_TABLES } from './wide-tables.ts'
import { isAmountToken, NOT_AMOUNT_REASONS } from '../core/registry.ts'
import { subjectRows, type SubjectNameIndex } from './subjects.ts'
import type { AcrossIndex } from './across-documents.ts'
import { BUDGET_VS_FINAL_SCHEMA, DEPARTMENTS_SCHEMA, PANEL_SCHEMA, YEAR_OVER_YEAR_SCHEMA, budgetVsFinalRows, departmentRows, panelOf, panelSchema, panelSchemaOfHeader, yearOverYearRows } from './across-tables.ts'

/** What the build gathers across documents for the tables made once: the subject names printed, and each document's department, year and table figures. */
export interface DatasetState {
  subjectNames: SubjectNameIndex
  across: AcrossIndex
}

/**
 * A table of dist/: its schema and its rows, made per document (so rows can
 * be streamed to the writers document by document, in input order) or once
 * for the whole dataset, after every document (reference tables).
 */
export interface OutputTable {
  schema: TableSchema
  /** Rows of one processed document, in a stable order. */
  rowsOf?: (doc: SourceDocument) => Record<string, unknown>[]
  /** Rows made once for the whole dataset (the subjects: the dictionary and the codes the documents print). */
  datasetRows?: (dataset: DatasetState) => Record<string, unknown>[]
  /**
   * Schema and rows made once for the whole dataset, for a table whose
   * columns depend on the documents (the panel: one per year and kind);
   * `schema` is then its columns before those.
   */
  datasetTable?: (dataset: DatasetState) => { schema: TableSchema; rows: Record<string, unknown>[] }
  /** For such a table: its schema back from the header of its written CSV (what a reader of dist/ has). */
  schemaOfHeader?: (header: readonly string[]) => TableSchema
}

/** The schema a table was written with, from the header of its CSV: its schema, or for the panel its columns for the years written. */
export function writtenSchemaOf(table: OutputTable, header: readonly string[]): TableSchema {
  return table.schemaOfHeader?.(header) ?? table.schema
}

const byPlace = (a: { line: number; column: number }, b: { line: number; column: number }): number => a.line - b.line || a.column - b.column

/** Every table of dist/, in datapackage order; a new output is one entry here. */
export const OUTPUT_TABLES: OutputTable[] = [
  { schema: FACTS_SCHEMA, rowsOf: (doc) => sortFacts([...doc.facts]) as unknown as Record<string, unknown>[] },
  { schema: DOCUMENTS_SCHEMA, rowsOf: (doc) => [documentRow(doc)] },
  { schema: CHECKS_SCHEMA, rowsOf: checkRows },
  { schema: SUBJECTS_SCHEMA, datasetRows: (dataset) => subjectRows(dataset.subjectNames) },
  { schema: UNPLACED_SCHEMA, rowsOf: (doc) => [...doc.unplaced].sort(byPlace) as unknown as Record<string, unknown>[] },
  { schema: MESSAGES_SCHEMA, rowsOf: messageRows },
  ...WIDE_TABLES,
  { schema: DEPARTMENTS_SCHEMA, datasetRows: (dataset) => departmentRows(dataset.across) },
  {
    schema: PANEL_SCHEMA,
    datasetTable: (dataset) => {
      const panel = panelOf(dataset.across)
      return { schema: panelSchema(panel.periods), rows: panel.rows }
    },
    schemaOfHeader: panelSchemaOfHeader,
  },
  { schema: BUDGET_VS_FINAL_SCHEMA, datasetRows: (dataset) => budgetVsFinalRows(dataset.across) },
  { schema: YEAR_OVER_YEAR_SCHEMA, datasetRows: (dataset) => yearOverYearRows(dataset.across) },
]

const STANDARD_TABLES = 9

/** The `documents` row of a processed document. */
export function documentRow(doc: SourceDocument): Record<string, unknown> {
  const found = new Set(doc.regions.flatMap((region) => (region.tableId ? [region.tableId] : [])))
  const missing = doc.messages.filter((message) => message.ruleId === 'missing-table').flatMap((message) => message.expected ?? [])
  const unrecognised = doc.regions.filter((region) => !region.tableId).map((region) => region.title)
  const fatal = doc.messages.find((message) => message.severity === 'fatal')
  return {
    doc_id: doc.docId,
    source_file: doc.path,
    sha256: doc.sha256,
    bytes: doc.bytes.length,
    status: doc.status,
    layout: doc.layout,
    encoding: doc.encoding,
    encoding_reason: doc.encodingReason,
    department: doc.metadata.department,
    department_id: doc.metadata.departmentId,
    scope: doc.metadata.scope,
    region: doc.metadata.region,
    level: doc.metadata.level,
    fiscal_year: doc.metadata.fiscalYear,
    doc_kind: doc.metadata.docKind,
    tables_found: Math.min(found.size, STANDARD_TABLES),
    tables_missing: missing.join(';'),
    tables_unrecognised: unrecognised.join(';'),
    facts: doc.facts.length,
    numeric_tokens: numberAccount(doc).tokens,
    marker_facts: numberAccount(doc).markerFacts,
    unplaced: doc.unplaced.length,
    unplaced_amounts: doc.unplaced.filter((entry) => isAmountToken(entry.raw) && !NOT_AMOUNT_REASONS.has(entry.reason)).length,
    unplaced_by_reason: countByReason(doc),
    messages: doc.messages.length,
    checks_failed: doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length,
    checks_warned: doc.checks.filter((check) => check.status === 'fail' && check.severity === 'warning').length,
    message: (fatal ?? doc.messages[0])?.reason ?? '',
  }
}

/** `reason=count` pairs of a document's unplaced numbers, sorted by reason. */
function countByReason(doc: SourceDocument): string {
  const counts = new Map<string, number>()
  for (const entry of doc.unplaced) counts.set(entry.reason, (counts.get(entry.reason) ?? 0) + 1)
  return [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([reason, count]) => `${reason}=${count}`).join(';')
}

/**
 * The `checks` rows of a processed document: each check with the file and
 * place of the printed figure it is about (`actual`, the first of its
 * `fact_ids`) or of the text it is about (a heading, a comparison word), so
 * a reader goes from a failed check to the line without joining `facts`; no
 * place for a check about neither.
 */
export function checkRows(doc: SourceDocument): Record<string, unknown>[] {
  const facts = new Map(doc.facts.map((fact) => [fact.fact_id, fact]))
  return doc.checks.map((check) => {
    // A check about printed text (a heading, a comparison word) has a place of its own; a check about no figure and no text has none.
    const { place, ...row } = check
    const printed = facts.get(check.fact_ids.split(';')[0] ?? '')
    const span = place ?? (printed ? { line: printed.line, column: printed.column, endLine: printed.end_line, endColumn: printed.end_column } : undefined)
    return { ...row, source_file: doc.path, line: span?.line ?? null, column: span?.column ?? null, end_line: span?.endLine ?? null, end_column: span?.endColumn ?? null }
  })
}

/** The `messages` rows of a processed document. */
export function messageRows(doc: SourceDocument): Record<string, unknown>[] {
  return doc.messages.map((message) => ({
    doc_id: doc.docId,
    source_file: doc.path,
    severity: message.severity,
    rule_id: message.ruleId,
    reason: message.reason,
    line: message.place?.line ?? null,
    column: message.place?.column ?? null,
    end_line: message.place?.endLine ?? null,
    end_column: message.place?.endColumn ?? null,
    actual: message.actual ?? '',
    expected: (message.expected ?? []).join(';'),
  }))
}
