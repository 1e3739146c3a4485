/**
 * Fund headers squeezed one blank apart over the wrong figures: the 收入总表 of 苏州市自然资源和规划局's 2026 部门预算
 * (suz-814bd146, 公开 02 表), as pdftotext prints it. `一般公共预 政府性基` stand over 20,832.97, `国有资` and
 * `财政专户管` over 66,107.38, which the PDF prints under 政府性基金预算 (page 12: 66,107.38 at x 296–318, under
 * 政府性基 at 284–320). The 收支总表 (公开 01 表) prints each fund's total by name. Expected measures read off the
 * text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import { join } from 'node:path'
import { hasCorpus, runFile } from '../helpers/documents.ts'

const TITLE = ['    2026 年度', '苏州市自然资源和规划局', '   部门预算公开', '']

const SUMMARY = [
  '公开 01 表',
  '',
  '                               收支总表',
  '部门：苏州市自然资源和规划局                                             单位：万元',
  '            收入                                     支出',
  '       项目                     预算数                项目        预算数',
  '一、一般公共预算拨款收入                   20,832.97 一、一般公共服务支出',
  '二、政府性基金预算拨款收入                  66,107.38 二、外交支出',
  '三、国有资本经营预算拨款收入                           三、国防支出',
  '四、财政专户管理资金收入                             四、公共安全支出',
  '五、事业收入                                   五、教育支出',
  '六、事业单位经营收入                               六、科学技术支出',
  '七、上级补助收入                                 七、文化旅游体育与传媒支出',
  '八、附属单位上缴收入                               八、社会保障和就业支出        1,289.58',
  '九、其他收入                             58.79 九、社会保险基金支出',
  '          本年收入合计               86,999.14      本年支出合计       86,999.14',
  '          上年结转结余                              年终结转结余',
  '           收入总计                86,999.14        支出总计       86,999.14',
  '',
]

const HEADER = [
  '公开 02 表',
  '',
  '                                                                      收入总表',
  '部门：苏州市自然资源和规划局                                                                                                                单位：万元',
  '                                                                      本年收入                                         上年结转结余',
  ' 部门代                                                      国有资                              附属单                          国有资',
  '            部门名称       合计                      一般公共预 政府性基     财政专户管          事业   事业单位 上级补       其他           一般公共 政府性基     财政专户   单位',
  '  码                                小计                     本经营                              位上缴           小计             本经营',
  '                                                 算   金预算       理资金           收入   经营收入 助收入       收入            预算   金预算     管理资金   资金',
  '                                                           预算                               收入                          预算',
]

const ROWS = [
  '           合计          86,999.14   86,999.14    20,832.97 66,107.38                              58.79',
  '',
  '114      苏州市自然资源和规划局   86,999.14   86,999.14    20,832.97 66,107.38                              58.79',
  '',
  '114001   苏州市自然资源和规划局   10,022.32   10,022.32     9,078.52   943.80',
  '',
  '114002   苏州市土地储备中心     69,998.00   69,998.00     4,834.42 65,163.58',
  '',
  '114005   苏州市规划编制信息中心     713.12       713.12       713.12',
  '',
  '114006   苏州市国土资源信息中心     829.99       829.99       771.20                                        58.79',
  '',
  '114007   苏州市规划展示馆      1,434.97     1,434.97     1,434.97',
  '',
  '114008   苏州市不动产登记中心    4,000.74     4,000.74     4,000.74',
  '',
]

function incomeMeasures(lines: string[]): (raw: string) => string[] {
  const doc = processDocument('funds-from-summary.layout.txt', new TextEncoder().encode(lines.join('\n')))
  return (raw: string) => doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.value_raw === raw).map((fact) => fact.measure)
}

describe('fund columns of 收入总表 named by the 收支总表 (苏州, headers squeezed one blank apart)', () => {
  it('names each fund column by the summary line its 合计 equals: 20,832.97 一般公共预算, 66,107.38 政府性基金', () => {
    const measures = incomeMeasures([...TITLE, ...SUMMARY, ...HEADER, ...ROWS])
    // 合计 and 114 print the same figures.
    expect(measures('20,832.97')).toEqual(['general_budget', 'general_budget'])
    expect(measures('66,107.38')).toEqual(['government_fund', 'government_fund'])
    // The units below: 114001 9,078.52 + 943.80, 114002 4,834.42 + 65,163.58, 114006 771.20 and 其他收入 58.79.
    expect(measures('9,078.52')).toEqual(['general_budget'])
    expect(measures('943.80')).toEqual(['government_fund'])
    expect(measures('4,834.42')).toEqual(['general_budget'])
    expect(measures('65,163.58')).toEqual(['government_fund'])
    expect(measures('771.20')).toEqual(['general_budget'])
    expect(measures('58.79')).toEqual(['other_income', 'other_income', 'other_income'])
  })

  it('names no column whose own figures do not add up: without 114008 (4,000.74) the units leave 20,832.97 short', () => {
    const measures = incomeMeasures([...TITLE, ...SUMMARY, ...HEADER, ...ROWS.slice(0, -2)])
    expect(measures('20,832.97')).toEqual(['', ''])
    expect(measures('9,078.52')).toEqual([''])
    // 66,107.38 = 943.80 + 65,163.58 still holds: that column is named.
    expect(measures('66,107.38')).toEqual(['government_fund', 'government_fund'])
  })

  it('gives a header of two squeezed funds no measure when no summary names the column (not 财政专户 for 66,107.38)', () => {
    const measures = incomeMeasures([...TITLE, ...HEADER, ...ROWS])
    expect(measures('66,107.38')).toEqual(['', ''])
    expect(measures('943.80')).toEqual([''])
    expect(measures('20,832.97')).toEqual(['', ''])
  })
})

// 烟台 收入总体情况表 (yt-27ae8074, 公开表1 and 公开表2): the funds after 小计 are told by their sum (see
// group-subtotal.test.ts); the column after them, under `上级补助收 附属单位上 使用非财政` squeezed, is the 收支总表's
// 上级补助收入 60.00 (line 262), which it equals on the 合计 row and adds up to on its own (212 = 21203 = 2120399 = 60.00).
const YT = [
  '                                                                       公开表1',
  '',
  '                         收支总体情况表',
  '部门（单位）：烟台市住房和城乡建设局                                                单位：万元',
  '',
  '                 收 入                                    支   出',
  '         项目            预算数                      项目              预算数',
  '一、财政拨款收入                 45,832.29 一、一般公共服务支出',
  '  一般公共预算收入               41,966.15 二、外交支出',
  '  政府性基金预算收入                  3,806.19 三、公共安全支出',
  '  国有资本经营预算收入                   59.95 四、教育支出                       19,804.44',
  '   本 年 收 入 合 计           45,907.29        本 年 支 出 合 计             45,967.29',
  '',
  '上级补助收入                         60.00',
  '附属单位上缴收入                               对附属单位的补助支出',
  '',
  '       收 入 总 计           45,967.29            支 出 总 计             45,967.29',
  '',
  '                                                                                                                              公开表2',
  '',
  '                                                                                  收入总体情况表',
  '部门（单位）：烟台市住房和城乡建设局                                                                                                           单位：万元',
  '  科目编码                                                       财政拨款收入',
  '                                                                                  事业收入 事业单位经',
  '                                                                            财政专户管 （不含教育                  上级补助收 附属单位上 使用非财政',
  '                        科目名称      合计                                                           其他收入                          上年结转',
  '                                                          一般公共预 政府性基金 国有资本经 理资金收入  收费）',
  '                                                                                        营收入                入    缴收入  拨款结余',
  '类     款    项                                  小计',
  '                                                           算收入  预算收入 营预算收入',
  '',
  '',
  '                合   计             45,967.29   45,832.29    41,966.15   3,806.19    59.95         75.00      60.00',
  '',
  '212             城乡社区支出            12,654.97   12,574.97    8,768.78   3,806.19                   20.00      60.00',
  '',
  '      03         城乡社区公共设施          1,060.00    1,000.00    1,000.00                                         60.00',
  '',
  '           99       其他城乡社区公共设施支    1,060.00    1,000.00    1,000.00                                         60.00',
  '',
]

describe('a column after the funds of 财政拨款 named by the 收支总表 (烟台, `上级补助收 附属单位上` squeezed)', () => {
  it('is 上级补助收入: 60.00 on 合计, 212, 21203 and 2120399', () => {
    const measures = incomeMeasures(YT)
    expect(measures('60.00')).toEqual(['superior_subsidy', 'superior_subsidy', 'superior_subsidy', 'superior_subsidy'])
    // The funds keep what the 小计 told: 41,966.15 一般公共预算, 3,806.19 政府性基金, 59.95 国有资本经营.
    expect(measures('41,966.15')).toEqual(['general_budget'])
    expect(measures('3,806.19')).toEqual(['government_fund', 'government_fund'])
    expect(measures('59.95')).toEqual(['state_capital'])
  })
})

// PDF page 12 of the same 收入总体情况表 (yt-27ae8074 lines 381–417): its header repeated 4 columns further left, 223 and
// its 项 print their 国有资本经营 figure at x 68–73, where page 10's 3,806.19 (政府性基金, x 71–79) stands shifted back; the
// PDF prints 59.95 under 国有资本经营 (x 410–430). Page 10 shows the 国有资本经营 column only beside 政府性基金 (on 合计, line 289), so
// where it stands tells neither: the sums do (合计 国有资本经营 59.95 = 223 59.95 = 22301 = 2230107 11.69 + 2230108
// 48.26; 合计 政府性基金 3,806.19 = 212 3,806.19).
describe.skipIf(!hasCorpus())('a later page\'s figure where the first page showed its column only beside another (烟台 223 国有资本经营)', () => {
  const doc = runFile(join('..', 'shared', 'corpus', 'real', 'yt-27ae8074.layout.txt'))
  const funds = (code: string) =>
    doc.facts
      .filter((fact) => fact.table_id === 'income_by_function' && fact.subject_code === code && ['general_budget', 'government_fund', 'state_capital'].includes(fact.measure))
      .map((fact) => `${fact.measure} ${fact.value_raw}`)

  it('goes to the column where the sums hold: 223, 22301, 2230107, 2230108 国有资本经营; 212, 21208 政府性基金', () => {
    expect(funds('223')).toEqual(['state_capital 59.95'])
    expect(funds('22301')).toEqual(['state_capital 59.95'])
    expect(funds('2230107')).toEqual(['state_capital 11.69'])
    expect(funds('2230108')).toEqual(['state_capital 48.26'])
    expect(funds('212')).toEqual(['general_budget 8,768.78', 'government_fund 3,806.19'])
    expect(funds('21208')).toEqual(['government_fund 3,806.19'])
    const failed = doc.checks.filter((check) => check.table_id === 'income_by_function' && check.severity === 'error')
    expect(failed.map((check) => check.message)).toEqual([])
  })
})

// yt-0362dd5e (烟台市交通运输局) 收入总体情况表: the header leaves 80.34's column unnamed (`营预算收入`), and pages 10 and
// 11 print 212's 80.34 (政府性基金) and 223's 4.00 (国有资本经营) both at its place. Read off the PDF (-bbox): 80.34 at x
// 361–379 under 政府性基金 336–378, 4.00 at 414–429 under 国有资本经 385–428; the 收支总体情况表 prints 政府性基金预算收入
// 80.34 and 国有资本经营预算收入 4.00 (lines 191–192); 合计 (line 254) 小计 39,748.67 = 39,664.33 + 80.34 + 4.00.
describe.skipIf(!hasCorpus())('an unnamed fund column named by the 收支总表 once its later pages\' figures are choices (烟台 交通运输局)', () => {
  const doc = runFile(join('..', 'shared', 'corpus', 'real', 'yt-0362dd5e.layout.txt'))
  const funds = (code: string) =>
    doc.facts
      .filter((fact) => fact.table_id === 'income_by_function' && fact.subject_code === code && ['government_fund', 'state_capital'].includes(fact.measure))
      .map((fact) => `${fact.measure} ${fact.value_raw}`)

  it('names 80.34 政府性基金 (合计, 212, 21208, 2120803) and puts 4.00 in 国有资本经营 (223, 22301, 2230107)', () => {
    expect(funds('')).toEqual(['government_fund 80.34', 'state_capital 4.00'])
    for (const code of ['212', '21208', '2120803']) expect(funds(code)).toEqual(['government_fund 80.34'])
    for (const code of ['223', '22301', '2230107']) expect(funds(code)).toEqual(['state_capital 4.00'])
    expect(doc.unplaced.filter((entry) => entry.reason === 'ambiguous-column' && entry.table_id === 'income_by_function')).toEqual([])
  })
})

// cq-a63e312b's 单位收入总体情况表 (表二, lines 143–248): the squeezed fund header leaves 4,066.60's column unnamed, and
// its page 2 prints no header, so 221's 1.00 (事业收入, PDF page 11) is placed there by order only. Read off the
// document: the 收支总表 prints 二、政府性基金预算资金 4,066.60 (line 121), and the column adds up to it without 1.00
// (207 4,066.60 = 20707 4,036.60 + 20709 30.00).
describe.skipIf(!hasCorpus())('a fund column named by the 收支总表 while a figure placed by order only stands in it (重庆)', () => {
  const doc = runFile(join('..', 'shared', 'corpus', 'real', 'cq-a63e312b.layout.txt'))
  const income = (code: string, raw: string) => doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.subject_code === code && fact.value_raw === raw).map((fact) => fact.measure)

  it('names 4,066.60 government_fund, and 221\'s 1.00 goes to 事业收入 by the sums', () => {
    expect(income('207', '4,066.60')).toEqual(['government_fund'])
    expect(income('20707', '4,036.60')).toEqual(['total', 'government_fund'])
    expect(income('221', '1.00')).toEqual(['business_income'])
  })
})
