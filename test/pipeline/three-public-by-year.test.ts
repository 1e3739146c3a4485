/**
 * A one-row “三公” table printed with last year's budget beside this year's (烟台's 2026 预算: 一般公共预算“三公”经费支出
 * 情况表), laid out as pdftotext prints it: each year heads a run of the same columns, though its header cell stands over
 * one column of the run. Expected measures and values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import { yearRunMeasures } from '../../normalizers/normalize-panel-table.ts'

const TEXT = `烟台市交通运输局2026年部门预算

                                                                                                                公开表7

                                      一般公共预算“三公”经费支出情况表
部门（单位）：烟台市交通运输局                                                                                                单位：万元

                     2025年预算数                                                     2026年预算数
                      公务用车购置及运行维护费                                                公务用车购置及运行维护费
             因公出国                                                         因公出国
  合计         （境）经费             公务用车购置 公务用车运行      公务接待费        合计        （境）经费             公务用车购置 公务用车运行      公务接待费
                     小计          经费    维护费                                       小计          经费    维护费

    268.09            259.33             259.33      8.76       211.18            206.42             206.42       4.76
`

describe('a “三公” table of two years side by side', () => {
  const doc = processDocument('three-public-by-year.layout.txt', new TextEncoder().encode(TEXT))
  const value = (measure: string) => doc.facts.filter((fact) => fact.table_id === 'three_public_expenses' && fact.measure === measure).map((fact) => fact.value_raw)

  it('reads every column of the 2025 run as the year before, not only the one under 2025年预算数', () => {
    expect(value('prior_budget_total')).toEqual(['268.09'])
    expect(value('prior_budget_vehicles_total')).toEqual(['259.33'])
    expect(value('prior_budget_official_reception')).toEqual(['8.76'])
    expect(value('budget_total')).toEqual(['211.18'])
    expect(value('budget_vehicles_total')).toEqual(['206.42'])
    expect(value('budget_official_reception')).toEqual(['4.76'])
  })

  it('adds up: 211.18 = 206.42 + 4.76, with no error', () => {
    const three = doc.checks.filter((check) => check.table_id === 'three_public_expenses')
    expect(three.filter((check) => check.severity === 'error')).toEqual([])
    expect(three.some((check) => check.measure === 'budget_total' && check.status === 'pass')).toBe(true)
  })
})

describe('yearRunMeasures', () => {
  it('makes a run prior only where the runs repeat one sequence and one run is of the own year', () => {
    expect(yearRunMeasures(['budget_total', '', 'prior_budget_vehicles_total', 'budget_official_reception', 'budget_total', '', 'budget_vehicles_total', 'budget_official_reception'])).toEqual([
      'prior_budget_total', '', 'prior_budget_vehicles_total', 'prior_budget_official_reception', 'budget_total', '', 'budget_vehicles_total', 'budget_official_reception',
    ])
    // Different sequences: not runs of years.
    const mixed = ['budget_total', 'prior_budget_vehicles_total', 'budget_official_reception', 'budget_vehicles_total']
    expect(yearRunMeasures(mixed)).toEqual(mixed)
    // A difference column: the runs are not two years.
    const change = ['budget_total', 'prior_budget_total', 'change']
    expect(yearRunMeasures(change)).toEqual(change)
  })
})
