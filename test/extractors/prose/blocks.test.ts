import { describe, expect, it } from 'vitest'
import { SourceDocument } from '../../../core/document.ts'
import { findSegments } from '../../../extractors/prose/blocks.ts'

function segmentsOf(lines: string[], skip: number[] = []): string[] {
  const doc = new SourceDocument('case.txt', new Uint8Array())
  doc.setText(lines.join('\n'))
  return findSegments(doc, new Set(skip)).map((segment) => `${segment.line}:${segment.start}${segment.heading ? '#' : ''} ${segment.text}`)
}

describe('findSegments: prose lines of plain text', () => {
  it('keeps ordinals, drops bullets and skipped lines, keeps positions of the original text', () => {
    expect(segmentsOf(['一、收入情况', '  收入合计 307.82 万元。', '', '1. 基本支出 10 万元。', '- 二、支出情况', '表格', '(二) 其他'], [6])).toEqual([
      '1:0 一、收入情况',
      '2:2 收入合计 307.82 万元。',
      '4:0 1. 基本支出 10 万元。',
      '5:2 二、支出情况',
      '7:0 (二) 其他',
    ])
  })

  it('reads `#` as a heading, and rules as no text; a rule under a line makes no heading (not Markdown)', () => {
    expect(segmentsOf(['# 部门职责', '收入合计100万元', '-----', '* * *', '===', '#', '#标签'])).toEqual(['1:2# 部门职责', '2:0 收入合计100万元', '7:0 #标签'])
  })

  it('leaves marks indented four columns or more as text (pdftotext -layout centres page numbers)', () => {
    expect(segmentsOf(['            - 1 -', '- 2 -', '\t# 标题', '    *强调* 20万元'])).toEqual(['1:12 - 1 -', '2:2 2 -', '3:1 # 标题', '4:4 *强调* 20万元'])
  })

  it('drops a page number printed alone, centred, beside a blank line (江苏: `支出 222.5` / `27` / `万元`)', () => {
    const lines = ['因公出国（境）费支出 222.5', '', '', '                27', '万元，占“三公”经费的 26.69%；', '           12', '个项目。']
    expect(segmentsOf(lines)).toEqual(['1:0 因公出国（境）费支出 222.5', '5:0 万元，占“三公”经费的 26.69%；', '6:11 12', '7:0 个项目。'])
  })

  it('splits a heading run into the end of the previous line', () => {
    expect(segmentsOf(['支出为0万元。 （四）预算绩效管理情况'])).toEqual(['1:0 支出为0万元。', '1:8 （四）预算绩效管理情况'])
  })
})
