import { describe, expect, it } from 'vitest'
import { MEASURE_TITLES, normalizeMeasure } from '../../normalizers/normalize-measure.ts'
import { runSeed, seedNames } from '../helpers/documents.ts'

describe('measures', () => {
  it('reads the 预算 收入总表 columns by fund, and the 支出总表 procurement columns', () => {
    expect(normalizeMeasure('income_by_function', '一般公共预算拨款收入')).toBe('general_budget')
    expect(normalizeMeasure('income_by_function', '政府性基金预算拨款收入')).toBe('government_fund')
    expect(normalizeMeasure('income_by_function', '国有资本经营预算拨款收入')).toBe('state_capital')
    expect(normalizeMeasure('income_by_function', '财政专户管理资金收入')).toBe('fiscal_special_account')
    expect(normalizeMeasure('income_by_function', '财政拨款收入')).toBe('fiscal_appropriation')
    expect(normalizeMeasure('income_by_function', '事业单位经营收入')).toBe('operating_income')
    expect(normalizeMeasure('expenditure_by_function', '其中：2026年政府采购项目中预留给小型、微型企业的项目资金规模')).toBe('procurement_small_micro')
    expect(normalizeMeasure('expenditure_by_function', '其中：2026年政府采购项目中预留给中小企业的项目资金规模')).toBe('procurement_sme')
    expect(normalizeMeasure('expenditure_by_function', '2026年政府采购项目')).toBe('procurement')
  })

  it('has a Chinese and an English title for every measure the seeds print', () => {
    const measures = new Set(seedNames().flatMap((name) => runSeed(name.slice(0, 3)).facts.map((fact) => fact.measure)))
    measures.delete('')
    const untitled = [...measures].filter((measure) => !MEASURE_TITLES[measure] && !MEASURE_TITLES[measure.replace(/^prior_/, '')])
    expect(untitled).toEqual([])
    expect(MEASURE_TITLES.general_budget).toEqual({ zh: '一般公共预算（拨款）', en: 'general public budget (appropriation)' })
  })
})
