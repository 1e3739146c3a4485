/**
 * The prose blocks of a document: grid rows outside the standard tables
 * told apart from prose (their numbers unplaced), and the remaining lines
 * scanned into runs of prose text, with their place.
 */
import type { SourceDocument } from '../../core/document.ts'
import { classifyToken } from '../../normalizers/classify-token.ts'
import { isPadCode, matchAllOf, NUMBER_TOKEN, trimPadding } from '../../core/text.ts'

/** A run of source text on one line that belongs to the prose. */
export interface Segment {
  line: number
  start: number
  text: string
  /** A line opened by `#` is a heading whatever its wording. */
  heading: boolean
}

/**
 * Whether a line is a row of a grid rather than prose: cells separated by
 * tabs (or a row of empty cells), or by two or more wide runs of spaces
 * (pdftotext -layout).
 */
export function isGridRow(text: string): boolean {
  if (/\S\t+\S/.test(text) || (text.match(/\t/g) ?? []).length >= 2) return true
  return (text.trim().match(/\S {3,}(?=\S)/g) ?? []).length >= 2
}

/** Numbers of grid rows outside the standard tables are table text, not prose figures. */
export function unplaceGridRows(doc: SourceDocument, lines: Set<number>): void {
  for (const line of lines) {
    const text = doc.lines[line - 1] ?? ''
    for (const match of matchAllOf(text, NUMBER_TOKEN)) {
      const span = doc.span(line, match.index, match[0].length)
      doc.unplace(span, match[0], classifyToken(text, match.index, match[0], true))
    }
  }
}

/** Columns of indentation (spaces and tabs, a tab to the next multiple of 4) from which a line's first mark is layout, not a mark. */
const MARK_INDENT = 4
/** A bullet that opens a list item: `-`, `*` or `+`, then white space or the end of the line. */
const BULLET = /^[-*+](?:[ \t]|$)/
/** A heading's marks: one to six `#`, then white space or the end of the line. */
const HEADING_MARKS = /^#{1,6}(?:[ \t]+|$)/
/** A line of rule characters only (`-----`, `* * *`, `====`): layout, not text. */
const RULE_LINE = /^[-=*_\s]+$/

/**
 * The prose as runs of text, one per line, from one linear scan of the
 * lines: table regions and grid rows are skipped (positions stay those of
 * the original text); a blank line, or one of rule characters only
 * (`-----`), holds no text; a bullet (`- 一、…`) is dropped, an ordinal
 * (`1.`, `一、`, `（二）`) kept: it is the heading's ordinal, which
 * `sections.ts` reads, as `paragraphs.ts` joins the lines into paragraphs. A
 * line opened by `#` is a heading whatever its wording.
 *
 * The documents are plain text, not Markdown: only a bullet and `#` are
 * read as marks, and only at the start of a line indented less than four
 * columns (a deeper line is layout: `pdftotext -layout` centres a page
 * number `- 2 -` with many spaces, and its dash stays text). A rule under a
 * line does not make that line a heading (Markdown's setext heading).
 */
export function findSegments(doc: SourceDocument, skip: Set<number>): Segment[] {
  const segments: Segment[] = []
  for (let line = 1; line <= doc.lines.length; line++) {
    if (skip.has(line)) continue
    const raw = doc.lines[line - 1] ?? ''
    let start = 0
    let heading = false
    const indent = measureIndent(raw)
    if (indent.columns < MARK_INDENT) {
      start = indent.offset
      /*
       * A bullet is list syntax, not text.
       *
       * > | - 一、部门职责
       *       ^
       */
      if (BULLET.test(raw.slice(start))) start = skipBlanks(raw, start + 1)
      /*
       * A heading's marks are not text either.
       *
       * > | # 部门职责
       *       ^
       */
      const marks = HEADING_MARKS.exec(raw.slice(start))
      if (marks) {
        start += marks[0].length
        heading = true
      }
    }
    while (start < raw.length && isPadCode(raw.charCodeAt(start))) start++
    const text = trimPadding(raw.slice(start))
    if (!text || RULE_LINE.test(text)) continue
    if (isPageNumberLine(doc, line, indent.columns, text)) {
      doc.unplace(doc.span(line, start, text.length), text, 'page-number')
      continue
    }
    segments.push(...splitRunInHeading({ line, start, text, heading }))
  }
  return segments
}

/** Columns of indentation from which a line holding a bare number is centred: a page number, not prose. */
const PAGE_NUMBER_INDENT = 8

/**
 * Whether a line is a page number printed alone, centred, beside a blank
 * line: it is not text, and the sentence it interrupts goes on past it.
 *
 * > | 款安排的“三公”经费预算支出中，因公出国（境）费支出 222.5
 * > |
 * > |                 27
 *                     ^^ page number, not `222.5 27万元`
 * > | 万元，占“三公”经费的 26.69%
 */
function isPageNumberLine(doc: SourceDocument, line: number, indent: number, text: string): boolean {
  if (indent < PAGE_NUMBER_INDENT || !/^\d{1,3}$/.test(text)) return false
  const blank = (other: number): boolean => other >= 1 && other <= doc.lines.length && !/\S/.test(doc.lines[other - 1] ?? '')
  return blank(line - 1) || blank(line + 1) || /^\f/.test(doc.lines[line] ?? '')
}

/** The index of the first character at or after `from` that is neither a space nor a tab. */
function skipBlanks(raw: string, from: number): number {
  let index = from
  while (raw[index] === ' ' || raw[index] === '\t') index++
  return index
}

/** Where a line's text begins: its indentation in columns (a tab to the next multiple of 4) and in characters. */
function measureIndent(raw: string): { columns: number; offset: number } {
  let columns = 0
  let offset = 0
  for (; offset < raw.length; offset++) {
    const char = raw[offset]
    if (char === ' ') columns++
    else if (char === '\t') columns += 4 - (columns % 4)
    else break
  }
  return { columns, offset }
}

/**
 * A heading run into the end of the previous paragraph's line
 * (`…为0万元。 （四）预算绩效管理情况`) starts a segment of its own.
 */
function splitRunInHeading(segment: Segment): Segment[] {
  const match = /([。；;])(\s+)((?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)[^。；;：:！？!?]{1,40})$/.exec(segment.text)
  if (!match || match.index === 0) return [segment]
  const cut = match.index + (match[1]?.length ?? 0)
  const headingStart = cut + (match[2]?.length ?? 0)
  return [
    { ...segment, text: segment.text.slice(0, cut) },
    { line: segment.line, start: segment.start + headingStart, text: segment.text.slice(headingStart), heading: false },
  ]
}
