/**
 * A 收入预算总表 whose header prints two groups, 本年收入 and 上年结转结余, each over its own 小计 and fund
 * columns, on a line of their own a blank line above the columns (杭州 2026 表2). pdftotext centres each group
 * over its columns, narrower than they are, and right over one column's cell: the reader must not take the
 * group for the top of that cell, and must hang it over every column from its 小计 on. Excerpts as pdftotext
 * prints them (hz-ac78e7d9 lines 600–617), and the corpus file of 杭州市公安局 (hz-c0afe4e6); expected values read
 * off the text by hand.
 */
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import type { SourceDocument } from '../../core/document.ts'
import { hasCorpus, runFile } from '../helpers/documents.ts'

const JUSTICE = [
  "                                                表2：2026年市级部门收入预算总表",
  "部门名称：杭州市司法局                                                                                                                               单位：万元",
  "                                                            本年收入                                                        上年结转结余",
  "",
  "                                                      国有资   财政专         事业单                                             政府性          财政专",
  "    单位名称   总计                      一般公共        政府性基                事业         上级补   附属单位    其他                 一般公            国有资本          单位资",
  "                       小计                             本经营   户管理         位经营                           小计                基金预          户管理",
  "                                    预算         金预算                 收入         助收入   上缴收入    收入                 共预算            经营预算           金",
  "                                                      预算    资金          收入                                               算           资金",
  "",
  "     **      1           2            3         4      5     6     7     8     9     10      11       12        13       14    15    16      17",
  "",
  "合计         99,230.46   98,883.14   91,495.48                                               7,387.66   347.32   347.32",
  "",
  "杭州市司法局     99,230.46   98,883.14   91,495.48                                               7,387.66   347.32   347.32",
  "",
  " 杭州市司法",
  "           12,586.47   12,239.15   11,242.75                                                996.40    347.32   347.32",
  "",
].join('\n')


/** The measure and column label of the one income_by_function fact at a place. */
function cell(doc: SourceDocument, line: number, column: number): { measure: string; value_raw: string; column_label: string } {
  const found = doc.facts.filter((fact) => fact.table_id === 'income_by_function' && fact.line === line && fact.column === column)
  expect(found).toHaveLength(1)
  const fact = found[0] as (typeof found)[number]
  return { measure: fact.measure, value_raw: fact.value_raw, column_label: fact.column_label }
}

describe('a 收入预算总表 with 本年收入 and 上年结转结余 over their own 小计 (杭州 2026 表2)', () => {
  const justice = processDocument('hz-justice-income.layout.txt', new TextEncoder().encode(JUSTICE))

  it('reads the carry-over columns as the carry-over, not as the year\'s income (杭州市司法局, 合计 row)', () => {
    // 合计  99,230.46  98,883.14  91,495.48 … 7,387.66  347.32  347.32
    expect(cell(justice, 13, 12)).toEqual({ measure: 'total', value_raw: '99,230.46', column_label: '总计' })
    expect(cell(justice, 13, 24)).toEqual({ measure: 'income', value_raw: '98,883.14', column_label: '本年收入/小计' })
    expect(cell(justice, 13, 36)).toEqual({ measure: 'general_budget', value_raw: '91,495.48', column_label: '本年收入/一般公共预算' })
    expect(cell(justice, 13, 92)).toEqual({ measure: 'other_income', value_raw: '7,387.66', column_label: '本年收入/其他收入' })
    expect(cell(justice, 13, 103)).toEqual({ measure: 'opening_balance', value_raw: '347.32', column_label: '上年结转结余/小计' })
    expect(cell(justice, 13, 112)).toEqual({ measure: 'opening_balance_general_budget', value_raw: '347.32', column_label: '上年结转结余/一般公共预算' })
  })

  it('adds 总计 up: 99,230.46 = 91,495.48 + 7,387.66 + 347.32', () => {
    const rows = justice.checks.filter((row) => row.rule === 'row-identity' && row.table_id === 'income_by_function')
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.filter((row) => row.status !== 'pass')).toEqual([])
    // 合计 and 杭州市司法局: 99,230.46; 杭州市司法局 (局): 12,586.47 = 11,242.75 + 996.40 + 347.32.
    expect(rows.map((row) => [row.actual, row.expected]).sort()).toEqual([
      ['125864700', '125864700'],
      ['992304600', '992304600'],
      ['992304600', '992304600'],
    ])
  })
})

describe.skipIf(!hasCorpus())('the same table of 杭州市公安局, a figure wrapped around its row (hz-c0afe4e6 表2)', () => {
  const police = runFile('../shared/corpus/real/hz-c0afe4e6.layout.txt')

  it('reads 杭州市公安局\'s carry-over 4,023.45 under 上年结转结余/小计 and its 一般公共预算', () => {
    // 杭州市公安局  404,415.23  400,391.78  366,195.79  7,600.00  (18,536.8 / 8)  8,059.10  4,023.45  4,023.45
    expect(cell(police, 530, 120)).toEqual({ measure: 'opening_balance', value_raw: '4,023.45', column_label: '上年结转结余/小计' })
    expect(cell(police, 530, 131)).toEqual({ measure: 'opening_balance_general_budget', value_raw: '4,023.45', column_label: '上年结转结余/一般公共预算' })
    expect(cell(police, 529, 75)).toEqual({ measure: 'business_income', value_raw: '18,536.88', column_label: '本年收入/事业收入' })
  })

  it('does not guess the column of a figure a later page printed left of its column (杭州市道路交通事故社会救助基金管理服务中心)', () => {
    // 6,314.47  6,314.47  214.95  6,099.52, three columns left of page 1's: 6,099.52 ends under 政府性基金预算, yet the
    // department's whole 政府性基金预算 is 7,600.00 (合计 row), all of it 城市基础设施配套费: it is not that fund. The page
    // prints no header, and the table's sums fail alike wherever it goes: it is listed, not placed.
    expect(police.facts.filter((fact) => fact.line === 570 && fact.value_raw === '6,099.52')).toEqual([])
    expect(police.unplaced.filter((entry) => entry.line === 570 && entry.raw === '6,099.52').map((entry) => entry.reason)).toEqual(['ambiguous-column'])
  })

  it('does not make a figure of a stray digit: it is the last digit of 12,437.36 (杭州市机动车驾驶员考试服务中心)', () => {
    // `12,437.3` on line 561, its last digit `6` printed over the page break (line 564) where the next page's layout
    // puts it: no column of its own (it would be one no header names); the row adds up with it, 14,549.64 = 12,437.36 +
    // 2,112.28 (joinDigitsOverPageBreak).
    expect(police.facts.filter((fact) => fact.line === 564 && fact.value_raw === '6')).toEqual([])
    expect(police.unplaced.filter((entry) => entry.line === 564 && entry.raw === '6')).toEqual([])
    expect(police.facts.filter((fact) => fact.line === 561 && fact.measure === 'business_income').map((fact) => fact.value_raw)).toEqual(['12,437.36'])
  })

  it('counts the 事业收入 wrapped around the row in the row: 404,415.23 = 366,195.79 + 7,600.00 + 18,536.88 + 8,059.10 + 4,023.45 (0.01 rounding)', () => {
    const rows = police.checks.filter((row) => row.base_rule === 'row-identity' && row.table_id === 'income_by_function' && row.actual === '4044152300' && row.message.includes('杭州市公安局'))
    expect(rows).toHaveLength(1)
    // Within rounding (6 figures × half a unit): a warning, the wrapped 18,536.88 counted.
    expect(rows[0]).toMatchObject({ rule: 'rounding', severity: 'warning', expected: '4044152200', actual: '4044152300' })
  })
})
