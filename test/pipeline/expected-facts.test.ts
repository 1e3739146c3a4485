import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT, runFile, seedNames } from '../helpers/documents.ts'
import type { SourceDocument } from '../../core/document.ts'

const COLUMNS = ['table_id', 'side', 'line_item', 'subject_code', 'measure', 'value', 'value_raw', 'line', 'column'] as const

/** The facts of a document as reviewable text: one tab-separated line per fact. */
function factLines(doc: SourceDocument): string {
  const lines = doc.facts.map((fact) => COLUMNS.map((column) => String(fact[column])).join('\t'))
  return `${COLUMNS.join('\t')}\n${lines.join('\n')}\n`
}

/** The messages of a document as reviewable text. */
function messageLines(doc: SourceDocument): string {
  return doc.messages.map((message) => `${message.place ? `${message.place.line}:${message.place.column}` : '-'}\t${message.severity}\t${message.ruleId}\t${message.reason}`).join('\n') + '\n'
}

/**
 * Compare with the reviewed expected file; a missing one is written on first
 * run (never in CI), `UPDATE=1` rewrites them.
 */
function expectFile(path: string, actual: string): void {
  if (process.env.UPDATE === '1' || (!existsSync(path) && !process.env.CI)) {
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, actual)
  }
  expect(existsSync(path), `${path} is missing: run the tests once locally and review it`).toBe(true)
  expect(actual).toBe(readFileSync(path, 'utf8'))
}

describe('expected facts of the tabular seeds (reviewed by eye)', () => {
  for (const name of seedNames()) {
    it(name, () => {
      const doc = runFile(`seeds/${name}`)
      const base = join(ROOT, 'test', 'fixtures', 'seeds', name.replace(/\.txt$/, ''), 'expected')
      expectFile(join(base, 'facts.tsv'), factLines(doc))
      expectFile(join(base, 'messages.txt'), messageLines(doc))
    })
  }
})
