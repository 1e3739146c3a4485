import { createHash } from 'node:crypto'
import { basename, extname } from 'node:path'
import { SourceDocument } from '../core/document.ts'
import { decodeDocument } from './stages/decode.ts'
import { inferMetadata } from './stages/infer-metadata.ts'
import { accountNumbers } from './stages/account-numbers.ts'
import { locateBoxes } from './stages/locate-boxes.ts'
import { chooseColumns } from './stages/choose-columns.ts'
import { extractProse } from '../extractors/prose/index.ts'
import { findTableRegions } from './stages/locate-tables.ts'
import { EXTRACTORS } from '../extractors/index.ts'
import { normalizeTable } from '../normalizers/normalize-table.ts'
import { headingKey, tableDefinition } from '../normalizers/normalize-heading.ts'
import type { Fact } from '../core/types.ts'
import { assessTablePresence, findListedTables } from './checks/table-presence.ts'
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
 * (`本部门无政府性基金预算`, `2018 年本部门无国有资本经营预算收入`) or its
 * 目录 lists tables but not this one (its template has none). The
 * `table-presence` check judges the same presence (`assessTablePresence`)
 * and lists every table. A document whose tables are all elsewhere (an
 * attachment, images) is said so once: `tables-not-printed`.
 */
function reportMissingTables(doc: SourceDocument): void {
  const kind = doc.metadata.docKind
  if (kind !== 'final_accounts' && kind !== 'budget') return
  const presence = assessTablePresence(doc, doc.facts)
  if (!presence) {
    reportTablesNotPrinted(doc)
    return
  }
  for (const entry of presence) {
    if (entry.status !== 'missing' || entry.stated || (entry.contents && !entry.listed)) continue
    const definition = tableDefinition(entry.id)
    const title = kind === 'budget' ? definition.budget_title_zh : definition.title_zh
    doc.message(`Missing table \`${title}\` (${entry.id})${entry.listed ? ': the table of contents lists it' : ''}`, { ruleId: 'missing-table', expected: [entry.id] })
  }
}

/** `附件：北京市信访办公室部门 2026 年度部门预算报表`: the tables are printed in an attachment. */
const ATTACHMENT = /^附件\d*[:：].*(?:表|报表)/

/**
 * A 决算 or 预算 that prints none of its tables: the 目录 lists them, an
 * `附件：…预算报表` line says where they are (an attachment, often images),
 * or nothing does (a text-only 情况说明). One warning that names what is
 * listed, so a reader sees at once why no table figures came out.
 */
function reportTablesNotPrinted(doc: SourceDocument): void {
  const listed = findListedTables(doc.lines)
  const standard = (listed?.tables ?? []).filter((table) => table.id !== 'other')
  const attachmentIndex = doc.lines.findIndex((line) => ATTACHMENT.test(headingKey(line)))
  const attachment = attachmentIndex >= 0 ? (doc.lines[attachmentIndex] ?? '').trim() : ''
  const titles = (listed?.tables ?? []).map((table) => table.title.replace(/^[一二三四五六七八九十]+[、.．]\s*/, ''))
  const shown = titles.length > 0 ? `The table of contents (line ${listed?.place.line}) lists ${titles.length} tables (${titles.join(', ')}) but the text prints none of them` : 'The text prints none of its tables'
  const where = attachment
    ? `; \`${attachment}\` at line ${attachmentIndex + 1}: they are in an attachment (or printed as images)`
    : titles.length > 0
      ? ': they may be images'
      : ' (the document is text only, or its tables are images or published apart)'
  const line = doc.lines[attachmentIndex] ?? ''
  const place = attachment
    ? doc.span(attachmentIndex + 1, line.length - line.trimStart().length, line.trim().length)
    : listed?.place
  doc.message(`${shown}${where}; no table figures were read`, {
    ruleId: 'tables-not-printed',
    ...(place ? { place } : {}),
    actual: attachment,
    expected: standard.map((table) => table.id),
  })
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
export const STAGES: readonly Stage[] = [identify, decodeDocument, inferMetadata, locateTables, extractTables, normalizeTables, chooseColumns, assignFactIds, extractProse, assignFactIds, locateBoxes, accountNumbers, checkFacts]

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
