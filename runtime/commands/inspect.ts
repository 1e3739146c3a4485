import { parseArgs } from 'node:util'
import { relative, resolve, sep } from 'node:path'
import type { SourceDocument } from '../../core/document.ts'
import { processDocument } from '../../pipeline/process-document.ts'
import { listInputs, readInput, refusedDocument } from '../inputs.ts'
import { formatWan } from '../../outputs/format-amount.ts'
import { TABLE_IDS } from '../../core/types.ts'
import { tableDefinition } from '../../normalizers/normalize-heading.ts'
import type { Command } from './types.ts'
import { ATTENTION_REASONS, describeUnplacedReason } from '../../core/registry.ts'
import { unitAssumptions } from '../../normalizers/normalize-unit.ts'

/** Run the pipeline over files or folders, paths relative to `root` as the build records them, in input order. */
export async function processInputs(inputs: string[], root: string): Promise<SourceDocument[]> {
  const documents: SourceDocument[] = []
  for (const file of await listInputs(inputs)) {
    const path = relative(root, resolve(file)).split(sep).join('/')
    const read = await readInput(file)
    documents.push(read.bytes ? processDocument(path, read.bytes) : refusedDocument(path, read.refusal))
  }
  return documents
}

/** `label   value` lines with the labels padded to one width. */
function fieldLines(pairs: [string, string][]): string[] {
  const width = Math.max(...pairs.map(([label]) => label.length))
  return pairs.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)
}

/** A yuan amount with its 万元 reading: `200000 (20.00 万元)`. */
function yuanAndWan(yuan: string): string {
  return /^-?\d+(\.\d+)?$/.test(yuan) ? `${yuan} (${formatWan(yuan)} 万元)` : yuan
}

/** `reason count` pairs, most frequent first. */
function countBy<T>(items: readonly T[], key: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1)
  return [...counts.entries()].sort(([a, countA], [b, countB]) => countB - countA || (a < b ? -1 : 1))
}

/**
 * The one screen that says whether a document was understood: how it was
 * read, which tables were found, what became facts, which numbers did not,
 * which checks failed, and what to look at.
 */
export function inspectDocument(doc: SourceDocument): string {
  const out: string[] = [doc.path]
  const kind = doc.metadata.docKind === 'final_accounts' ? '部门决算' : doc.metadata.docKind === 'budget' ? '部门预算' : 'unknown'
  out.push(
    ...fieldLines([
      ['doc_id', doc.docId],
      ['status', doc.status === 'ok' ? 'ok' : `${doc.status === 'failed' ? 'FAILED' : 'NO TEXT'}: ${doc.messages.find((message) => message.severity === 'fatal')?.reason ?? ''}`],
      ['encoding', doc.encoding ? `${doc.encoding} (${doc.encodingReason})` : '-'],
      ['layout', doc.layout || '-'],
      ['department', doc.metadata.department || '(not found)'],
      ['across documents', doc.metadata.departmentId ? `${doc.metadata.departmentCanonical} · ${doc.metadata.scope} · ${doc.metadata.departmentId}` : '-'],
      ['region', [doc.metadata.region, doc.metadata.level].filter(Boolean).join(', ') || '-'],
      ['fiscal year', doc.metadata.fiscalYear === null ? '(not found)' : String(doc.metadata.fiscalYear)],
      ['kind', `${doc.metadata.docKind || '-'} (${kind})`],
    ]),
  )

  const found = TABLE_IDS.filter((id) => doc.regions.some((region) => region.tableId === id))
  const missing = TABLE_IDS.filter((id) => !found.includes(id))
  const unrecognised = doc.regions.filter((region) => !region.tableId)
  out.push('', `Tables: ${found.length} of 9 found, ${missing.length} missing, ${unrecognised.length} unrecognised`)
  const titleWidth = Math.max(...TABLE_IDS.map((id) => id.length))
  for (const id of TABLE_IDS) {
    const region = doc.regions.find((entry) => entry.tableId === id)
    const facts = doc.facts.filter((fact) => fact.table_id === id).length
    const definition = tableDefinition(id)
    const name = doc.metadata.docKind === 'budget' ? definition.budget_title_zh : definition.title_zh
    out.push(
      region
        ? `  ✓ ${id.padEnd(titleWidth)}  line ${String(region.titleLine).padStart(4)}  unit ${(region.unitRaw ?? '?').padEnd(2, '　')}  ${String(facts).padStart(4)} facts  ${name}`
        : `  ✗ ${id.padEnd(titleWidth)}  missing${' '.repeat(22)}${name}`,
    )
  }
  for (const region of unrecognised) {
    const numbers = doc.unplaced.filter((entry) => entry.reason === 'unrecognised-table' && entry.line >= region.startLine && entry.line < region.endLine).length
    out.push(`  ? unrecognised table at line ${region.titleLine}: ${region.title} (${numbers} numbers unplaced)`)
  }

  const prose = doc.facts.filter((fact) => fact.origin === 'prose').length
  out.push('', `Facts: ${doc.facts.length} (${doc.facts.length - prose} in tables, ${prose} in prose)`)
  // Figures read in a unit the table does not print (unit_basis document or default) rest on an assumption.
  for (const entry of unitAssumptions(doc.facts)) {
    out.push(`  assumption: ${entry.facts} figure(s) of \`${entry.title}\` (line ${entry.line}) read in ${entry.unit}, not printed with the table (unit_basis ${entry.basis}: ${entry.basis === 'document' ? 'the unit the rest of the document states' : 'the document states no unit'})`)
  }

  const inTables = doc.unplaced.filter((entry) => ATTENTION_REASONS.has(entry.reason))
  out.push('', `Unplaced numbers: ${doc.unplaced.length}`)
  if (inTables.length === 0) out.push('  in tables: none')
  for (const [reason, count] of countBy(inTables, (entry) => entry.reason)) {
    const first = inTables
      .filter((entry) => entry.reason === reason)
      .slice(0, 5)
      .map((entry) => `${entry.line}:${entry.column} \`${entry.raw}\``)
      .join(', ')
    out.push(`  in tables: ${reason} ${count} — may be figures that were missed; first at ${first} (${describeUnplacedReason(reason)})`)
  }
  const other = countBy(
    doc.unplaced.filter((entry) => !ATTENTION_REASONS.has(entry.reason)),
    (entry) => entry.reason,
  )
  if (other.length > 0) out.push(`  other: ${other.map(([reason, count]) => `${reason} ${count}`).join(' · ')}`)

  const failed = doc.checks.filter((check) => check.status === 'fail')
  const errors = failed.filter((check) => check.severity === 'error')
  out.push(
    '',
    doc.checks.length === 0
      ? 'Checks: none ran (the document has none of the figures they compare)'
      : `Checks: ${doc.checks.length} evaluated, ${doc.checks.length - failed.length} pass, ${errors.length} failed, ${failed.length - errors.length} within rounding`,
  )
  for (const check of [...errors, ...failed.filter((entry) => entry.severity !== 'error')]) {
    const mark = check.severity === 'error' ? '✗' : '~'
    const row = check.subject_code || check.line_item
    out.push(`  ${mark} ${check.table_id} ${row} ${check.measure} (${check.base_rule})${check.expected === '' ? '' : `: printed ${check.actual}, expected ${check.expected}, difference ${yuanAndWan(check.difference)}`}`)
    // The message names every figure and its place; for rounding-sized differences the one line is enough (a check about text has only its message).
    if (check.severity === 'error' || check.expected === '') out.push(`      ${check.message}`)
  }

  const notable = doc.messages.filter((message) => message.severity !== 'info')
  out.push('', `Messages: ${doc.messages.length}`)
  for (const message of doc.messages) {
    const place = message.place ? ` at ${message.place.line}:${message.place.column}` : ''
    out.push(`  ${message.severity} ${message.ruleId}${place}: ${message.reason}`)
  }

  const lookAt: string[] = []
  if (doc.status === 'failed') lookAt.push('the document could not be read')
  if (doc.status === 'no-text') lookAt.push('the document has no text: run OCR on the PDF first')
  if (doc.metadata.docKind === 'final_accounts' && missing.length > 0) lookAt.push(`${missing.length} standard table(s) missing`)
  if (unrecognised.length > 0) lookAt.push(`${unrecognised.length} unrecognised table(s)`)
  if (doc.layout === 'unknown') lookAt.push('no extractor recognises the layout')
  if (inTables.length > 0) lookAt.push(`${inTables.length} unplaced number(s) in tables`)
  if (errors.length > 0) lookAt.push(`${errors.length} failed check(s)`)
  if (notable.length > 0) lookAt.push(`${notable.length} message(s)`)
  if (!doc.metadata.department || doc.metadata.fiscalYear === null || !doc.metadata.docKind) lookAt.push('metadata incomplete')
  const checked = doc.checks.length === 0 ? 'no checks ran' : 'no failed checks'
  out.push('', lookAt.length === 0 ? `Understood: ${found.length}/9 tables, ${doc.facts.length} facts, no unplaced numbers in tables, ${checked}.` : `Look at: ${lookAt.join('; ')}.`)
  return out.join('\n')
}

/** `inspect`: what the pipeline understood of one or more documents. */
export const inspectCommand: Command = {
  usage: `cn-budget-etl inspect [--text] FILE_OR_DIR ...

  Processes the documents (nothing is written) and prints, per document: encoding,
  layout, metadata, tables found / missing / unrecognised, facts per table,
  unplaced numbers by reason, failed checks and messages. Exits 1 when a document
  could not be read.

  --text  print instead the text the pipeline read, which facts' line and column
          refer to (for a PDF: what \`pdftotext -layout\` prints, a form feed after each page)`,
  async run(args, context) {
    const { values, positionals } = parseArgs({ args, options: { text: { type: 'boolean' } }, allowPositionals: true })
    if (positionals.length === 0) {
      context.stderr.write(`Usage: ${this.usage}\n`)
      return 2
    }
    const documents = await processInputs(positionals, context.root)
    if (values.text) context.stdout.write(documents.map((doc) => doc.text).join('\n'))
    else context.stdout.write(`${documents.map(inspectDocument).join('\n\n')}\n`)
    return documents.some((doc) => doc.status === 'failed') ? 1 : 0
  },
}
