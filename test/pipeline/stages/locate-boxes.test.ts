/**
 * Boxes of figures wrapped over lines in a space-aligned table of a PDF. The words and their boxes are those
 * poppler prints for page 11 of cq-d344b1c3.pdf (`pdftotext -bbox`), the layout lines cut to the cells around them.
 */
import { describe, expect, it } from 'vitest'
import { SourceDocument } from '../../../core/document.ts'
import { boxOfBlock, boxOfSpan, crossesPage } from '../../../pipeline/stages/locate-boxes.ts'
import type { PdfRun, PdfWord } from '../../../core/types.ts'

/** A word of page 11 standing at `start` of its layout line. */
function run(start: number, text: string, xMin: string, yMin: string, xMax: string, yMax: string): PdfRun {
  const word: PdfWord = { page: 11, text, xMin, yMin, xMax, yMax }
  return { start, end: start + text.length, word, from: 0, to: text.length }
}

describe('the box of a figure whose decimals are printed on the line above', () => {
  // `.73` of 12,572.73 on the label's line, before the next cell's label; `12,572` on the line below (the blanks after it
  // stand for the cells further right).
  const lines = [`${' '.repeat(24)}.73 一)社会保障和就业支出`, `${' '.repeat(19)}12,572${' '.repeat(20)}`]
  const doc = new SourceDocument('decimals-above.pdf', new Uint8Array())
  doc.setText(`${lines.join('\n')}\n`)
  doc.pdf = {
    pages: 22,
    unaligned: 0,
    runs: new Map([
      [1, [run(24, '.73', '287.137024', '234.253769', '309.163991', '258.590445'), run(28, '一)社会保障和就业支出', '317.218018', '237.533746', '432.301992', '249.095210')]],
      [2, [run(19, '12,572', '256.958984', '234.253769', '293.444997', '258.590445')]],
    ]),
  }
  const span = { line: 1, column: 20, endLine: 2, endColumn: 28 }

  it('is the block of its two pieces, not the label after the decimals', () => {
    expect(boxOfBlock(doc, span)).toEqual({ page: 11, x0: '256.958984', y0: '234.253769', x1: '309.163991', y1: '258.590445' })
  })

  it('would take in the label if read as text flowing to the end of the line', () => {
    expect(boxOfSpan(doc, span)?.x1).toBe('432.301992')
  })
})

describe('a figure printed over a page break', () => {
  it('is told by a form feed opening one of its later lines (hz-c0afe4e6: `12,437.3` on 561, its `6` on the next page)', () => {
    const doc = new SourceDocument('over-page.txt', new Uint8Array())
    doc.setText(['杭州市机动      14,549.64    12,437.3', '', '              20', '\f', '                  6'].join('\n'))
    expect(crossesPage(doc, { line: 1, column: 30, endLine: 5, endColumn: 20 })).toBe(true)
    expect(crossesPage(doc, { line: 1, column: 30, endLine: 3, endColumn: 20 })).toBe(false)
  })
})
