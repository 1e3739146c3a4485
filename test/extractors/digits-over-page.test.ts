/**
 * The last digit of an amount cut inside its decimals at the foot of a page, printed alone on the first line of
 * the next page, where that page's layout puts it (杭州市公安局 2026 表2, hz-c0afe4e6 lines 513–575):
 *
 *    杭州市机动      14,549.64    14,549.64          12,437.3          2,112.28
 *                                                        20
 *  ␌车驾驶员考试                          6
 *
 * 14,549.64 = 12,437.36 + 2,112.28: the `6` is the last digit of 事业收入 12,437.36. Joined only when nothing else
 * can take it and the row then adds up. Expected values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const POLICE = [
  "\f                                                    表2：2026年市级部门收入预算总表",
  "部门名称：杭州市公安局                                                                                                                                                    单位：万元",
  "                                                                   本年收入                                                                       上年结转结余",
  "",
  "                                                             国有资   财政专                事业单                                                    政府性          财政专",
  "    单位名称    总计                       一般公共         政府性基                                         上级补   附属单位    其他                   一般公              国有资本          单位资",
  "                         小计                                  本经营   户管理    事业收入        位经营                               小计                   基金预          户管理",
  "                                       预算         金预算                                          助收入   上缴收入    收入                   共预算              经营预算           金",
  "                                                             预算    资金                     收入                                                  算           资金",
  "",
  "     **       1            2             3          4         5     6        7            8     9     10      11         12         13        14    15    16      17",
  "",
  "                                                                          18,536.8",
  "合计         404,415.23   400,391.78   366,195.79   7,600.00                                                  8,059.10   4,023.45   4,023.45",
  "                                                                                 8",
  "",
  "                                                                          18,536.8",
  "杭州市公安局     404,415.23   400,391.78   366,195.79   7,600.00                                                  8,059.10   4,023.45   4,023.45",
  "                                                                                 8",
  "",
  " 杭州市公安",
  "           113,529.06   111,332.55   107,490.66                                                             3,841.88   2,196.51   2,196.51",
  "局",
  "",
  " 杭州市公安",
  "局交通管理支     168,527.35   166,800.69   158,981.55   7,600.00                                                    219.14   1,726.66   1,726.66",
  "队",
  "",
  " 杭州市公安",
  "            26,263.80    26,211.45    26,203.45                                                                 8.00      52.35     52.35",
  "局巡特警支队",
  "",
  " 杭州市公安",
  "局监所管理支",
  "            22,199.42    22,184.08    20,382.97                                                             1,801.11      15.35     15.35",
  "队（留置看护",
  "管理支队）",
  "",
  " 杭州市公安",
  "局刑事侦查支      12,379.89    12,367.24    12,362.24                                                                 5.00      12.65     12.65",
  "队",
  "",
  " 杭州市公安",
  "局交通治安分",
  "             8,017.41    8,012.71     8,012.71                                                                             4.71      4.71",
  "局（水上治安",
  "分局）",
  "",
  " 杭州市机动      14,549.64    14,549.64                                        12,437.3                          2,112.28",
  "",
  "                                                                                     20",
  "\f车驾驶员考试                                              6",
  "服务中心",
  "",
  " 杭州市道路",
  "交通事故社会",
  "救助基金管理",
  "服务中心（杭    6,314.47   6,314.47      214.95    6,099.52",
  "州市公安综合",
  "保障服务中",
  "心）",
  "",
  " 杭州市居民",
].join('\n')

const row = (doc: ReturnType<typeof processDocument>, line: number) =>
  doc.facts
    .filter((fact) => fact.table_id === 'income_by_function' && fact.line === line)
    .map((fact) => [fact.measure, fact.value_raw])
    .sort()

describe('a digit carried over a page break (杭州市公安局 2026 表2, 杭州市机动车驾驶员考试服务中心)', () => {
  const doc = processDocument('hz-police-income.layout.txt', new TextEncoder().encode(POLICE))

  it('reads 事业收入 12,437.36, its 6 from the next page', () => {
    expect(row(doc, 49)).toEqual([
      ['business_income', '12,437.36'],
      ['income', '14,549.64'],
      ['other_income', '2,112.28'],
      ['total', '14,549.64'],
    ])
    const fact = doc.facts.find((entry) => entry.value_raw === '12,437.36')
    expect([fact?.line, fact?.end_line]).toEqual([49, 52])
    expect(doc.unplaced.filter((entry) => entry.line === 52 && entry.raw === '6')).toEqual([])
    // Its first piece is no amount left over either: the figure is accounted for once, both pieces where they stand.
    expect(doc.unplaced.filter((entry) => entry.line === 49 && entry.raw === '12,437.3')).toEqual([])
  })

  it('adds the row up: 14,549.64 = 12,437.36 + 2,112.28', () => {
    const checks = doc.checks.filter((check) => check.rule === 'row-identity' && check.message.includes('14,549.64'))
    expect(checks.map((check) => check.status)).toEqual(['pass'])
  })

  it('leaves a digit with which the row would not add up where it is (a 7 there: 12,437.37 + 2,112.28 ≠ 14,549.64)', () => {
    const other = processDocument('hz-police-income-7.layout.txt', new TextEncoder().encode(POLICE.replace(/(车驾驶员考试 +)6/, '$17')))
    expect(row(other, 49)).toContainEqual(['business_income', '12,437.3'])
    expect(other.facts.some((entry) => entry.value_raw === '12,437.37')).toBe(false)
  })
})
