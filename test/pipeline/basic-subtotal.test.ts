/**
 * A 一般公共预算支出表 whose band `基本支出` is centred over its middle column (重庆): the `小计` under it, printed
 * just before 人员经费 and 公用经费, is 基本支出, not a second 总计. Laid out as pdftotext prints it; expected
 * measures and values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TEXT = `重庆市某某局2026年部门预算

                                2026 年一般公共预算支出情况表
单位名称：重庆市某某局                                                                                 单位：万元
                                                                 基本支出
 科目编码                    科目名称         总计                                                    项目支出
                                                    小计          人员经费          公用经费
                    合计                 23,228.55    14,702.16      7,097.97      7,604.19     8,526.39
201         一般公共服务支出                        59.56         59.56         59.56
205         教育支出                       23,168.99    14,642.60      7,038.41      7,604.19     8,526.39
`

describe('a 小计 printed just before 人员经费 and 公用经费', () => {
  const doc = processDocument('basic-subtotal.layout.txt', new TextEncoder().encode(TEXT))
  const value = (measure: string, code: string) =>
    doc.facts.filter((fact) => fact.table_id === 'general_budget_expenditure' && fact.measure === measure && fact.subject_code === code).map((fact) => fact.value_raw)

  it('is 基本支出', () => {
    expect(value('total', '205')).toEqual(['23,168.99'])
    expect(value('basic', '205')).toEqual(['14,642.60'])
    expect(value('basic_personnel', '205')).toEqual(['7,038.41'])
    expect(value('basic_public', '205')).toEqual(['7,604.19'])
    expect(value('project', '205')).toEqual(['8,526.39'])
  })

  it('adds up: 23,168.99 = 14,642.60 + 8,526.39 and 14,642.60 = 7,038.41 + 7,604.19', () => {
    const rows = doc.checks.filter((check) => check.rule === 'row-identity' && check.subject_code === '205')
    expect(rows.map((check) => [check.measure, check.status]).sort()).toEqual([['basic', 'pass'], ['total', 'pass']])
  })
})
