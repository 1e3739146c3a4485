/**
 * Amounts wrapped in narrow cells, as `pdftotext -layout` prints some 部门预算 (重庆's 2026 tables): the integer
 * on the row's line, the decimals on the line below, sometimes glued to the next cell's integer, each cell a line
 * lower than the one before. The text below copies that layout (positions as printed in a real document) with
 * figures made up for the test; the expected facts are read off it by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import { hasCorpus, runFile } from '../helpers/documents.ts'
import type { Fact } from '../../core/types.ts'

const TEXT = `某某市某某局2026年部门预算

                                  2026 年部门收入总体情况表
单位名称:某某市某某局                                                                                 单位:万元

                   科     目                  一般公共      政府性基 国有资本 财政专户
                                                                        事业       上级补助 附属单位 事业单位     其他
                                  总 计       预算拨款      金预算拨 经营预算 管理资金
 科目编码                  科 目 名 称                                          收入        收入  上缴收入 经营收入     收入
                                             收入       款收入 拨款收入   收入
                   合 计           123,456
                                       .78112,345
                                                .67                    1,111
                                                                           .11                    10,000
                                                                                                       .00

201             一般公共服务支出          4,321
                                      .00 4,321
                                              .00


                               2026 年部门支出总体情况表
单位名称:某某市某某局                                                             单位:万元

      科目编码                     科   目   名   称   总    计         基本支出       项目支出

                           合   计               123,456
                                                     .78       1,111
                                                                   .11   122,345
                                                                               .67

201             一般公共服务支出                           4,321
                                                       .00                4,321
                                                                              .00

  20104          发展与改革事务                            321
                                                      .00                   321
                                                                              .00

      2010406     社会事业发展规划                          321
                                                      .00                   321
                                                                              .00
`

const doc = processDocument('wrapped-amounts.layout.txt', new TextEncoder().encode(TEXT))

/** `table_id code measure value_raw` of every table fact, in a stable order. */
function factLines(table: string): string[] {
  return doc.facts
    .filter((fact: Fact) => fact.origin === 'table' && fact.table_id === table)
    .map((fact) => `${fact.subject_code || fact.label_raw.replace(/\s+/g, '')} ${fact.measure} ${fact.value_raw}`)
    .sort()
}

describe('amounts wrapped over two lines', () => {
  it('joins the decimals printed below to their integer, in the staircase of the 支出 table', () => {
    expect(factLines('expenditure_by_function')).toEqual(
      [
        '合计 total 123,456.78',
        '合计 basic 1,111.11',
        '合计 project 122,345.67',
        '201 total 4,321.00',
        '201 project 4,321.00',
        '20104 total 321.00',
        '20104 project 321.00',
        '2010406 total 321.00',
        '2010406 project 321.00',
      ].sort(),
    )
  })

  it('splits decimals glued to the next cell (`.78112,345`) and keeps each cell in its column of the 收入 table', () => {
    const facts = factLines('income_by_function')
    expect(facts).toContain('合计 total 123,456.78')
    expect(facts).toContain('合计 business_income 1,111.11')
    expect(facts).toContain('合计 other_income 10,000.00')
    expect(facts).toContain('201 total 4,321.00')
    const general = doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.column_label === '一般公共预算拨款收入').map((fact) => fact.value_raw)
    expect(general.sort()).toEqual(['112,345.67', '4,321.00'])
  })

  it('gives a wrapped figure the place of both its pieces, and leaves no piece unplaced', () => {
    const total = doc.facts.find((fact) => fact.table_id === 'expenditure_by_function' && fact.measure === 'total' && fact.value_raw === '123,456.78') as Fact
    expect([total.end_line - total.line, total.column < total.end_column]).toEqual([1, true])
    const pieces = doc.unplaced.filter((entry) => /^\d{2}$/.test(entry.raw) || /^\d+,\d{3}$/.test(entry.raw) || entry.reason === 'unlabelled-row')
    expect(pieces).toEqual([])
  })

  it('joins a number cut after each group in the narrowest cells (`8` / `45,` / `695` / `.77`)', () => {
    const narrow = processDocument('narrow-cells.layout.txt', new TextEncoder().encode(NARROW))
    const facts = narrow.facts.filter((fact) => fact.table_id === 'general_budget_expenditure').map((fact) => `${fact.column_label} ${fact.value_raw}`)
    expect(facts).toEqual(expect.arrayContaining(['总计 845,695.77', '小计 4,637.57', '公用经费 154.21', '项目支出 851,058.19']))
    const total = narrow.facts.find((fact) => fact.value_raw === '845,695.77') as Fact
    expect([total.line, total.end_line]).toEqual([10, 13])
    expect(narrow.unplaced.filter((entry) => entry.reason !== 'year' && entry.reason !== 'page-number')).toEqual([])
  })
})

describe('a row spread over three lines', () => {
  // A 项目支出总表 of 深圳's 2026 预算 as pdftotext prints it (digits changed): the department's row prints its two wide
  // totals cut (`9,846,408` … `.72` two lines down, `9,847,879.3` over `2`), its other cells on the line between.
  const doc = processDocument('spread-row.layout.txt', new TextEncoder().encode(SPREAD))
  it('joins the pieces, and the line of figures between to the row', () => {
    const row = doc.facts.filter((fact) => fact.label_raw.startsWith('某某市某某委员会')).map((fact) => fact.value_raw)
    expect(row).toEqual(expect.arrayContaining(['9,846,408.72', '9,847,879.32', '9,730.40']))
    expect(doc.unplaced.filter((entry) => entry.reason === 'unlabelled-row' || entry.reason === 'table-amount' || entry.reason === 'table-text')).toEqual([])
  })
})

describe('spreadsheet General numbers are not pieces', () => {
  // 决算 tables exported with General numbers print `12.1` and `8` as they are: a row's own 8 under 12.1 is a figure.
  const text = [
    '某某单位2020年度部门决算',
    '',
    '                  支出决算表',
    '单位：万元',
    '科目编码      科目名称                  合计        基本支出',
    '201           一般公共服务支出          902.47      902.47',
    '20103         政府办公厅事务            28.91       28.91',
    '2010301       行政运行                  12.1        12.1',
    // Right-aligned as pdftotext prints figures: each 8 under the last digit of 12.1.
    `${'2010302       一般行政管理事务'.padEnd(39)}8${' '.repeat(11)}8`,
    '',
  ].join('\n')
  const doc = processDocument('general-numbers.layout.txt', new TextEncoder().encode(text))
  it('keeps 12.1 and 8 apart', () => {
    const values = doc.facts.filter((fact) => fact.table_id === 'expenditure_by_function').map((fact) => `${fact.subject_code} ${fact.value_raw}`)
    expect(values).toEqual(expect.arrayContaining(['2010301 12.1', '2010302 8']))
    expect(values.some((value) => value.includes('12.18'))).toBe(false)
  })
})

describe('decimals printed on the line above their integer', () => {
  // A 财政拨款收支总体情况表 of 重庆's 2026 预算 as pdftotext prints it (figures changed): the cell 12,345.67 of
  // (一)一般公共预算资金 prints its two words at one height, and pdftotext puts `.67` on the label's line, glued to the
  // next cell's label, and `12,345` on the line below.
  const doc = processDocument('decimals-above.layout.txt', new TextEncoder().encode(DECIMALS_ABOVE))
  const facts = doc.facts
    .filter((fact) => fact.table_id === 'appropriation_summary')
    .map((fact) => `${fact.subject_code || fact.line_item} ${fact.measure} ${fact.value_raw}`)
  it('joins them to the integer below, and frees the next label', () => {
    expect(facts).toContain('general_budget_appropriation amount 12,345.67')
    expect(facts).toEqual(expect.arrayContaining(['208 total 45.67', '208 general_budget 45.67']))
    expect(facts.some((fact) => fact.endsWith(' 12,345'))).toBe(false)
  })
  it('places the figure on both lines, and leaves no piece unplaced', () => {
    const fact = doc.facts.find((one) => one.line_item === 'general_budget_appropriation') as Fact
    expect([fact.line, fact.end_line]).toEqual([16, 17])
    expect(doc.unplaced.filter((entry) => entry.reason === 'table-text' || entry.reason === 'table-amount' || entry.reason === 'unlabelled-row')).toEqual([])
  })
  it('makes the income and the classes add up', () => {
    expect(doc.checks.filter((check) => check.severity === 'error').map((check) => check.message)).toEqual([])
  })
})

/** A 一般公共预算支出情况表 whose cells are so narrow that the numbers break after every group (digits changed). */
const NARROW = `某某市某某局2026年部门预算

                                 2026 年一般公共预算支出情况表
单位名称:某某市某某局                                                                        单位:万元

                       功能分类科目                                   基本支出
                                         总   计                                       项目支出
  科目编码                          科目名称                 小计         人员经费       公用经费

                        合   计            8
                                         45,
                                           695
                                             .77     4,637
                                                         .57     5,483
                                                                     .35     154
                                                                               .21   8
                                                                                     51,
                                                                                       058
                                                                                         .19

`

const SPREAD = `某某市某某委员会2026年部门预算

                                                                           项目支出总表
部门名称：某某市某某委员会（本级）                                                                                                                        单位：万元

                                                                                      2026 年预算

     支出项目类别                                  财政拨款                                                   单位资金
                                                                  财政专户                                                                    上年结余、
                 总计            一般公共         政府性基金预     国有资本经营                         事业单位          上级补助          附属单位
                                                                  管理资金     事业收入                                                 其他收入       结转
                               预算拨款          算拨款        预算拨款                          经营收入           收入           上缴收入
某某市某某委员会      9,846,408    9,847,879.3
                                                0.00       0.00     0.00       0.00          0.00          0.00          0.00      0.00      9,730.40
（本级）                    .72            2
     创新能力建设和高新
                   201.28          201.28       0.00       0.00     0.00       0.00          0.00          0.00          0.00      0.00           0.00
技术发展业务
     党建活动              4.50         4.50        0.00       0.00     0.00       0.00          0.00          0.00          0.00      0.00           0.00
     发展改革综合管理业
`

/** A 财政拨款收支总体情况表 whose first row prints its income's decimals on the line above (figures changed). */
const DECIMALS_ABOVE = `某某市某某局2026年部门预算

表四

                     2026 年财政拨款收支总体情况表
单位名称:某某市某某局                                                                      单位:万元

              收入                                        支出
                                                              一般         政府性     国有资本
      项   目        预算数             项     目     合    计
                                                             公共预算       基金预算     经营预算
     一、本年收入        12,345
                        .67       一、本年支出       12,445
                                                    .67      12,445
                                                                  .67
(一)一般公共预算资金             .67 (一)社会保障和就业支出
                   12,345                          45
                                                    .67         45
                                                                 .67
(二)政府性基金预算资金                  (二)卫生健康支出            31
                                                    .00         31
                                                                 .00
(三)国有资本经营预算资金
                              (三)自然资源海洋气象等支出   12,369
                                                    .00      12,369
                                                                  .00



     二、上年结转          100
                       .00        二、结转下年

(一)一般公共预算拨款          100
                       .00



      收入合计         12,445
                        .67        支出合计        12,445
                                                    .67      12,445
                                                                  .67

`

describe.skipIf(!hasCorpus())('the last digit of an amount cut inside its decimals, printed in the gap right of its piece (杭州市公安局 2026 表5)', () => {
  // hz-c0afe4e6 lines 692–706: 合计 and 小计 cut inside their decimals above the row, the last digit below it;
  // under 合计 that digit stands four columns right of its piece, in the gap before 小计's column, 小计's own
  // digit right under its piece.
  //                      370,219.2        293,191.8
  // 合计                                                246,458.22   46,733.64 77,027.38
  //                                   5           6
  const far = runFile('../shared/corpus/real/hz-c0afe4e6.layout.txt')
  const cell = (code: string, measure: string) =>
    far.facts.filter((fact) => fact.table_id === 'general_budget_expenditure' && (fact.subject_code || fact.line_item) === code && fact.measure === measure).map((fact) => fact.value_raw)
  it('joins `370,219.2` / `5` and `299,901.0` / `2` (合计 and 204 公共安全支出), and keeps 小计 with its own digit', () => {
    expect(cell('total', 'total')).toEqual(['370,219.25'])
    expect(cell('total', 'basic')).toEqual(['293,191.86'])
    expect(cell('204', 'total')).toEqual(['299,901.02'])
    expect(cell('204', 'basic')).toEqual(['262,703.20'])
    // No lone digit of that table is a figure of its own.
    expect(far.facts.filter((fact) => fact.table_id === 'general_budget_expenditure' && /^[0-9]$/.test(fact.value_raw))).toEqual([])
  })
})

describe.skipIf(!hasCorpus())('one column of a staircase page set a few columns apart row by row (重庆市商务委员会 2026 收入总体情况表)', () => {
  // cq-5c6aea1e lines 400–418 (page 9): 215's 41,534.73 ends at x 60, 21598's and 2159802's at x 63, rows apart;
  // the repeated header `政府性基 国有资本 财政专户` over them. One column (政府性基金), 财政专户 the next one.
  // 215              资源勘探工业信息等支出        41,772
  //                                         .73    238
  //                                                  .0041,534
  //  21598           超长期特别国债安排的支出      41,534
  //                                         .73            41,534
  const staircase = runFile('../shared/corpus/real/cq-5c6aea1e.layout.txt')
  const cell = (code: string, measure: string) =>
    staircase.facts.filter((fact) => fact.table_id === 'income_by_function' && (fact.subject_code || fact.line_item) === code && fact.measure === measure).map((fact) => fact.value_raw)
  it('puts 215, 21598 and 2159802 in one column, the 政府性基金 of 合计 41,534.73', () => {
    expect(cell('total', 'government_fund')).toEqual(['41,534.73'])
    expect(cell('215', 'government_fund')).toEqual(['41,534.73'])
    expect(cell('21598', 'government_fund')).toEqual(['41,534.73'])
    expect(cell('2159802', 'government_fund')).toEqual(['41,534.73'])
    expect(cell('215', 'fiscal_special_account')).toEqual([])
  })
  it('keeps the 财政专户 figures of the page out of 事业收入 (合计 22,070.82 and 2,461.25)', () => {
    expect(cell('total', 'fiscal_special_account')).toEqual(['22,070.82'])
    expect(cell('2080505', 'fiscal_special_account')).toEqual(['345.01'])
    expect(cell('2080505', 'business_income')).toEqual([])
    expect(cell('2101102', 'fiscal_special_account')).toEqual(['58.42'])
    expect(cell('210', 'fiscal_special_account')).toEqual(['229.02'])
    expect(cell('210', 'business_income')).toEqual(['40.30'])
    expect(cell('2101199', 'fiscal_special_account')).toEqual(['170.60'])
    expect(cell('2101199', 'business_income')).toEqual(['40.30'])
    expect(cell('221', 'fiscal_special_account')).toEqual(['49.06'])
    expect(staircase.checks.filter((check) => check.severity === 'error' && check.table_id === 'income_by_function')).toEqual([])
  })
})
