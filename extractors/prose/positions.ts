/**
 * Paragraphs and their source positions: the text of a paragraph with the
 * source line and index of each character, and the spans read back from it.
 */
import { codePointColumn } from '../../core/document.ts'
import type { SourceDocument } from '../../core/document.ts'
import type { Span } from '../../core/types.ts'

/** Where a character of a paragraph's text stands in the source. */
export interface Source {
  line: number
  /** UTF-16 index in the line. */
  index: number
}

/** Lines joined into one logical paragraph, with a source position for each character. */
export interface Paragraph {
  text: string
  /** Source line of each character of `text` (0: none, a space put between joined number fragments). */
  srcLine: number[]
  /** UTF-16 index in its source line of each character of `text` (plain numbers, not an object per character). */
  srcIndex: number[]
  /** The raw text of the last line joined, to judge whether it was wrapped. */
  lastLine: string
  heading: boolean
}

/** Where character `index` of a paragraph stands in the source, if anywhere. */
export function sourceAt(paragraph: Paragraph, index: number): Source | undefined {
  const line = paragraph.srcLine[index] ?? 0
  return line ? { line, index: paragraph.srcIndex[index] ?? 0 } : undefined
}

/** The source span of paragraph text `start..end` (may cross lines). */
export function placeOf(doc: SourceDocument, paragraph: Paragraph, start: number, end: number): Span {
  let first: Source | undefined
  for (let index = start; index < end && !first; index++) first = sourceAt(paragraph, index)
  let last: Source | undefined
  for (let index = end - 1; index >= start && !last; index--) last = sourceAt(paragraph, index)
  const from = first ?? { line: 1, index: 0 }
  const to = last ?? from
  return {
    line: from.line,
    column: codePointColumn(doc.lines[from.line - 1] ?? '', from.index),
    endLine: to.line,
    endColumn: codePointColumn(doc.lines[to.line - 1] ?? '', to.index + 1),
  }
}
