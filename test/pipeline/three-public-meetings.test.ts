/**
 * “三公” tables whose header does not alone say what a total column totals, laid out as pdftotext prints them:
 * 江苏's “三公”经费、会议费、培训费支出预算表 (a 合计 over the “三公” 小计, 会议费 and 培训费) and 重庆's table
 * whose vehicles' 小计 wraps under no band. Expected measures and values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const JIANGSU = `中共江苏省委办公厅2019年部门预算

                         “三公”经费、会议费、培训费支出预算表
部门：中共江苏省委办公厅                                                                            单位：万元


                                     “三公”经费

                                     公务用车购置及运行维护费
  合计                     因公出国                                                会议费        培训费
               小计                                                 公务接待费
                         （境）费                 公务用车购置 公务用车运行
                                    小计
                                                费     维护费

    1,471.70    508.20      70.00    411.20              411.20      27.00     933.50     30.00
`

const CHONGQING = `重庆市水利局2026年部门预算

              2026 年财政拨款“三公”经费支出情况表
单位名称：重庆市水利局                                                      单位：万元


                                      公务用车购置及运行费
     合计       因公出国（境）费                                        公务接待费
                         小计           公务用车购置费      公务用车运行费


     308.00     20.00    248.50                      248.50    39.50
`

function threePublic(text: string): { value: (measure: string) => string[]; errors: () => unknown[] } {
  const doc = processDocument('three-public.layout.txt', new TextEncoder().encode(text))
  return {
    value: (measure) => doc.facts.filter((fact) => fact.table_id === 'three_public_expenses' && fact.measure === measure).map((fact) => fact.value_raw),
    errors: () => doc.checks.filter((check) => check.table_id === 'three_public_expenses' && check.severity === 'error'),
  }
}

describe('the 合计 of a “三公”经费、会议费、培训费 table', () => {
  const { value, errors } = threePublic(JIANGSU)

  it('is the grand total; the “三公” 小计 is the “三公” total; 会议费 and 培训费 are their own measures', () => {
    expect(value('budget_grand_total')).toEqual(['1,471.70'])
    expect(value('budget_total')).toEqual(['508.20'])
    expect(value('budget_overseas_travel')).toEqual(['70.00'])
    expect(value('budget_official_reception')).toEqual(['27.00'])
    expect(value('budget_meeting')).toEqual(['933.50'])
    expect(value('budget_training')).toEqual(['30.00'])
  })

  it('adds up: 1,471.70 = 508.20 + 933.50 + 30.00 and 508.20 = 70.00 + 411.20 + 27.00', () => {
    expect(errors()).toEqual([])
  })
})

describe('a 小计 printed just before 购置费 and 运行费', () => {
  const { value, errors } = threePublic(CHONGQING)

  it('is the vehicles’ subtotal, not the “三公” total', () => {
    expect(value('budget_total')).toEqual(['308.00'])
    expect(value('budget_vehicles_total')).toEqual(['248.50'])
    expect(value('budget_vehicle_operation')).toEqual(['248.50'])
    expect(errors()).toEqual([])
  })
})
