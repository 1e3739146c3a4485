import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { DuckDBInstance } from '@duckdb/node-api'
import { build } from '../../runtime/build.ts'
import { ROOT } from '../helpers/documents.ts'
import { generateCorpus } from '../../scripts/bench.ts'
import { SubjectNameIndex, subjectRows, type SubjectNameSeen } from '../../outputs/subjects.ts'
import { normalizeSubjectName } from '../../normalizers/normalize-subject.ts'
import { SUBJECTS_SCHEMA } from '../../outputs/schema.ts'
import { parseCsvRecords } from '../helpers/csv.ts'

const work = mkdtempSync(join(tmpdir(), 'cn-budget-scale-'))
const input = join(work, 'input')
const PER_DOCUMENT = ['facts', 'documents', 'checks', 'unplaced', 'messages']

/** Data rows of a CSV file (BOM and header dropped). */
function csvRows(path: string): string[] {
  return readFileSync(path, 'utf8').replace(/^\ufeff/, '').split('\r\n').slice(1).filter(Boolean)
}

/** The sightings a `subjects` row lists in `printed_names` (`name@doc_id:line;…`). */
function printedNamesOf(row: Record<string, string>): SubjectNameSeen[] {
  return (row.printed_names ?? '')
    .split(';')
    .filter(Boolean)
    .map((entry) => {
      const [, name = '', docId = '', line = ''] = /^([^@]*)@(.*):(\d+)$/.exec(entry) ?? []
      return { code: row.code ?? '', key: normalizeSubjectName(name), name, docId, path: '', line: Number(line) }
    })
}

beforeAll(async () => {
  mkdirSync(input)
  for (const folder of ['seeds', 'test/fixtures/space-aligned']) {
    for (const name of readdirSync(join(ROOT, folder)).filter((entry) => entry.endsWith('.txt'))) {
      copyFileSync(join(ROOT, folder, name), join(input, `${folder.replace(/\W/g, '-')}-${name}`))
    }
  }
  await build({ inputs: [input], out: join(work, 'full'), root: ROOT, cache: false })
}, 120_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('build --shard i/n', () => {
  it('the union of 4 shards is the single-machine dataset, and the partitioned Parquet of all shards reads as one', async () => {
    const shards = [0, 1, 2, 3]
    for (const index of shards) await build({ inputs: [input], out: join(work, `shard-${index}`), root: ROOT, cache: false, shard: { index, count: 4 } })
    const sizes = shards.map((index) => csvRows(join(work, `shard-${index}`, 'documents.csv')).length)
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(8)
    expect(sizes.filter((size) => size > 0).length).toBeGreaterThan(1)
    for (const table of PER_DOCUMENT) {
      const union = shards.flatMap((index) => csvRows(join(work, `shard-${index}`, `${table}.csv`))).sort()
      expect(union, table).toEqual(csvRows(join(work, 'full', `${table}.csv`)).sort())
    }
    // subjects: each shard has the dictionary and the codes its own documents print; their names and first places (printed_names) merge into the single-machine table.
    const subjectsOf = (root: string): Record<string, string>[] => parseCsvRecords(readFileSync(join(root, 'subjects.csv'), 'utf8'))
    const merged = new SubjectNameIndex()
    for (const index of shards) merged.add(subjectsOf(join(work, `shard-${index}`)).flatMap(printedNamesOf))
    const asText = (rows: Record<string, unknown>[]): string[] => rows.map((row) => SUBJECTS_SCHEMA.fields.map((field) => String(row[field.name] ?? '')).join('|'))
    expect(asText(subjectRows(merged))).toEqual(asText(subjectsOf(join(work, 'full'))))
    expect(subjectsOf(join(work, 'full')).filter((row) => row.first_doc_id).length).toBeGreaterThan(100)

    // The Hive layout (`fiscal_year=2020/part-I-of-N.parquet`) read as one dataset across the shards' folders,
    // as DuckDB's read_parquet(…, hive_partitioning = true) or Spark would: count and yuan per partition.
    const readPartitions = async (roots: string[]): Promise<Record<string, { n: number; cents: bigint }>> => {
      const totals: Record<string, { n: number; cents: bigint }> = {}
      for (const root of roots) {
        const folder = join(root, 'parquet', 'facts')
        if (!existsSync(folder)) continue
        for (const partition of readdirSync(folder).sort()) {
          for (const part of readdirSync(join(folder, partition)).sort()) {
            const rows = await parquetReadObjects({ file: await asyncBufferFromFile(join(folder, partition, part)) })
            const entry = (totals[partition] ??= { n: 0, cents: 0n })
            entry.n += rows.length
            // hyparquet reads the DECIMAL as a float, within 1e-15 of the yuan: exact again as cents (the yuan have at most 2 decimals).
            for (const row of rows) if (row.unit === 'CNY') entry.cents += BigInt(Math.round(Number(row.value) * 100))
          }
        }
      }
      return totals
    }
    const sharded = await readPartitions(shards.map((index) => join(work, `shard-${index}`)))
    expect(sharded).toEqual(await readPartitions([join(work, 'full')]))
    expect(Object.keys(sharded)).toContain('fiscal_year=2020')
    expect(sharded['fiscal_year=2020']?.n).toBe(csvRows(join(work, 'full', 'facts.csv')).filter((row) => row.includes(',2020,')).length)

    // DuckDB, as a user would query the union of the shards' folders: per year, facts and exact yuan (DECIMAL(38,6), summed exactly).
    const duckdb = await (await DuckDBInstance.create(':memory:')).connect()
    const query = async (sql: string): Promise<Record<string, unknown>[]> => (await duckdb.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
    const perYear = (glob: string): Promise<Record<string, unknown>[]> =>
      query(`select fiscal_year, count(*) as facts, sum(case when unit = 'CNY' then value end) as yuan from read_parquet('${glob}', hive_partitioning = true) group by 1 order by 1`)
    const fromShards = await perYear(join(work, 'shard-*', 'parquet', 'facts', '*', '*.parquet'))
    expect(fromShards).toEqual(await perYear(join(work, 'full', 'parquet', 'facts', '*', '*.parquet')))
    expect(fromShards.map((row) => row.fiscal_year)).toEqual(['2020', '2024'])
    // The single-file facts.parquet (row groups joined from segments) holds every row of facts.csv, and 001's 951.38 万元 of 20103.
    const [whole] = await query(`select count(*) as n, max(case when doc_id like '%001_fcedaedd7c0e673c' and table_id = 'income_by_function' and subject_code = '20103' and measure = 'total' then value end) as v from read_parquet('${join(work, 'full', 'facts.parquet')}')`)
    expect(whole).toEqual({ n: String(csvRows(join(work, 'full', 'facts.csv')).length), v: '9513800.000000' })
    duckdb.closeSync()
  }, 120_000)
})

describe('the result cache', () => {
  it('a rebuild reprocesses only the changed document and gives the same dataset as a full build', async () => {
    const cache = join(work, 'cache')
    const first = await build({ inputs: [input], out: join(work, 'cached-1'), root: ROOT, cache })
    expect(first.cached).toBe(0)
    const second = await build({ inputs: [input], out: join(work, 'cached-2'), root: ROOT, cache })
    expect(second.cached).toBe(8)
    for (const table of [...PER_DOCUMENT, 'subjects']) expect(readFileSync(join(work, 'cached-2', `${table}.csv`), 'utf8')).toBe(readFileSync(join(work, 'full', `${table}.csv`), 'utf8'))
    const changed = join(input, readdirSync(input).sort()[1] ?? '')
    writeFileSync(changed, readFileSync(changed, 'utf8').replace('1013.91', '1013.92'))
    const third = await build({ inputs: [input], out: join(work, 'cached-3'), root: ROOT, cache })
    expect(third.cached).toBe(7)
    const fresh = await build({ inputs: [input], out: join(work, 'fresh-3'), root: ROOT, cache: false })
    expect(fresh.cached).toBe(0)
    for (const table of PER_DOCUMENT) expect(readFileSync(join(work, 'cached-3', `${table}.csv`), 'utf8')).toBe(readFileSync(join(work, 'fresh-3', `${table}.csv`), 'utf8'))
    expect(readFileSync(join(work, 'cached-3', 'facts.csv'), 'utf8')).toContain(',10139200,')
  }, 120_000)
})

describe('the segment cache', () => {
  it('after one document of 80 changes, only its segment is encoded again, and every file is byte-identical to a full build', async () => {
    const corpus = join(work, 'corpus-80')
    generateCorpus(corpus, 80, 11)
    const cache = join(work, 'segment-cache')
    const first = await build({ inputs: [corpus], out: join(work, 'seg-1'), root: ROOT, cache })
    expect(first.reusedSegments).toBe(0)
    expect(first.segments).toBeGreaterThan(1)
    // From the middle on, the first document that prints an amount (some real documents print none).
    const middle = readdirSync(corpus).sort().slice(40).find((name) => /\d+\.\d\d/.test(readFileSync(join(corpus, name), 'utf8')))
    const changed = join(corpus, middle ?? '')
    writeFileSync(changed, readFileSync(changed, 'utf8').replace(/\d+\.\d\d/, '4321.09'))
    const second = await build({ inputs: [corpus], out: join(work, 'seg-2'), root: ROOT, cache })
    // The changed document's hash may move a segment bound: its segment and at most the next one are made again.
    expect(second.reusedSegments).toBeGreaterThanOrEqual(second.segments - 2)
    expect(second.reusedSegments).toBeLessThan(second.segments)
    expect(second.cached).toBe(79)
    const fresh = await build({ inputs: [corpus], out: join(work, 'seg-fresh'), root: ROOT, cache: false })
    const files = (folder: string): string[] => readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name).slice(folder.length)).sort()
    expect(files(join(work, 'seg-2'))).toEqual(files(join(work, 'seg-fresh')))
    for (const name of files(join(work, 'seg-fresh'))) {
      expect(readFileSync(join(work, 'seg-2', name)).equals(readFileSync(join(work, 'seg-fresh', name))), name).toBe(true)
    }
    expect(readFileSync(join(work, 'seg-2', 'facts.csv'), 'utf8')).toContain(',4321.09,')
    expect(fresh.segments).toBe(second.segments)
  }, 300_000)
})
