import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { tableFromIPC } from '@uwdata/flechette'
import { DuckDBInstance } from '@duckdb/node-api'
import { build } from '../../runtime/build.ts'
import { OUTPUT_TABLES } from '../../outputs/tables.ts'
import { ROOT } from '../helpers/documents.ts'
import { parseCsv } from '../helpers/csv.ts'

/** Every table the build writes, from the list the build itself uses. */
const TABLES = OUTPUT_TABLES.map((table) => table.schema.name)

/** Rows of a DuckDB query as JSON-like objects (DECIMAL and HUGEINT as exact text). */
async function duckdbQuery(sql: string): Promise<Record<string, unknown>[]> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect()
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
  } finally {
    connection.closeSync()
  }
}
/** Every file under a folder, as paths relative to it, sorted. */
function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix))
    .sort()
    .flatMap((name) => (statSync(join(folder, prefix, name)).isDirectory() ? listFiles(folder, join(prefix, name)) : [join(prefix, name)]))
}

let first: string
let second: string


beforeAll(async () => {
  first = mkdtempSync(join(tmpdir(), 'cn-budget-dist-a-'))
  second = mkdtempSync(join(tmpdir(), 'cn-budget-dist-b-'))
  await build({ inputs: [join(ROOT, 'seeds')], out: join(first, 'dist'), root: ROOT, cache: false })
  await build({ inputs: [join(ROOT, 'seeds')], out: join(second, 'dist'), root: ROOT, cache: false, workers: 0 })
}, 120_000)

afterAll(() => {
  rmSync(first, { recursive: true, force: true })
  rmSync(second, { recursive: true, force: true })
})

describe('dist/', () => {
  it('building twice gives byte-identical files', () => {
    // The second build ran without worker threads: parallelism must not change a byte.
    const names = listFiles(join(first, 'dist'))
    expect(names).toEqual(listFiles(join(second, 'dist')))
    expect(names).toContain('parquet/facts/fiscal_year=2020/part-0.parquet')
    for (const table of TABLES) for (const ext of ['csv', 'arrow', 'parquet']) expect(names).toContain(`${table}.${ext}`)
    expect(names).toContain('datapackage.json')
    for (const name of names) expect(readFileSync(join(first, 'dist', name)).equals(readFileSync(join(second, 'dist', name))), name).toBe(true)
  })

  it('the committed dist/ is what a fresh build of seeds/ gives', () => {
    expect(listFiles(join(ROOT, 'dist'))).toEqual(listFiles(join(first, 'dist')))
    for (const name of listFiles(join(first, 'dist'))) {
      const committed = readFileSync(join(ROOT, 'dist', name))
      expect(committed.equals(readFileSync(join(first, 'dist', name))), `dist/${name} differs from a fresh build: run \`make\` and commit dist/`).toBe(true)
    }
  })

  it('Parquet (hyparquet) and Arrow (flechette) read back equal to the CSV', async () => {
    for (const table of TABLES) {
      const csvText = readFileSync(join(first, 'dist', `${table}.csv`), 'utf8')
      expect(csvText.charCodeAt(0)).toBe(0xfeff)
      const [header, ...rows] = parseCsv(csvText)
      const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(join(first, 'dist', `${table}.parquet`)) })
      const arrow = tableFromIPC(readFileSync(join(first, 'dist', `${table}.arrow`)), { useBigInt: false }).toArray()
      expect(parquet).toHaveLength(rows.length)
      expect(arrow).toHaveLength(rows.length)
      for (const [index, row] of rows.entries()) {
        for (const [column, name] of (header ?? []).entries()) {
          const csvValue = (row[column] ?? '').replace(/^'(?=[=+\-@\t\r＝＋－＠])/, '')
          for (const [reader, record] of [['parquet', parquet[index]], ['arrow', arrow[index]]] as const) {
            const value = (record as Record<string, unknown>)[name]
            const text = value === null || value === undefined ? '' : String(value)
            expect(text, `${table}.${name} row ${index} (${reader})`).toBe(csvValue)
          }
        }
      }
    }
  })

  it('optional columns are NULL in Parquet and Arrow where the CSV is empty, and required columns are never empty', async () => {
    for (const { schema } of OUTPUT_TABLES) {
      const [header, ...rows] = parseCsv(readFileSync(join(first, 'dist', `${schema.name}.csv`), 'utf8'))
      expect(header).toEqual(schema.fields.map((field) => field.name))
      const arrow = tableFromIPC(readFileSync(join(first, 'dist', `${schema.name}.arrow`)), { useBigInt: false }).toArray() as Record<string, unknown>[]
      for (const [column, field] of schema.fields.entries()) {
        const empty = rows.flatMap((row, index) => ((row[column] ?? '') === '' ? [index] : []))
        if (!field.nullable) expect(empty, `${schema.name}.${field.name} is required`).toEqual([])
        for (const index of empty) expect(arrow[index]?.[field.name], `${schema.name}.${field.name} row ${index}`).toBeNull()
      }
    }
    // As a user asks DuckDB: figures from the prose have no table, and `is null` finds them (no '' left).
    const facts = parseCsv(readFileSync(join(first, 'dist', 'facts.csv'), 'utf8'))
    const column = (name: string): number => facts[0]?.indexOf(name) ?? -1
    const prose = facts.slice(1).filter((row) => row[column('origin')] === 'prose')
    expect(prose.length).toBeGreaterThan(100)
    expect(prose.every((row) => row[column('table_id')] === '')).toBe(true)
    const [counts] = await duckdbQuery(
      `select count(*) filter (where table_id is null) as no_table, count(*) filter (where table_id = '' or sentence = '' or department = '') as blank, count(*) filter (where sentence is null) as no_sentence from '${join(first, 'dist', 'facts.parquet')}'`,
    )
    expect(counts).toEqual({ no_table: String(prose.length), blank: '0', no_sentence: String(facts.length - 1 - prose.filter((row) => row[column('sentence')] !== '').length) })
  })
})
