import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { tableFromIPC } from '@uwdata/flechette'
import { build } from '../../runtime/build.ts'
import { OUTPUT_TABLES, writtenSchemaOf, type OutputTable } from '../../outputs/tables.ts'
import { ROOT } from '../helpers/documents.ts'
import { parseCsv, parseCsvRecords } from '../helpers/csv.ts'
import { duckdbRows } from '../helpers/duckdb.ts'
import { canonicalText, fromUnscaled, sumDecimals } from '../helpers/decimals.ts'

/** Every table the build writes, from the list the build itself uses. */
const TABLES = OUTPUT_TABLES.map((table) => table.schema.name)

/** The schema a table of a built dist/ was written with (the panel's columns depend on the years built). */
function builtSchema(table: OutputTable, dist: string) {
  const [header] = parseCsv(readFileSync(join(dist, `${table.schema.name}.csv`), 'utf8'))
  return writtenSchemaOf(table, header ?? [])
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
    for (const output of OUTPUT_TABLES) {
      const schema = builtSchema(output, join(first, 'dist'))
      const table = schema.name
      const csvText = readFileSync(join(first, 'dist', `${table}.csv`), 'utf8')
      expect(csvText.charCodeAt(0)).toBe(0xfeff)
      const [header, ...rows] = parseCsv(csvText)
      const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(join(first, 'dist', `${table}.parquet`)) })
      // Decimals as their stored integers (exact); flechette would otherwise make floats of them.
      const arrow = tableFromIPC(readFileSync(join(first, 'dist', `${table}.arrow`)), { useBigInt: false, useDecimalInt: true }).toArray()
      expect(parquet).toHaveLength(rows.length)
      expect(arrow).toHaveLength(rows.length)
      for (const [index, row] of rows.entries()) {
        for (const [column, name] of (header ?? []).entries()) {
          const field = schema.fields[column]
          const csvValue = (row[column] ?? '').replace(/^'(?=[=+\-@\t\r＝＋－＠])/, '')
          const fromArrow = (arrow[index] as Record<string, unknown>)[name]
          const fromParquet = (parquet[index] as Record<string, unknown>)[name]
          if (field?.type === 'decimal' && csvValue !== '') {
            expect(fromUnscaled(fromArrow as bigint, field.scale ?? 0), `${table}.${name} row ${index} (arrow)`).toBe(csvValue)
            // hyparquet reads DECIMAL as a float: close, not exact (DuckDB reads it exactly, below).
            expect(Math.abs((fromParquet as number) - Number(csvValue)), `${table}.${name} row ${index} (parquet)`).toBeLessThanOrEqual(Math.abs(Number(csvValue)) * 1e-15)
            continue
          }
          for (const [reader, value] of [['parquet', fromParquet], ['arrow', fromArrow]] as const) {
            const text = value === null || value === undefined ? '' : String(value)
            expect(text, `${table}.${name} row ${index} (${reader})`).toBe(csvValue)
          }
        }
      }
    }
  })

  it('money is an exact DECIMAL(38, 6) for DuckDB: a seed figure, and sum(value) equal to the exact sum of the CSV', async () => {
    const dist = join(first, 'dist')
    // 000's 支出决算表 2010302 一般行政管理事务, project: 384.14 万元.
    const [figure] = await duckdbRows(
      `select value, typeof(value) as type, value_raw from '${join(dist, 'facts.parquet')}' where doc_id = '000_3c34c72f74ac532a' and table_id = 'expenditure_by_function' and subject_code = '2010302' and measure = 'project'`,
    )
    expect(figure).toEqual({ value: '3841400.000000', type: 'DECIMAL(38,6)', value_raw: '384.14' })
    const facts = parseCsv(readFileSync(join(dist, 'facts.csv'), 'utf8'))
    const values = facts.slice(1).map((row) => row[facts[0]?.indexOf('value') ?? -1] ?? '')
    expect(values.some((value) => value.includes('.'))).toBe(true)
    const [sum] = await duckdbRows(`select sum(value) as total, typeof(sum(value)) as type from '${join(dist, 'facts.parquet')}'`)
    expect(sum?.type).toBe('DECIMAL(38,6)')
    expect(canonicalText(sum?.total as string)).toBe(sumDecimals(values))
    // The Hive-partitioned copy adds up to the same.
    const [partitioned] = await duckdbRows(`select sum(value) as total from read_parquet('${join(dist, 'parquet', 'facts', '*', '*.parquet')}', hive_partitioning = true)`)
    expect(partitioned?.total).toBe(sum?.total)
    // Every decimal column of every table is DECIMAL(38,6), and adds up to its CSV.
    for (const output of OUTPUT_TABLES) {
      const schema = builtSchema(output, dist)
      const rows = parseCsv(readFileSync(join(dist, `${schema.name}.csv`), 'utf8')).slice(1)
      for (const [column, field] of schema.fields.entries()) {
        if (field.type !== 'decimal') continue
        const file = join(dist, `${schema.name}.parquet`)
        // The type from the file's schema, so a table with no rows (the seeds' year_over_year) is checked too.
        const [described] = await duckdbRows(`select column_type as type from (describe select * from '${file}') where column_name = '${field.name}'`)
        expect(described?.type, `${schema.name}.${field.name}`).toBe('DECIMAL(38,6)')
        if (rows.length === 0) continue
        const [read] = await duckdbRows(`select sum(${field.name}) as total from '${file}'`)
        const texts = rows.map((row) => row[column] ?? '').filter(Boolean)
        // A column empty in every row (the PDF boxes of text inputs) sums to NULL.
        if (texts.length === 0) expect(read?.total, `${schema.name}.${field.name}`).toBeNull()
        else expect(canonicalText(read?.total as string), `${schema.name}.${field.name}`).toBe(sumDecimals(texts))
      }
    }
  })

  it('optional columns are NULL in Parquet and Arrow where the CSV is empty, and required columns are never empty', async () => {
    for (const output of OUTPUT_TABLES) {
      const schema = builtSchema(output, join(first, 'dist'))
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
    const [counts] = await duckdbRows(
      `select count(*) filter (where table_id is null) as no_table, count(*) filter (where table_id = '' or sentence = '' or department = '') as blank, count(*) filter (where sentence is null) as no_sentence from '${join(first, 'dist', 'facts.parquet')}'`,
    )
    expect(counts).toEqual({ no_table: String(prose.length), blank: '0', no_sentence: String(facts.length - 1 - prose.filter((row) => row[column('sentence')] !== '').length) })
  })

  it('checks carry the place of the printed figure: 001 收入决算表 20103 prints 951.38 where its items add up to 931.38', () => {
    const dist = join(first, 'dist')
    const checks = parseCsvRecords(readFileSync(join(dist, 'checks.csv'), 'utf8'))
    const facts = new Map(parseCsvRecords(readFileSync(join(dist, 'facts.csv'), 'utf8')).map((fact) => [fact.fact_id, fact]))
    const slip = checks.find((check) => check.doc_id === '001_fcedaedd7c0e673c' && check.table_id === 'income_by_function' && check.subject_code === '20103' && check.measure === 'fiscal_appropriation')
    expect(slip).toMatchObject({ status: 'fail', severity: 'error', source_file: 'seeds/001_fcedaedd7c0e673c.txt', line: '126', column: '32', end_line: '126', end_column: '38', actual: '9513800', expected: '9313800' })
    // Every check (passes too) points at the text of its printed figure, the first of its facts; a check about printed text at that text.
    const lines = new Map<string, string[]>()
    const textRules = new Set(['prose-comparison', 'table-presence', 'blank-cells', 'document-metadata'])
    for (const check of checks) {
      if (textRules.has(check.base_rule ?? '')) {
        if (!check.line) continue
        const source = check.source_file ?? ''
        if (!lines.has(source)) lines.set(source, readFileSync(join(ROOT, source), 'utf8').split(/\r?\n/))
        const text = [...(lines.get(source)?.[Number(check.line) - 1] ?? '')].slice(Number(check.column) - 1, Number(check.end_column) - 1).join('')
        expect(text.trim(), check.check_id).not.toBe('')
        continue
      }
      const printed = facts.get(check.fact_ids?.split(';')[0] ?? '')
      expect(printed, check.check_id).toBeDefined()
      expect([check.source_file, check.line, check.column, check.end_line, check.end_column], check.check_id).toEqual([printed?.source_file, printed?.line, printed?.column, printed?.end_line, printed?.end_column])
      const source = check.source_file ?? ''
      if (!lines.has(source)) lines.set(source, readFileSync(join(ROOT, source), 'utf8').split(/\r?\n/))
      const line = lines.get(source)?.[Number(check.line) - 1] ?? ''
      expect([...line].slice(Number(check.column) - 1, Number(check.end_column) - 1).join(''), check.check_id).toBe(printed?.value_raw)
    }
    expect(checks.length).toBeGreaterThan(500)
  })
})
