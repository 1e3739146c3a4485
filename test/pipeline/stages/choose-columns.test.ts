/**
 * A table continued on a page without its header, whose columns pdftotext
 * squeezed: a figure's column is known by order only, and the table's sums
 * decide it (苏州 一般公共预算支出表, 基本支出表). Laid out as pdftotext prints
 * them; expected measures and values read off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../../pipeline/process-document.ts'

const EXPENDITURE = `苏州市某某局 2026 年度部门预算公开

 公开 07 表

                                    一般公共预算支出表
 部门：苏州市某某局                                                                                 单位：万元
                                                                基本支出
       科目编码                  科目名称     合计                                                 项目支出
                                                    小计          人员经费         公用经费

                        合计            242,360.10    29,606.33    26,143.66    3,462.67   212,753.77

 214             交通运输支出               233,392.18    20,638.41    17,175.74    3,462.67   212,753.77
   21401         公路水路运输                37,461.79    17,435.54    14,001.19    3,434.35    20,026.25
       2140112   公路运输管理                37,461.79    17,435.54    14,001.19    3,434.35    20,026.25
   21405         邮政业支出                   3,202.87     3,202.87     3,174.55      28.32
       2140504   行业监管                     3,202.87     3,202.87     3,174.55      28.32
   21499         其他交通运输支出             192,727.52                                         192,727.52
       2149901   公共交通运营补助             186,729.92                                         186,729.92


                                           - 17 -
\f苏州市某某局 2026 年度部门预算公开


       2149999   其他交通运输支出   5,997.60                         5,997.60
 221             住房保障支出     8,967.92   8,967.92   8,967.92
   22102         住房改革支出     8,967.92   8,967.92   8,967.92
       2210201   住房公积金      8,967.92   8,967.92   8,967.92


`

describe('a figure of a page without header placed by order only', () => {
  const doc = processDocument('choose-columns.layout.txt', new TextEncoder().encode(EXPENDITURE))
  const value = (measure: string, code: string) =>
    doc.facts.filter((fact) => fact.table_id === 'general_budget_expenditure' && fact.measure === measure && fact.subject_code === code).map((fact) => fact.value_raw)

  it('goes to the column where its parent adds up: 21499 项目支出 192,727.52 = 186,729.92 + 5,997.60', () => {
    expect(value('total', '2149999')).toEqual(['5,997.60'])
    expect(value('project', '2149999')).toEqual(['5,997.60'])
    expect(value('basic_public', '2149999')).toEqual([])
  })

  it('leaves the figures the page gives by order and sums alike where they are', () => {
    expect(value('total', '221')).toEqual(['8,967.92'])
    expect(value('basic', '221')).toEqual(['8,967.92'])
    expect(value('basic_personnel', '221')).toEqual(['8,967.92'])
  })

  it('makes the table add up', () => {
    const failed = doc.checks.filter((check) => check.table_id === 'general_budget_expenditure' && check.severity === 'error')
    expect(failed.map((check) => check.message)).toEqual([])
  })
})

const BASIC = `苏州市某某局 2026 年度部门预算公开

公开 08 表

                      一般公共预算基本支出表
部门：苏州市某某局                                                      单位：万元
          部门预算支出经济分类科目                     本年一般公共预算基本支出
 科目编码              科目名称             合计              人员经费         公用经费
                 合计                  29,606.33       26,143.66    3,462.67
301       工资福利支出                     23,729.94       23,729.94
  30101   基本工资                          23,729.94       23,729.94
302       商品和服务支出                        3,462.67                 3,462.67
  30201   办公费                              3,462.67                 3,462.67

                             - 19 -
\f 苏州市某某局 2026 年度部门预算公开


303       对个人和家庭的补助                2,413.72                    2,413.72
  30301   离休费                        2,413.72                  2,413.72


`

// The page's second figures end nearer the first page's 公用经费 than its 人员经费: the order alone would say 公用经费.
describe('the classes of a basic-expenditure table continued by order only', () => {
  const doc = processDocument('choose-columns-basic.layout.txt', new TextEncoder().encode(BASIC))
  const value = (measure: string, code: string) =>
    doc.facts.filter((fact) => fact.table_id === 'general_budget_basic_expenditure' && fact.measure === measure && fact.subject_code === code).map((fact) => fact.value_raw)

  it('are told by the 合计 row: 人员经费 26,143.66 = 301 23,729.94 + 303 2,413.72', () => {
    expect(value('personnel', '303')).toEqual(['2,413.72'])
    expect(value('personnel', '30301')).toEqual(['2,413.72'])
    expect(value('public', '303')).toEqual([])
  })
})

// Without the 合计, 214 and 21499 rows, no sum holds one way and fails the other.
const UNDECIDED = EXPENDITURE.replace(/^ +合计 +242,360\.10 .*\n/m, '').replace(/^ +21499 .*\n/m, '').replace(/^ 214 .*\n/m, '')

describe('a figure whose column neither the order nor the sums tell', () => {
  const doc = processDocument('choose-columns-undecided.layout.txt', new TextEncoder().encode(UNDECIDED))

  it('is not placed, with its reason', () => {
    const facts = doc.facts.filter((fact) => fact.subject_code === '2149999')
    expect(facts.map((fact) => [fact.measure, fact.value_raw])).toEqual([['total', '5,997.60']])
    const unplaced = doc.unplaced.filter((entry) => entry.reason === 'ambiguous-column')
    expect(unplaced.map((entry) => entry.raw)).toEqual(['5,997.60'])
    expect(doc.messages.filter((message) => message.ruleId === 'ambiguous-column')).toHaveLength(1)
  })
})

// The same rows on a page that stands where the first page stood: its figures end at the first page's columns.
const ALIGNED = UNDECIDED.replace(
  /^ {7}2149999 [^\n]*\n(?:[^\n]*\n){3}/m,
  `       2149999   其他交通运输支出               5,997.60                                           5,997.60
 221             住房保障支出                 8,967.92     8,967.92     8,967.92
   22102         住房改革支出                 8,967.92     8,967.92     8,967.92
       2210201   住房公积金                  8,967.92     8,967.92     8,967.92
`,
)

describe('a page continued without header whose figures stand at the first page’s columns', () => {
  const doc = processDocument('choose-columns-aligned.layout.txt', new TextEncoder().encode(ALIGNED))

  it('places them by their place, sums or not', () => {
    expect(ALIGNED).not.toBe(UNDECIDED)
    const facts = doc.facts.filter((fact) => fact.subject_code === '2149999')
    expect(facts.map((fact) => [fact.measure, fact.value_raw])).toEqual([['total', '5,997.60'], ['project', '5,997.60']])
    expect(doc.unplaced.filter((entry) => entry.reason === 'ambiguous-column')).toEqual([])
  })
})

// The same table under a title that is none of the nine (苏州's 公开 05 表 prints the 一般公共预算支出表's columns).
const OTHER = EXPENDITURE.replace('公开 07 表', '公开 05 表').replace('一般公共预算支出表', '财政拨款支出表（功能科目）')

describe('a table outside the nine continued by order only', () => {
  const doc = processDocument('choose-columns-other.layout.txt', new TextEncoder().encode(OTHER))
  const labels = (code: string) => doc.facts.filter((fact) => fact.subject_code === code).map((fact) => [fact.table_id, fact.column_label, fact.value_raw])

  it('is decided column by column by its parents: 21499 项目支出 192,727.52 = 186,729.92 + 5,997.60', () => {
    expect(labels('2149999')).toEqual([
      ['other', '合计', '5,997.60'],
      ['other', '项目支出', '5,997.60'],
    ])
  })

  it('keeps the order’s column where its sums do not tell: a table without measures has none to be wrong', () => {
    const undecided = processDocument('choose-columns-other-undecided.layout.txt', new TextEncoder().encode(UNDECIDED.replace('公开 07 表', '公开 05 表').replace('一般公共预算支出表', '财政拨款支出表（功能科目）')))
    expect(undecided.facts.filter((fact) => fact.subject_code === '2149999').map((fact) => fact.value_raw)).toEqual(['5,997.60', '5,997.60'])
    expect(undecided.unplaced.filter((entry) => entry.reason === 'ambiguous-column')).toEqual([])
  })
})
