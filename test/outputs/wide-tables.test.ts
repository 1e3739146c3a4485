import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OUTPUT_TABLES } from '../../outputs/tables.ts'
import { typedCell, type TableSchema } from '../../outputs/schema.ts'
import type { SourceDocument } from '../../core/document.ts'
import type { Fact } from '../../core/types.ts'
import {
  BASIC_EXPENDITURE_BY_ECONOMIC_SCHEMA,
  EXPENDITURE_BY_FUNCTION_SCHEMA,
  SUMMARY_SCHEMA,
  THREE_PUBLIC_SCHEMA,
  basicExpenditureByEconomicRows,
  expenditureByFunctionRows,
  summaryRows,
  threePublicRows,
} from '../../outputs/wide-tables.ts'
import { CORPUS, runFile, seedNames } from '../helpers/documents.ts'

const CORPUS_FILE = 'shanghai-putuo-social-work-dept-2024-final.layout.txt'
const FILES = [...seedNames().map((name) => `seeds/${name}`), ...(existsSync(join(CORPUS, CORPUS_FILE)) ? [`../shared/corpus/${CORPUS_FILE}`] : [])]

/** Table facts of one table in printed order: the order the wide tables take "the first" from. */
function printed(doc: SourceDocument, tableId: string): Fact[] {
  return doc.facts.filter((fact) => fact.origin === 'table' && fact.table_id === tableId).sort((a, b) => a.line - b.line || a.column - b.column)
}

/** The value of the first printed fact matching, or null. */
function first(facts: Fact[], where: Partial<Fact>): string | null {
  return facts.find((fact) => Object.entries(where).every(([key, value]) => fact[key as keyof Fact] === value))?.value ?? null
}

/** Per code, the first printed value of each measure, recomputed without the wide-table code. */
function byCode(facts: Fact[], system: string, measures: string[]): Map<string, Record<string, string | null>> {
  const codes = new Map<string, Record<string, string | null>>()
  for (const fact of facts) {
    if (fact.subject_system !== system || !fact.subject_code || !measures.includes(fact.measure)) continue
    const entry = codes.get(fact.subject_code) ?? Object.fromEntries(measures.map((measure) => [measure, null]))
    if (entry[fact.measure] === null) entry[fact.measure] = fact.value
    codes.set(fact.subject_code, entry)
  }
  return codes
}

/** Each wide table's schema and its rows of a document. */
function wideTables(doc: SourceDocument): [TableSchema, Record<string, unknown>[]][] {
  return [
    [SUMMARY_SCHEMA, summaryRows(doc)],
    [EXPENDITURE_BY_FUNCTION_SCHEMA, expenditureByFunctionRows(doc)],
    [THREE_PUBLIC_SCHEMA, threePublicRows(doc)],
    [BASIC_EXPENDITURE_BY_ECONOMIC_SCHEMA, basicExpenditureByEconomicRows(doc)],
  ]
}

describe.each(FILES)('wide tables of %s agree with its facts', (file) => {
  const doc = runFile(file)

  it('summary: each figure is the first printed fact of its row and column', () => {
    const summary = printed(doc, 'income_expenditure_summary')
    const expenditure = printed(doc, 'expenditure_by_function')
    const three = printed(doc, 'three_public_expenses')
    const expected = {
      income_total: first(summary, { side: 'income', line_item: 'income_total', measure: 'amount' }),
      expenditure_total: first(summary, { side: 'expenditure', line_item: 'expenditure_total', measure: 'amount' }),
      basic_expenditure: first(expenditure, { line_item: 'total', subject_code: '', measure: 'basic' }),
      project_expenditure: first(expenditure, { line_item: 'total', subject_code: '', measure: 'project' }),
      opening_balance: first(summary, { side: 'income', line_item: 'opening_balance', measure: 'amount' }),
      closing_balance: first(summary, { side: 'expenditure', line_item: 'closing_balance', measure: 'amount' }),
      three_public_budget_total: first(three, { measure: 'budget_total' }),
      three_public_budget_overseas_travel: first(three, { measure: 'budget_overseas_travel' }),
      three_public_budget_vehicles: first(three, { measure: 'budget_vehicles_total' }),
      three_public_budget_reception: first(three, { measure: 'budget_official_reception' }),
      three_public_actual_total: first(three, { measure: 'actual_total' }),
      three_public_actual_overseas_travel: first(three, { measure: 'actual_overseas_travel' }),
      three_public_actual_vehicles: first(three, { measure: 'actual_vehicles_total' }),
      three_public_actual_reception: first(three, { measure: 'actual_official_reception' }),
      checks_failed: doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length,
    }
    const rows = summaryRows(doc)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ doc_id: doc.docId, department: doc.metadata.department, fiscal_year: doc.metadata.fiscalYear, doc_kind: doc.metadata.docKind, ...expected })
  })

  it('expenditure_by_function: one row per functional code of 支出决算表, total / basic / project', () => {
    const expected = byCode(printed(doc, 'expenditure_by_function'), 'functional', ['total', 'basic', 'project'])
    const rows = expenditureByFunctionRows(doc)
    expect(rows.map((row) => row.subject_code)).toEqual([...expected.keys()])
    for (const row of rows) {
      const code = String(row.subject_code)
      expect({ total: row.total, basic: row.basic, project: row.project }, code).toEqual(expected.get(code))
      expect(row.table_id).toBe('expenditure_by_function')
      expect(row.subject_level).toBe(['class', 'section', 'item'][(code.length - 3) / 2])
      expect(row.subject_parent).toBe(code.length > 3 ? code.slice(0, -2) : '')
    }
  })

  it('three_public: one row per printed item, budget and actual', () => {
    const three = printed(doc, 'three_public_expenses')
    const rows = threePublicRows(doc)
    const items = ['total', 'overseas_travel', 'vehicles_total', 'vehicle_purchase', 'vehicle_operation', 'official_reception']
    expect(rows.map((row) => row.item)).toEqual(items.filter((item) => three.some((fact) => fact.measure === `budget_${item}` || fact.measure === `actual_${item}`)))
    for (const row of rows) {
      expect(row.budget, String(row.item)).toBe(first(three, { measure: `budget_${String(row.item)}` }))
      expect(row.actual, String(row.item)).toBe(first(three, { measure: `actual_${String(row.item)}` }))
    }
  })

  it('basic_expenditure_by_economic: one row per economic code of the basic expenditure table', () => {
    const expected = byCode(printed(doc, 'general_budget_basic_expenditure'), 'economic', ['amount'])
    const rows = basicExpenditureByEconomicRows(doc)
    expect(rows.map((row) => row.subject_code)).toEqual([...expected.keys()])
    for (const row of rows) expect(row.amount, String(row.subject_code)).toBe(expected.get(String(row.subject_code))?.amount)
  })

  it('every row fits its schema (the writers accept every cell) and points at a line holding one of its figures', () => {
    for (const [schema, rows] of wideTables(doc)) {
      for (const row of rows) {
        expect(Object.keys(row).sort()).toEqual(schema.fields.map((field) => field.name).sort())
        for (const field of schema.fields) expect(() => typedCell(field, row[field.name])).not.toThrow()
        if ('source_line' in row) expect(doc.facts.some((fact) => fact.line === row.source_line)).toBe(true)
      }
    }
  })
})

describe('wide tables, concrete values', () => {
  it('seed 000: headline figures and a functional row', () => {
    const doc = runFile(`seeds/${seedNames()[0]}`)
    expect(summaryRows(doc)[0]).toMatchObject({ income_total: '11187700', expenditure_total: '15549800', basic_expenditure: '8850900', project_expenditure: '6698900', three_public_budget_total: '1120000', three_public_actual_total: '939200' })
    expect(expenditureByFunctionRows(doc).find((row) => row.subject_code === '2010302')).toMatchObject({ subject_name: '一般行政管理事务', subject_level: 'item', subject_parent: '20103', total: '4006600', basic: '165200', project: '3841400' })
    expect(threePublicRows(doc).find((row) => row.item === 'official_reception')).toMatchObject({ item_name: '公务接待费', budget: '262700', actual: '165500' })
  })

  it('every row of every wide table says its department, year and kind of document (seed 002)', () => {
    const doc = runFile(`seeds/${seedNames().find((name) => name.startsWith('002')) ?? ''}`)
    const document = { doc_id: '002_c7d260566f70815e', source_file: 'seeds/002_c7d260566f70815e.txt', department: '株洲市荷塘区人民政府办公室', fiscal_year: 2020, doc_kind: 'final_accounts' }
    for (const [schema, rows] of wideTables(doc)) {
      expect(schema.fields.map((field) => field.name), schema.name).toEqual(expect.arrayContaining(Object.keys(document)))
      expect(rows.length, schema.name).toBeGreaterThan(0)
      for (const row of rows) expect(row, schema.name).toMatchObject(document)
    }
  })

  it('a document without tables has a summary row of empty figures and no other rows', () => {
    const doc = runFile(`seeds/${seedNames().find((name) => name.startsWith('004')) ?? ''}`)
    expect(summaryRows(doc)[0]).toMatchObject({ income_total: null, three_public_actual_total: null, checks_failed: 0 })
    expect(expenditureByFunctionRows(doc)).toEqual([])
    expect(threePublicRows(doc)).toEqual([])
  })
})

describe('data dictionary of the output tables', () => {
  it('every column has a Chinese title, distinct within its table (they become CSV headers with --labels zh), and both descriptions', () => {
    for (const { schema } of OUTPUT_TABLES) {
      const titles = schema.fields.map((field) => field.title_zh)
      expect(new Set(titles).size, schema.name).toBe(titles.length)
      for (const field of schema.fields) {
        expect(field.title_zh, `${schema.name}.${field.name}`).not.toBe('')
        expect(field.description_zh, `${schema.name}.${field.name}`).not.toBe('')
        expect(field.description_en, `${schema.name}.${field.name}`).not.toBe('')
        expect(field.name, `${schema.name}.${field.name}`).toMatch(/^[a-z][a-z0-9_]*$/)
      }
    }
  })

  it('the wide tables are registered as outputs', () => {
    const names = OUTPUT_TABLES.map((table) => table.schema.name)
    for (const name of ['summary', 'expenditure_by_function', 'three_public', 'basic_expenditure_by_economic']) expect(names).toContain(name)
  })
})
