/**
 * A row of a 收入预算总表 by unit whose carry-over figures pdftotext prints a line lower than its other figures,
 * beside the second line of the unit's wrapped name (杭州 2026 表2, 杭州市交通运输局, hz-e488d331 lines 589–622):
 *
 *     杭州市道路
 *               27,718.25    13,317.69      13,317.69
 *   运输管理服务                                         14,400.56 14,400.56
 *   中心
 *
 * The carry-over is that row's: 27,718.25 = 13,317.69 + 14,400.56, and a row of its own would print its 总计.
 * Expected values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'

const TRANSPORT = [
  "                                                          表2：2026年市级部门收入预算总表",
  "部门名称：杭州市交通运输局单位：万元",
  "                                                                         本年收入                                                                       上年结转结余",
  "",
  "                                                                   国有资   财政专                事业单                                                    政府性             财政专",
  "    单位名称       总计                         一般公共        政府性基                                           上级补   附属单位    其他                   一般公                 国有资本         单位资",
  "                             小计                                    本经营   户管理    事业收入        位经营                                小计                  基金预             户管理",
  "                                            预算         金预算                                           助收入   上缴收入    收入                   共预算                 经营预算         金",
  "                                                                   预算    资金                     收入                                                  算              资金",
  "",
  "     **          1             2             3            4         5     6        7            8     9     10      11          12        13        14       15     16    17",
  "",
  "合计            665964.37    648105.52      414883.38   221,493.00                9,680.97                          2,048.18 17,858.84 17,680.93     177.92",
  "",
  "杭州市交通运",
  "              665964.37    648105.52      414883.38   221,493.00                9,680.97                          2,048.18 17,858.84 17,680.93     177.92",
  "输局",
  "",
  "    杭州市交通",
  "            510,673.56    509,989.73     309,989.73   200,000.00                                                               683.83     683.83",
  "运输局",
  "",
  "    杭州市道路",
  "              27,718.25    13,317.69      13,317.69",
  "运输管理服务                                                                                                                       14,400.56 14,400.56",
  "中心",
  "",
  "    杭州市公路",
  "与港航管理服        28774.51     26113.96       15620.96     10,493.00                                                             2,660.55   2,482.63   177.92",
  "务中心",
  "",
  "    杭州市交通",
  "运输行政执法        41,308.52     41,307.80     41,307.80                                                                              0.72       0.72",
  "队",
].join('\n')

describe('carry-over printed beside the wrapped name of its row (杭州市交通运输局 2026 表2)', () => {
  const doc = processDocument('hz-transport-income.layout.txt', new TextEncoder().encode(TRANSPORT))
  const row = (label: string) =>
    doc.facts
      .filter((fact) => fact.table_id === 'income_by_function' && fact.label_raw === label)
      .map((fact) => [fact.measure, fact.value_raw])
      .sort()

  it('reads the two lines as one row, named 杭州市道路运输管理服务', () => {
    expect(row('杭州市道路运输管理服务')).toEqual([
      ['general_budget', '13,317.69'],
      ['income', '13,317.69'],
      ['opening_balance', '14,400.56'],
      ['opening_balance_general_budget', '14,400.56'],
      ['total', '27,718.25'],
    ])
    expect(row('运输管理服务')).toEqual([])
  })

  it('adds its 总计 up: 27,718.25 = 13,317.69 + 14,400.56', () => {
    const checks = doc.checks.filter((check) => check.rule === 'row-identity' && check.table_id === 'income_by_function' && check.message.includes('27,718.25'))
    expect(checks.map((check) => [check.status, check.actual, check.expected])).toEqual([['pass', '277182500', '277182500']])
  })

  it('leaves the rows around it as they were (杭州市公路与港航管理服务中心: its figures on its name\'s second line)', () => {
    expect(row('与港航管理服')).toContainEqual(['opening_balance', '2,660.55'])
    expect(row('与港航管理服')).toContainEqual(['total', '28774.51'])
  })
})
