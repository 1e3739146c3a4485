/**
 * A 绩效 table's indicators (重庆's 部门整体绩效目标表, cq-5c6aea1e 表十): each row prints a target value in
 * its own unit (`计量单位`: 个, 次, %, 亿元) and a weight in percent. Their figures are no money in the table's
 * unit; the words of `指标性质` and `计量单位` start no panel. Text as pdftotext prints it (lines 1240–1272, so
 * line 15 here is 1254 there); values typed by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TEXT = [
  "\f表十",
  "",
  "                        2026 年部门整体绩效目标表",
  "单位名称:重庆市商务委员会",
  "",
  "                                当年整体绩效目标",
  "",
  "2026年,全市商务经济发展稳中向好。社会消费品零售总额同比增长5%及以上 (以政府工作报告为准),外贸进出口总值 8000 亿元及以上 (以政府",
  "工作报告为准),离岸服务外包执行额22.6亿美元及以上,重要商品储备数量 7500 吨及以上,应急状态下冻猪肉供应不发生断档脱销,网络零售额",
  "同比增速8%及以上,建成15分钟商业服务圈63个及以上,重点会展活动签约金额 (正式合同额)2000亿元及以上,办理行政审批和公共服务事项",
  "数量60000件及以上,外资企业对政策与政府服务满意度达90%以上。",
  "",
  "                        指标名称               指标性质   指标值     计量单位   指标权重(%) 是否核心",
  "",
  "          建成15分钟商业服务圈                       ≥      63      个       10     是",
  "",
  "          应急状态下冻猪肉供应断档脱销次数                  =      0       次       15     是",
  "",
  "          办理行政审批和公共服务事项数量                   ≥     60000    件       10     是",
  "",
  "          重要商品储备数量                          ≥     7500     吨       12     是",
  "",
  "  绩效指标    外贸进出口总值                           ≥     8000     亿元      12     是",
  "",
  "          社会消费品零售总额同比增速                     ≥      5       %       12     是",
  "",
  "          外资企业对政策与政府服务满意度                   ≥      90      %       8      否",
  "",
  "          离岸服务外包执行额                         ≥     22",
  "                                                   .6     亿美元      6      否",
  "",
  "          重点会展活动签约金额 (正式合同额)                ≥     2000     亿元      10     否",
  "",
].join('\n')

describe('a 绩效 table\'s indicators, each in the unit its row prints (重庆 部门整体绩效目标表)', () => {
  const doc = processDocument('indicators.layout.txt', new TextEncoder().encode(TEXT))
  const at = (line: number) =>
    doc.facts
      .filter((fact) => fact.origin === 'table' && fact.line === line)
      .map((fact) => `${fact.column_label.split('/').at(-1)} ${fact.value} ${fact.unit} ${fact.unit_raw}`)

  it('reads the value in the row\'s 计量单位 and the weight in percent', () => {
    expect(at(15)).toEqual(['指标值 63 count 个', '指标权重(%) 10 percent %'])
    expect(at(17)).toEqual(['指标值 0 count 次', '指标权重(%) 15 percent %'])
    expect(at(23)).toEqual(['指标值 800000000000 CNY 亿元', '指标权重(%) 12 percent %'])
    expect(at(25)).toEqual(['指标值 5 percent %', '指标权重(%) 12 percent %'])
  })

  it('lists a value in another currency as an indicator, not a figure', () => {
    expect(doc.facts.some((fact) => fact.unit_raw === '亿美元')).toBe(false)
    expect(doc.unplaced.filter((entry) => entry.line === 29 && entry.raw.startsWith('22')).map((entry) => entry.reason)).toEqual(['indicator'])
  })
})
