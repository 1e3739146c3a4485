/**
 * Mutation test: seed and corpus documents damaged the ways real files are
 * (lines deleted, duplicated, swapped; tabs ↔ spaces; truncation; random
 * bytes; other encodings and line endings; invisible characters; page breaks)
 * must all go through the pipeline without an exception, with every figure's
 * span delimiting its raw text and every numeric token accounted for once.
 *
 * A failure prints the fast-check seed and path; replay it with
 * `MUTATION_SEED=<seed> MUTATION_PATH=<path> npx vitest run test/robustness/mutation.test.ts`.
 * `MUTATION_RUNS` changes the number of documents (default 1000).
 */
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { processDocument } from '../../pipeline/process-document.ts'
import type { SourceDocument } from '../../core/document.ts'
import { SOURCES, findProblem, mutant, mutantBytes, type Mutant } from './mutants.ts'

const RUNS = Number(process.env.MUTATION_RUNS ?? 1000)
const SEED = process.env.MUTATION_SEED !== undefined ? Number(process.env.MUTATION_SEED) : Math.floor(Math.random() * 2 ** 31)
const PATH = process.env.MUTATION_PATH

/** Mutants that once broke the accounting, replayed on every run (see the report of each fix). */
const REGRESSIONS: { why: string; value: Mutant }[] = [
  {
    why: 'a page number glued to an amount cell of a Word export',
    value: { source: 0, lines: [{ kind: 'page-break', at: 0.3065, page: 1 }], ending: '\n', encoding: 'utf-8', bytes: [] },
  },
  {
    why: 'a control byte inside a figure: one cell, two numbers',
    value: { source: 0, lines: [], ending: '\r\n', encoding: 'utf-8', bytes: [{ kind: 'random-bytes', at: 0.1772, bytes: [1], overwrite: false }] },
  },
  {
    why: 'tabs turned to spaces: several numbers in one space-aligned cell',
    value: {
      source: 1,
      lines: [
        { kind: 'tabs-to-spaces', at: 0.028, count: 170, width: 1 },
        { kind: 'tabs-to-spaces', at: 0.2924, count: 115, width: 1 },
      ],
      ending: '\n',
      encoding: 'utf-8',
      bytes: [],
    },
  },
  {
    why: 'a prose line swapped into a Word table, run into a label cell',
    value: { source: 0, lines: [{ kind: 'swap', at: 0.4806, other: 0.8811 }], ending: '\n', encoding: 'utf-8', bytes: [] },
  },
  {
    why: 'a prose line swapped into an unrecognised table',
    value: { source: 2, lines: [{ kind: 'swap', at: 0.4744, other: 0.9456 }], ending: '\n', encoding: 'utf-8', bytes: [] },
  },
  {
    why: 'UTF-16 shifted by one inserted byte',
    value: { source: 2, lines: [], ending: '\n', encoding: 'utf-16le', bytes: [{ kind: 'random-bytes', at: 0.0987, bytes: [0], overwrite: false }] },
  },
]

describe('mutants that once failed', () => {
  for (const { why, value } of REGRESSIONS) {
    it(why, () => {
      expect(SOURCES[value.source]).toBeDefined()
      expect(findProblem(processDocument(`regression-${value.source}`, mutantBytes(value)))).toBeUndefined()
    })
  }
})

describe('mutated seed and corpus documents', () => {
  it(`${RUNS} mutants: no exception, exact provenance, every number accounted for once (seed ${SEED})`, () => {
    // The seed is printed so that any run, passing or not, can be replayed.
    console.info(`mutation test: seed ${SEED}${PATH ? `, path ${PATH}` : ''}, ${RUNS} runs over ${SOURCES.map((source) => source.name).join(', ')}`)
    let processed = 0
    const outcomes = new Map<string, number>()
    fc.assert(
      fc.property(mutant, (value) => {
        processed++
        let doc: SourceDocument
        try {
          doc = processDocument(`mutant-${SOURCES[value.source]?.name ?? ''}`, mutantBytes(value))
        } catch (error) {
          throw new Error(`processDocument threw: ${(error as Error).stack ?? String(error)}`)
        }
        const problem = findProblem(doc)
        if (problem) throw new Error(problem)
        const outcome = doc.status === 'ok' ? `ok ${doc.encoding}` : `failed ${doc.messages.find((message) => message.severity === 'fatal')?.ruleId ?? ''}`
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1)
      }),
      { seed: SEED, numRuns: RUNS, ...(PATH ? { path: PATH } : {}), endOnFailure: false },
    )
    console.info(`mutation test: ${[...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([outcome, count]) => `${outcome} ${count}`).join(', ')}`)
    expect(processed).toBeGreaterThanOrEqual(PATH ? 1 : RUNS)
  }, 300_000)
})
