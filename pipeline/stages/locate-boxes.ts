/**
 * Where each figure of a PDF stands on its page: the words of
 * `pdftotext -bbox-layout` aligned to the layout text (read-pdf.ts) give the
 * box of every stretch of the text, so a fact's span there becomes its page
 * and box.
 */
import type { SourceDocument, Stage } from '../../core/document.ts'
import type { PdfBox, PdfRun, Span } from '../../core/types.ts'
import { charWidth } from '../../core/text.ts'

/**
 * The box on its page of the text a span delimits in a PDF's layout text:
 * the union of the boxes of the words it covers — whole words keep the
 * coordinates poppler prints; part of a word (a figure glued to the words
 * of a sentence, `1.97%。主要原因是`) gets the share of the word's width its
 * characters take, a wide (CJK) character counted twice a narrow one.
 * Undefined when some character of the span is on no word, or when the span
 * crosses pages.
 */
export function boxOfSpan(doc: SourceDocument, span: Span): PdfBox | undefined {
  const pdf = doc.pdf
  if (!pdf) return undefined
  let box: { page: number; x0: [number, string]; y0: [number, string]; x1: [number, string]; y1: [number, string] } | undefined
  for (let number = span.line; number <= span.endLine; number++) {
    const line = doc.lines[number - 1] ?? ''
    const start = number === span.line ? utf16Offset(line, span.column - 1) : 0
    const end = number === span.endLine ? utf16Offset(line, span.endColumn - 1) : line.length
    let covered = 0
    for (const run of pdf.runs.get(number) ?? []) {
      const from = Math.max(start, run.start)
      const to = Math.min(end, run.end)
      if (from >= to) continue
      covered += to - from
      const part = partBox(run, from - run.start + run.from, to - run.start + run.from)
      if (!box) box = { page: run.word.page, ...part }
      else if (box.page !== run.word.page) return undefined
      else {
        if (part.x0[0] < box.x0[0]) box.x0 = part.x0
        if (part.y0[0] < box.y0[0]) box.y0 = part.y0
        if (part.x1[0] > box.x1[0]) box.x1 = part.x1
        if (part.y1[0] > box.y1[0]) box.y1 = part.y1
      }
    }
    // Every character but the spaces between words must be on a word.
    let printed = 0
    for (let index = start; index < end; index++) if (line[index] !== ' ' && line[index] !== '\f') printed++
    if (covered < printed) return undefined
  }
  return box && { page: box.page, x0: box.x0[1], y0: box.y0[1], x1: box.x1[1], y1: box.y1[1] }
}

/**
 * The box of a figure of a space-aligned table wrapped over lines: the block
 * of columns its pieces take on each line, as a cell is, not text that flows
 * to the end of the line (the decimals printed above their integer stand on
 * the row label's line, before the next cell's label:
 * `.73 (一)社会保障和就业支出` over `12,572`). Undefined when some line of
 * the block is not on words.
 */
export function boxOfBlock(doc: SourceDocument, span: Span): PdfBox | undefined {
  const from = Math.min(span.column, span.endColumn)
  const to = Math.max(span.column, span.endColumn)
  let union: PdfBox | undefined
  for (let number = span.line; number <= span.endLine; number++) {
    const line = doc.lines[number - 1] ?? ''
    // A line of the block with nothing printed there (a step of the staircase) adds nothing; one that ends inside it, up to its end.
    if (!/[^\s\f]/.test(line.slice(utf16Offset(line, from - 1), utf16Offset(line, to - 1)))) continue
    const part = boxOfSpan(doc, { line: number, column: from, endLine: number, endColumn: Math.min(to, [...line].length + 1) })
    if (!part || (union && union.page !== part.page)) return undefined
    union = union
      ? {
          page: union.page,
          x0: Number(part.x0) < Number(union.x0) ? part.x0 : union.x0,
          y0: Number(part.y0) < Number(union.y0) ? part.y0 : union.y0,
          x1: Number(part.x1) > Number(union.x1) ? part.x1 : union.x1,
          y1: Number(part.y1) > Number(union.y1) ? part.y1 : union.y1,
        }
      : part
  }
  return union
}

/** The box of characters `from`..`to` (UTF-16 offsets) of a run's word, as numbers and the decimals to print. */
function partBox(run: PdfRun, from: number, to: number): { x0: [number, string]; y0: [number, string]; x1: [number, string]; y1: [number, string] } {
  const { word } = run
  const y0: [number, string] = [Number(word.yMin), word.yMin]
  const y1: [number, string] = [Number(word.yMax), word.yMax]
  if (from === 0 && to === word.text.length) return { x0: [Number(word.xMin), word.xMin], y0, x1: [Number(word.xMax), word.xMax], y1 }
  const left = Number(word.xMin)
  const width = Number(word.xMax) - left
  const total = widthOf(word.text, 0, word.text.length)
  const at = (offset: number): [number, string] => {
    const x = left + (width * widthOf(word.text, 0, offset)) / total
    // Six decimals, as poppler prints its coordinates.
    return [x, x.toFixed(6)]
  }
  return { x0: from === 0 ? [left, word.xMin] : at(from), y0, x1: to === word.text.length ? [Number(word.xMax), word.xMax] : at(to), y1 }
}

/** Display width (CJK 2, others 1) of `text` from `from` to `to` (UTF-16 offsets). */
function widthOf(text: string, from: number, to: number): number {
  let width = 0
  for (let index = from; index < to; index++) {
    const code = text.codePointAt(index) ?? 0
    if (code > 0xffff) index++
    width += Math.max(1, charWidth(code))
  }
  return width
}

/** The UTF-16 offset of code-point offset `points` in `text`. */
function utf16Offset(text: string, points: number): number {
  let offset = 0
  let point = 0
  for (; point < points && offset < text.length; point++) {
    const code = text.charCodeAt(offset)
    offset += code >= 0xd800 && code <= 0xdbff ? 2 : 1
  }
  return offset + (points - point)
}

/**
 * The locate-boxes stage: each fact of a PDF gets its page and box (`page`,
 * `x0`, `y0`, `x1`, `y1`); a figure whose box is not found keeps them empty
 * and one message counts such figures. Text inputs are left as they are.
 */
export const locateBoxes: Stage = (doc) => {
  if (!doc.pdf) return
  let missing = 0
  let first: Span | undefined
  let split = 0
  let firstSplit: Span | undefined
  for (const fact of doc.facts) {
    const span = { line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column }
    // A table figure of a space-aligned layout wrapped over lines is a block of columns (account-numbers.ts reads it so too).
    const block = doc.layout === 'space-aligned' && fact.origin === 'table' && span.endLine > span.line
    const box = (block ? boxOfBlock(doc, span) : undefined) ?? boxOfSpan(doc, span)
    if (!box) {
      // A figure printed over a page break (its last digits at the top of the next page) has no one box: said apart.
      if (crossesPage(doc, span)) {
        split++
        firstSplit ??= span
        continue
      }
      missing++
      first ??= span
      continue
    }
    fact.page = box.page
    fact.x0 = box.x0
    fact.y0 = box.y0
    fact.x1 = box.x1
    fact.y1 = box.y1
  }
  if (split > 0 && firstSplit) {
    doc.message(`${split} figure${split === 1 ? ' is' : 's are'} printed over a page break (the first at ${firstSplit.line}:${firstSplit.column}): no one box holds ${split === 1 ? 'it' : 'them'}, their page and box are empty`, {
      ruleId: 'pdf-box-not-found',
      place: firstSplit,
    })
  }
  if (missing > 0 && first) {
    doc.message(`${missing} figure${missing === 1 ? '' : 's'} of this PDF could not be placed on a page (the first at ${first.line}:${first.column}): their page and box are empty`, {
      ruleId: 'pdf-box-not-found',
      place: first,
    })
  }
}

/** Whether a span's lines run over a page break (a form feed opens one of its later lines). */
export function crossesPage(doc: SourceDocument, span: Span): boolean {
  for (let number = span.line + 1; number <= span.endLine; number++) if ((doc.lines[number - 1] ?? '').includes('\f')) return true
  return false
}
