/**
 * The figures of a paragraph: each number with a unit becomes a prose fact
 * (measure, label, key, the table fact it restates) or is unplaced
 * (approximate, part of a name, an ordinal); see the measure scheme in
 * `index.ts`.
 */
import type { SourceDocument } from '../../core/document.ts'
import type { TableId } from '../../core/types.ts'
import { classifyToken } from '../../normalizers/classify-token.ts'
import { formatDecimal, parseNumber, toYuan } from '../../normalizers/parse-amount.ts'
import {
  extractProseLabel,
  findMeasureCue,
  findPriorYear,
  isApproximateAfter,
  isApproximateBefore,
  isGenericLabel,
  isThreePublicContext,
  matchProseUnit,
  matchThreshold,
  normalizeProseLabel,
} from '../../normalizers/normalize-prose-label.ts'
import type { MeasureCue, ProseKey, ProseLabel, ProseMeasure, TableSubject, UnitKind, UnitMatch } from '../../normalizers/normalize-prose-label.ts'
import { matchAllOf, NUMBER_TOKEN } from '../../core/text.ts'
import { expectedTableCell, linkTableFact, statedMeasures } from './links.ts'
import { placeOf, sourceAt } from './positions.ts'
import type { Paragraph, Source } from './positions.ts'
import { normalizeText, parseMarker } from './sections.ts'

const SENTENCE_END = /[。！？!?]/
/** A decimal point right before a number (the number pattern takes a point after digits, so none stand before it). */
const DECIMAL_POINT_BEFORE = /[.．]$/
/** A change cue that prints a decrease (`减少`, `下降`, `压减`, `节约` …): the change is negative, the printed number its size. */
const DECREASE_CUE = /减|降|节约|节省/
const CLAUSE_DELIMITER = /[，,；;：:。！？!?]/
/** A clause that names a subject by its level and hands over to the figures (`检察（款）:`, `住房公积金(项):`). */
const SUBJECT_CLAUSE = /[（(]\s?[类款项]\s?[）)]\s*[：:]\s*$/
/** The summary lines of carry-overs, which a project's sentence also prints for the project (`上年结转`, `结转结余`). */
const CARRY_OVER = new Set(['opening_balance', 'closing_balance'])

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

/** What a paragraph's figures share. */
export interface ParagraphContext {
  section: string
  sectionTable: TableId | undefined
  /** The label the innermost heading gives, for figures whose own phrase names nothing (`年初预算为25万元`). */
  headingLabel: ProseLabel | undefined
  /** The paragraph is in an appendix (self-evaluation report): its figures restate no table. */
  noLink: boolean
  tableSubjects: TableSubject[]
}

/** The figures of one paragraph: facts, or unplaced when approximate or part of a name. */
export function extractFigures(doc: SourceDocument, paragraph: Paragraph, context: ParagraphContext): void {
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
    // Digits right after a point are the decimals of a number the layout cut off them (`41,534 .73 万元`, `.22万元`
    // on another line than its `1`): no figure of their own (their number is unplaced as money in running text).
    if (DECIMAL_POINT_BEFORE.test(before)) continue
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
    // `减少101.68万元` is a change of −1016800; value_raw and measure_raw keep what is printed.
    const signed = measure === 'change' && DECREASE_CUE.test(cue) ? { ...number, units: -number.units } : number

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
      key = kind === 'count' ? undefined : normalizeProseLabel(label.raw, label.label, { threePublic, tableSubjects: context.tableSubjects, docKind: doc.metadata.docKind })
      // `检察（款）: 2018 年预算支出合计 16,444.36 万元`: the total of the subject the clause before names, not the summary's.
      if (key?.kind === 'line_item' && SUBJECT_CLAUSE.test(scan.slice(sentenceStart, leadStart))) key = undefined
    }

    const yearBefore = lastYear(text.slice(sentenceStart, figure.tokenStart))
    const otherYear = yearBefore !== undefined && doc.metadata.fiscalYear !== null && yearBefore !== doc.metadata.fiscalYear
    // Within a sentence the first figure of an item restates it; later ones of the same item are parts or asides
    // (`63.71万元（其中驻京联络处“三公经费”21.71万元…）`).
    const stated = kind === 'money' && statedMeasures(doc).includes(measure)
    const restated = stated && namedIn(sentenceStart).some((entry) => entry.stated && sameKey(entry.key, key))
    // `常用装备保障项目 615.04 万元，其中结转结余 126.00 万元`: a carry-over right after the figure of something no table
    // row names (a project) in its sentence is that project's, not the summary's line.
    const before = namedIn(sentenceStart).at(-1)
    const projectPart = key?.kind === 'line_item' && CARRY_OVER.has(key.line_item) && before !== undefined && !before.key && Boolean(before.label.label) && !/结转|结余/.test(before.label.label)
    const tableFactId =
      kind === 'money' && key && !context.noLink && !otherYear && !restated && !projectPart ? linkTableFact(doc, key, measure, context.sectionTable) : ''
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
    const fact = doc.addFact({
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
      value: kind === 'money' ? toYuan(signed, figure.unit.unit) : formatDecimal(signed.units, signed.scale),
      unit: kind === 'money' ? 'CNY' : kind,
      value_raw: raw,
      unit_raw: figure.unit.unit,
      // A prose figure's unit is printed next to it.
      unit_basis: 'printed',
      line: span.line,
      column: span.column,
      end_line: span.endLine,
      end_column: span.endColumn,
      column_label: '',
      table_title_raw: '',
      row_number: '',
      section: context.section,
      sentence,
      label: label.label,
      table_fact_id: tableFactId,
    })
    // A figure that restates a table cell of this document which no fact fills: the cell may be blank (`blank-cells`).
    if (stated && key && !context.noLink && !otherYear && !restated) {
      const cell = expectedTableCell(doc, key, measure, context.sectionTable)
      if (cell) doc.data.unlinkedFigures.push({ fact, ...cell })
    }
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
 * What the sentence says the figure is (see the scheme in `index.ts`), the cue as
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
