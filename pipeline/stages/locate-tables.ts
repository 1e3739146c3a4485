import type { SourceDocument } from '../../core/document.ts'
import type { Span, TableRegion } from '../../core/types.ts'
import { classifyTableTitle, headingKey, looksLikeTableTitle, normalizeTableTitle, readTableMark, titleIdentity } from '../../normalizers/normalize-heading.ts'
import { trimPadding } from '../../core/text.ts'

const PART_HEADING = /^\s*第[一二三四五六七八九十]+部分/
const UNIT = /(?:金额)?单位\s*[：:]\s*(百万元|万元|千元|亿元|元)/
/** A table's number printed at the end of a title-block line: `部门：XX    公开01表`. */
const TRAILING_MARK = /\s公开\s*0?(\d{1,2})\s*表$/
/** The `部门：`/`单位名称：` line of a title block. */
const OWNER_LINE = /^(?:编制)?(?:部门|单位)(?:名称)?\s*[：:]/
/** Header words that only a table's header prints. */
const HEADER_WORDS = /科目编码|栏\s*次|行\s*次/
/** A note under a table: `注：`, `注1：`, `说明：`, `备注：`. */
const NOTE = /^(?:注\s*(?:\d+\s*)?|说明\s*|备注\s*)[：:.、]/
/** A page number printed alone: `- 10 -`, `— 2 4 —`, `19`, `第 3 页`. */
const PAGE_NUMBER = /^(?:[-—–]\s*)?\d(?:\s?\d){0,2}(?:\s*[-—–])?$|^第\s*\d+\s*页|^共\s*\d+\s*页/
/** Cells set apart by a run of blanks: a line of a grid, not a title or a sentence. */
const COLUMN_GAP = /\S(?:\s{2,}|\u3000)\S/
/** Punctuation of a sentence. */
const SENTENCE = /[。，；]/
/** How many lines of prose after a table's last grid line end its region there. */
const PROSE_BLOCK = 2
/** How far from the left margin a line of prose starts (a text cell of a grid's right columns starts farther). */
const PROSE_INDENT = 8
/** How far below a title its unit line or header may stand. */
const CONFIRM_WINDOW = 14
/** How many lines above a title its table number may stand, blank lines between (`表五`, four blank lines, title). */
const MARK_WINDOW = 6
/** The longest second line of a title wrapped over two lines (`支出预算表`, `表`). */
const WRAPPED_TAIL = 10

/** A title found on one line or wrapped over two. */
interface TitleLines {
  text: string
  span: Span
  /** 0-based index of the title's first and last line. */
  first: number
  last: number
}

/**
 * Find the tables of a document by their titles. A title counts only when a
 * unit line, a `公开NN表` mark or a header follows closely, so tables of
 * contents and prose that mention a table are not taken for tables. A table
 * number printed on its own line just above a title (`表1`, `公开表7`, `表五`)
 * belongs to that table; a title repeated on a continuation page continues
 * the table; a region ends before the next table's number or title, or at a
 * `第X部分` heading, without the notes, page numbers and blank lines at its end.
 */
export function findTableRegions(doc: SourceDocument): TableRegion[] {
  const lines = doc.lines
  const starts: (TableRegion & { blockStart: number })[] = []
  for (let index = 0; index < lines.length; index++) {
    const title = readTitle(doc, index)
    if (!title) continue
    const mark = markAbove(lines, title.first)
    const numbered = mark !== undefined || readTableMark(title.text) !== undefined
    if (!isConfirmedTitle(lines, title.last, numbered)) continue
    const definition = normalizeTableTitle(title.text)
    const previous = starts.at(-1)
    index = title.last
    // A table continued after a page break repeats its title (often with `（续）`, `表N` or `公开NN表`): same table, one region.
    if (previous && (definition ? previous.tableId === definition.id : !previous.tableId && titleIdentity(previous.title) === titleIdentity(title.text))) continue
    const region: TableRegion & { blockStart: number } = {
      tableId: definition?.id,
      title: title.text,
      titleSpan: title.span,
      titleLine: title.first + 1,
      startLine: title.last + 2,
      endLine: lines.length + 1,
      blockStart: mark?.index ?? title.first,
    }
    const number = readTableMark(title.text)?.number ?? mark?.number
    if (number !== undefined) region.tableNumber = number
    starts.push(region)
  }

  const regions: TableRegion[] = []
  for (const [position, { blockStart: _, ...region }] of starts.entries()) {
    const next = starts[position + 1]
    let end = next ? next.blockStart + 1 : lines.length + 1
    for (let line = region.startLine; line < end; line++) {
      if (PART_HEADING.test(lines[line - 1] ?? '')) {
        end = line
        break
      }
    }
    region.endLine = trimEnd(lines, region.startLine, endBeforeProse(lines, region.startLine, end))
    for (let line = region.startLine; line < Math.min(region.endLine, region.startLine + CONFIRM_WINDOW); line++) {
      const text = lines[line - 1] ?? ''
      const unit = UNIT.exec(text)
      if (unit && region.unitRaw === undefined) {
        const unitText = unit[1] ?? ''
        region.unitRaw = unitText
        region.unitSpan = doc.span(line, unit.index + unit[0].length - unitText.length, unitText.length)
      }
      const number = TRAILING_MARK.exec(trimPadding(text))
      if (number && region.tableNumber === undefined) region.tableNumber = Number(number[1])
    }
    regions.push(region)
  }
  // A standalone heading that ends in 表 with nothing under it is not a table.
  return regions.filter((region) => region.tableId !== undefined || region.endLine - region.startLine > 1)
}

/**
 * The title that starts at a line: the line itself, or the line and the next
 * one when the title is wrapped over two (`公开 09 表：一般公共预算“三公”经费、会议费、培训费`
 * / `支出预算表`). Not a title: a bare table number, a unit or `部门：` line,
 * a section heading, a table-of-contents entry (`- 三、支出决算表`).
 */
function readTitle(doc: SourceDocument, index: number): TitleLines | undefined {
  const raw = doc.lines[index] ?? ''
  const text = trimPadding(raw)
  if (!text || text.startsWith('- ') || UNIT.test(text) || OWNER_LINE.test(text) || TRAILING_MARK.test(text)) return undefined
  // A table number on a line of its own belongs to the title under it.
  if (readTableMark(text)?.rest === '') return undefined
  const offset = raw.indexOf(text)
  if (looksLikeTableTitle(text)) return { text, span: doc.span(index + 1, offset, text.length), first: index, last: index }
  // A wrapped title: one line of words without cells or a sentence, and a short tail ending in 表 right under it.
  if (COLUMN_GAP.test(text) || PAGE_NUMBER.test(text) || /[。；，]|表$/.test(text)) return undefined
  const nextRaw = doc.lines[index + 1] ?? ''
  const tail = trimPadding(nextRaw)
  if (!tail || headingKey(tail).length > WRAPPED_TAIL || COLUMN_GAP.test(tail) || !/表/.test(tail)) return undefined
  const joined = text + tail
  if (!looksLikeTableTitle(joined) || classifyTableTitle(joined) === undefined) return undefined
  // A tail that is a title by itself (`支出预算总表` under a row label of the table before) is joined only when the line names a table too.
  if (looksLikeTableTitle(tail) && classifyTableTitle(tail) !== undefined && classifyTableTitle(`${text}表`) === undefined) return undefined
  const tailOffset = nextRaw.indexOf(tail)
  const start = doc.span(index + 1, offset, text.length)
  const end = doc.span(index + 2, tailOffset, tail.length)
  return { text: joined, span: { line: start.line, column: start.column, endLine: end.endLine, endColumn: end.endColumn }, first: index, last: index + 1 }
}

/** The table number printed on a line of its own just above a title (blank lines between), with its line index. */
function markAbove(lines: string[], titleIndex: number): { index: number; number: number } | undefined {
  for (let index = titleIndex - 1; index >= Math.max(0, titleIndex - MARK_WINDOW); index--) {
    const text = trimPadding(lines[index] ?? '')
    if (!text) continue
    const mark = readTableMark(text)
    return mark && !mark.rest ? { index, number: mark.number } : undefined
  }
  return undefined
}

/**
 * Whether the lines under a title confirm it: a unit line, the table's number
 * on a `部门：` line, or header words, before any other title (a table of
 * contents lists titles one under another). A title with its table number
 * (`表十` above it, `表5：` before it) is confirmed by a `单位名称：` line or a
 * grid line under it too.
 */
function isConfirmedTitle(lines: string[], lastIndex: number, numbered: boolean): boolean {
  for (let line = lastIndex + 1; line < Math.min(lines.length, lastIndex + 1 + CONFIRM_WINDOW); line++) {
    const text = trimPadding(lines[line] ?? '')
    if (UNIT.test(text) || TRAILING_MARK.test(text) || HEADER_WORDS.test(text)) return true
    if (!text || PAGE_NUMBER.test(text)) continue
    if (!text.startsWith('- ') && looksLikeTableTitle(text) && classifyTableTitle(text) !== undefined) return false
    if (numbered && (OWNER_LINE.test(text) || isGridLine(lines[line] ?? ''))) return true
  }
  return false
}

/**
 * Where a region ends when prose follows its last grid line (a line of cells
 * set apart by blanks or tabs): right
 * after that line, when two or more lines of prose come after it (sentences
 * from the left margin, no cells) — the 情况说明 printed after the last table
 * without a `第X部分` heading. A table whose text cells hold sentences keeps
 * them: its grid lines go on after them.
 *
 * > |         10.81        0       0.83        9.98         0         9.98        217.83
 *                                                                              ^ the region ends after this line
 * > |                               其他相关情况说明
 * > |     2026年“三公”经费预算数为10.81万元，比2025年预算持平。其中：
 */
function endBeforeProse(lines: string[], startLine: number, endLine: number): number {
  let lastGrid = startLine - 1
  for (let line = startLine; line < endLine; line++) if (isGridLine(lines[line - 1] ?? '')) lastGrid = line
  let prose = 0
  for (let line = lastGrid + 1; line < endLine && prose < PROSE_BLOCK; line++) if (isProseLine(lines[line - 1] ?? '')) prose++
  return prose >= PROSE_BLOCK ? lastGrid + 1 : endLine
}

/** A line of a grid: cells set apart by blanks or tabs. */
function isGridLine(raw: string): boolean {
  return raw.includes('\t') || COLUMN_GAP.test(trimPadding(raw))
}

/** A line of prose: a sentence from near the left margin, without cells. */
function isProseLine(raw: string): boolean {
  const text = trimPadding(raw)
  const indent = raw.length - raw.trimStart().length
  return text.length >= 12 && indent <= PROSE_INDENT && !raw.includes('\t') && !COLUMN_GAP.test(text) && SENTENCE.test(text) && !NOTE.test(text)
}

/**
 * Where a region ends, without what follows its last row: blank lines and
 * page numbers at its end, and a note (`注：…`, `说明：…`) with its wrapped
 * lines when no table line (cells apart, or a tab) follows it.
 */
function trimEnd(lines: string[], startLine: number, endLine: number): number {
  let end = endLine
  for (let line = startLine; line < end; line++) {
    if (!NOTE.test(trimPadding(lines[line - 1] ?? ''))) continue
    let rowsFollow = false
    for (let after = line + 1; after < end && !rowsFollow; after++) {
      const raw = lines[after - 1] ?? ''
      const text = trimPadding(raw)
      rowsFollow = raw.includes('\t') || (text !== '' && !PAGE_NUMBER.test(text) && !NOTE.test(text) && COLUMN_GAP.test(text))
    }
    if (!rowsFollow) {
      end = line
      break
    }
  }
  // A line with a tab is a cell of a tab-separated or Word layout, even when empty.
  while (end > startLine) {
    const raw = lines[end - 2] ?? ''
    const text = trimPadding(raw)
    if (raw.includes('\t') || (text && !PAGE_NUMBER.test(text))) break
    end--
  }
  return end
}
