import { unified } from 'unified'
import remarkParse from 'remark-parse'
import type { Nodes, Parents } from 'mdast'
import { codePointColumn } from '../../core/document.ts'
import type { SourceDocument } from '../../core/document.ts'
import type { Fact, Span, TableId } from '../../core/types.ts'
import type { Stage } from '../../core/document.ts'
import { classifyToken } from '../../normalizers/classify-token.ts'
import { formatDecimal, parseNumber, toYuan } from '../../normalizers/parse-amount.ts'
import {
  extractProseLabel,
  findMeasureCue,
  findPriorYear,
  headingLabel,
  isApproximateAfter,
  isApproximateBefore,
  isGenericLabel,
  isNoLinkPart,
  isThreePublicContext,
  matchProseUnit,
  matchThreshold,
  normalizeProseLabel,
  sectionTable,
} from '../../normalizers/normalize-prose-label.ts'
import type { MeasureCue, ProseKey, ProseLabel, ProseMeasure, TableSubject, UnitKind, UnitMatch } from '../../normalizers/normalize-prose-label.ts'
import { matchAllOf, PAD_RUN, PAD, NUMBER_TOKEN, displayWidth, trimPadding } from '../../core/text.ts'

/**
 * Figures in the prose (情况说明, 名词解释, the whole of a prose-only budget):
 * every money amount, percentage and count becomes a fact with `origin`
 * prose, its section path, sentence and label, a canonical key where the
 * label names a known item, and the table fact it restates.
 *
 * Measure scheme (`measure`, with the cue found in `measure_raw`):
 * - amount: money with no cue (in a 预算 document: budget);
 * - budget: 预算数/年初预算/预算安排 …; actual: 决算数/实际支出/执行数 …;
 * - change: 增加/减少/增长/下降/压减/追加 … (money, percent or count);
 * - share: 占/占比 … %; rate: 完成年初预算的 … %, 执行率, 满意度 …, and a
 *   percentage with no cue;
 * - count: a count with no cue; target: 指标值/不少于/计划 …;
 * - threshold: 以上/以下 after the unit (`单位价值50万元以上`);
 * - prior_year: a comparison base (`比2019年全年实际支出356.48元`).
 *
 * Not figures, left to `accountNumbers` (which runs after this stage):
 * years, dates, ordinals, document numbers, and scores of a self-evaluation
 * (`分值4分，得分4分`): a score is a grade given to the department, not a
 * disclosed quantity, so 分 is no unit here and scores stay unplaced
 * (reason `score`). Figures printed as bounds (`200多亿元`, `近30家`,
 * `150人左右`) are not exact, so they are unplaced with reason `approximate`;
 * numbers inside a quoted name (`“10元回家”`) with reason `name`; numbers in
 * grid rows outside the standard tables (self-evaluation tables) with the
 * table reasons.
 */

/** A numeric token, exactly as `accountNumbers` reads them, so that a fact's span covers the token it accounts for. */
const PADDING = new RegExp(PAD)
const SENTENCE_END = /[。！？!?]/
const CLAUSE_DELIMITER = /[，,；;：:。！？!?]/
/** A wrapped line is only joined to the next when the paragraph is not finished. */
const PARAGRAPH_END = /[。！？!?；;]$/
const BOOKMARK = /^\[bookmark:[^\]]*\]/
const HEADING_TITLE_END = /[。；;：:]/
/** Longest heading title accepted; longer first sentences are numbered paragraphs, not headings. */
const MAX_HEADING_LENGTH = 60
/** A heading line at least this share of the usual line width may be wrapped (pdftotext -layout). */
const FULL_LINE_RATIO = 0.85
const LEAF_BLOCKS = new Set(['paragraph', 'heading', 'code', 'html', 'definition'])

/** Where a character of a paragraph's text stands in the source. */
interface Source {
  line: number
  /** UTF-16 index in the line. */
  index: number
}

/** A run of source text on one line that belongs to the prose. */
interface Segment {
  line: number
  start: number
  text: string
  /** A Markdown heading (`#`) is a heading whatever its wording. */
  heading: boolean
}

/** Lines joined into one logical paragraph, with a source position for each character. */
interface Paragraph {
  text: string
  /** Source line of each character of `text` (0: none, a space put between joined number fragments). */
  srcLine: number[]
  /** UTF-16 index in its source line of each character of `text` (plain numbers, not an object per character). */
  srcIndex: number[]
  /** The raw text of the last line joined, to judge whether it was wrapped. */
  lastLine: string
  heading: boolean
}

type MarkerKind = 'part' | 'paren-chinese' | 'paren-arabic' | 'chinese' | 'arabic' | 'circled'

/** An ordinal that opens a paragraph (`第三部分`, `七、`, `（二）`, `1、`, `(1)`, `①`). */
interface Marker {
  kind: MarkerKind
  style: 'part' | 'paren' | 'bare' | 'circled'
  numerals: 'chinese' | 'arabic'
  value: number
  /** Index in the paragraph text where the text after the marker (and its padding) begins. */
  end: number
  /** Index where the marker itself begins (after padding and bookmarks). */
  start: number
}

const MARKERS: { kind: MarkerKind; style: Marker['style']; numerals: Marker['numerals']; pattern: RegExp }[] = [
  { kind: 'part', style: 'part', numerals: 'chinese', pattern: /^第([一二三四五六七八九十]+)部分/ },
  { kind: 'paren-chinese', style: 'paren', numerals: 'chinese', pattern: /^[（(]([一二三四五六七八九十百]+)[）)][、．.]?/ },
  { kind: 'paren-arabic', style: 'paren', numerals: 'arabic', pattern: /^[（(]([0-9]{1,2})[）)][、．.]?/ },
  { kind: 'chinese', style: 'bare', numerals: 'chinese', pattern: /^([一二三四五六七八九十百]+)[、．.]/ },
  { kind: 'arabic', style: 'bare', numerals: 'arabic', pattern: /^([0-9]{1,2})(?:、|[.．](?![0-9]))/ },
  { kind: 'circled', style: 'circled', numerals: 'arabic', pattern: /^([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])/ },
]

/** An open heading (or numbered paragraph) of the section stack. */
interface StackEntry {
  kind: MarkerKind
  style: Marker['style']
  numerals: Marker['numerals']
  value: number
  /** Marker and title as printed (white space normalized); undefined for a numbered paragraph, which names no section. */
  title?: string
  /** The title without its marker, for labels. */
  bare?: string
}

/** A number with a unit found in a paragraph. */
interface Figure {
  tokenStart: number
  tokenEnd: number
  unit: UnitMatch
  /** End of the figure with its qualifiers (`以上`, `左右`). */
  tailEnd: number
  threshold?: string
  status: 'fact' | 'approximate' | 'name'
}

/** What a fact made from a figure is named and keyed by, for the figures after it. */
interface Named {
  sentenceStart: number
  /** Bracket depth at the figure: a figure in brackets (`（其中…21.71万元）`) is an aside. */
  depth: number
  label: ProseLabel
  key: ProseKey | undefined
  /** Whether it states the item's value for the document's period (amount, actual; budget in a 预算), so that later figures of the same key in the sentence are parts or asides. */
  stated: boolean
}

/** Characters beyond which a line is not read as prose (real reports break lines far sooner). */
export const MAX_PROSE_LINE = 4 * 1024 * 1024

/** Extract the figures of the prose as facts; runs after the table facts have their ids, before `accountNumbers`. */
export const extractProse: Stage = (doc) => {
  const tableLines = new Set<number>()
  for (const region of doc.regions) for (let line = region.titleLine; line < region.endLine; line++) tableLines.add(line)
  const gridLines = new Set<number>()
  for (const [index, text] of doc.lines.entries()) if (!tableLines.has(index + 1) && isGridRow(text)) gridLines.add(index + 1)
  unplaceGridRows(doc, gridLines)

  // A line longer than any sentence of a report is damage (a lost line structure): not read as prose, said once.
  const longLines = new Set<number>()
  for (const [index, text] of doc.lines.entries()) {
    if (text.length <= MAX_PROSE_LINE || tableLines.has(index + 1)) continue
    longLines.add(index + 1)
    doc.message(`Line ${index + 1} is ${text.length} characters long (over ${MAX_PROSE_LINE}): not read as prose; its numbers are listed in unplaced`, {
      ruleId: 'line-too-long',
      place: doc.span(index + 1, 0, 0),
    })
  }
  const skipped = new Set([...tableLines, ...gridLines, ...longLines])
  const segments = findSegments(doc, skipped)
  const paragraphs = joinParagraphs(doc, segments, skipped)
  const tableSubjects: TableSubject[] = doc.facts
    .filter((fact) => fact.origin === 'table' && fact.subject_code)
    .map((fact) => ({ code: fact.subject_code, name: fact.label_raw }))

  let stack: StackEntry[] = []
  let partTitle = ''
  let awaitingPartTitle = false
  for (const paragraph of paragraphs) {
    const marker = parseMarker(paragraph.text)
    if (marker?.kind === 'part') {
      const match = /^第[一二三四五六七八九十]+部分/.exec(paragraph.text.slice(marker.start)) ?? ['']
      const rest = normalizeText(paragraph.text.slice(marker.start + match[0].length))
      stack = [{ kind: 'part', style: 'part', numerals: 'chinese', value: marker.value, title: match[0] }]
      partTitle = rest
      awaitingPartTitle = !rest
    } else if (marker) {
      const title = headingTitle(paragraph, marker)
      placeInStack(stack, {
        kind: marker.kind,
        style: marker.style,
        numerals: marker.numerals,
        value: marker.value,
        ...(title ? { title: normalizeText(paragraph.text.slice(marker.start, marker.end) + title), bare: title } : {}),
      })
    } else if (awaitingPartTitle) {
      partTitle = normalizeText(paragraph.text)
      awaitingPartTitle = false
    }
    const titled = stack.filter((entry) => entry.title)
    const context: ParagraphContext = {
      section: titled.map((entry) => entry.title).join(' > '),
      sectionTable: sectionTable(titled.map((entry) => entry.title ?? '')),
      headingLabel: [...titled].reverse().map((entry) => (entry.kind === 'part' || !entry.bare ? undefined : headingLabel(entry.bare))).find(Boolean),
      noLink: isNoLinkPart(partTitle),
      tableSubjects,
    }
    extractFigures(doc, paragraph, context)
  }
}

/** What a paragraph's figures share. */
interface ParagraphContext {
  section: string
  sectionTable: TableId | undefined
  /** The label the innermost heading gives, for figures whose own phrase names nothing (`年初预算为25万元`). */
  headingLabel: ProseLabel | undefined
  /** The paragraph is in an appendix (self-evaluation report): its figures restate no table. */
  noLink: boolean
  tableSubjects: TableSubject[]
}

/**
 * Whether a line is a row of a grid rather than prose: cells separated by
 * tabs (or a row of empty cells), or by two or more wide runs of spaces
 * (pdftotext -layout).
 */
function isGridRow(text: string): boolean {
  if (/\S\t+\S/.test(text) || (text.match(/\t/g) ?? []).length >= 2) return true
  return (text.trim().match(/\S {3,}(?=\S)/g) ?? []).length >= 2
}

/** Numbers of grid rows outside the standard tables are table text, not prose figures. */
function unplaceGridRows(doc: SourceDocument, lines: Set<number>): void {
  for (const line of lines) {
    const text = doc.lines[line - 1] ?? ''
    for (const match of matchAllOf(text, NUMBER_TOKEN)) {
      const span = doc.span(line, match.index, match[0].length)
      doc.unplace(span, match[0], classifyToken(text, match.index, match[0], true))
    }
  }
}


/**
 * The prose as runs of text, read with remark: table regions and grid rows
 * are blanked first (keeping line numbers, so positions stay those of the
 * original text); every line of a paragraph, heading or code block is prose;
 * a bullet (`- 一、…`) is dropped, an ordered item's number kept (it is the
 * ordinal of the heading).
 */
function findSegments(doc: SourceDocument, skip: Set<number>): Segment[] {
  const masked = doc.lines.map((text, index) => (skip.has(index + 1) ? '' : text)).join('\n')
  const tree = unified().use(remarkParse).parse(masked)
  const starts = new Map<number, { start: number; heading: boolean }>()
  const visit = (node: Nodes, parents: Parents[]): void => {
    if (LEAF_BLOCKS.has(node.type) && node.position) {
      const { start, end } = node.position
      const parent = parents.at(-1)
      const list = parents.at(-2)
      let first = -1
      // A bullet is list syntax, not text; an ordered item's number is the heading's ordinal.
      if (parent?.type === 'listItem' && list?.type === 'list' && !list.ordered && parent.children[0] === node) first = start.column - 1
      if (node.type === 'heading') {
        const child = node.children[0]
        first = child?.position ? child.position.start.column - 1 : start.column - 1
      }
      for (let line = start.line; line <= end.line; line++) {
        if (starts.has(line)) continue
        starts.set(line, { start: line === start.line && first >= 0 ? first : 0, heading: node.type === 'heading' && line === start.line })
      }
      return
    }
    if ('children' in node) for (const child of node.children) visit(child, [...parents, node])
  }
  visit(tree, [])

  const segments: Segment[] = []
  for (let line = 1; line <= doc.lines.length; line++) {
    const found = starts.get(line)
    // A block may run over blanked lines (an indented code block spans blank lines): those stay out.
    if (!found || skip.has(line)) continue
    const raw = doc.lines[line - 1] ?? ''
    let start = found.start
    while (start < raw.length && PADDING.test(raw[start] ?? '')) start++
    const text = trimPadding(raw.slice(start))
    // Setext underlines and thematic breaks are Markdown syntax, not text.
    if (!text || /^[-=*_\s]+$/.test(text)) continue
    segments.push(...splitRunInHeading({ line, start, text, heading: found.heading }))
  }
  return segments
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
function joinParagraphs(doc: SourceDocument, segments: Segment[], breaks: Set<number>): Paragraph[] {
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

/** Where character `index` of a paragraph stands in the source, if anywhere. */
function sourceAt(paragraph: Paragraph, index: number): Source | undefined {
  const line = paragraph.srcLine[index] ?? 0
  return line ? { line, index: paragraph.srcIndex[index] ?? 0 } : undefined
}

function canJoin(paragraph: Paragraph, next: string, isFull: (raw: string) => boolean): boolean {
  if (paragraph.heading) return false
  if (parseMarker(next)) return false
  const marker = parseMarker(paragraph.text)
  if (marker?.kind === 'part') return false
  if (PARAGRAPH_END.test(paragraph.text.replace(/(?<![”’"」』])[”’"」』]+$/, ''))) return false
  // A heading ends its line unless the layout ran out of width.
  if (marker && headingTitle(paragraph, marker) && !isFull(paragraph.lastLine)) return false
  return true
}

/** The ordinal opening a text, if any (padding and Word bookmarks skipped). */
function parseMarker(text: string): Marker | undefined {
  let start = 0
  for (;;) {
    while (start < text.length && PADDING.test(text[start] ?? '')) start++
    const bookmark = BOOKMARK.exec(text.slice(start))
    if (!bookmark) break
    start += bookmark[0].length
  }
  const rest = text.slice(start)
  for (const entry of MARKERS) {
    const match = entry.pattern.exec(rest)
    if (!match) continue
    const digits = match[1] ?? ''
    const value = entry.kind === 'circled' ? digits.charCodeAt(0) - 0x245f : entry.numerals === 'arabic' ? Number(digits) : chineseNumber(digits)
    let end = start + match[0].length
    while (end < text.length && PADDING.test(text[end] ?? '')) end++
    return { kind: entry.kind, style: entry.style, numerals: entry.numerals, value, start, end }
  }
  return undefined
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 }

/** 一 … 九十九 (and 一百) as a number. */
function chineseNumber(text: string): number {
  if (text === '一百' || text === '百') return 100
  const [tens = '', ones = ''] = text.includes('十') ? text.split('十') : ['', text]
  const tensValue = text.includes('十') ? (tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) : 0
  return tensValue * 10 + (CHINESE_DIGITS[ones] ?? 0)
}

/**
 * The title of a paragraph opened by an ordinal, when it is a heading: the
 * text up to its first 。；：, short and without a figure
 * (`（一）内设机构设置。本单位…` → `内设机构设置`). A longer first sentence or one
 * holding a figure makes a numbered paragraph, not a heading.
 */
function headingTitle(paragraph: Paragraph, marker: Marker): string | undefined {
  const rest = paragraph.text.slice(marker.end)
  const end = rest.search(HEADING_TITLE_END)
  const title = (end >= 0 ? rest.slice(0, end) : rest).trim()
  if (!title || Array.from(title).length > MAX_HEADING_LENGTH || hasFigure(title)) return undefined
  // A comma outside brackets makes it a sentence (`（2）完成…考核任务，其中：`), not a title.
  if (/[，,]/.test(title.replace(/[（(][^（）()]*[）)]/g, ''))) return undefined
  return normalizeText(title)
}

function hasFigure(text: string): boolean {
  for (const match of matchAllOf(text, NUMBER_TOKEN)) if (matchProseUnit(text, match.index + match[0].length)) return true
  return false
}

/**
 * Put a heading into the section stack: it closes the open heading of its
 * own kind and everything under it. Authors mix numeral styles (`三、` then
 * `4、`, `（1）` then `（二）`): a heading whose number continues an open
 * heading of the same bracket style in the other numerals is its sibling.
 */
function placeInStack(stack: StackEntry[], entry: StackEntry): void {
  let index = stack.findLastIndex((open) => open.kind === entry.kind)
  if (index < 0) index = stack.findLastIndex((open) => open.style === entry.style && open.numerals !== entry.numerals && open.value === entry.value - 1)
  if (index >= 0) stack.length = index
  stack.push(entry)
}

/** White space folded: none next to CJK text (pdftotext spaces `2024 年`), single elsewhere; Word bookmarks dropped. */
function normalizeText(text: string): string {
  return text
    .replace(/\[bookmark:[^\][]*\]/g, '')
    .replace(PAD_RUN, ' ')
    .replace(/ (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) /g, '')
    .trim()
}

/** The figures of one paragraph: facts, or unplaced when approximate or part of a name. */
function extractFigures(doc: SourceDocument, paragraph: Paragraph, context: ParagraphContext): void {
  const { text } = paragraph
  // Word bookmarks (`[bookmark: _GoBack]`) hold a colon and no words: blank them for clauses and labels.
  const scan = text.replace(/\[bookmark:[^\][]*\]/g, (bookmark) => ' '.repeat(bookmark.length))
  unplaceMarker(doc, paragraph)
  const figures: Figure[] = []
  for (const match of matchAllOf(text, NUMBER_TOKEN)) {
    const tokenStart = match.index
    const tokenEnd = tokenStart + match[0].length
    const unit = matchProseUnit(text, tokenEnd)
    if (!unit) {
      unplaceAcrossLines(doc, paragraph, tokenStart, tokenEnd)
      continue
    }
    const before = text.slice(Math.max(0, tokenStart - 4), tokenStart)
    // `第 7 期` is an ordinal, not seven issues.
    if (/第\s*$/.test(before)) continue
    const firstLine = paragraph.srcLine[tokenStart] ?? 0
    if (!firstLine || firstLine !== (paragraph.srcLine[tokenEnd - 1] ?? 0)) continue
    let tailEnd = unit.end
    const threshold = matchThreshold(text.slice(tailEnd))
    if (threshold) tailEnd += threshold.length
    const approximate = unit.approximate || isApproximateBefore(before) || isApproximateAfter(text.slice(tailEnd))
    const status: Figure['status'] = isQuoted(text, tokenStart) ? 'name' : approximate ? 'approximate' : 'fact'
    figures.push({ tokenStart, tokenEnd, unit, tailEnd, ...(threshold ? { threshold: threshold.cue } : {}), status })
  }

  // Figures come in text order, so those of a sentence are looked up by its start (a paragraph can be one huge line).
  const namedBySentence = new Map<number, Named[]>()
  const sentenceStarts: number[] = []
  const namedIn = (start: number): Named[] => namedBySentence.get(start) ?? []
  let previousEnd = 0
  // Whether the paragraph speaks of 三公 is the same for all its figures: decided once (the text may be very long).
  let threePublicParagraph: boolean | undefined
  for (const figure of figures) {
    const first = sourceAt(paragraph, figure.tokenStart) as Source
    const span = doc.span(first.line, first.index, figure.tokenEnd - figure.tokenStart)
    const raw = text.slice(figure.tokenStart, figure.tokenEnd)
    const sentenceStart = lastIndexOf(scan, SENTENCE_END, figure.tokenStart) + 1
    const leadStart = Math.max(sentenceStart, previousEnd, lastIndexOf(scan, CLAUSE_DELIMITER, figure.tokenStart) + 1)
    previousEnd = figure.tailEnd
    if (figure.status !== 'fact') {
      doc.unplace(span, raw, figure.status)
      continue
    }
    const number = parseNumber(raw)
    if (!number) continue
    const sentenceEnd = nextIndexOf(text, SENTENCE_END, figure.tailEnd)
    const sentence = normalizeText(text.slice(sentenceStart, sentenceEnd))
    const lead = scan.slice(leadStart, figure.tokenStart)
    const kind = figure.unit.kind
    const { measure, cue, labelLead, labelCue } = readMeasure(doc, lead, kind, figure.threshold)

    let label = extractProseLabel(labelLead, { cue: labelCue, department: doc.metadata.department })
    let key: ProseKey | undefined
    const depth = bracketDepth(scan, sentenceStart, figure.tokenStart)
    const previous = namedIn(sentenceStart).findLast((entry) => entry.depth <= depth)
    // An empty phrase (`，占87%`) names the figure before it; a generic one (`支出决算为…`) only when it
    // refers back to it (`公务接待费支出预算为…`) or gives another aspect of it (`预算安排…，实际支出…`).
    const refersBack =
      !label.label || (previous !== undefined && (previous.label.raw.includes(label.label) || measure === 'budget' || measure === 'actual'))
    // A sentence opening with a comparison (`与上年相比，减少387.94万元`) is about the first figure of the sentence before.
    const source =
      previous ??
      (!label.label && (measure === 'change' || measure === 'share' || measure === 'rate')
        ? namedIn(sentenceStarts.findLast((start) => start < sentenceStart) ?? -1).find((entry) => entry.depth === 0)
        : undefined)
    if (isGenericLabel(label.label) && refersBack && source) {
      label = source.label
      key = source.key
    } else {
      if (!label.label && context.headingLabel) label = context.headingLabel
      threePublicParagraph ??= isThreePublicContext(`${context.section}\n${text}`)
      const threePublic = threePublicParagraph
      key = kind === 'count' ? undefined : normalizeProseLabel(label.raw, label.label, { threePublic, tableSubjects: context.tableSubjects })
    }

    const yearBefore = lastYear(text.slice(sentenceStart, figure.tokenStart))
    const otherYear = yearBefore !== undefined && doc.metadata.fiscalYear !== null && yearBefore !== doc.metadata.fiscalYear
    // Within a sentence the first figure of an item restates it; later ones of the same item are parts or asides
    // (`63.71万元（其中驻京联络处“三公经费”21.71万元…）`).
    const stated = kind === 'money' && statedMeasures(doc).includes(measure)
    const restated = stated && namedIn(sentenceStart).some((entry) => entry.stated && sameKey(entry.key, key))
    const tableFactId =
      kind === 'money' && key && !context.noLink && !otherYear && !restated ? linkTableFact(doc, key, measure, context.sectionTable) : ''
    const entry: Named = { sentenceStart, depth, label, key, stated }
    const list = namedBySentence.get(sentenceStart)
    if (list) list.push(entry)
    else {
      namedBySentence.set(sentenceStart, [entry])
      sentenceStarts.push(sentenceStart)
    }
    if (/\s/.test(text.slice(figure.unit.start, figure.unit.end))) {
      doc.message(`Unit printed as \`${text.slice(figure.unit.start, figure.unit.end)}\`; read as \`${figure.unit.unit}\``, {
        ruleId: 'prose-unit-split',
        severity: 'info',
        place: placeOf(doc, paragraph, figure.unit.start, figure.unit.end),
        actual: text.slice(figure.unit.start, figure.unit.end),
        expected: [figure.unit.unit],
      })
    }
    doc.addFact({
      origin: 'prose',
      table_id: '',
      side: key?.side ?? '',
      line_item: key?.line_item ?? '',
      subject_system: key?.subject?.system ?? '',
      subject_code: key?.subject?.code ?? '',
      subject_name: key?.subject?.name ?? '',
      label_raw: label.raw,
      measure,
      measure_raw: cue,
      value: kind === 'money' ? toYuan(number, figure.unit.unit) : formatDecimal(number.units, number.scale),
      unit: kind === 'money' ? 'CNY' : kind,
      value_raw: raw,
      unit_raw: figure.unit.unit,
      line: span.line,
      column: span.column,
      end_line: span.endLine,
      end_column: span.endColumn,
      table_title_raw: '',
      row_number: '',
      section: context.section,
      sentence,
      label: label.label,
      table_fact_id: tableFactId,
    })
  }
}

/**
 * A number that is no figure but whose context runs onto another line
 * (`单位 2024` / `年新成立`): classify it on the joined text, which the line
 * alone cannot show.
 */
function unplaceAcrossLines(doc: SourceDocument, paragraph: Paragraph, start: number, end: number): void {
  const first = sourceAt(paragraph, start)
  if (!first || first.line !== (paragraph.srcLine[end - 1] ?? 0)) return
  const window = 6
  const lines = new Set<number>()
  for (let index = Math.max(0, start - window); index < Math.min(paragraph.text.length, end + window); index++) {
    const line = paragraph.srcLine[index] ?? 0
    if (line) lines.add(line)
  }
  if (lines.size < 2) return
  const token = paragraph.text.slice(start, end)
  doc.unplace(doc.span(first.line, first.index, end - start), token, classifyToken(paragraph.text, start, token, false))
}

/**
 * The number of an arabic ordinal opening a paragraph (`2、2020年…`, after a
 * bookmark) is an ordinal; say so, since the token alone does not show it.
 */
function unplaceMarker(doc: SourceDocument, paragraph: Paragraph): void {
  const marker = parseMarker(paragraph.text)
  if (!marker || marker.numerals !== 'arabic' || marker.kind === 'circled') return
  const match = /[0-9]+/.exec(paragraph.text.slice(marker.start, marker.end))
  const first = match ? sourceAt(paragraph, marker.start + match.index) : undefined
  if (!match || !first) return
  doc.unplace(doc.span(first.line, first.index, match[0].length), match[0], 'ordinal')
}

/**
 * What the sentence says the figure is (see the scheme above), the cue as
 * printed, and the part of the lead that names it (after a comparison, the
 * phrase names the earlier period's figure: `比2019年全年实际支出`).
 */
function readMeasure(
  doc: SourceDocument,
  lead: string,
  kind: UnitKind,
  threshold: string | undefined,
): { measure: ProseMeasure; cue: string; labelLead: string; labelCue: MeasureCue | undefined } {
  const cue = findMeasureCue(lead, kind)
  if (threshold) return { measure: 'threshold', cue: threshold, labelLead: lead, labelCue: cue }
  const prior = kind === 'percent' ? undefined : findPriorYear(lead)
  if (prior && (!cue || cue.measure === 'budget' || cue.measure === 'actual' || cue.measure === 'target')) {
    const after = lead.slice(prior.end)
    return { measure: 'prior_year', cue: prior.cue, labelLead: after, labelCue: findMeasureCue(after, kind) }
  }
  if (cue) return { measure: cue.measure, cue: cue.cue, labelLead: lead, labelCue: cue }
  const measure: ProseMeasure = kind === 'count' ? 'count' : kind === 'percent' ? 'rate' : doc.metadata.docKind === 'budget' ? 'budget' : 'amount'
  return { measure, cue: '', labelLead: lead, labelCue: undefined }
}

/** Longest quotation taken for a name; a longer one quotes a passage whose figures are figures. */
const MAX_NAME_LENGTH = 16

/** Inside a short “…”, 《…》 or 「…」 without clause punctuation: part of a name or title (`“10 元回家”`). */
function isQuoted(fullText: string, fullIndex: number): boolean {
  // A quoted name is short, so only a window around the figure can hold its quotes (searching the whole line is quadratic).
  const reach = 2 * MAX_NAME_LENGTH + 2
  const from = Math.max(0, fullIndex - reach)
  const text = fullText.slice(from, fullIndex + reach)
  const index = fullIndex - from
  return [['“', '”'], ['《', '》'], ['「', '」']].some(([open = '', close = '']) => {
    const start = text.lastIndexOf(open, index)
    if (start < 0 || text.lastIndexOf(close, index) > start) return false
    const end = text.indexOf(close, index)
    if (end < 0) return false
    const quoted = text.slice(start + 1, end)
    return Array.from(quoted).length <= MAX_NAME_LENGTH && !/[，,；;。：:、]/.test(quoted)
  })
}

/** Open brackets between a sentence start and a position. */
function bracketDepth(text: string, from: number, to: number): number {
  let depth = 0
  for (let index = from; index < to; index++) {
    const char = text[index]
    if (char === '（' || char === '(') depth++
    else if ((char === '）' || char === ')') && depth > 0) depth--
  }
  return depth
}

function sameKey(a: ProseKey | undefined, b: ProseKey | undefined): boolean {
  if (!a || !b || a.kind !== b.kind) return false
  return a.kind === 'subject' ? a.subject?.code === b.subject?.code : a.line_item === b.line_item && a.side === b.side
}

const YEAR_BEFORE = /((?:19|20)\d{2})(?=\s*(?:年|全年))/g

/** The last year named before a figure in its sentence (`2019年`, `2019 全年`). */
function lastYear(text: string): number | undefined {
  const years = matchAllOf(text, YEAR_BEFORE)
  const last = years.at(-1)
  return last ? Number(last[1]) : undefined
}

function lastIndexOf(text: string, pattern: RegExp, before: number): number {
  for (let index = before - 1; index >= 0; index--) if (pattern.test(text[index] ?? '')) return index
  return -1
}

function nextIndexOf(text: string, pattern: RegExp, from: number): number {
  for (let index = from; index < text.length; index++) if (pattern.test(text[index] ?? '')) return index + 1
  return text.length
}

/** The source span of paragraph text `start..end` (may cross lines). */
function placeOf(doc: SourceDocument, paragraph: Paragraph, start: number, end: number): Span {
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

/** The measures that state an item's value for the document's own period: the figures the tables print. */
function statedMeasures(doc: SourceDocument): readonly ProseMeasure[] {
  return doc.metadata.docKind === 'budget' ? ['amount', 'budget'] : ['amount', 'actual']
}

/**
 * The table fact a prose money figure restates: the first link of its key
 * (prose-labels.json) that fits the section, the document kind and the
 * figure's measure, and names a fact of this document. Values are not
 * compared here; the checks do that.
 */
/** The document's table facts (all made before the prose stage): prose figures are only ever linked to these. */
function tableFactsOf(doc: SourceDocument): Fact[] {
  doc.data.tableFacts ??= doc.facts.filter((fact) => fact.origin === 'table' && fact.fact_id)
  return doc.data.tableFacts
}

function linkTableFact(doc: SourceDocument, key: ProseKey, measure: ProseMeasure, section: TableId | undefined): string {
  const docKind = doc.metadata.docKind
  for (const spec of key.links) {
    if (spec.sections && (!section || !spec.sections.includes(section))) continue
    if (spec.doc_kinds && (!docKind || !spec.doc_kinds.includes(docKind))) continue
    const allowed: readonly ProseMeasure[] = spec.prose_measures ?? statedMeasures(doc)
    if (!allowed.includes(measure)) continue
    const tableMeasure = spec.measure?.replace('{item}', key.line_item)
    const fact = tableFactsOf(doc).find(
      (candidate) =>
        candidate.table_id === spec.table_id &&
        (!spec.side || candidate.side === spec.side) &&
        (spec.line_item !== undefined ? candidate.line_item === spec.line_item : key.kind !== 'subject' || candidate.line_item === '') &&
        (!tableMeasure || candidate.measure === tableMeasure) &&
        (key.kind !== 'subject' || candidate.subject_code === key.subject?.code),
    )
    if (fact) return fact.fact_id
  }
  return ''
}
