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

  it('reads the 206.42 under `公务用车运行` / `维护费` as 公务用车运行维护费, the squeezed `公务用车购置` / `经费` heading a column of its own with no figures', () => {
    expect(value('prior_budget_vehicle_operation')).toEqual(['259.33'])
    expect(value('budget_vehicle_operation')).toEqual(['206.42'])
    expect(value('budget_vehicle_purchase')).toEqual([])
    expect(doc.facts.filter((fact) => fact.table_id === 'three_public_expenses' && fact.measure === '')).toEqual([])
  })
})

// 烟台 行政审批服务局: 公务用车购置 and 公务用车运行 printed one blank apart, each over its left neighbour's figures.
const SQUEEZED = `烟台市行政审批服务局2026年部门预算

                                         一般公共预算“三公”经费支出情况表
部门（单位）：烟台市行政审批服务局                                                                                            单位：万元

                     2025年预算数                                                              2026年预算数
                      公务用车购置及运行维护费                                                         公务用车购置及运行维护费
             因公出国                                                                  因公出国
  合计         （境）经费                公务用车购置 公务用车运行         公务接待费        合计           （境）经费                公务用车购置 公务用车运行       公务接待费
                     小计             经费    维护费                                             小计             经费    维护费

    107.05                97.20       54.00     43.20      9.85           42.26                37.25       15.20   22.05       5.01
`

describe('a “三公” table whose vehicle headers are squeezed left of their figures', () => {
  const doc = processDocument('three-public-squeezed.layout.txt', new TextEncoder().encode(SQUEEZED))
  const value = (measure: string) => doc.facts.filter((fact) => fact.table_id === 'three_public_expenses' && fact.measure === measure).map((fact) => fact.value_raw)

  it('reads 购置 and 运行 in the order printed: 37.25 = 15.20 + 22.05', () => {
    expect(value('budget_vehicles_total')).toEqual(['37.25'])
    expect(value('budget_vehicle_purchase')).toEqual(['15.20'])
    expect(value('budget_vehicle_operation')).toEqual(['22.05'])
    expect(value('prior_budget_vehicle_purchase')).toEqual(['54.00'])
    expect(value('prior_budget_vehicle_operation')).toEqual(['43.20'])
    expect(doc.checks.filter((check) => check.table_id === 'three_public_expenses' && check.severity === 'error')).toEqual([])
  })
})

describe('yearRunMeasures', () => {
  const own = (measure: string) => ({ measure, earlier: false })
  const before = (measure: string) => ({ measure, earlier: true })
  it('makes a run prior where a column of it says the year before, measure or not, and another run does not', () => {
    expect(yearRunMeasures([own('budget_total'), own(''), before('prior_budget_vehicles_total'), own('budget_official_reception'), own('budget_total'), own(''), own('budget_vehicles_total'), own('budget_official_reception')])).toEqual([
      'prior_budget_total', '', 'prior_budget_vehicles_total', 'prior_budget_official_reception', 'budget_total', '', 'budget_vehicles_total', 'budget_official_reception',
    ])
    // 烟台 商务局: 2025年预算数 stands over an empty 小计, the only column that says the year.
    expect(yearRunMeasures([own('budget_total'), own('budget_overseas_travel'), before(''), own('budget_official_reception'), own('budget_total'), own('budget_overseas_travel'), own(''), own('budget_official_reception')])).toEqual([
      'prior_budget_total', 'prior_budget_overseas_travel', '', 'prior_budget_official_reception', 'budget_total', 'budget_overseas_travel', '', 'budget_official_reception',
    ])
  })

  it('leaves columns alone that are not runs of one sequence, or where no run is of the own year', () => {
    const mixed = [own('budget_total'), before('prior_budget_vehicles_total'), own('budget_official_reception'), own('budget_vehicles_total')]
    expect(yearRunMeasures(mixed)).toEqual(mixed.map((column) => column.measure))
    const change = [own('budget_total'), before('prior_budget_total'), own('change')]
    expect(yearRunMeasures(change)).toEqual(change.map((column) => column.measure))
    const both = [before('prior_budget_total'), before('prior_budget_official_reception'), before('prior_budget_total'), before('prior_budget_official_reception')]
    expect(yearRunMeasures(both)).toEqual(both.map((column) => column.measure))
  })
})
