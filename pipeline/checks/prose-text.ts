/**
 * The running text of a document for the rules that read words, not only
 * figures: every line outside the tables, trimmed and joined into one string
 * (a layout text wraps a sentence over several lines), with the way back from
 * an offset to the line and column it was printed at. Built in linear time
 * and space: a line is one segment, offsets are found by binary search.
 */
import type { Fact, Span } from '../../core/types.ts'
import { codePointColumn } from '../../core/document.ts'
import { MAX_PROSE_LINE } from '../../extractors/prose/index.ts'
import type { CheckDocument } from './check-helpers.ts'

/** Where a sentence ends: a full stop, or a blank line (a paragraph or heading ends there). */
const SENTENCE_END = /[。！？!?\n]/g

/** A line of prose in the joined text: where it starts there, its line, and the padding trimmed from its start. */
interface Segment {
  start: number
  line: number
  trimmed: number
}

/** The prose of a document as one string, and where each of its characters was printed. */
export interface ProseText {
  text: string
  /** The lines joined, in text order. */
  segments: Segment[]
  /** The start of each segment, for binary search. */
  starts: number[]
  /** Lines holding an astral character (columns and UTF-16 offsets differ there). */
  astral: Set<number>
  /** The segment of each prose line, by 1-based line. */
  byLine: Map<number, Segment>
  /** Offsets of every sentence end in `text`, ascending. */
  ends: number[]
  /** The lines, to turn offsets into code-point columns. */
  source: readonly string[]
}

/** The prose of a document: lines outside every table region, trimmed, joined; a blank line is a break. Lines too long for the prose reader are left out as it leaves them. */
export function readProseText(document: CheckDocument): ProseText {
  const tableLines = new Set<number>()
  for (const region of document.regions) for (let line = region.titleLine; line < region.endLine; line++) tableLines.add(line)
  const parts: string[] = []
  const segments: Segment[] = []
  const byLine = new Map<number, Segment>()
  const astral = new Set<number>()
  let length = 0
  for (const [index, raw] of document.lines.entries()) {
    const line = index + 1
    const content = raw.length > MAX_PROSE_LINE ? '' : raw.trim()
    if (tableLines.has(line) || content === '') {
      // A blank line or a table between two stretches of prose ends the sentence.
      if (length > 0 && parts[parts.length - 1] !== '\n') {
        parts.push('\n')
        length++
      }
      continue
    }
    const segment = { start: length, line, trimmed: raw.length - raw.trimStart().length }
    segments.push(segment)
    byLine.set(line, segment)
    if (/[\ud800-\udbff]/.test(content)) astral.add(line)
    parts.push(content)
    length += content.length
  }
  const text = parts.join('')
  const ends = Array.from(text.matchAll(SENTENCE_END), (match) => match.index)
  return { text, segments, starts: segments.map((segment) => segment.start), astral, byLine, ends, source: document.lines }
}

/** The last index of a sorted list whose value is below `value` (-1 for none). */
function lastBelow(values: readonly number[], value: number): number {
  let low = 0
  let high = values.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((values[middle] ?? 0) < value) low = middle + 1
    else high = middle
  }
  return low - 1
}

/** The line and UTF-16 offset in it of an offset of the prose text. */
function sourceAt(prose: ProseText, offset: number): { line: number; index: number } {
  const found = lastBelow(prose.starts, offset + 1)
  const segment = prose.segments[Math.max(0, found)]
  if (!segment) return { line: 1, index: 0 }
  return { line: segment.line, index: segment.trimmed + offset - segment.start }
}

/** The span of `length` characters of the prose text from `start`. */
export function proseSpan(prose: ProseText, start: number, length: number): Span {
  const from = sourceAt(prose, start)
  const to = sourceAt(prose, start + Math.max(length, 1) - 1)
  return {
    line: from.line,
    column: codePointColumn(prose.source[from.line - 1] ?? '', from.index),
    endLine: to.line,
    endColumn: codePointColumn(prose.source[to.line - 1] ?? '', length > 0 ? to.index + 1 : to.index),
  }
}

/** The offset in the prose text of a fact printed in the prose (undefined when its line is not prose). */
export function proseOffsetOf(prose: ProseText, fact: Fact): number | undefined {
  const segment = prose.byLine.get(fact.line)
  if (!segment) return undefined
  const text = prose.source[fact.line - 1] ?? ''
  // Columns count code points, the text UTF-16 units: they differ only after an astral character.
  let index = fact.column - 1
  if (prose.astral.has(fact.line)) {
    index = 0
    for (let column = 1; column < fact.column && index < text.length; column++) index += (text.codePointAt(index) ?? 0) > 0xffff ? 2 : 1
  }
  return segment.start + index - segment.trimmed
}

/** Offset of the start of the sentence holding `offset` (just past the previous sentence end). */
export function sentenceStart(prose: ProseText, offset: number): number {
  const found = lastBelow(prose.ends, offset)
  return found < 0 ? 0 : (prose.ends[found] ?? -1) + 1
}
