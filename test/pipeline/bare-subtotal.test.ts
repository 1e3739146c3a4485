/**
 * A bare 小计 column right of the table's own 合计, its group header (基本支出) printed over another column:
 * 苏州's 一般公共预算支出表 (suz-98efb997 公开 07 表) as pdftotext prints it. Expected values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TEXT = `苏州市自然资源和规划局 2026 年度单位预算公开

 公开 07 表


                                 一般公共预算支出表
 单位：苏州市自然资源和规划局                                                                     单位：万元

                                                            基本支出
       科目编码               科目名称     合计                                               项目支出
                                                 小计         人员经费         公用经费

                     合计             9,078.52     4,822.22     4,320.89     501.33    4,256.30

 208          社会保障和就业支出                 465.60     465.60       465.60

 20805        行政事业单位养老支出                465.60     465.60       465.60

 2080505      机关事业单位基本养老保险缴费支出          318.83     318.83       318.83
`

describe('a bare 小计 after the 合计 column', () => {
  const doc = processDocument('bare-subtotal.layout.txt', new TextEncoder().encode(TEXT))
  const measureOf = (line: string, raw: string) =>
    doc.facts.filter((fact) => fact.table_id === 'general_budget_expenditure' && fact.value_raw === raw && doc.lines[fact.line - 1]?.includes(line)).map((fact) => fact.measure)

  it('is no second total: 合计 9,078.52 is the total, 小计 4,822.22 is 基本支出 (the 人员经费 and 公用经费 after it are its parts)', () => {
    expect(measureOf('合计', '9,078.52')).toEqual(['total'])
    expect(measureOf('合计', '4,822.22')).toEqual(['basic'])
    expect(measureOf('合计', '4,320.89')).toEqual(['basic_personnel'])
    expect(measureOf('合计', '4,256.30')).toEqual(['project'])
    expect(measureOf('2080505', '318.83')).toEqual(['total', 'basic', 'basic_personnel'])
  })
})
