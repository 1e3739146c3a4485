import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { processDocument, sortFacts } from './process-document.ts'
import { numberAccount } from './stages/account-numbers.ts'
import type { SourceDocument } from './document.ts'
import { allSubjects } from '../normalizers/normalize-subject.ts'
import { CHECKS_SCHEMA, DOCUMENTS_SCHEMA, FACTS_SCHEMA, MESSAGES_SCHEMA, SUBJECTS_SCHEMA, UNPLACED_SCHEMA, ALL_SCHEMAS } from './schema.ts'
import { writeTableAll } from './writers/index.ts'
import { writeDataPackage } from './writers/write-datapackage.ts'

/** Options of a build. */
export interface BuildOptions {
  /** Files or folders to read (folders: their `.txt` files, sorted). */
  inputs: string[]
  /** Output folder, replaced as a whole when the build succeeds. */
  out: string
  /** Repository root that `source_file` paths are relative to. */
  root: string
  /** Called once per document, in input order. */
  onDocument?: (doc: SourceDocument) => void
}

/** What a build did, for the summary the CLI prints. */
export interface BuildResult {
  documents: SourceDocument[]
}

/** Expand inputs to a sorted list of files (folders: their `.txt` files). */
export async function listInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const info = await stat(input)
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((name) => name.endsWith('.txt')).sort()
      files.push(...names.map((name) => join(input, name)))
    } else files.push(input)
  }
  return [...new Set(files)]
}

/**
 * Build the dataset: every document through the stages, then every table
 * written into a temporary folder that replaces `out` only when complete,
 * so a failed run never leaves a half-written dist/.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const files = await listInputs(options.inputs)
  const documents: SourceDocument[] = []
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(file))
    const path = relative(options.root, resolve(file)).split(sep).join('/')
    const doc = processDocument(path, bytes)
    options.onDocument?.(doc)
    documents.push(doc)
  }
  const out = resolve(options.out)
  const temporary = `${out}.tmp-${process.pid}`
  await rm(temporary, { recursive: true, force: true })
  await mkdir(temporary, { recursive: true })
  await writeTableAll(temporary, sortFacts(documents.flatMap((doc) => doc.facts)) as unknown as Record<string, unknown>[], FACTS_SCHEMA)
  await writeTableAll(temporary, documents.map(documentRow), DOCUMENTS_SCHEMA)
  await writeTableAll(temporary, documents.flatMap((doc) => doc.checks) as unknown as Record<string, unknown>[], CHECKS_SCHEMA)
  await writeTableAll(temporary, allSubjects().map((subject) => ({ ...subject, aliases: subject.aliases.join(';') })), SUBJECTS_SCHEMA)
  await writeTableAll(temporary, documents.flatMap((doc) => doc.unplaced).sort((a, b) => a.doc_id.localeCompare(b.doc_id) || a.line - b.line || a.column - b.column) as unknown as Record<string, unknown>[], UNPLACED_SCHEMA)
  await writeTableAll(temporary, documents.flatMap(messageRows), MESSAGES_SCHEMA)
  await writeDataPackage(join(temporary, 'datapackage.json'), ALL_SCHEMAS)
  const previous = `${out}.old-${process.pid}`
  await rm(previous, { recursive: true, force: true })
  await rename(out, previous).catch(() => undefined)
  await rename(temporary, out)
  await rm(previous, { recursive: true, force: true })
  return { documents }
}

const STANDARD_TABLES = 9

function documentRow(doc: SourceDocument): Record<string, unknown> {
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

function messageRows(doc: SourceDocument): Record<string, unknown>[] {
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
