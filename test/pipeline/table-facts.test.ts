import { describe, expect, it } from 'vitest'
import { factsWhere, oneFact, runSeed } from '../helpers/documents.ts'

describe('table facts of the seeds', () => {
  it('000 (Word export): 支出决算表 2010302 project = 3841400', () => {
    const doc = runSeed('000')
    expect(doc.layout).toBe('word-cells')
    const fact = oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2010302', measure: 'project' })
    expect(fact).toMatchObject({ value: '3841400', value_raw: '384.14', unit: 'CNY', unit_raw: '万元', side: 'expenditure', subject_system: 'functional', subject_name: '一般行政管理事务' })
  })

  it('000: wrapped cells, U+3000 padding, 无 as zero, 三公 in two blocks', () => {
    const doc = runSeed('000')
    expect(oneFact(doc, { table_id: 'three_public_expenses', measure: 'budget_total' }).value).toBe('1120000')
    expect(oneFact(doc, { table_id: 'three_public_expenses', measure: 'actual_vehicle_purchase' }).value).toBe('559600')
    expect(oneFact(doc, { table_id: 'three_public_expenses', measure: 'actual_official_reception' }).value).toBe('165500')
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', subject_code: '30110' })).toMatchObject({ value: '317800', value_raw: '31.78' })
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', line_item: 'personnel_total' }).value).toBe('8056300')
    expect(oneFact(doc, { table_id: 'government_fund', line_item: 'total', measure: 'opening_balance' })).toMatchObject({ value: '0', value_raw: '无' })
    expect(oneFact(doc, { table_id: 'income_expenditure_summary', side: 'income', line_item: 'opening_balance' }).value).toBe('8103600')
    expect(oneFact(doc, { table_id: 'income_expenditure_summary', side: 'expenditure', subject_code: '208' })).toMatchObject({ value: '770000', label_raw: '八、社会保障和就业支出' })
    expect(factsWhere(doc, { table_id: 'state_capital' })).toHaveLength(0)
  })

  it('001 (tab rows): 三公 actual_vehicle_operation = 92300; the 合计 row of column numbers is not a figure', () => {
    const doc = runSeed('001')
    expect(doc.layout).toBe('tab-rows')
    expect(oneFact(doc, { table_id: 'three_public_expenses', measure: 'actual_vehicle_operation' }).value).toBe('92300')
    expect(oneFact(doc, { table_id: 'three_public_expenses', measure: 'budget_overseas_travel' })).toMatchObject({ value: '0', value_raw: '0' })
    expect(factsWhere(doc, { table_id: 'income_by_function', line_item: 'total' })).toHaveLength(0)
    expect(oneFact(doc, { table_id: 'income_by_function', subject_code: '20103', measure: 'total' }).value).toBe('9513800')
    expect(doc.unplaced.filter((entry) => entry.table_id === 'income_by_function' && entry.reason === 'column-number').map((entry) => entry.raw)).toEqual(['1', '2', '3', '4', '5', '6', '7'])
    expect(oneFact(doc, { table_id: 'appropriation_summary', side: 'income', line_item: 'opening_balance_general_budget' }).value).toBe('1362500')
  })

  it('002: 收入支出决算总表 expenditure 204 = 1144500; a blank 人员经费合计 is no figure', () => {
    const doc = runSeed('002')
    expect(oneFact(doc, { table_id: 'income_expenditure_summary', side: 'expenditure', subject_code: '204' }).value).toBe('1144500')
    expect(factsWhere(doc, { table_id: 'general_budget_basic_expenditure', line_item: 'personnel_total' })).toHaveLength(0)
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', line_item: 'public_total' }).value).toBe('3508000')
    expect(oneFact(doc, { table_id: 'income_expenditure_summary', side: 'income', line_item: 'non_appropriation_balance_used' }).value).toBe('0')
  })

  it('003: 基本支出 30309 = 681900; unlabelled 0.00 rows are unplaced, not figures', () => {
    const doc = runSeed('003')
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', subject_code: '30309' }).value).toBe('681900')
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', line_item: 'personnel_total' }).value).toBe('690900')
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', line_item: 'public_total' }).value).toBe('2503400')
    const unlabelled = doc.unplaced.filter((entry) => entry.table_id === 'appropriation_summary' && entry.reason === 'unlabelled-row')
    expect(unlabelled.map((entry) => entry.raw)).toEqual(['0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00', '0.00'])
    expect(oneFact(doc, { table_id: 'appropriation_summary', side: 'expenditure', line_item: 'closing_balance', measure: 'general_budget' }).value).toBe('182800')
  })

  it('every fact of every seed points at exactly its printed text', () => {
    for (const prefix of ['000', '001', '002', '003']) {
      const doc = runSeed(prefix)
      expect(doc.facts.length).toBeGreaterThan(50)
      for (const fact of doc.facts) {
        const text = doc.slice({ line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column })
        expect(text, `${fact.fact_id} at ${fact.line}:${fact.column}`).toBe(fact.value_raw)
      }
    }
  })

  it('fact ids are unique and stable', () => {
    const doc = runSeed('000')
    const ids = doc.facts.map((fact) => fact.fact_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2010302', measure: 'project' }).fact_id).toMatch(/^[0-9a-f]{16}$/)
  })
})
