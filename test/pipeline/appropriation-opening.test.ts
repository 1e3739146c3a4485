/**
 * A 预算's 财政拨款收支总表 (重庆) lists the funds again under 二、上年结转: those rows are the carry-over by fund,
 * not the year's appropriations. Laid out as pdftotext prints it; expected line items read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TEXT = `重庆市某某局2026年部门预算

                     2026 年财政拨款收支总体情况表
单位名称：重庆市某某局                                                                                 单位：万元
             收入                                           支出
                                                                              政府性基金        国有资本经营
       项目         预算数                项目            合计           一般公共预算
                                                                                预算           预算
     一、本年收入       118,773.55       一、本年支出          172,283.15    128,148.56    44,134.59
（一）一般公共预算资金       118,773.55   （一）一般公共服务支出         128,148.56    128,148.56
（二）政府性基金预算资金                   （二）其他支出              44,134.59                  44,134.59
（三）国有资本经营预算资金

     二、上年结转        53,509.60       二、结转下年
（一）一般公共预算拨款         9,375.01
（二）政府性基金预算拨款       44,134.59
（三）国有资本经营收入


      收入合计        172,283.15        支出合计           172,283.15    128,148.56    44,134.59
`

describe('a 财政拨款收支总表 with the funds listed under 上年结转', () => {
  const doc = processDocument('appropriation-opening.layout.txt', new TextEncoder().encode(TEXT))
  const income = (lineItem: string) =>
    doc.facts.filter((fact) => fact.table_id === 'appropriation_summary' && fact.side === 'income' && fact.line_item === lineItem).map((fact) => fact.value_raw)

  it('reads the funds under 上年结转 as the carry-over by fund', () => {
    expect(income('general_budget_appropriation')).toEqual(['118,773.55'])
    expect(income('government_fund_appropriation')).toEqual([])
    expect(income('opening_balance')).toEqual(['53,509.60'])
    expect(income('opening_balance_general_budget')).toEqual(['9,375.01'])
    expect(income('opening_balance_government_fund')).toEqual(['44,134.59'])
  })

  it('balances: 本年收入 118,773.55 = 一般公共预算资金 alone; 上年结转 53,509.60 = 9,375.01 + 44,134.59', () => {
    const balance = doc.checks.filter((check) => check.rule === 'balance-identity' && check.table_id === 'appropriation_summary')
    expect(balance.filter((check) => check.status !== 'pass')).toEqual([])
    expect(balance.filter((check) => check.line_item === 'income_total' || check.line_item === 'opening_balance').map((check) => check.expected).sort()).toEqual(['1187735500', '535096000'])
  })
})
