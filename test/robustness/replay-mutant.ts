/**
 * Replay one mutant of the mutation test (the `Counterexample` it prints)
 * and say what breaks the accounting: numeric tokens no fact or unplaced
 * entry covers, entries that cover several tokens, places unplaced twice.
 *
 * Run: `npx tsx test/robustness/replay-mutant.ts '<counterexample JSON>'`
 */
import { writeFileSync } from 'node:fs'
import { processDocument } from '../../pipeline/process-document.ts'
import { numberAccount } from '../../pipeline/stages/account-numbers.ts'
import type { SourceDocument } from '../../core/document.ts'
import { SOURCES, findProblem, mutantBytes, type Mutant } from './mutants.ts'

const NUMERIC_TOKEN = /[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?/g

/** Lines describing where the accounting of a document does not balance. */
export function explainAccounting(doc: SourceDocument): string[] {
  const report: string[] = []
  const account = numberAccount(doc)
  report.push(`status ${doc.status}, encoding ${doc.encoding}, layout ${doc.layout}; tokens ${account.tokens}, facts ${doc.facts.length}, marker facts ${account.markerFacts}, unplaced ${doc.unplaced.length}`)
  const entries = [
    ...doc.facts.map((fact) => ({ what: `fact ${fact.origin} ${fact.table_id}/${fact.measure} ${JSON.stringify(fact.value_raw)}`, line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column })),
    ...doc.unplaced.map((entry) => ({ what: `unplaced ${entry.reason} ${JSON.stringify(entry.raw)}`, line: entry.line, column: entry.column, endLine: entry.end_line, endColumn: entry.end_column })),
  ]
  const before = (a: { line: number; column: number }, b: { line: number; column: number }): boolean => a.line < b.line || (a.line === b.line && a.column <= b.column)
  const covering = new Map<(typeof entries)[number], string[]>()
  for (const [index, text] of doc.lines.entries()) {
    for (const match of text.matchAll(NUMERIC_TOKEN)) {
      const span = doc.span(index + 1, match.index, match[0].length)
      const owners = entries.filter((entry) => before(entry, span) && before({ line: span.endLine, column: span.endColumn }, { line: entry.endLine, column: entry.endColumn }))
      if (owners.length === 0) report.push(`token ${JSON.stringify(match[0])} at ${span.line}:${span.column} is covered by nothing: ${JSON.stringify(text.slice(0, 80))}`)
      for (const owner of owners) covering.set(owner, [...(covering.get(owner) ?? []), `${match[0]}@${span.line}:${span.column}`])
    }
  }
  for (const [entry, tokens] of covering) if (tokens.length > 1) report.push(`${entry.what} at ${entry.line}:${entry.column}-${entry.endLine}:${entry.endColumn} covers ${tokens.length} tokens: ${tokens.join(', ')}`)
  for (const entry of entries) if (!covering.has(entry) && /[0-9０-９]/.test(entry.what)) report.push(`${entry.what} at ${entry.line}:${entry.column} covers no token`)
  return report
}

const json = process.argv[2]
if (json) {
  const parsed = JSON.parse(json) as Mutant | Mutant[]
  const value = Array.isArray(parsed) ? (parsed[0] as Mutant) : parsed
  const bytes = mutantBytes(value)
  if (process.argv[3]) writeFileSync(process.argv[3], bytes)
  const doc = processDocument(`mutant-${SOURCES[value.source]?.name ?? ''}`, bytes)
  process.stdout.write(`${findProblem(doc) ?? 'no problem'}\n${explainAccounting(doc).join('\n')}\n`)
}
