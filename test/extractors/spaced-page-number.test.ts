/**
 * A page number printed with its digits spaced between dashes (`— 1 0 —`, 重庆) at the foot of a table's page
 * is no part of the table: before, it was read as the rest of the name of the row above it
 * (`涉外发展服务支出— 1 0 —`). Text as pdftotext prints cq-5c6aea1e's 收入总体情况表 (lines 234–243, then 421–447).
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TEXT = [
  "\f表二",
  "",
  "                                 2026 年部门收入总体情况表",
  "单位名称:重庆市商务委员会                                                                                   单位:万元",
  "",
  "                   科     目                  一般公共     政府性基 国有资本 财政专户",
  "                                                                         事业      上级补助 附属单位 事业单位      其他",
  "                                  总 计       预算拨款     金预算拨 经营预算 管理资金",
  " 科目编码                  科 目 名 称                                           收入       收入  上缴收入 经营收入      收入",
  "                                             收入      款收入 拨款收入   收入",
  "216             商业服务业等支出           42,846",
  "                                        .68 42,846",
  "                                                 .68",
  "",
  " 21602           商业流通事务            20,706",
  "                                        .75 20,706",
  "                                                 .75",
  "",
  "      2160299     其他商业流通事务支出       20,706",
  "                                        .75 20,706",
  "                                                 .75",
  "",
  " 21606           涉外发展服务支出          22,139",
  "                                        .93 22,139",
  "                                                 .93",
  "",
  "",
  "                                                     — 1 0 —",
  "\f                   科     目                一般公共       政府性基 国有资本 财政专户",
  "                                                                       事业   上级补助 附属单位 事业单位    其他",
  "                                 总 计      预算拨款       金预算拨 经营预算 管理资金",
  " 科目编码                  科 目 名 称                                         收入    收入  上缴收入 经营收入    收入",
  "                                           收入        款收入 拨款收入   收入",
  "",
  "      2160699     其他涉外发展服务支出     22,139",
  "                                      .93 22,139",
  "                                               .93",
].join('\n')

describe('a page number with its digits spaced (重庆)', () => {
  const doc = processDocument('spaced-page-number.layout.txt', new TextEncoder().encode(TEXT))

  it('is not read into the name of the row above it', () => {
    const names = doc.facts.filter((fact) => fact.subject_code === '21606').map((fact) => fact.label_raw)
    expect(names.length).toBeGreaterThan(0)
    expect(new Set(names)).toEqual(new Set(['涉外发展服务支出']))
    expect(doc.unplaced.filter((entry) => entry.line === 28).map((entry) => entry.reason)).toEqual(['page-number', 'page-number'])
  })
})
