/**
 * Run every stage over one file in a process of its own and print what came
 * out as JSON: the timing tests run documents here so that a stage gone
 * quadratic fails the test at its time limit instead of hanging the suite.
 *
 * Run: `npx tsx test/robustness/process-file.ts FILE`
 */
import { readFileSync } from 'node:fs'
import { processDocument } from '../../pipeline/process-document.ts'
import { numberAccount } from '../../pipeline/stages/account-numbers.ts'

/** What the timing tests check of a processed document. */
export interface ProcessedFile {
  status: string
  lines: number
  facts: number
  unplaced: number
  tokens: number
  markerFacts: number
  ruleIds: string[]
  /** Time in the stages, without reading the file. */
  milliseconds: number
}

const file = process.argv[2]
if (file) {
  const bytes = new Uint8Array(readFileSync(file))
  const started = performance.now()
  const doc = processDocument(file, bytes)
  const milliseconds = performance.now() - started
  const account = numberAccount(doc)
  const result: ProcessedFile = {
    status: doc.status,
    lines: doc.lines.length,
    facts: doc.facts.length,
    unplaced: doc.unplaced.length,
    tokens: account.tokens,
    markerFacts: account.markerFacts,
    ruleIds: doc.messages.map((message) => message.ruleId),
    milliseconds,
  }
  process.stdout.write(`${JSON.stringify(result)}\n`)
}
