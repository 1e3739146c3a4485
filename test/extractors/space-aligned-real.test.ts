import { describe, expect, it } from 'vitest'
import { compareFigures, hasSource, readTypedTable, typedTables } from '../helpers/typed-tables.ts'

/**
 * One table per template family, every figure typed by hand from the page
 * images (test/fixtures/real-typed/): the space-aligned reader must give
 * each figure in its row (code, label) and under its column's header path,
 * exactly as printed. Compared on what the reader owns, not on measures.
 */
describe('space-aligned: figures typed from the real pages (test/fixtures/real-typed)', () => {
  for (const table of typedTables()) {
    const present = hasSource(table)
    const title = present ? `${table.family}: ${table.title} (${table.figures.length} figures)` : `${table.family}: skipped, ${table.source} is not in ../shared/corpus`
    it.skipIf(!present)(title, () => {
      const actual = readTypedTable(table)
      expect(actual, `no block titled ${table.title} in ${table.source}`).toBeDefined()
      const { missing, extra } = compareFigures(table.figures, actual ?? [])
      expect({ missing, extra }).toEqual({ missing: [], extra: [] })
    })
  }
})
