/**
 * A “三公” table printed with its items as rows and the funds as columns (广州's 2026 预算: 财政拨款安排的行政经费及
 * “三公”经费预算表), laid out as pdftotext prints it. Expected measures and values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TEXT = `某某市某某局2026年部门预算

                                                                                            表8

                          财政拨款安排的行政经费及“三公”经费预算表

单位名称：某某市某某局                                                                          单位：万元
                 项目                合计               一般公共预算          政府性基金预算      国有资本经营预算
行政经费                                    523.62           523.62           0.00          0.00
“三公”经费                                      26.11        26.11            0.00          0.00
  其中：（一）因公出国（境）支出                            0.00            0.00         0.00          0.00
       （二）公务用车购置及运行维护支出                     24.80        24.80            0.00          0.00
          1.公务用车购置费                          0.00            0.00         0.00          0.00
          2.公务用车运行维护费                       24.80        24.80            0.00          0.00
       （三）公务接待费支出                            1.31            1.31         0.00          0.00
`

describe('a “三公” table with items as rows', () => {
  const doc = processDocument('three-public-by-fund.layout.txt', new TextEncoder().encode(TEXT))
  const value = (measure: string) => doc.facts.filter((fact) => fact.table_id === 'three_public_expenses' && fact.measure === measure).map((fact) => fact.value_raw)

  it('takes each measure from its row, and the fund from its column', () => {
    expect(value('budget_total')).toEqual(['26.11'])
    expect(value('budget_total_general_budget')).toEqual(['26.11'])
    expect(value('budget_total_government_fund')).toEqual(['0.00'])
    expect(value('budget_vehicles_total')).toEqual(['24.80'])
    expect(value('budget_vehicle_operation')).toEqual(['24.80'])
    expect(value('budget_official_reception')).toEqual(['1.31'])
    expect(value('budget_administrative')).toEqual(['523.62'])
  })

  it('adds up: 26.11 = 0.00 + 24.80 + 1.31, with no error', () => {
    const three = doc.checks.filter((check) => check.table_id === 'three_public_expenses')
    expect(three.filter((check) => check.severity === 'error')).toEqual([])
    expect(three.some((check) => check.measure === 'budget_total' && check.status === 'pass')).toBe(true)
  })
})
