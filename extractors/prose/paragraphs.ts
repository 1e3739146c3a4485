/**
 * Paragraphs: the prose runs joined across the lines a page or PDF layout
 * wrapped, unless a paragraph is finished, a line opens with an ordinal or
 * a heading's line was not full.
 */
import type { SourceDocument } from '../../core/document.ts'
import { displayWidth } from '../../core/text.ts'
import type { Segment } from './blocks.ts'
import type { Paragraph } from './positions.ts'
import { headingTitle, parseMarker } from './sections.ts'

/** A wrapped line is only joined to the next when the paragraph is not finished. */
const PARAGRAPH_END = /[。！？!?；;]$/
/** A page number printed between two lines of a paragraph (`— 5 —`). */
const PAGE_NUMBER = /^[-—－–]\s*\d{1,4}\s*[-—－–]$/
/** The table reference that closes a heading: `（详见表4）`, `（详见表 1-3）`, `(见附表5)`. */
const TITLE_REFERENCE = /[（(]详?见附?表[0-9０-９一二三四五六七八九十\-—－、，,至和及\s]+[）)]$/
/** A heading line at least this share of the usual line width may be wrapped (pdftotext -layout). */
const FULL_LINE_RATIO = 0.85

/**
 * Join the lines a page or PDF layout wrapped (across blank lines, never
 * across a table) into paragraphs: a line continues the paragraph unless
 * the paragraph is finished (。；), the line opens with an ordinal, or the
 * paragraph is a heading whose line was not full.
 *
 * > | 中共上海市普陀区委社会工作部 2024 年度收入支出总计 307.82
 * > |
 * > | 万元。与 2023 年度相比…
 * one paragraph: `…总计 307.82万元。与…`
 */
export function joinParagraphs(doc: SourceDocument, segments: Segment[], breaks: Set<number>): Paragraph[] {
  const widths = segments.map((segment) => displayWidth((doc.lines[segment.line - 1] ?? '').trimEnd())).sort((a, b) => a - b)
  const usual = widths[Math.floor(widths.length * 0.9)] ?? 0
  const isFull = (raw: string): boolean => displayWidth(raw.trimEnd()) >= usual * FULL_LINE_RATIO
  const paragraphs: Paragraph[] = []
  let current: Paragraph | undefined
  let lastLine = 0
  for (const segment of segments) {
    let crossesBreak = false
    for (let line = lastLine + 1; line < segment.line; line++) if (breaks.has(line)) crossesBreak = true
    lastLine = segment.line
    const raw = doc.lines[segment.line - 1] ?? ''
    // A page number printed inside an unfinished paragraph (`比上年减` / `- 42 -` / `少1,824.92万元`) is no part of it.
    if (current && !crossesBreak && PAGE_NUMBER.test(segment.text) && !PARAGRAPH_END.test(current.text)) continue
    if (current && !crossesBreak && !segment.heading && canJoin(current, segment.text, isFull)) {
      const last = current.text.at(-1) ?? ''
      const next = segment.text[0] ?? ''
      // Two number fragments must not merge into one number.
      if (/[0-9A-Za-z.．０-９]/.test(last) && /[0-9A-Za-z０-９]/.test(next)) {
        current.text += ' '
        current.srcLine.push(0)
        current.srcIndex.push(0)
      }
      appendSegment(current, segment)
      current.lastLine = raw
      continue
    }
    if (current) paragraphs.push(current)
    current = { text: '', srcLine: [], srcIndex: [], lastLine: raw, heading: segment.heading }
    appendSegment(current, segment)
  }
  if (current) paragraphs.push(current)
  return paragraphs
}

function appendSegment(paragraph: Paragraph, segment: Segment): void {
  paragraph.text += segment.text
  for (let index = 0; index < segment.text.length; index++) {
    paragraph.srcLine.push(segment.line)
    paragraph.srcIndex.push(segment.start + index)
  }
}

function canJoin(paragraph: Paragraph, next: string, isFull: (raw: string) => boolean): boolean {
  if (paragraph.heading) return false
  if (parseMarker(next)) return false
  const marker = parseMarker(paragraph.text)
  if (marker?.kind === 'part') return false
  if (PARAGRAPH_END.test(paragraph.text.replace(/(?<![”’"」』])[”’"」』]+$/, ''))) return false
  // A heading ends its line unless the layout ran out of width, or its body runs on after it on the same line
  // (`（二）支出预算：2026年支出预算9,325.57万元，其中：基本支出`, a sentence cut by the wrap).
  if (marker && headingTitle(paragraph, marker) && !isFull(paragraph.lastLine) && !runsOnAfterTitle(paragraph.text.slice(marker.end))) return false
  // A heading closed by its table reference ends there, however full its line (`（四）财政拨款收支预算情况的总体说明（详见表4）`).
  if (marker && headingTitle(paragraph, marker) && TITLE_REFERENCE.test(paragraph.text.trimEnd())) return false
  return true
}

/** Whether a numbered paragraph holds text after its title's `：` (a run-in heading with its body), not the title alone. */
function runsOnAfterTitle(rest: string): boolean {
  const colon = rest.search(/[：:]/)
  return colon >= 0 && /[\u3400-\u9fff0-9]/.test(rest.slice(colon + 1))
}
