/**
 * Links to table facts: the table fact of this document that a prose money
 * figure restates, found through the links of its key.
 */
import type { SourceDocument } from '../../core/document.ts'
import type { Fact, TableId } from '../../core/types.ts'
import type { ProseKey, ProseMeasure } from '../../normalizers/normalize-prose-label.ts'

/** The measures that state an item's value for the document's own period: the figures the tables print. */
export function statedMeasures(doc: SourceDocument): readonly ProseMeasure[] {
  return doc.metadata.docKind === 'budget' ? ['amount', 'budget'] : ['amount', 'actual']
}

/** The document's table facts (all made before the prose stage): prose figures are only ever linked to these. */
function tableFactsOf(doc: SourceDocument): Fact[] {
  doc.data.tableFacts ??= doc.facts.filter((fact) => fact.origin === 'table' && fact.fact_id)
  return doc.data.tableFacts
}

/**
 * The table fact a prose money figure restates: the first link of its key
 * (prose-labels.json) that fits the section, the document kind and the
 * figure's measure, and names a fact of this document. Values are not
 * compared here; the checks do that.
 */
export function linkTableFact(doc: SourceDocument, key: ProseKey, measure: ProseMeasure, section: TableId | undefined): string {
  const docKind = doc.metadata.docKind
  for (const spec of key.links) {
    if (spec.sections && (!section || !spec.sections.includes(section))) continue
    if (spec.doc_kinds && (!docKind || !spec.doc_kinds.includes(docKind))) continue
    const allowed: readonly ProseMeasure[] = spec.prose_measures ?? statedMeasures(doc)
    if (!allowed.includes(measure)) continue
    const tableMeasure = spec.measure?.replace('{item}', key.line_item)
    const fact = tableFactsOf(doc).find(
      (candidate) =>
        candidate.table_id === spec.table_id &&
        (!spec.side || candidate.side === spec.side) &&
        (spec.line_item !== undefined ? candidate.line_item === spec.line_item : key.kind !== 'subject' || candidate.line_item === '') &&
        (!tableMeasure || candidate.measure === tableMeasure) &&
        (key.kind !== 'subject' || candidate.subject_code === key.subject?.code),
    )
    if (fact) return fact.fact_id
  }
  return ''
}
