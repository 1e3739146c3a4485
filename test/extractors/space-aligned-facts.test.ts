import { readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasCorpus, oneFact, factsWhere, runFile, ROOT } from '../helpers/documents.ts'
import type { Fact } from '../../core/types.ts'
import type { SourceDocument } from '../../core/document.ts'
import { join } from 'node:path'

const FIXTURES = 'test/fixtures/space-aligned'
const PUTUO = '../shared/corpus/shanghai-putuo-social-work-dept-2024-final.layout.txt'

/** What a fact says, without where it was printed. */
function meaning(fact: Fact): string {
  return [fact.table_id, fact.side, fact.line_item, fact.subject_code, fact.measure, fact.value, fact.value_raw].join('|')
}

describe('the same tables aligned by spaces give the same facts as with tabs', () => {
  const names = readdirSync(join(ROOT, FIXTURES)).filter((name) => name.endsWith('.txt')).sort()
  it('has a space-aligned rendering of each tab seed', () => {
    expect(names).toEqual(['001_fcedaedd7c0e673c.txt', '002_c7d260566f70815e.txt', '003_be5e21c590b899c0.txt'])
  })
  for (const name of names) {
    it(name, () => {
      const spaced = runFile(`${FIXTURES}/${name}`)
      const tabbed = runFile(`seeds/${name}`)
      expect(spaced.layout).toBe('space-aligned')
      expect(tabbed.layout).toBe('tab-rows')
      expect(spaced.facts.map(meaning).sort()).toEqual(tabbed.facts.map(meaning).sort())
      for (const fact of spaced.facts) {
        expect(spaced.slice({ line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column })).toBe(fact.value_raw)
      }
    })
  }
})

describe.skipIf(!hasCorpus())('a real pdftotext -layout document (Shanghai 普陀区 2024)', () => {
  it('reads all nine tables with wrapped names, glued codes and 合计 as the last row', () => {
    const doc = runFile(PUTUO)
    expect(doc.layout).toBe('space-aligned')
    expect(doc.metadata).toMatchObject({ department: '中共上海市普陀区委社会工作部', fiscalYear: 2024, docKind: 'final_accounts' })
    expect(new Set(doc.regions.map((region) => region.tableId)).size).toBe(9)
    expect(oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2013999', measure: 'project' }).value).toBe('2022400')
    expect(oneFact(doc, { table_id: 'income_by_function', subject_code: '2080505', measure: 'fiscal_appropriation' })).toMatchObject({ value: '61800', label_raw: '机关事业单位基本养老保险缴费支出' })
    expect(oneFact(doc, { table_id: 'general_budget_expenditure', line_item: 'total', measure: 'project' }).value).toBe('2022400')
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', subject_code: '30299' }).value).toBe('2000')
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', subject_code: '310' }).value_raw).toBe('0.00')
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', subject_code: '31007' }).subject_name).toBe('信息网络及软件购置更新')
    expect(oneFact(doc, { table_id: 'general_budget_basic_expenditure', line_item: 'public_total' }).value).toBe('102300')
    expect(oneFact(doc, { table_id: 'income_expenditure_summary', side: 'expenditure', subject_code: '221' }).value).toBe('294200')
    expect(oneFact(doc, { table_id: 'appropriation_summary', side: 'expenditure', line_item: 'grand_total', measure: 'general_budget' }).value).toBe('3078200')
    expect(factsWhere(doc, { table_id: 'three_public_expenses' })).toHaveLength(0)
    const perTable = new Map<string, number>()
    for (const fact of doc.facts) if (fact.origin === 'table') perTable.set(fact.table_id, (perTable.get(fact.table_id) ?? 0) + 1)
    expect(Object.fromEntries(perTable)).toEqual({
      income_expenditure_summary: 9,
      income_by_function: 36,
      expenditure_by_function: 39,
      appropriation_summary: 15,
      general_budget_expenditure: 39,
      general_budget_basic_expenditure: 67,
    })
    expect(doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error')).toEqual([])
  })
})

describe.skipIf(!hasCorpus())('a 预算 summary whose expenditure side prints 合计, 基本支出 and 项目支出 (普陀区商务委 2025 单位预算)', () => {
  it('reads 合计 as the amount and 人员经费, 公用经费, 项目支出 as themselves', () => {
    const doc = runFile('../shared/corpus/real/putuo-commerce-2025-unit-budget.layout.txt')
    const summary = (where: Partial<Fact>) => oneFact(doc, { table_id: 'income_expenditure_summary', side: 'expenditure', ...where })
    // 一、一般公共服务支出  21,601,733.00  10,823,891.00  1,467,842.00  9,310,000.00
    expect(summary({ subject_code: '201', measure: 'amount' }).value_raw).toBe('21,601,733.00')
    expect(summary({ subject_code: '201', measure: 'basic_personnel' }).value_raw).toBe('10,823,891.00')
    expect(summary({ subject_code: '201', measure: 'basic_public' }).value_raw).toBe('1,467,842.00')
    expect(summary({ subject_code: '201', measure: 'project' }).value_raw).toBe('9,310,000.00')
    // 支出总计  371,514,655.00  18,120,593.00  1,710,062.00  351,684,000.00
    expect(summary({ line_item: 'grand_total', measure: 'amount' }).value_raw).toBe('371,514,655.00')
    // 支出总计 = 收入总计 and 201, 208 against 支出预算表: the errors the 人员经费 column made.
    expect(doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error')).toEqual([])
  })
})

describe.skipIf(!hasCorpus())('a 财政拨款收支总表 whose funds are printed again under 二、上年结转结余 (杭州市司法局 2026)', () => {
  it('reads the funds below 上年结转结余 as its parts, not as appropriations', () => {
    const doc = runFile('../shared/corpus/real/hz-ac78e7d9.layout.txt')
    const income = (where: Partial<Fact>) => oneFact(doc, { table_id: 'appropriation_summary', side: 'income', ...where })
    // 一、财政拨款 91,495.48 / 一般公共预算 91,495.48 / 二、上年结转结余 347.32 / 一般公共预算 347.32
    expect(income({ line_item: 'general_budget_appropriation' }).value_raw).toBe('91,495.48')
    expect(income({ line_item: 'opening_balance' }).value_raw).toBe('347.32')
    expect(income({ line_item: 'opening_balance_general_budget' })).toMatchObject({ value_raw: '347.32', line: 712 })
  })
})

describe.skipIf(!hasCorpus())('a “三公” table by unit whose 公务用车购置及运行费 header stands over 小计, 购置费 and 运行费 (杭州 2026 表7)', () => {
  it('reads 小计 as the vehicles subtotal, in the 合计 row too', () => {
    const police = runFile('../shared/corpus/real/hz-c0afe4e6.layout.txt')
    const cell = (doc: SourceDocument, line: number, column: number) => oneFact(doc, { table_id: 'three_public_expenses', line, column })
    // 合计  4,112.82  4,011.89  1,024.69  2,987.20  100.93
    expect(cell(police, 799, 20)).toMatchObject({ measure: 'budget_total', value_raw: '4,112.82' })
    expect(cell(police, 799, 39)).toMatchObject({ measure: 'budget_vehicles_total', value_raw: '4,011.89' })
    // 杭州市公安局  887.56  827.56  102.96  724.60  60.00
    expect(cell(police, 800, 41)).toMatchObject({ measure: 'budget_vehicles_total', value_raw: '827.56' })
    // The header hung on 小计 (公务用车购置及运行费/小计): the 合计 row's 339.68 is that subtotal, not a second 合计.
    const justice = runFile('../shared/corpus/real/hz-ac78e7d9.layout.txt')
    expect(cell(justice, 882, 39)).toMatchObject({ measure: 'budget_vehicles_total', value_raw: '339.68' })
  })
})
