/**
 * Links to table facts: the table fact of this document that a prose money
 * figure restates, found through the links of its key.
 */
import type { SourceDocument, UnlinkedFigure } from '../../core/document.ts'
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

/** A link of a key that fits the figure: its table, side, row and the table measure it names. */
interface FittingLink {
  table_id: TableId
  side: string
  line_item: string | undefined
  measure: string | undefined
}

/** The links of a key that fit the section, the document kind and the figure's measure, in order. */
function fittingLinks(doc: SourceDocument, key: ProseKey, measure: ProseMeasure, section: TableId | undefined): FittingLink[] {
  const docKind = doc.metadata.docKind
  const links: FittingLink[] = []
  for (const spec of key.links) {
    if (spec.sections && (!section || !spec.sections.includes(section))) continue
    if (spec.doc_kinds && (!docKind || !spec.doc_kinds.includes(docKind))) continue
    const allowed: readonly ProseMeasure[] = spec.prose_measures ?? statedMeasures(doc)
    if (!allowed.includes(measure)) continue
    links.push({ table_id: spec.table_id, side: spec.side ?? '', line_item: spec.line_item, measure: spec.measure?.replace('{item}', key.line_item) })
  }
  return links
}

/**
 * The table fact a prose money figure restates: the first link of its key
 * (prose-labels.json) that fits the section, the document kind and the
 * figure's measure, and names a fact of this document. Values are not
 * compared here; the checks do that.
 */
export function linkTableFact(doc: SourceDocument, key: ProseKey, measure: ProseMeasure, section: TableId | undefined): string {
  for (const link of fittingLinks(doc, key, measure, section)) {
    const fact = linkedFact(doc, key, link)
    if (fact) return fact.fact_id
  }
  return ''
}

/** The table fact a link names, if the document has it. */
function linkedFact(doc: SourceDocument, key: ProseKey, link: FittingLink): Fact | undefined {
  return tableFactsOf(doc).find(
    (candidate) =>
      candidate.table_id === link.table_id &&
      (!link.side || candidate.side === link.side) &&
      (link.line_item !== undefined ? candidate.line_item === link.line_item : key.kind !== 'subject' || candidate.line_item === '') &&
      (!link.measure || candidate.measure === link.measure) &&
      (key.kind !== 'subject' || candidate.subject_code === key.subject?.code),
  )
}

/**
 * The table cell a prose money figure names but no table fact fills: the
 * first fitting link whose table the document prints, when that table has
 * no such fact (a later link may still have tied the figure to another
 * table). The `blank-cells` check judges whether the cell was left blank.
 */
export function expectedTableCell(doc: SourceDocument, key: ProseKey, measure: ProseMeasure, section: TableId | undefined): Omit<UnlinkedFigure, 'fact'> | undefined {
  const link = fittingLinks(doc, key, measure, section).find((entry) => doc.regions.some((region) => region.tableId === entry.table_id))
  if (!link || linkedFact(doc, key, link)) return undefined
  return {
    table_id: link.table_id,
    side: link.side,
    line_item: link.line_item ?? (key.kind === 'subject' ? '' : key.line_item),
    subject_code: key.kind === 'subject' ? (key.subject?.code ?? '') : '',
    measure: link.measure ?? '',
  }
}
