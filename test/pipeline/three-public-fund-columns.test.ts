/**
 * A “三公” table printing each item over three fund columns, one row per year (深圳's 2026 预算:
 * 财政拨款“三公”经费支出表 of sz-08cc7487, as pdftotext prints it). Expected values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TEXT = `深圳市交通运输局（本级）2026年部门预算

表9

                                                                                     财政拨款“三公”经费支出表
部门名称：深圳市交通运输局（本级）                                                                                                                                                                                                单位：万元

                                                                                                                                                              公务用车购置及运行维护费
                                           总计                            因公出国(境)费                         公务接待费
        预算单位              年度                                                                                                             小计                             公务用车购置费                   公务用车运行维护费

                               一般公共预      政府性基金     国有资本经     一般公共预       政府性基金     国有资本经     一般公共预       政府性基金     国有资本经     一般公共预     政府性基金     国有资本经     一般公共预       政府性基金      国有资本经     一般公共预     政府性基金     国有资本经
                                算          预算       营预算        算           预算       营预算        算           预算       营预算        算         预算       营预算        算            预算       营预算        算         预算       营预算
深圳市交通运输局（本级）         2025 年      176.01      0.00      0.00     129.80       0.00      0.00      15.11       0.00      0.00     31.10      0.00      0.00        0.00       0.00      0.00     31.10      0.00      0.00

                     2026 年      147.90      0.00      0.00     115.00       0.00      0.00        5.10      0.00      0.00     27.80      0.00      0.00        0.00       0.00      0.00     27.80      0.00      0.00

                     增减变化金额      -28.11      0.00      0.00     -14.80       0.00      0.00     -10.01       0.00      0.00     -3.30      0.00      0.00        0.00       0.00      0.00     -3.30      0.00      0.00
     注：本套报表金额单位转换时可能存在尾数误差。
`

describe('a “三公” table with each item over three fund columns', () => {
  const doc = processDocument('three-public-fund-columns.layout.txt', new TextEncoder().encode(TEXT))
  const value = (measure: string) => doc.facts.filter((fact) => fact.table_id === 'three_public_expenses' && fact.measure === measure).map((fact) => fact.value_raw)

  it('takes the item from the name over each run of three columns and the fund from the column', () => {
    expect(value('budget_total_general_budget')).toEqual(['147.90'])
    expect(value('budget_total_government_fund')).toEqual(['0.00'])
    expect(value('budget_overseas_travel_general_budget')).toEqual(['115.00'])
    expect(value('budget_official_reception_general_budget')).toEqual(['5.10'])
    expect(value('budget_vehicles_total_general_budget')).toEqual(['27.80'])
    expect(value('budget_vehicle_purchase_general_budget')).toEqual(['0.00'])
    expect(value('budget_vehicle_operation_general_budget')).toEqual(['27.80'])
    expect(value('budget_total')).toEqual([])
  })

  it('reads the 2025 row as the previous year and 增减变化金额 as the change', () => {
    expect(value('prior_budget_total_general_budget')).toEqual(['176.01'])
    expect(value('prior_budget_vehicle_operation_general_budget')).toEqual(['31.10'])
    expect(value('change').slice(0, 4)).toEqual(['-28.11', '0.00', '0.00', '-14.80'])
  })

  it('adds up by fund: 147.90 = 115.00 + 27.80 + 5.10, 27.80 = 0.00 + 27.80', () => {
    const three = doc.checks.filter((check) => check.table_id === 'three_public_expenses' && check.rule === 'row-identity')
    expect(three.filter((check) => check.severity === 'error')).toEqual([])
    expect(three.find((check) => check.measure === 'budget_total_general_budget')).toMatchObject({ status: 'pass', actual: '1479000', expected: '1479000' })
  })
})
