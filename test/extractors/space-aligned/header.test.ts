/**
 * Header words of a squeezed run placed over the columns of figures (extractors/space-aligned/header.ts).
 * Positions as pdftotext printed the repeated header of a page of 重庆市商务委员会's 2026 收入总体情况表
 * (cq-5c6aea1e lines 336–340), every amount a staircase of pieces; the columns of figures as that page's
 * figures stand when one column's are set apart row by row (41,534.73 ending at 60 on one row, 63 on others).
 */
import { describe, expect, it } from 'vitest'
import type { Column } from '../../../extractors/space-aligned/columns.ts'
import { layoutHeader } from '../../../extractors/space-aligned/header.ts'
import type { LayoutLine } from '../../../extractors/space-aligned/lines.ts'

/** A header line of words, each `[x, text]`. */
function headerLine(line: number, words: [number, string][]): LayoutLine {
  return {
    line,
    page: 9,
    pageBreak: false,
    tokens: words.map(([x, text]) => ({ text, line, offset: x, x, end: x + [...text].length, kind: 'text', cut: false })),
  }
}

const lines = [
  headerLine(336, [[19, '科'], [25, '目'], [46, '一般公共'], [55, '政府性基 国有资本 财政专户']]),
  headerLine(337, [[74, '事业'], [81, '上级补助 附属单位 事业单位'], [100, '其他']]),
  headerLine(338, [[35, '总 计'], [46, '预算拨款'], [55, '金预算拨 经营预算 管理资金']]),
  headerLine(339, [[1, '科目编码'], [23, '科 目 名 称'], [74, '收入'], [82, '收入'], [86, '上缴收入 经营收入'], [100, '收入']]),
  headerLine(340, [[47, '收入'], [55, '款收入 拨款收入'], [66, '收入']]),
]

const column = (kind: Column['kind'], start: number, end: number, fill: number): Column => ({ kind, start, end, fill, headers: [], pair: [] })

describe('layoutHeader: a squeezed run over columns that may be one', () => {
  it('does not split `政府性基 国有资本 财政专户` by count over two overlapping columns of figures and the next', () => {
    const columns = [
      column('code', 0, 6, 0),
      column('code', 6, 13, 0),
      column('label', 16, 32, 0),
      column('value', 35, 43, 19),
      column('value', 43, 52, 17),
      column('value', 52, 60, 1),
      column('value', 55, 63, 2),
      column('value', 66, 71, 7),
      column('value', 74, 78, 3),
      column('value', 92, 97, 7),
    ]
    const { columns: laid } = layoutHeader(lines, columns)
    const headers = (start: number, end: number) =>
      laid.filter((entry) => entry.start === start && entry.end === end).flatMap((entry) => entry.headers.map((token) => token.text))
    // 55–63 holds 21598's 41,534.73, 政府性基金 as the sums say: no word of the run is given to it alone.
    expect(headers(55, 63).some((text) => /国有资本|经营预算/.test(text))).toBe(false)
    expect(headers(66, 71).some((text) => text === '财政专户')).toBe(false)
  })
})

describe('ownersByCount: a squeezed run counted over columns of figures', () => {
  it('does not count two overlapping columns as two (the run squeezed left of its columns, its cells on one line)', () => {
    // The run stands left of its figures, its first two words over one column: placed by count only, if at all.
    const single = [
      headerLine(1, [[19, '科'], [25, '目'], [46, '一般公共'], [53, '政府性基 国有资本 财政专户']]),
      headerLine(2, [[1, '科目编码'], [23, '科 目 名 称'], [35, '总计'], [74, '事业收入']]),
    ]
    const columns = [
      column('code', 0, 6, 0),
      column('label', 16, 32, 0),
      column('value', 35, 43, 19),
      column('value', 43, 52, 17),
      column('value', 55, 63, 1),
      column('value', 58, 66, 2),
      column('value', 68, 72, 7),
      column('value', 74, 78, 3),
    ]
    const { columns: laid } = layoutHeader(single, columns)
    const words = laid.flatMap((entry) => entry.headers.map((token) => token.text))
    // The run is left whole: no word of it heads a column of its own.
    expect(words).toContain('政府性基 国有资本 财政专户')
    expect(words.filter((text) => ['政府性基', '国有资本', '财政专户'].includes(text))).toEqual([])
  })
})
