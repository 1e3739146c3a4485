import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import type { SourceDocument } from '../../core/document.ts'
import { AcrossIndex, acrossOf } from '../../outputs/across-documents.ts'
import { budgetVsFinalRows, departmentRows, panelOf, periodColumn, yearOverYearRows } from '../../outputs/across-tables.ts'
import { percentOf, subtractDecimals } from '../../outputs/decimal-math.ts'
import { ROOT, runSeed, seedName } from '../helpers/documents.ts'
import { parseCsv } from '../helpers/csv.ts'

/**
 * SYNTHETIC: seed 001 (湖南省人民政府驻深圳办事处, 2020 部门决算) relabelled as
 * its 预算 — `决算` printed as `预算` on the title page and contents (the
 * first 45 lines, where the kind is read; the tables keep their titles) —
 * with one figure changed so the budget differs from the final: 201
 * 一般公共服务支出's 本年支出合计 in the 支出表, printed 1001.55 万元 in the
 * 决算, set to 1050.00 万元. Not a real document: it stands for the budget of
 * the same department and year.
 */
function syntheticBudgetOf001(): SourceDocument {
  const text = readFileSync(join(ROOT, 'seeds', seedName('001')), 'utf8')
  const lines = text.split('\n')
  const table = lines.findIndex((line) => line.trim() === '支出决算表')
  const row = lines.findIndex((line, index) => index > table && line.startsWith('201\t一般公共服务支出\t\t1001.55\t'))
  expect([table > 0, row > table]).toEqual([true, true])
  lines[row] = (lines[row] ?? '').replace('1001.55', '1050.00')
  const relabelled = [...lines.slice(0, 45).map((line) => line.replaceAll('决算', '预算')), ...lines.slice(45)].join('\n')
  return processDocument('test/synthetic/001-relabelled-as-budget.SYNTHETIC.txt', new TextEncoder().encode(relabelled))
}

function indexOf(docs: SourceDocument[]): AcrossIndex {
  const index = new AcrossIndex()
  index.add(docs.flatMap((doc) => acrossOf(doc) ?? []))
  return index
}

describe('budget_vs_final: a 预算 and a 决算 of one department and year (synthetic budget)', () => {
  const final = runSeed('001')
  const budget = syntheticBudgetOf001()
  const index = indexOf([final, budget])

  it('the synthetic budget is the same department, year and scope, as a budget', () => {
    expect(budget.metadata).toMatchObject({ department: '湖南省人民政府驻深圳办事处', fiscalYear: 2020, docKind: 'budget', scope: '部门', departmentId: final.metadata.departmentId })
    expect(departmentRows(index)).toHaveLength(1)
  })

  it('pairs the expenditure table cell by cell: 201 total 1050.00 against 1001.55 万元, the rest equal', () => {
    const rows = budgetVsFinalRows(index).filter((row) => row.source === 'documents' && row.table_id === 'expenditure_by_function')
    const cell = (code: string, measure: string) => rows.find((row) => row.subject_code === code && row.measure === measure && row.line_item === '')
    // Typed from seed 001's 支出决算表: 201 本年支出合计 1001.55, 基本支出 952.64, 项目支出 48.91; 204 项目支出 12.10; 2010302 基本支出 0.00.
    // 1001.55 / 1050.00 = 0.953857… → 95.39%.
    expect(cell('201', 'total')).toMatchObject({ fiscal_year: 2020, budget: '10500000', final: '10015500', difference: '-484500', execution_rate: '95.39' })
    expect(cell('201', 'basic')).toMatchObject({ budget: '9526400', final: '9526400', difference: '0', execution_rate: '100' })
    expect(cell('201', 'project')).toMatchObject({ budget: '489100', final: '489100', difference: '0', execution_rate: '100' })
    expect(cell('204', 'project')).toMatchObject({ budget: '121000', final: '121000', difference: '0' })
    // A budget of 0: no rate.
    expect(cell('2010302', 'basic')).toMatchObject({ budget: '0', final: '0', difference: '0', execution_rate: null })
    // The 合计 row: 1055.78 万元 in both (the synthetic edit left it).
    expect(rows.find((row) => row.subject_code === '' && row.line_item === 'total' && row.measure === 'total')).toMatchObject({ budget: '10557800', final: '10557800', execution_rate: '100' })
    // Each side cites the facts of its own document.
    const budgetIds = new Set(budget.facts.map((fact) => fact.fact_id))
    const finalIds = new Set(final.facts.map((fact) => fact.fact_id))
    expect(rows.length).toBeGreaterThan(30)
    for (const row of rows) {
      expect(String(row.budget_fact_ids).split(';').every((id) => budgetIds.has(id))).toBe(true)
      expect(String(row.final_fact_ids).split(';').every((id) => finalIds.has(id))).toBe(true)
    }
  })

  it('keeps the 三公 预算数 / 决算数 a 决算 prints itself (000: 公务接待费 26.27 against 16.55 万元, 63%)', () => {
    const printed = budgetVsFinalRows(indexOf([runSeed('000')])).filter((row) => row.source === 'printed')
    expect(printed.find((row) => row.line_item === 'official_reception')).toMatchObject({ fiscal_year: 2020, table_id: 'three_public_expenses', budget: '262700', final: '165500', difference: '-97200', execution_rate: '63' })
    expect(printed.find((row) => row.line_item === 'total')).toMatchObject({ budget: '1120000', final: '939200', difference: '-180800', execution_rate: '83.86' })
  })
})

describe('budget_vs_final: what a 决算 explains in one sentence (source prose)', () => {
  const rows = budgetVsFinalRows(indexOf([runSeed('000')])).filter((row) => row.source === 'prose')

  it('000: 一般公共服务支出年初预算为684.08万元，支出决算为1345.98万元 (the document says 197%)', () => {
    expect(rows.find((row) => row.subject_code === '201')).toMatchObject({ fiscal_year: 2020, table_id: '', subject_name: '一般公共服务支出', budget: '6840800', final: '13459800', difference: '6619000', execution_rate: '196.76' })
    // 财政拨款支出年初预算数为947.73万元，支出决算数为1554.98万元.
    expect(rows.find((row) => row.line_item === 'appropriation_expenditure')).toMatchObject({ budget: '9477300', final: '15549800', execution_rate: '164.07' })
    // 社会保障和就业支出年初预算为77万元，支出决算77万元.
    expect(rows.find((row) => row.subject_code === '208')).toMatchObject({ budget: '770000', final: '770000', difference: '0', execution_rate: '100' })
  })

  it('a sentence with several unlabelled pairs gives none, and each key is kept once', () => {
    expect(rows.every((row) => row.subject_code !== '' || row.line_item !== '')).toBe(true)
    const keys = rows.map((row) => `${String(row.subject_code)}|${String(row.line_item)}`)
    expect(new Set(keys).size).toBe(keys.length)
  })
})

describe('panel', () => {
  const docs = ['000', '001', '002', '003', '004'].map((prefix) => runSeed(prefix))
  const budget = syntheticBudgetOf001()
  const all = [...docs, budget]
  const index = indexOf(all)
  const { periods, rows } = panelOf(index)

  it('has a column per kind and year present', () => {
    // Seed 004 (a 2024 budget) prints its figures in prose only: no table figure, no column.
    expect(periods.map(periodColumn)).toEqual(['budget_2020', 'final_accounts_2020'])
  })

  it('every cell equals the facts it cites, and every table figure in yuan is in exactly one cell', () => {
    const facts = new Map(all.flatMap((doc) => doc.facts.map((fact) => [fact.fact_id, fact] as const)))
    const cited = new Map<string, number>()
    for (const row of rows) {
      for (const period of periods) {
        const column = periodColumn(period)
        const ids = row[`${column}_fact_ids`]
        if (!ids) {
          expect(row[column], `${column} without facts`).toBeNull()
          continue
        }
        const cellFacts = ids.split(';').map((id) => facts.get(id))
        for (const fact of cellFacts) {
          expect(fact, ids).toBeDefined()
          if (!fact) continue
          cited.set(fact.fact_id, (cited.get(fact.fact_id) ?? 0) + 1)
          expect([fact.department_id, fact.doc_kind, fact.fiscal_year, fact.table_id, fact.side, fact.subject_code, fact.line_item, fact.measure]).toEqual([
            row.department_id, period.docKind, period.fiscalYear, row.table_id, row.side, row.subject_code, row.line_item, row.measure,
          ])
        }
        // Recomputed: the value of its facts when they agree, none when they do not.
        const values = new Set(cellFacts.map((fact) => fact?.value))
        expect(row[column], `${row.subject_code || row.line_item} ${row.measure} ${column}`).toBe(values.size === 1 ? [...values][0] : null)
      }
    }
    const inScope = all.flatMap((doc) => doc.facts).filter((fact) => fact.origin === 'table' && fact.unit === 'CNY' && fact.measure && fact.table_id && fact.table_id !== 'other')
    expect(inScope.length).toBeGreaterThan(1000)
    for (const fact of inScope) expect(cited.get(fact.fact_id), fact.fact_id).toBe(1)
  })

  it('seed figures: 000 支出决算表 2010302 project 384.14 万元; 001 201 total 1001.55 (决算) and 1050.00 (synthetic 预算)', () => {
    const row = rows.find((entry) => entry.department_id === docs[0]?.metadata.departmentId && entry.table_id === 'expenditure_by_function' && entry.subject_code === '2010302' && entry.measure === 'project')
    expect(row).toMatchObject({ department: '湖南省人民政府驻上海办事处', scope: '部门', subject_name: '一般行政管理事务', final_accounts_2020: '3841400', budget_2020: null })
    const shenzhen = rows.find((entry) => entry.department_id === docs[1]?.metadata.departmentId && entry.table_id === 'expenditure_by_function' && entry.subject_code === '201' && entry.measure === 'total')
    expect(shenzhen).toMatchObject({ department: '湖南省人民政府驻深圳办事处', subject_name: '一般公共服务支出', final_accounts_2020: '10015500', budget_2020: '10500000' })
  })

  it('year_over_year is empty when no department has two years of one kind', () => {
    expect(yearOverYearRows(index)).toEqual([])
  })
})

describe('exact decimal arithmetic', () => {
  it('subtracts and rounds rates half away from zero, never through a float', () => {
    expect(subtractDecimals('13459800', '13000000')).toBe('459800')
    expect(subtractDecimals('0.1', '0.3')).toBe('-0.2')
    expect(percentOf('13459800', '13000000', 2)).toBe('103.54')
    expect(percentOf('1', '8', 1)).toBe('12.5')
    expect(percentOf('1', '16', 2)).toBe('6.25')
    expect(percentOf('1', '3', 2)).toBe('33.33')
    expect(percentOf('-1', '3', 2)).toBe('-33.33')
    expect(percentOf('5', '0', 2)).toBeUndefined()
    // 1/8000 = 0.0125%: half away from zero at two decimals.
    expect(percentOf('1', '8000', 2)).toBe('0.01')
    expect(percentOf('3', '8000', 3)).toBe('0.038')
  })
})

describe('datapackage.json: foreign keys to departments, and the committed dist/ keeps them', () => {
  it('facts, documents, panel, budget_vs_final and year_over_year point at departments; every id they hold is there', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'dist', 'datapackage.json'), 'utf8')) as { resources: { name: string; schema?: { foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[] } }[] }
    const toDepartments = { fields: ['department_id'], reference: { resource: 'departments', fields: ['department_id'] } }
    for (const name of ['facts', 'documents', 'panel', 'budget_vs_final', 'year_over_year']) {
      expect(pkg.resources.find((resource) => resource.name === name)?.schema?.foreignKeys, name).toContainEqual(toDepartments)
    }
    const column = (table: string, name: string): string[] => {
      const [header, ...rows] = parseCsv(readFileSync(join(ROOT, 'dist', `${table}.csv`), 'utf8'))
      const index = header?.indexOf(name) ?? -1
      return rows.map((row) => row[index] ?? '')
    }
    const departments = new Set(column('departments', 'department_id'))
    expect(departments.size).toBe(5)
    for (const table of ['facts', 'documents', 'panel', 'budget_vs_final']) {
      const ids = column(table, 'department_id')
      expect(ids.length, table).toBeGreaterThan(0)
      expect(ids.filter((id) => !departments.has(id)), table).toEqual([])
    }
  })
})
