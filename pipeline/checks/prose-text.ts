/**
 * The running text of a document for the rules that read words, not only
 * figures: every line outside the tables, trimmed and joined into one string
 * (a layout text wraps a sentence over several lines), with the way back from
 * an offset to the line and column it was printed at.
 */
import type { Fact, Span } from '../../core/types.ts'
import { codePointColumn } from '../../core/document.ts'
import type { CheckDocument } from './check-helpers.ts'

/** Where a sentence ends: a full stop, or a blank line (a paragraph or heading ends there). */
export const SENTENCE_END = /[。！？!?\n]/

/** The prose of a document as one string, and where each of its characters was printed. */
export interface ProseText {
  text: string
  /** 1-based line of each UTF-16 offset of `text` (0 for a paragraph break). */
  lines: Int32Array
  /** 0-based UTF-16 offset in its line of each offset of `text`. */
  offsets: Int32Array
  /** Offset in `text` of each line's first kept character, by 1-based line (-1: not prose). */
  lineStarts: Map<number, { start: number; trimmed: number }>
  /** The lines, to turn offsets into code-point columns. */
  source: readonly string[]
}

/** The prose of a document: lines outside every table region, trimmed, joined; a blank line is a break. */
export function readProseText(document: CheckDocument): ProseText {
  const tableLines = new Set<number>()
  for (const region of document.regions) for (let line = region.titleLine; line < region.endLine; line++) tableLines.add(line)
  const parts: string[] = []
  const lineOf: number[] = []
  const offsetOf: number[] = []
  const lineStarts = new Map<number, { start: number; trimmed: number }>()
  let length = 0
  for (const [index, raw] of document.lines.entries()) {
    const line = index + 1
    const content = raw.trim()
    if (tableLines.has(line) || content === '') {
      // A blank line or a table between two stretches of prose ends the sentence.
      if (length > 0 && parts[parts.length - 1] !== '\n') {
        parts.push('\n')
        lineOf.push(0)
        offsetOf.push(0)
        length++
      }
      continue
    }
    const trimmed = raw.length - raw.trimStart().length
    lineStarts.set(line, { start: length, trimmed })
    parts.push(content)
    for (let offset = 0; offset < content.length; offset++) {
      lineOf.push(line)
      offsetOf.push(trimmed + offset)
    }
    length += content.length
  }
  return { text: parts.join(''), lines: Int32Array.from(lineOf), offsets: Int32Array.from(offsetOf), lineStarts, source: document.lines }
}

/** The span of `length` characters of the prose text from `start` (on the line of its first character). */
export function proseSpan(prose: ProseText, start: number, length: number): Span {
  const line = prose.lines[start] ?? 0
  const offset = prose.offsets[start] ?? 0
  const last = start + Math.max(length, 1) - 1
  const endLine = prose.lines[last] ?? line
  const endOffset = (prose.offsets[last] ?? offset) + 1
  const text = prose.source[line - 1] ?? ''
  const endText = prose.source[endLine - 1] ?? ''
  return { line, column: codePointColumn(text, offset), endLine, endColumn: codePointColumn(endText, length > 0 ? endOffset : offset) }
}

/** The offset in the prose text of a fact printed in the prose (undefined when its line is not prose). */
export function proseOffsetOf(prose: ProseText, fact: Fact): number | undefined {
  const start = prose.lineStarts.get(fact.line)
  if (!start) return undefined
  const text = prose.source[fact.line - 1] ?? ''
  // Columns count code points; the text counts UTF-16 units.
  let index = 0
  for (let column = 1; column < fact.column && index < text.length; column++) index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1
  return start.start + index - start.trimmed
}

/** Offset of the start of the sentence holding `offset` (just past the previous sentence end). */
export function sentenceStart(text: string, offset: number): number {
  for (let index = offset - 1; index >= 0; index--) if (SENTENCE_END.test(text[index] ?? '')) return index + 1
  return 0
}

/** Offset just past the end of the sentence holding `offset` (its full stop included). */
export function sentenceEnd(text: string, offset: number): number {
  for (let index = offset; index < text.length; index++) if (SENTENCE_END.test(text[index] ?? '')) return index + 1
  return text.length
}
