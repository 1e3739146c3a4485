import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { asyncBufferFromFile, parquetMetadata, parquetReadObjects } from 'hyparquet'
import { tableFromIPC } from '@uwdata/flechette'
import { FACTS_SCHEMA, canonicalDecimal, typedCell } from '../../outputs/schema.ts'
import { EXACT_DECIMAL } from '../../core/fact-schema.ts'
import { canonicalText, fromUnscaled, sumDecimals } from '../helpers/decimals.ts'
import { duckdbRows } from '../helpers/duckdb.ts'
import { OUTPUT_TABLES } from '../../outputs/tables.ts'
import type { FieldSchema } from '../../outputs/schema.ts'
import { neutralizeCsvCell } from '../../outputs/writers/csv-cell.ts'
import { buildDataPackage, writeDataPackage } from '../../outputs/writers/write-datapackage.ts'
import { writeTableAll } from '../helpers/write-table.ts'

/** The schema of every table the build writes. */
const ALL_SCHEMAS = OUTPUT_TABLES.map((table) => table.schema)
import { parseCsv } from '../helpers/csv.ts'
import fc from 'fast-check'
import { csvField, encodeRows } from '../../outputs/writers/encode-rows.ts'


const BASE = {
  doc_id: '000_3c34c72f74ac532a',
  source_file: 'seeds/000_3c34c72f74ac532a.txt',
  doc_kind: 'final_accounts',
  department: '某某局',
  origin: 'table',
  table_id: 'expenditure_by_function',
  side: 'expenditure',
  line_item: '',
  subject_system: 'functional',
  unit: 'CNY',
  unit_raw: '万元',
  unit_basis: 'printed',
  table_title_raw: '支出决算表',
  row_number: '',
}

const FIRST = {
  ...BASE,
  fact_id: 'f1',
  fiscal_year: 2023,
  subject_code: '2010301',
  subject_name: '行政运行',
  label_raw: '2010301 行政运行',
  measure: 'total',
  measure_raw: '本年支出合计',
  value: '11187700',
  value_raw: '1118.77',
  line: 449,
  column: 12,
  end_line: 449,
  end_column: 19,
  row_number: '1',
}

const ROWS: Record<string, unknown>[] = [
  FIRST,
  {
    ...BASE,
    fact_id: 'f2',
    fiscal_year: 2023,
    subject_code: '2010302',
    subject_name: '一般行政管理事务',
    label_raw: '=SUM(A1)',
    measure: 'project',
    measure_raw: '项目支出, "调整"\n后',
    value: '-1230',
    value_raw: '-0.123',
    line: 450,
    column: 3,
    end_line: 450,
    end_column: 9,
  },
  {
    ...BASE,
    fact_id: 'f3',
    // Unknown year: stays empty (null) in every format.
    fiscal_year: null,
    doc_kind: '',
    origin: 'prose',
    table_id: '',
    side: '',
    subject_system: '',
    subject_code: '',
    subject_name: '',
    label_raw: '－1',
    measure: 'rate',
    measure_raw: '执行率',
    value: '94.2200',
    unit: 'percent',
    value_raw: '94.22%',
    unit_raw: '',
    line: 12,
    column: 1,
    end_line: 12,
    end_column: 7,
  },
  {
    ...FIRST,
    fact_id: 'f4',
    // More digits than a double holds (19 before the point, 6 after): exact in DECIMAL(38, 6).
    value: '1234567890123456789.123456',
    value_raw: '1234567890123456789.123456',
    unit_raw: '元',
    line: 451,
    end_line: 451,
    end_column: 38,
    row_number: '2',
  },
]

/** Each expected cell as the CSV prints it (before neutralising). */
function expectedText(row: Record<string, unknown>, field: FieldSchema): string {
  const value = typedCell(field, row[field.name])
  return value === null ? '' : String(value)
}

let dir: string
let again: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cn-budget-writers-a-'))
  again = mkdtempSync(join(tmpdir(), 'cn-budget-writers-b-'))
  for (const out of [dir, again]) {
    await writeTableAll(out, ROWS, FACTS_SCHEMA)
    await writeDataPackage(join(out, 'datapackage.json'), ALL_SCHEMAS)
  }
})

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  rmSync(again, { recursive: true, force: true })
})

describe('neutralizeCsvCell', () => {
  it('prefixes formula starts (ASCII, full-width, after leading spaces) and nothing else', () => {
    for (const text of ['=SUM(A1)', '+1', '-1+1', '@x', '\tx', '\rx', '＝1', '＋1', '－x', '＠x', ' =1', '\u3000－1', '\u00a0@x']) {
      expect(neutralizeCsvCell(text)).toBe(`'${text}`)
    }
    for (const text of ['', '行政运行', '2010301', 'a=b', '1-2', ' 1', "'=already", '-1', '-12.30', '－1']) expect(neutralizeCsvCell(text)).toBe(text)
  })
})

describe('typedCell', () => {
  const decimal: FieldSchema = { name: 'value', type: 'decimal', ...EXACT_DECIMAL, title_zh: '', description_zh: '', description_en: '' }
  const integer: FieldSchema = { name: 'line', type: 'integer', title_zh: '', description_zh: '', description_en: '' }

  it('keeps decimals exact and canonical, as text', () => {
    expect(typedCell(decimal, '11187700')).toBe('11187700')
    expect(typedCell(decimal, '-12.30')).toBe('-12.3')
    expect(typedCell(decimal, '-0.00')).toBe('0')
    expect(typedCell(decimal, '0.000001')).toBe('0.000001')
    // 32 digits before the point: more than a double holds, exactly what DECIMAL(38, 6) does.
    expect(typedCell(decimal, `${'9'.repeat(32)}.999999`)).toBe(`${'9'.repeat(32)}.999999`)
    expect(canonicalDecimal('007.500')).toBe('7.5')
    expect(canonicalDecimal('1,000')).toBeUndefined()
  })

  it('refuses values it cannot store exactly, never rounds', () => {
    expect(() => typedCell(decimal, '0.0000001')).toThrow(/`0.0000001` does not fit DECIMAL\(38, 6\).*never rounded/)
    expect(() => typedCell(decimal, `1${'0'.repeat(32)}`)).toThrow(/33 digits before the point/)
    expect(() => typedCell(decimal, 0.1 + 0.2)).toThrow(/does not fit/)
    expect(() => typedCell(decimal, '1.2万')).toThrow(/not a plain decimal/)
    const { precision: _precision, scale: _scale, ...unsized } = decimal
    expect(() => typedCell(unsized, '1')).toThrow(/without a valid precision and scale/)
    expect(() => typedCell(integer, 2 ** 31)).toThrow(/32-bit/)
    expect(() => typedCell(integer, 1.5)).toThrow(/32-bit/)
  })

  it('reads empty numeric cells as null', () => {
    expect(typedCell(integer, '')).toBeNull()
    expect(typedCell(integer, undefined)).toBeNull()
    expect(typedCell(decimal, null)).toBeNull()
  })

  it('reads empty text as null in an optional column only', () => {
    const optional: FieldSchema = { name: 'label', type: 'string', nullable: true, title_zh: '', description_zh: '', description_en: '' }
    const required: FieldSchema = { name: 'fact_id', type: 'string', title_zh: '', description_zh: '', description_en: '' }
    expect(typedCell(optional, '')).toBeNull()
    expect(typedCell(optional, '行政运行')).toBe('行政运行')
    expect(typedCell(required, '')).toBe('')
  })

})

describe('writeTableAll', () => {
  it('writes a UTF-8 CSV with BOM, CRLF records, header in schema order, text cells neutralised', () => {
    const text = readFileSync(join(dir, 'facts.csv'), 'utf8')
    expect(text.charCodeAt(0)).toBe(0xfeff)
    expect(text.endsWith('\r\n')).toBe(true)
    const [header, ...rows] = parseCsv(text.slice(1))
    expect(header).toEqual(FACTS_SCHEMA.fields.map((field) => field.name))
    expect(rows).toHaveLength(ROWS.length)
    const cell = (row: number, name: string) => rows[row]?.[header?.indexOf(name) ?? -1]
    expect(cell(0, 'subject_code')).toBe('2010301')
    expect(cell(0, 'value')).toBe('11187700')
    expect(cell(1, 'value')).toBe('-1230')
    // A negative number is not a formula: the printed text is kept.
    expect(cell(1, 'value_raw')).toBe('-0.123')
    expect(cell(1, 'label_raw')).toBe("'=SUM(A1)")
    expect(cell(1, 'measure_raw')).toBe('项目支出, "调整"\n后')
    expect(cell(2, 'label_raw')).toBe('－1')
    expect(cell(2, 'fiscal_year')).toBe('')
    expect(cell(2, 'table_id')).toBe('')
    expect(cell(2, 'doc_kind')).toBe('')
    expect(cell(2, 'value')).toBe('94.22')
  })

  it('CSV, Arrow (flechette) and Parquet (hyparquet, DuckDB) give the same rows', async () => {
    const [header, ...csvRows] = parseCsv(readFileSync(join(dir, 'facts.csv'), 'utf8').slice(1))
    // Decimals as their stored integers (units of 10^-6): exact, where flechette's default is a float.
    const arrow = tableFromIPC(readFileSync(join(dir, 'facts.arrow')), { useDecimalInt: true }).toArray() as Record<string, unknown>[]
    const parquet = (await parquetReadObjects({ file: await asyncBufferFromFile(join(dir, 'facts.parquet')) })) as Record<string, unknown>[]
    const duckdb = await duckdbRows(`select * from '${join(dir, 'facts.parquet')}'`)
    expect(header).toEqual(FACTS_SCHEMA.fields.map((field) => field.name))
    expect(arrow).toHaveLength(ROWS.length)
    expect(parquet).toHaveLength(ROWS.length)
    expect(duckdb).toHaveLength(ROWS.length)
    for (const [index, row] of ROWS.entries()) {
      for (const [column, field] of FACTS_SCHEMA.fields.entries()) {
        const expected = expectedText(row, field)
        const where = `${field.name} row ${index}`
        const csv = csvRows[index]?.[column] ?? ''
        expect(field.type === 'string' ? csv.replace(/^'/, '') : csv, `csv ${where}`).toBe(expected)
        const [fromArrow, fromParquet, fromDuckdb] = [arrow[index]?.[field.name], parquet[index]?.[field.name], duckdb[index]?.[field.name]]
        if (expected === '') {
          for (const value of [fromArrow, fromParquet, fromDuckdb]) expect(value === '' ? null : value, where).toBe(field.type === 'string' && !(field as FieldSchema).nullable ? '' : null)
        } else if (field.type === 'decimal') {
          expect(fromUnscaled(fromArrow as bigint, 6), `arrow ${where}`).toBe(expected)
          expect(canonicalText(fromDuckdb as string), `duckdb ${where}`).toBe(expected)
          // hyparquet turns every DECIMAL into a float (scaled by 10^-6): close, not exact.
          expect(Math.abs((fromParquet as number) - Number(expected)), `hyparquet ${where}`).toBeLessThanOrEqual(Math.abs(Number(expected)) * 1e-15)
        } else {
          const typed = field.type === 'integer' ? Number(expected) : expected
          expect(fromArrow, `arrow ${where}`).toBe(typed)
          expect(fromParquet, `hyparquet ${where}`).toBe(typed)
          expect(field.type === 'integer' ? Number(fromDuckdb) : fromDuckdb, `duckdb ${where}`).toBe(typed)
        }
      }
    }
    // The figures that matter, spelled out.
    expect(arrow.map((record) => record.value)).toEqual([11187700_000000n, -1230_000000n, 94_220000n, 1234567890123456789_123456n])
    expect(duckdb.map((record) => record.value)).toEqual(['11187700.000000', '-1230.000000', '94.220000', '1234567890123456789.123456'])
    for (const record of [arrow, parquet, duckdb]) {
      expect(record[0]?.subject_code).toBe('2010301')
      expect(record[1]?.label_raw).toBe('=SUM(A1)')
      expect(record[2]?.fiscal_year).toBeNull()
      // Empty optional text is NULL, not '': `is null` finds it.
      expect(record[2]?.table_id).toBeNull()
      expect(record[2]?.doc_kind).toBeNull()
      expect(record[0]?.line_item).toBeNull()
      expect(record[0]?.row_number).toBe('1')
    }
    // A sum no double holds: DuckDB adds the DECIMALs exactly.
    const [sum] = await duckdbRows(`select sum(value) as total, typeof(sum(value)) as type from '${join(dir, 'facts.parquet')}'`)
    expect(sum).toEqual({ total: '1234567890134643353.343456', type: 'DECIMAL(38,6)' })
    expect(sumDecimals(ROWS.map((row) => String(row.value)))).toBe('1234567890134643353.343456')
  })

  it('types the Arrow and Parquet columns from the schema: decimals are DECIMAL(38, 6)', async () => {
    const arrow = tableFromIPC(readFileSync(join(dir, 'facts.arrow')))
    expect(arrow.schema.fields.map((field) => field.name)).toEqual(FACTS_SCHEMA.fields.map((field) => field.name))
    const typeOf = (name: string) => arrow.schema.fields.find((field) => field.name === name)?.type
    expect(typeOf('subject_code')).toMatchObject({ typeId: 5 }) // Utf8
    expect(typeOf('fiscal_year')).toMatchObject({ typeId: 2, bitWidth: 32, signed: true })
    expect(typeOf('value')).toMatchObject({ typeId: 7, precision: 38, scale: 6, bitWidth: 128 }) // Decimal128
    const buffer = readFileSync(join(dir, 'facts.parquet'))
    const metadata = parquetMetadata(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength))
    const element = (name: string) => metadata.schema.find((entry) => entry.name === name)
    expect(element('subject_code')).toMatchObject({ type: 'BYTE_ARRAY' })
    expect(element('fiscal_year')).toMatchObject({ type: 'INT32' })
    expect(element('value')).toMatchObject({ type: 'FIXED_LEN_BYTE_ARRAY', type_length: 16, logical_type: { type: 'DECIMAL', precision: 38, scale: 6 } })
    const [types] = await duckdbRows(`select typeof(value) as value, typeof(line) as line, typeof(label) as label from '${join(dir, 'facts.parquet')}' limit 1`)
    expect(types).toEqual({ value: 'DECIMAL(38,6)', line: 'INTEGER', label: 'VARCHAR' })
  })

  it('refuses, loudly, a value with more decimals than its column holds', () => {
    const names = FACTS_SCHEMA.fields.map((field) => field.name)
    const row = { ...ROWS[0], value: '11187700.0000001' } as Record<string, unknown>
    expect(() => encodeRows(FACTS_SCHEMA, [names.map((name) => row[name] ?? null)])).toThrow(/Column `value`: `11187700.0000001` does not fit DECIMAL\(38, 6\)/)
  })

  it('writes byte-identical files twice', () => {
    for (const name of ['facts.csv', 'facts.arrow', 'facts.parquet', 'datapackage.json']) {
      expect(readFileSync(join(dir, name)).equals(readFileSync(join(again, name))), name).toBe(true)
    }
  })

  it('writes empty tables with their columns', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'cn-budget-writers-empty-'))
    try {
      await writeTableAll(empty, [], FACTS_SCHEMA)
      expect(readFileSync(join(empty, 'facts.csv'), 'utf8')).toBe(`\ufeff${FACTS_SCHEMA.fields.map((field) => field.name).join(',')}\r\n`)
      expect(tableFromIPC(readFileSync(join(empty, 'facts.arrow'))).numRows).toBe(0)
      const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(join(empty, 'facts.parquet')) })
      expect(parquet).toEqual([])
    } finally {
      rmSync(empty, { recursive: true, force: true })
    }
  })
})

describe('datapackage.json', () => {
  const json = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as { name: string }
  const pkg = buildDataPackage(ALL_SCHEMAS) as {
    name: string
    resources: { name: string; path: string; format: string; schema?: { fields: { name: string; type: string; description: string }[]; primaryKey?: string[] } }[]
  }

  it('is named after the project and written as stable JSON', () => {
    expect(pkg.name).toBe(json.name)
    const text = readFileSync(join(dir, 'datapackage.json'), 'utf8')
    expect(text).toBe(`${JSON.stringify(pkg, null, 2)}\n`)
  })

  it('lists every field of every schema, typed, with a Chinese and an English description', () => {
    for (const schema of ALL_SCHEMAS) {
      const resource = pkg.resources.find((candidate) => candidate.name === schema.name)
      expect(resource?.path).toBe(`${schema.name}.csv`)
      expect(resource?.schema?.fields.map((field) => field.name)).toEqual(schema.fields.map((field) => field.name))
      for (const field of resource?.schema?.fields ?? []) {
        expect(['string', 'integer', 'number']).toContain(field.type)
        expect(field.description, `${schema.name}.${field.name}`).toMatch(/\p{Script=Han}/u)
        expect(field.description, `${schema.name}.${field.name}`).toMatch(/[A-Za-z]{3,}.*\s[A-Za-z]{2,}/)
      }
      if (schema.primaryKey.length) expect(resource?.schema?.primaryKey).toEqual(schema.primaryKey)
      for (const format of ['arrow', 'parquet']) {
        expect(pkg.resources.find((candidate) => candidate.name === `${schema.name}-${format}`)).toMatchObject({ path: `${schema.name}.${format}`, format })
      }
    }
    const value = pkg.resources[0]?.schema?.fields.find((field) => field.name === 'value')
    expect(value).toMatchObject({ type: 'number', unit: 'CNY', precision: 38, scale: 6 })
    // Required columns say so; optional ones (empty = NULL in Arrow/Parquet) do not.
    const facts = pkg.resources[0]?.schema?.fields as { name: string; constraints?: { required?: boolean; enum?: string[] } }[]
    expect(facts.find((field) => field.name === 'value')?.constraints).toEqual({ required: true })
    expect(facts.find((field) => field.name === 'table_id')?.constraints?.required).toBeUndefined()
    expect(facts.find((field) => field.name === 'table_id')?.constraints?.enum).toContain('expenditure_by_function')
    expect(facts.find((field) => field.name === 'sentence')?.constraints).toBeUndefined()
  })
})

describe('CSV fields (encodeRows)', () => {
  it('every field reads back unchanged with csv-parse, lone CR and LF included', () => {
    const alphabet = ['a', '中', ',', '"', '\r', '\n', '\r\n', ' ', '　', "'", '=']
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...alphabet), { maxLength: 8 }).map((parts) => parts.join('')), { minLength: 1, maxLength: 6 }), (fields) => {
        const line = `${fields.map(csvField).join(',')}\r\n`
        expect(parseCsv(line)).toEqual([fields])
      }),
      { numRuns: 2000 },
    )
  })

  it('quotes only what needs it', () => {
    expect(csvField('行政运行')).toBe('行政运行')
    expect(csvField('项目支出, "调整"')).toBe('"项目支出, ""调整"""')
    expect(csvField('上行\n下行')).toBe('"上行\n下行"')
  })
})
