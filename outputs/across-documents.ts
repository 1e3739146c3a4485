/**
 * What each document contributes to the tables across documents
 * (`departments`, `panel`, `budget_vs_final`, `year_over_year`): its
 * department and year, and its table figures reduced to what the panel
 * keys on. A document's part crosses a worker boundary and fits a cache
 * file, like its subject names; the build gathers them in input order and
 * the tables are made once, at the end (across-tables.ts).
 */
import type { SourceDocument } from '../core/document.ts'
import type { Fact } from '../core/types.ts'

/**
 * A table figure as the panel keys it: fact id, table, side, subject code,
 * printed subject name, line item, measure and value (exact yuan).
 */
export type AcrossFact = [factId: string, tableId: string, side: string, subjectCode: string, subjectName: string, lineItem: string, measure: string, value: string]

/**
 * A budget and an actual figure a 决算's explanations print in one sentence
 * for the same subject or line item: `一般公共服务支出年初预算为684.08万元，支出决算为1345.98万元`.
 */
export type ProsePair = [subjectCode: string, lineItem: string, budgetFactId: string, budget: string, actualFactId: string, actual: string]

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
  /** Budget-against-actual pairs its prose prints (a 决算 only). */
  prosePairs: ProsePair[]
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
    prosePairs: doc.metadata.docKind === 'final_accounts' ? prosePairsOf(doc) : [],
  }
}

/**
 * The budget/actual pairs of a 决算's prose: in one sentence, exactly one
 * `budget` and one `actual` figure in yuan for the same subject code or line
 * item (a sentence naming several unlabelled pairs gives none: nothing says
 * which goes with which); the first sentence of each key, in printed order.
 */
function prosePairsOf(doc: SourceDocument): ProsePair[] {
  const bySentence = new Map<string, { budget: Fact[]; actual: Fact[] }>()
  for (const fact of doc.facts) {
    if (fact.origin !== 'prose' || fact.unit !== 'CNY' || (fact.measure !== 'budget' && fact.measure !== 'actual')) continue
    if (!fact.subject_code && !fact.line_item) continue
    const key = `${fact.section}\0${fact.sentence}\0${fact.subject_code}\0${fact.line_item}`
    const group = bySentence.get(key) ?? { budget: [], actual: [] }
    group[fact.measure].push(fact)
    bySentence.set(key, group)
  }
  const pairs: ProsePair[] = []
  const seen = new Set<string>()
  for (const { budget, actual } of bySentence.values()) {
    const [planned] = budget
    const [spent] = actual
    if (budget.length !== 1 || actual.length !== 1 || !planned || !spent) continue
    const key = `${planned.subject_code}\0${planned.line_item}`
    if (seen.has(key)) continue
    seen.add(key)
    pairs.push([planned.subject_code, planned.line_item, planned.fact_id, planned.value, spent.fact_id, spent.value])
  }
  return pairs
}

/** The documents' parts gathered by the build, in input order (which the outputs do not depend on: every table sorts its rows). */
export class AcrossIndex {
  readonly documents: DocumentAcross[] = []

  /** Add the parts of a segment's documents. */
  add(entries: Iterable<DocumentAcross>): void {
    for (const entry of entries) this.documents.push(entry)
  }
}
