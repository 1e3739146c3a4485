/**
 * Summary tables whose total rows are printed across the side's panels, and totals printed below the
 * carry-over. Text as pdftotext prints it; expected values typed from the documents by hand.
 *
 * 江苏's three-panel 收支预算总表 (js-1e5e9ae1, 表一): 支出 has two panels (功能分类, 支出用途), and its total
 * rows centre their label (`当年支出小计`, `支出合计`) over both, inside the 功能分类 panel's figures, while
 * their figure stands in the 支出用途 panel's 金额 column.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const THREE_PANELS = [
  "表一",
  "",
  "",
  "",
  "                         收支预算总表",
  "部门：江苏省政协办公厅                                                        单位：万元",
  "",
  "         收入                                     支出",
  "",
  "                                   功能分类                     支出用途",
  "      项目名称     金额",
  "                            功能科目名称           金额           项目名称       金额",
  "",
  "一、财政拨款        9,066.79 一、一般公共服务支出           6,543.55 一、基本支出         5,916.27",
  "",
  " 1.一般公共预算     9,066.79 二、外交支出                          二、项目支出       3,123.68",
  "",
  " 2.政府性基金预算               三、国防支出                        三、单位预留机动经费    106.84",
  "",
  "二、财政专户管理资金               四、公共安全支出",
  "",
  "三、其他资金         80.00     五、教育支出",
  "",
  "                         六、科学技术支出",
  "",
  "                         七、文化体育与传媒支出",
  "",
  "                         八、社会保障和就业支出        1,509.72",
  "",
  "                         九、医疗卫生与计划生育支出",
  "",
  "                         十、节能环保支出",
  "",
  "                         十一、城乡社区支出",
  "",
  "                         十二、农林水支出",
  "",
  "                         十三、交通运输支出",
  "",
  "                         十四、资源勘探信息等支出",
  "",
  "                         十五、商业服务业等支出",
  "",
  "                         十六、金融支出",
  "",
  "                         十七、国土海洋气象等支出",
  "",
  "                         十八、住房保障支出          1,093.52",
  "",
  "                         十九、粮油物资储备支出",
  "",
  "                         二十、其他支出",
  "",
  "     当年收入小计   9,146.79                    当年支出小计                    9,146.79",
  "",
  "     上年结转资金                               结转下年资金",
  "",
  "      收入合计    9,146.79                     支出合计                     9,146.79",
].join('\n')

describe('a summary whose total rows span the side\'s panels (江苏 收支预算总表)', () => {
  const doc = processDocument('summary-panels.layout.txt', new TextEncoder().encode(THREE_PANELS))
  const facts = doc.facts.filter((fact) => fact.table_id === 'income_expenditure_summary')
  const at = (line: number) => facts.filter((fact) => fact.line === line).map((fact) => `${fact.side} ${fact.line_item || fact.subject_code} ${fact.measure} ${fact.value_raw}`).sort()

  it('gives the 功能分类 figures their 金额 header back from the centred total labels', () => {
    // 一、一般公共服务支出 6,543.55 (功能分类) beside 一、基本支出 5,916.27 (支出用途).
    expect(at(14)).toContain('expenditure 201 amount 6,543.55')
    expect(at(28)).toEqual(['expenditure 208 amount 1,509.72'])
    expect(at(48)).toEqual(['expenditure 221 amount 1,093.52'])
  })

  it('reads the side\'s totals with the label centred over its panels', () => {
    expect(at(54)).toEqual(['expenditure expenditure_total amount 9,146.79', 'income income_total amount 9,146.79'])
    // 收入合计 / 支出合计 are printed below 上年结转资金 / 结转下年资金: they total the carry-over too.
    expect(at(58)).toEqual(['expenditure grand_total amount 9,146.79', 'income grand_total amount 9,146.79'])
    expect(doc.unplaced.filter((entry) => entry.reason === 'unlabelled-row')).toEqual([])
  })
})

// 重庆's 财政拨款收支总体情况表 (cq-05f59e7a, 表四): 收入合计 172,283.15 = 本年收入 118,773.55 + 上年结转 53,509.60.
const BELOW_CARRY_OVER = [
  "\f表四",
  "",
  "                     2026 年财政拨款收支总体情况表",
  "单位名称：重庆市水利局                                                                                 单位：万元",
  "             收入                                           支出",
  "                                                                              政府性基金        国有资本经营",
  "       项目         预算数                项目            合计           一般公共预算",
  "                                                                                预算           预算",
  "     一、本年收入       118,773.55       一、本年支出          172,283.15    128,148.56    44,134.59",
  "（一）一般公共预算资金       118,773.55   （一）一般公共服务支出              59.56         59.56",
  "（二）政府性基金预算资金                   （二）教育支出              23,350.99     23,168.99      182.00",
  "（三）国有资本经营预算资金                  （三）社会保障和就业支出          4,679.39      4,679.39",
  "                               （四）卫生健康支出             1,222.77      1,222.77",
  "                               （五）农林水支出            101,256.24     97,303.65     3,952.59",
  "                               （六）资源勘探工业信息等支出         261.07        261.07",
  "                               （七）住房保障支出             1,453.13      1,453.13",
  "                               （八）其他支出              40,000.00                  40,000.00",
  "",
  "",
  "     二、上年结转        53,509.60       二、结转下年",
  "（一）一般公共预算拨款         9,375.01",
  "（二）政府性基金预算拨款       44,134.59",
  "（三）国有资本经营收入",
  "",
  "",
  "      收入合计        172,283.15        支出合计           172,283.15    128,148.56    44,134.59",
].join('\n')

describe('a total printed below the carry-over (重庆 财政拨款收支总体情况表)', () => {
  const doc = processDocument('below-carry-over.layout.txt', new TextEncoder().encode(BELOW_CARRY_OVER))
  const items = (raw: string) => doc.facts.filter((fact) => fact.table_id === 'appropriation_summary' && fact.value_raw === raw && fact.side === 'income').map((fact) => fact.line_item)

  it('reads 本年收入 as the year\'s income and 收入合计 as the grand total', () => {
    expect(items('118,773.55')).toEqual(['income_total', 'general_budget_appropriation'])
    expect(items('53,509.60')).toEqual(['opening_balance'])
    expect(items('172,283.15')).toEqual(['grand_total'])
  })
})
