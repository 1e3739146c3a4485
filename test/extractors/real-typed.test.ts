/**
 * Issue 13's ground truth: for each template family of the real corpus, one table typed by hand from the page
 * images (test/fixtures/real-typed, see its README; nothing there was written by the pipeline), compared figure
 * by figure with the facts the pipeline reads from the document's `pdftotext -layout` text.
 *
 * No figure may come out with another value than the page prints (a wrong figure is worse than a missing one);
 * the figures read must not fall below what the readers read today (the floors below, raised as they improve).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import { CORPUS, hasCorpus } from '../helpers/documents.ts'
import { compareTyped, readTypedTables } from '../helpers/typed-tables.ts'

const missing = hasCorpus() ? undefined : `${CORPUS} is absent`
if (missing) console.log(`test/extractors/real-typed.test.ts skipped: ${missing}`)

/** Figures of each family's typed table read exactly today (of: cq 121, gz 78, hz 61, js 13, putuo 66, sh-final 39, suz 51, sz 66, yt 10). */
const FLOORS: Record<string, number> = { cq: 121, gz: 78, hz: 61, js: 13, putuo: 66, 'sh-final': 39, suz: 51, sz: 66, yt: 10 }

describe.skipIf(missing !== undefined)('hand-typed tables of the real documents', () => {
  const tables = readTypedTables()

  it('covers every family the fixtures README lists, each with its figures', () => {
    expect(tables.map((table) => table.family)).toEqual(Object.keys(FLOORS).sort())
    expect(tables.reduce((sum, table) => sum + table.figures.length, 0)).toBe(505)
  })

  for (const table of tables) {
    it(`${table.family}: ${table.title} (${table.source})`, () => {
      const path = join(CORPUS, table.source)
      const doc = processDocument(path, new Uint8Array(readFileSync(path)))
      const result = compareTyped(table, doc.facts)
      const wrong = result.wrong.map(({ figure, facts }) => `${figure.rowCode || figure.rowLabel} / ${figure.columnLabel}: printed ${figure.valueRaw}, read ${facts.map((fact) => `${fact.value_raw} (line ${fact.line})`).join(', ')}`)
      expect(wrong).toEqual([])
      expect(result.exact.length).toBeGreaterThanOrEqual(FLOORS[table.family] ?? table.figures.length)
    })
  }
})
