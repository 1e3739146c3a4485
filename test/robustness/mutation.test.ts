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
import type { SourceDocument } from '../../pipeline/document.ts'
import { SOURCES, findProblem, mutant, mutantBytes } from './mutants.ts'

const RUNS = Number(process.env.MUTATION_RUNS ?? 1000)
const SEED = process.env.MUTATION_SEED !== undefined ? Number(process.env.MUTATION_SEED) : Math.floor(Math.random() * 2 ** 31)
const PATH = process.env.MUTATION_PATH

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
