import { createHash } from 'node:crypto'
import { basename, extname } from 'node:path'
import { SourceDocument } from '../core/document.ts'
import { decodeDocument } from './stages/decode.ts'
import { inferMetadata } from './stages/infer-metadata.ts'
import { accountNumbers } from './stages/account-numbers.ts'
import { locateBoxes } from './stages/locate-boxes.ts'
import { extractProse } from '../extractors/prose/index.ts'
import { findTableRegions } from './stages/locate-tables.ts'
import { EXTRACTORS } from '../extractors/index.ts'
import { normalizeTable } from '../normalizers/normalize-table.ts'
import { headingKey, statesTableAbsent, tableDefinition } from '../normalizers/normalize-heading.ts'
import { TABLE_IDS, type Fact } from '../core/types.ts'
import type { Stage } from '../core/document.ts'
import { runChecks } from './checks/index.ts'
import { normalizePanelTable } from '../normalizers/normalize-panel-table.ts'
import { OTHER_TABLE } from '../core/registry.ts'

/** Identity of the document: doc_id from the file name, sha256 of the bytes. */
export const identify: Stage = (doc) => {
  doc.docId = basename(doc.path, extname(doc.path))
  doc.sha256 = createHash('sha256').update(doc.bytes).digest('hex')
}

/** Find table regions by their titles. */
export const locateTables: Stage = (doc) => {
  doc.regions = findTableRegions(doc)
}

/** Ask every extractor; the best score grids the tables. A prose-only document has no layout to extract. */
export const extractTables: Stage = (doc) => {
  if (doc.regions.length === 0) {
    doc.layout = 'prose'
    return
  }
  let best: { extractor: (typeof EXTRACTORS)[number]; score: number } | undefined
  for (const extractor of EXTRACTORS) {
    const score = extractor.detect(doc)
    if (score !== undefined && (!best || score > best.score)) best = { extractor, score }
  }
  if (!best) {
    doc.message('No extractor recognises the layout of the tables', { ruleId: 'unknown-layout' })
    doc.layout = 'unknown'
    return
  }
  doc.layout = best.extractor.layout
  doc.tables = best.extractor.extract(doc)
}

/** Turn each table into facts: the nine standard ones with their table ids, any other as `other`. */
export const normalizeTables: Stage = (doc) => {
  for (const [index, block] of doc.tables.entries()) {
    const tableId = doc.regions[index]?.tableId
    // The 决算 templates are national and read by their own layouts; a 预算 (templates vary by region and year) and any other table are read from their columns.
    if (tableId && doc.metadata.docKind === 'final_accounts') normalizeTable(doc, block, tableId)
    else normalizePanelTable(doc, block, tableId ?? OTHER_TABLE)
  }
  reportMissingTables(doc)
}

/**
 * A 决算 or 预算 with tables prints the nine (the 预算 under its own titles):
 * one not found is reported, unless the document says it has none of it
 * (`本部门无政府性基金预算`, `2018 年本部门无国有资本经营预算收入`).
 */
function reportMissingTables(doc: SourceDocument): void {
  const kind = doc.metadata.docKind
  if ((kind !== 'final_accounts' && kind !== 'budget') || doc.layout === 'prose') return
  const found = new Set(doc.regions.map((region) => region.tableId))
  const missing = TABLE_IDS.filter((id) => !found.has(id))
  if (missing.length === 0) return
  const text = headingKey(doc.lines.join(''))
  for (const id of missing) {
    if (statesTableAbsent(text, id)) continue
    const definition = tableDefinition(id)
    const title = kind === 'budget' ? definition.budget_title_zh : definition.title_zh
    doc.message(`Missing table \`${title}\` (${id})`, { ruleId: 'missing-table', expected: [id] })
  }
}

/**
 * Give every fact an id that is stable across rebuilds: a hash of what the
 * figure is (document, table, side, row, measure) and its occurrence, not
 * of where it was printed.
 */
export const assignFactIds: Stage = (doc) => {
  // Runs after the tables and again after the prose; facts are only appended in between, so the second run goes on where the first stopped.
  const progress = doc.data.factIds
  if (progress.done > doc.facts.length) Object.assign(progress, { seen: new Map(), done: 0 })
  const { seen } = progress
  for (let index = progress.done; index < doc.facts.length; index++) {
    const fact = doc.facts[index] as Fact
    const key = `${fact.doc_id}|${fact.origin}|${fact.table_id}|${fact.side}|${fact.line_item}|${fact.subject_code}|${fact.measure}`
    const occurrence = seen.get(key) ?? 0
    seen.set(key, occurrence + 1)
    // Ids once given stay.
    if (!fact.fact_id) fact.fact_id = createHash('sha256').update(`${key}|${occurrence}`).digest('hex').slice(0, 16)
  }
  progress.done = doc.facts.length
}

/** Evaluate every consistency rule on the document's facts and printed text. */
export const checkFacts: Stage = (doc) => {
  doc.checks = runChecks(doc.facts, doc)
}

/** The stages in their fixed order. */
export const STAGES: readonly Stage[] = [identify, decodeDocument, inferMetadata, locateTables, extractTables, normalizeTables, assignFactIds, extractProse, assignFactIds, locateBoxes, accountNumbers, checkFacts]

/**
 * Run every stage over one document. A stage that throws is a bug, but it
 * fails only this document, never the others.
 */
export function processDocument(path: string, bytes: Uint8Array): SourceDocument {
  const doc = new SourceDocument(path, bytes)
  for (const stage of STAGES) {
    if (doc.status !== 'ok') break
    try {
      stage(doc)
    } catch (error) {
      doc.fail(`Internal error in stage \`${stage.name}\`: ${(error as Error).message}`, { ruleId: 'internal-error' })
    }
  }
  return doc
}

/** Facts sorted by a stable key, for byte-identical outputs. */
export function sortFacts(facts: Fact[]): Fact[] {
  return facts.sort((a, b) => a.doc_id.localeCompare(b.doc_id) || a.line - b.line || a.column - b.column || a.fact_id.localeCompare(b.fact_id))
}
