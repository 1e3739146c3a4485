/**
 * 江苏's “三公”经费、会议费、培训费支出预算表 whose vehicles' 小计 is printed on a line of its own, above the last
 * header line (`费  购置费  行维护费`), with 公务用车 / 购置费 over no figures: laid out as pdftotext prints
 * js-dc64772a (江苏省高级人民法院 2018); expected measures and values read off the text by hand (the prose: 公务用车购置
 * 0 万元, 运行维护费 266.8 万元).
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const COURT = `江苏省高级人民法院2018年部门预算

      九、2018 年江苏省高级人民法院“三公”经费、会议费、培训费支出预算表
                                                                            单位：万元
                                  “三公”经费
                    因公出         公务用车购置及运行维护费
 合计                                                                会议费      培训费
           小计       国（境）              公务用车   公务用车运      公务接待费
                             小计
                     费                购置费     行维护费
2,558.26   620.75   170.00   266.80            266.80     183.95   271.26   1,666.25
`

describe('a “三公” header whose vehicles’ 小计 stands on a line of its own', () => {
  const doc = processDocument('three-public-vehicles-header.layout.txt', new TextEncoder().encode(COURT))
  const value = (measure: string) => doc.facts.filter((fact) => fact.table_id === 'three_public_expenses' && fact.measure === measure).map((fact) => fact.value_raw)

  it('reads the 小计 as a header: the first 266.80 is the vehicles’ subtotal', () => {
    expect(value('budget_vehicles_total')).toEqual(['266.80'])
  })

  it('gives 公务用车购置费 a column of its own, left empty: the second 266.80 is 运行维护费', () => {
    expect(value('budget_vehicle_purchase')).toEqual([])
    expect(value('budget_vehicle_operation')).toEqual(['266.80'])
    expect(value('budget_total')).toEqual(['620.75'])
    expect(value('budget_overseas_travel')).toEqual(['170.00'])
    expect(value('budget_official_reception')).toEqual(['183.95'])
  })

  it('adds up: 620.75 = 170.00 + 266.80 + 183.95 and 2,558.26 = 620.75 + 271.26 + 1,666.25', () => {
    expect(doc.checks.filter((check) => check.table_id === 'three_public_expenses' && check.severity === 'error')).toEqual([])
  })
})

// js-afc66731 (江苏省人民检察院): the same header with 公务用车购 / 置费 and 公务用车运 / 行维护费, and whole numbers
// (`80`, `237`, `700` 万元) under the items (the prose: 公务用车运行维护费预算支出237万元).
const PROCURATORATE = `江苏省人民检察院2019年部门预算

           “三公”经费、会议费、培训费支出预算表
部门名称： 江苏省人民检察院                                                      单位：万元
                                   “三公”经费
                                   公务用车购置及运行维护费
  合计                因公出                               公务接      会议费      培训费
                    国（境）             公务用车购    公务用车运
            小计       费       小计                        待费
                                       置费     行维护费

 1276.7    418.26   80       237              237     101.26   158.44    700
`

describe('whole numbers under the items of a “三公” header', () => {
  const doc = processDocument('three-public-whole-numbers.layout.txt', new TextEncoder().encode(PROCURATORATE))
  const value = (measure: string) => doc.facts.filter((fact) => fact.table_id === 'three_public_expenses' && fact.measure === measure).map((fact) => fact.value_raw)

  it('are amounts, not codes: 80 因公出国, 237 the vehicles (小计 and 运行维护费), 700 培训费', () => {
    expect(value('budget_grand_total')).toEqual(['1276.7'])
    expect(value('budget_total')).toEqual(['418.26'])
    expect(value('budget_overseas_travel')).toEqual(['80'])
    expect(value('budget_vehicles_total')).toEqual(['237'])
    expect(value('budget_vehicle_purchase')).toEqual([])
    expect(value('budget_vehicle_operation')).toEqual(['237'])
    expect(value('budget_official_reception')).toEqual(['101.26'])
    expect(value('budget_meeting')).toEqual(['158.44'])
    expect(value('budget_training')).toEqual(['700'])
  })

  it('adds up: 1276.7 = 418.26 + 158.44 + 700 and 418.26 = 80 + 237 + 101.26', () => {
    expect(doc.checks.filter((check) => check.table_id === 'three_public_expenses' && check.severity === 'error')).toEqual([])
  })
})
