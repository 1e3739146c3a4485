/**
 * What each document contributes to the tables across documents
 * (`departments`, `panel`, `budget_vs_final`, `year_over_year`): its
 * department and year, and its table figures reduced to what the panel
 * keys on. A document's part crosses a worker boundary and fits a cache
 * file, like its subject names; the build gathers them in input order and
 * the tables are made once, at the end (across-tables.ts).
 */
import type { SourceDocument } from '../core/document.ts'

/**
 * A table figure as the panel keys it: fact id, table, side, subject code,
 * printed subject name, line item, measure and value (exact yuan).
 */
export type AcrossFact = [factId: string, tableId: string, side: string, subjectCode: string, subjectName: string, lineItem: string, measure: string, value: string]

/** A document's department, year and kind, and its table figures. */
export interface DocumentAcross {
  docId: string
  path: string
  departmentId: string
  /** The name as printed, and the canonical name it folds to. */
  department: string
  canonical: string
  scope: string
  region: string
  level: string
  fiscalYear: number | null
  docKind: string
  facts: AcrossFact[]
}

/**
 * A processed document's part of the tables across documents; undefined
 * when it has no department (nothing to place it under) or failed. Only
 * table figures in yuan with a measure count: prose figures restate them,
 * and the `other` tables have no key that means the same in two documents.
 */
export function acrossOf(doc: SourceDocument): DocumentAcross | undefined {
  if (doc.status !== 'ok' || !doc.metadata.departmentId) return undefined
  const facts: AcrossFact[] = []
  for (const fact of doc.facts) {
    if (fact.origin !== 'table' || fact.unit !== 'CNY' || !fact.measure || !fact.table_id || fact.table_id === 'other') continue
    facts.push([fact.fact_id, fact.table_id, fact.side, fact.subject_code, fact.subject_name, fact.line_item, fact.measure, fact.value])
  }
  return {
    docId: doc.docId,
    path: doc.path,
    departmentId: doc.metadata.departmentId,
    department: doc.metadata.department,
    canonical: doc.metadata.departmentCanonical,
    scope: doc.metadata.scope,
    region: doc.metadata.region,
    level: doc.metadata.level,
    fiscalYear: doc.metadata.fiscalYear,
    docKind: doc.metadata.docKind,
    facts,
  }
}

/** The documents' parts gathered by the build, in input order (which the outputs do not depend on: every table sorts its rows). */
export class AcrossIndex {
  readonly documents: DocumentAcross[] = []

  /** Add the parts of a segment's documents. */
  add(entries: Iterable<DocumentAcross>): void {
    for (const entry of entries) this.documents.push(entry)
  }
}
