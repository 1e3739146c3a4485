/**
 * Shared helpers of the robustness tests: the seed and corpus texts, the
 * pipeline over a text or bytes, what a fact means without its place, and
 * the invariants every document must keep (exact provenance, the number
 * accounting).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import { numberAccount } from '../../pipeline/stages/account-numbers.ts'
import type { SourceDocument } from '../../core/document.ts'
import type { Fact } from '../../core/types.ts'
import { CORPUS, ROOT, hasCorpus, seedName, seedNames } from '../helpers/documents.ts'
import type { ProcessedFile } from './process-file.ts'

/** The text of a seed by its prefix (`002`). */
export function seedText(prefix: string): string {
  return readFileSync(join(ROOT, 'seeds', seedName(prefix)), 'utf8')
}

/** Seed and corpus documents as `{ name, text }` (corpus only when present next to the repository). */
export function sourceTexts(): { name: string; text: string }[] {
  const texts = seedNames().map((name) => ({ name, text: readFileSync(join(ROOT, 'seeds', name), 'utf8') }))
  if (hasCorpus()) {
    for (const name of readdirSync(CORPUS).filter((entry) => entry.endsWith('.layout.txt')).sort()) {
      texts.push({ name, text: readFileSync(join(CORPUS, name), 'utf8') })
    }
  }
  return texts
}

/** Run every stage over a text (UTF-8) or bytes under a made-up path. */
export function runText(path: string, content: string | Uint8Array): SourceDocument {
  return processDocument(path, typeof content === 'string' ? new TextEncoder().encode(content) : content)
}

/** What a fact says, without where it was printed. */
export function meaning(fact: Fact): string {
  return [fact.table_id, fact.side, fact.line_item, fact.subject_code, fact.measure, fact.value, fact.value_raw].join('|')
}

/** The meanings of a document's facts, sorted (a multiset to compare). */
export function meanings(doc: SourceDocument): string[] {
  return doc.facts.map(meaning).sort()
}

/** A fact with its place, for comparing documents whose lines did not move. */
export function meaningAndPlace(fact: Fact): string {
  return `${meaning(fact)}@${fact.line}:${fact.column}-${fact.end_line}:${fact.end_column}`
}

/** Every fact's span delimits exactly its raw text, and every unplaced number's span its raw text, in the decoded text. */
export function expectExactProvenance(doc: SourceDocument): void {
  for (const fact of doc.facts) {
    const span = { line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column }
    expect(doc.slice(span), `${doc.path} fact ${meaningAndPlace(fact)}`).toBe(fact.value_raw)
  }
  for (const entry of doc.unplaced) {
    const span = { line: entry.line, column: entry.column, endLine: entry.end_line, endColumn: entry.end_column }
    expect(doc.slice(span), `${doc.path} unplaced ${entry.line}:${entry.column}`).toBe(entry.raw)
  }
}

/** The accounting of a processed document: tokens = facts − marker facts + unplaced, and no place unplaced twice. */
export function accountingHolds(doc: SourceDocument): { ok: boolean; detail: string } {
  const account = numberAccount(doc)
  const places = doc.unplaced.map((entry) => `${entry.line}:${entry.column}`)
  const unique = new Set(places).size === places.length
  const balanced = account.tokens === doc.facts.length - account.markerFacts + doc.unplaced.length
  return {
    ok: unique && balanced,
    detail: `tokens ${account.tokens}, facts ${doc.facts.length}, marker facts ${account.markerFacts}, unplaced ${doc.unplaced.length}${unique ? '' : ' (a place unplaced twice)'}`,
  }
}

/** Assert the accounting of a document (see `accountingHolds`). */
export function expectAccounting(doc: SourceDocument): void {
  const { ok, detail } = accountingHolds(doc)
  expect(ok, `${doc.path}: ${detail}`).toBe(true)
}

/** Rule ids of a document's messages. */
export function ruleIds(doc: SourceDocument): string[] {
  return doc.messages.map((message) => message.ruleId)
}

/** Lines of a text split like `SourceDocument.setText`, and joined back with LF. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/)
}

/** What `process-file.ts` prints, or how the child process ended when it printed nothing. */
export type ChildOutcome = ({ ok: true } & ProcessedFile) | { ok: false; reason: string }

/**
 * Run the stages over a file in a child process with a time limit: a
 * document that takes too long fails the test at the limit (the child is
 * killed) instead of blocking the whole suite.
 */
export function processFileInChild(file: string, timeoutMs: number): ChildOutcome {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'robustness', 'process-file.ts'), file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
  })
  if (result.error || result.status !== 0) {
    const why = result.signal === 'SIGKILL' ? `killed after ${timeoutMs} ms` : (result.error?.message ?? `exit ${result.status}: ${result.stderr.slice(-2000)}`)
    return { ok: false, reason: why }
  }
  return { ok: true, ...(JSON.parse(result.stdout) as ProcessedFile) }
}
