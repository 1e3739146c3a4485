/**
 * A bare 小计 before its `其中` parts: the 支出总表 of 深圳's consolidated 2026 预算 (sz-63d734e6, 表3), as
 * pdftotext prints it (cut after the first class row), where `2026 年政府采购项目` stands right of 小计, over
 * its first `其中` column. Expected measures and values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TEXT = [
  "",
  "                                                               支出总表",
  "部门名称：深圳市人力资源和社会保障局                                                                                                                          单位：万元",
  "",
  "                                                                                                                         2026 年政府采购项目",
  "                                                                                                                                           其中：2026 年",
  "                                                                                                                             其中：2026 年",
  "                                                                                  事业单位      对附属单位                                          政府采购项目",
  "        预算单位          科目编码       科目名称      支出总计         基本支出         项目支出                             上缴上级支出                 政府采购项目",
  "                                                                                  经营支出      补助支出                                           中预留给小",
  "                                                                                                                 小计           中预留给",
  "                                                                                                                                           型、微型企业",
  "                                                                                                                             中小企业的项",
  "                                                                                                                                           的项目资金规",
  "                                                                                                                             目资金规模",
  "                                                                                                                                              模",
  "深圳市人力资源和社会保障局                              571,347.93   136,131.77   435,216.17      0.00      0.00       0.00   39,591.53     16,279.12       215.07",
  "     深圳市人力资源和社会保障",
  "                                           156,491.01   14,270.17    142,220.85      0.00      0.00       0.00    3,916.99        767.23          0.00",
  "局（本级）",
  "                    205       教育支出          13,184.10       10.00     13,174.10      0.00      0.00       0.00      341.82          0.00          0.00",
  "",
  "                    20503     职业教育          12,695.48        0.00     12,695.48      0.00      0.00       0.00      163.12          0.00          0.00",
  "",
].join('\n')

describe('a bare 小计 before its 其中 parts (深圳 支出总表)', () => {
  const doc = processDocument('group-subtotal.layout.txt', new TextEncoder().encode(TEXT))
  const measures = (raw: string) => doc.facts.filter((fact) => fact.table_id === 'expenditure_by_function' && fact.value_raw === raw).map((fact) => fact.measure)

  it('totals the group named over its parts: 39,591.53 is the 2026 政府采购项目, 16,279.12 and 215.07 its 其中', () => {
    expect(measures('39,591.53')).toEqual(['procurement'])
    expect(measures('16,279.12')).toEqual(['procurement_sme'])
    expect(measures('215.07')).toEqual(['procurement_small_micro'])
    // 本级 3,916.99 and 205 教育支出 341.82 under the same 小计.
    expect(measures('3,916.99')).toEqual(['procurement'])
    expect(measures('341.82')).toEqual(['procurement'])
    // The columns before it keep theirs: 支出总计 571,347.93, 基本支出 136,131.77, 项目支出 435,216.17.
    expect(measures('571,347.93')).toEqual(['total'])
    expect(measures('136,131.77')).toEqual(['basic'])
    expect(measures('435,216.17')).toEqual(['project'])
  })
})

// 烟台 收入总体情况表 (yt-27ae8074, 公开表2): `财政拨款收入` printed over 小计 and the three funds, its words squeezed
// so that the reader hangs it on the column after 小计.
const FUNDS = [
  "                                                                                  收入总体情况表",
  "部门（单位）：烟台市住房和城乡建设局                                                                                                           单位：万元",
  "  科目编码                                                       财政拨款收入",
  "                                                                                  事业收入 事业单位经",
  "                                                                            财政专户管 （不含教育                  上级补助收 附属单位上 使用非财政",
  "                        科目名称      合计                                                           其他收入                          上年结转",
  "                                                          一般公共预 政府性基金 国有资本经 理资金收入  收费）",
  "                                                                                        营收入                入    缴收入  拨款结余",
  "类     款    项                                  小计",
  "                                                           算收入  预算收入 营预算收入",
  "",
  "",
  "                合   计             45,967.29   45,832.29    41,966.15   3,806.19    59.95         75.00      60.00",
  "",
  "205             教育支出              19,804.44   19,804.44    19,804.44",
  "",
].join('\n')

describe('a bare 小计 before the funds of 财政拨款收入 (烟台 收入总体情况表)', () => {
  const doc = processDocument('fund-subtotal.layout.txt', new TextEncoder().encode(FUNDS))

  it('is 财政拨款 (fiscal_appropriation): 45,832.29 = 41,966.15 + 3,806.19 + 59.95 on the 合计 row', () => {
    const cell = (raw: string) => doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.value_raw === raw).map((fact) => fact.measure)
    expect(cell('45,967.29')).toEqual(['total'])
    expect(cell('45,832.29')).toEqual(['fiscal_appropriation'])
  })

  it('takes the funds from that sum, where the squeezed words hang one column off: 一般公共 41,966.15, 政府性基金 3,806.19, 国有资本 59.95', () => {
    const cell = (raw: string) => doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.value_raw === raw).map((fact) => fact.measure)
    expect(cell('41,966.15')).toEqual(['general_budget'])
    expect(cell('3,806.19')).toEqual(['government_fund'])
    expect(cell('59.95')).toEqual(['state_capital'])
    // 205 教育支出 19,804.44: all of it 一般公共预算.
    expect(doc.facts.filter((fact) => fact.subject_code === '205').map((fact) => `${fact.measure} ${fact.value_raw}`)).toEqual(['total 19,804.44', 'fiscal_appropriation 19,804.44', 'general_budget 19,804.44'])
  })
})

// The same document's 收支总体情况表 (yt-27ae8074 lines 219–262), cut to its income side: it prints 上级补助收入 60.00
// below 本年收入合计 and leaves 附属单位上缴收入 and 使用非财政拨款结余 blank.
const SUMMARY = [
  "                         收支总体情况表",
  "部门（单位）：烟台市住房和城乡建设局                                                单位：万元",
  "",
  "                 收 入                                    支   出",
  "         项目            预算数                      项目              预算数",
  "一、财政拨款收入                 45,832.29 一、一般公共服务支出",
  "  一般公共预算收入               41,966.15 二、外交支出",
  "  政府性基金预算收入                  3,806.19 三、公共安全支出",
  "  国有资本经营预算收入                   59.95 四、教育支出                       19,804.44",
  "五、其他收入                         75.00 十、城乡社区支出                   26,162.85",
  "   本 年 收 入 合 计           45,907.29        本 年 支 出 合 计             45,967.29",
  "",
  "",
  "上级补助收入                         60.00",
  "附属单位上缴收入                               对附属单位的补助支出",
  "",
  "使用非财政拨款结余                              上缴上级支出",
  "",
  "   收 入 总 计           45,967.29        支 出 总 计             45,967.29",
  "",
  "",
].join('\n')

describe('a source column whose squeezed header names three sources, with the 收支总表 printed before it (烟台)', () => {
  it('is the source the 收支总表 prints with its 合计 figure: `上级补助收 附属单位上 使用非财政` over 60.00 is 上级补助收入', () => {
    const doc = processDocument('source-from-summary.layout.txt', new TextEncoder().encode(`${SUMMARY}\n${FUNDS}`))
    const cell = (raw: string) => doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.value_raw === raw).map((fact) => fact.measure)
    expect(doc.facts.filter((fact) => fact.table_id === 'income_expenditure_summary' && fact.line_item === 'superior_subsidy').map((fact) => fact.value_raw)).toEqual(['60.00'])
    expect(cell('60.00')).toEqual(['superior_subsidy'])
    expect(cell('75.00')).toEqual(['other_income'])
    // 合计 45,967.29 = 小计 45,832.29 + 其他收入 75.00 + 上级补助收入 60.00 (the table is cut after 205: its hierarchy does not add up).
    expect(doc.checks.filter((check) => check.table_id === 'income_by_function' && check.rule === 'row-identity').map((check) => check.severity)).toEqual(['info', 'info'])
  })

  it('stays unnamed where the 收支总表 prints no source with that figure (上级补助收入 printed 70.00)', () => {
    const doc = processDocument('source-from-summary.layout.txt', new TextEncoder().encode(`${SUMMARY.replace('上级补助收入                         60.00', '上级补助收入                         70.00')}\n${FUNDS}`))
    expect(doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.value_raw === '60.00').map((fact) => fact.measure)).toEqual([''])
  })

  it('stays unnamed without a 收支总表', () => {
    const doc = processDocument('fund-subtotal.layout.txt', new TextEncoder().encode(FUNDS))
    expect(doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.value_raw === '60.00').map((fact) => fact.measure)).toEqual([''])
  })
})

// 烟台市发展和改革委员会 (yt-664b70fd lines 83–123 and 141–238, cut): two fund columns after 小计 under the squeezed
// `一般公共预 政府性基金 国有资本经` run; the 收支总体情况表 prints 一般公共预算收入 11,046.30 and 国有资本经营预算收入 124.00,
// 政府性基金预算收入 blank. By place the second column is 政府性基金; by the 收支总表 it is 国有资本经营.
const FUNDS_SUMMARY = [
  "                         收支总体情况表",
  "部门（单位）：烟台市发展和改革委员会                                              单位：万元",
  "",
  "                 收 入                                  支   出",
  "         项目            预算数                    项目              预算数",
  "一、财政拨款收入                 11,170.30 一、一般公共服务支出                       5,575.68",
  "  一般公共预算收入               11,046.30 二、外交支出",
  "  政府性基金预算收入                          三、公共安全支出",
  "",
  "  国有资本经营预算收入                 124.00 四、教育支出                             51.28",
  "二、财政专户管理资金收入                         五、科学技术支出",
  "五、其他收入                          4.00 二十一、其他支出                       5,547.34",
  "",
  "   本 年 收 入 合 计           11,174.30      本 年 支 出 合 计             11,174.30",
  "",
  "",
]
const TWO_FUNDS = [
  "                                                                       收入总体情况表",
  "部门（单位）：烟台市发展和改革委员会                                                                                                          单位：万元",
  "  科目编码                                                       财政拨款收入",
  "                                                                                  事业收入 事业单位经",
  "                                                                            财政专户管 （不含教育                 上级补助收 附属单位上 使用非财政",
  "                        科目名称      合计                                                           其他收入                         上年结转",
  "                                                          一般公共预 政府性基金 国有资本经 理资金收入  收费）",
  "                                                                                        营收入               入    缴收入  拨款结余",
  "类     款    项                                  小计",
  "                                                           算收入  预算收入 营预算收入",
  "",
  "",
  "                合   计             11,174.30   11,170.30    11,046.30    124.00                   4.00",
  "",
  "201             一般公共服务支出           5,575.68    5,571.68     5,571.68                             4.00",
  "",
  "205             教育支出                 51.28        51.28        51.28",
  "",
  "223             国有资本经营预算支出         124.00      124.00                 124.00",
  "",
]

describe('the fund columns after 小计 named by the 收支总表 (烟台, a fund left blank)', () => {
  const measures = (doc: ReturnType<typeof processDocument>, raw: string) =>
    doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.value_raw === raw).map((fact) => `${fact.subject_code || fact.line_item} ${fact.measure}`)

  it('are 一般公共预算 11,046.30 and 国有资本经营 124.00, the funds the 收支总表 prints, in order', () => {
    const doc = processDocument('funds-from-summary.layout.txt', new TextEncoder().encode([...FUNDS_SUMMARY, ...TWO_FUNDS].join('\n')))
    expect(measures(doc, '11,046.30')).toEqual(['total general_budget'])
    expect(measures(doc, '124.00')).toEqual(['total state_capital', '223 total', '223 fiscal_appropriation', '223 state_capital'])
    expect(measures(doc, '51.28')).toEqual(['205 total', '205 fiscal_appropriation', '205 general_budget'])
  })

  it('a single fund column is 一般公共预算 when the 收支总表 prints only that fund (yt-0b2631f7: 9,232.56)', () => {
    // No 国有资本经营 figure: its summary line and 223 row dropped, its 合计 cell blank, the totals 124.00 less.
    const one = (lines: string[]) =>
      lines
        .map((line) => line.replace('11,170.30', '11,046.30').replace('11,174.30', '11,050.30'))
        .map((line) => (line.includes('合   计') ? line.replace('124.00', '      ') : line))
        .filter((line) => !line.includes('124.00'))
    const doc = processDocument('funds-from-summary.layout.txt', new TextEncoder().encode([...one(FUNDS_SUMMARY), ...one(TWO_FUNDS)].join('\n')))
    expect(measures(doc, '11,046.30')).toEqual(['total fiscal_appropriation', 'total general_budget'])
  })

  it('by place alone (no 收支总表) the second column stays what the subtotal rule makes it', () => {
    const doc = processDocument('funds-from-summary.layout.txt', new TextEncoder().encode(TWO_FUNDS.join('\n')))
    expect(measures(doc, '124.00')).toEqual(['total government_fund', '223 total', '223 fiscal_appropriation', '223 government_fund'])
  })
})
