/**
 * Compare the table facts of one document read two ways (the tab seed and
 * its PDF's `pdftotext -layout` text): which figures both give, which one
 * misses, which one invents, and which both give with different values.
 */
import { readFileSync } from 'node:fs'
import type { SourceDocument } from '../core/document.ts'
import type { Fact } from '../core/types.ts'

/** What a table figure is and says: the fields compared, as in a fact or a row of `expected/facts.tsv`. */
export type TableFact = Pick<Fact, 'table_id' | 'side' | 'line_item' | 'subject_code' | 'measure' | 'value' | 'value_raw'>

/** A table figure's identity, wherever it was printed: table, side, row (code or line item), measure. */
export function factKey(fact: TableFact): string {
  return [fact.table_id, fact.side, fact.subject_code || fact.line_item, fact.measure].join('|')
}

/** The figures a document's tables gave (origin `table`). */
export function tableFacts(doc: SourceDocument): Fact[] {
  return doc.facts.filter((fact) => fact.origin === 'table')
}

/**
 * The table figures of a reviewed `expected/facts.tsv` (test/fixtures/seeds/<seed>/):
 * the rows with a `table_id` (prose figures have none).
 */
export function readExpectedTableFacts(path: string): TableFact[] {
  const [head = '', ...lines] = readFileSync(path, 'utf8').split('\n').filter((line) => line !== '')
  const columns = head.split('\t')
  const field = (cells: string[], name: keyof TableFact): string => {
    const index = columns.indexOf(name)
    if (index === -1) throw new Error(`${path} has no column \`${name}\`: regenerate it with UPDATE=1 npx vitest run test/pipeline/expected-facts.test.ts`)
    return cells[index] ?? ''
  }
  return lines
    .map((line) => line.split('\t'))
    .map((cells) => ({
      table_id: field(cells, 'table_id') as Fact['table_id'],
      side: field(cells, 'side') as Fact['side'],
      line_item: field(cells, 'line_item'),
      subject_code: field(cells, 'subject_code'),
      measure: field(cells, 'measure'),
      value: field(cells, 'value'),
      value_raw: field(cells, 'value_raw'),
    }))
    .filter((fact) => fact.table_id !== '')
}

/** One figure of a comparison: its key and value (yuan) as read. */
export interface ComparedFact {
  key: string
  value: string
  value_raw: string
}

/** A figure both read, with the value each gave. */
export interface WrongFact {
  key: string
  expected: string
  actual: string
}

/** How the table facts of one reading compare with the expected reading. */
export interface FactComparison {
  expected: number
  matched: ComparedFact[]
  missing: ComparedFact[]
  extra: ComparedFact[]
  wrong: WrongFact[]
}

function byKey(facts: TableFact[]): Map<string, TableFact[]> {
  const map = new Map<string, TableFact[]>()
  for (const fact of facts) {
    const key = factKey(fact)
    map.set(key, [...(map.get(key) ?? []), fact])
  }
  return map
}

function compared(fact: TableFact): ComparedFact {
  return { key: factKey(fact), value: fact.value, value_raw: fact.value_raw }
}

/**
 * Match facts by key; a key read more than once (a row printed twice) is
 * matched value by value. Of what is left under a key, pairs are `wrong`
 * (same figure, other value), the rest `missing` or `extra`.
 */
export function compareTableFacts(expected: TableFact[], actual: TableFact[]): FactComparison {
  const result: FactComparison = { expected: expected.length, matched: [], missing: [], extra: [], wrong: [] }
  const want = byKey(expected)
  const got = byKey(actual)
  for (const [key, wanted] of want) {
    const left = [...(got.get(key) ?? [])]
    const unmatched: TableFact[] = []
    for (const fact of wanted) {
      const at = left.findIndex((entry) => entry.value === fact.value)
      if (at === -1) unmatched.push(fact)
      else {
        result.matched.push(compared(fact))
        left.splice(at, 1)
      }
    }
    for (const fact of unmatched) {
      const other = left.shift()
      if (other) result.wrong.push({ key, expected: fact.value_raw, actual: other.value_raw })
      else result.missing.push(compared(fact))
    }
    result.extra.push(...left.map(compared))
  }
  for (const [key, facts] of got) if (!want.has(key)) result.extra.push(...facts.map(compared))
  return result
}

/** `matched 74/168 (44.0%) · missing 94 · extra 0 · wrong value 0`. */
export function formatComparison(comparison: FactComparison): string {
  const share = comparison.expected === 0 ? 100 : (100 * comparison.matched.length) / comparison.expected
  return `matched ${comparison.matched.length}/${comparison.expected} (${share.toFixed(1)}%) · missing ${comparison.missing.length} · extra ${comparison.extra.length} · wrong value ${comparison.wrong.length}`
}
