/**
 * Figures in the prose (情况说明, 名词解释, the whole of a prose-only budget):
 * every money amount, percentage and count becomes a fact with `origin`
 * prose, its section path, sentence and label, a canonical key where the
 * label names a known item, and the table fact it restates.
 *
 * Measure scheme (`measure`, with the cue found in `measure_raw`):
 * - amount: money with no cue (in a 预算 document: budget);
 * - budget: 预算数/年初预算/预算安排 …; actual: 决算数/实际支出/执行数 …;
 * - change: 增加/减少/增长/下降/压减/追加 … (money, percent or count); a decrease
 *   (减少, 下降, 降低, 压减, 节约 …) is negative, its printed size in value_raw;
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
 *
 * The stage reads the prose blocks (`blocks.ts`), joins them into paragraphs
 * (`paragraphs.ts`, positions in `positions.ts`), follows the section path
 * (`sections.ts`) and reads each paragraph's figures (`figures.ts`), linking
 * money figures to table facts (`links.ts`).
 */
import type { SourceDocument, Stage } from '../../core/document.ts'
import { headingLabel, isNoLinkPart, sectionTable } from '../../normalizers/normalize-prose-label.ts'
import type { TableSubject } from '../../normalizers/normalize-prose-label.ts'
import { findSegments, isGridRow, unplaceGridRows } from './blocks.ts'
import { extractFigures } from './figures.ts'
import type { ParagraphContext } from './figures.ts'
import { joinParagraphs } from './paragraphs.ts'
import { headingTitle, normalizeText, parseMarker, placeInStack } from './sections.ts'
import type { StackEntry } from './sections.ts'

/** Characters beyond which a line is not read as prose (real reports break lines far sooner). */
export const MAX_PROSE_LINE = 4 * 1024 * 1024

/** Extract the figures of the prose as facts; runs after the table facts have their ids, before `accountNumbers`. */
export const extractProse: Stage = (doc) => {
  const tableLines = new Set<number>()
  for (const region of doc.regions) for (let line = region.titleLine; line < region.endLine; line++) tableLines.add(line)
  const gridLines = new Set<number>()
  for (const [index, text] of doc.lines.entries()) if (!tableLines.has(index + 1) && isGridRow(text)) gridLines.add(index + 1)
  for (const line of justifiedProse(doc, gridLines, tableLines)) gridLines.delete(line)
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

/**
 * Lines a justified paragraph spread with wide blanks (江苏's 说明 pads the
 * figures of a sentence to the line's width) look like grid rows, but they
 * are sentences: they end a clause within the line, and the lines around
 * them are prose.
 *
 * > |   （1）一般公共预算收入预算               21,940.96 万元，与上
 * > | 年相比增加     3,959.28 万元，增长 22          %。主要是因员额
 * > | 制检察官工资改革等政策性调整因素和省财政加强预算管
 */
function justifiedProse(doc: SourceDocument, gridLines: ReadonlySet<number>, tableLines: ReadonlySet<number>): number[] {
  const neighbour = (line: number, step: number): number | undefined => {
    for (let next = line + step; next >= 1 && next <= doc.lines.length; next += step) if ((doc.lines[next - 1] ?? '').trim()) return next
    return undefined
  }
  const indent = (line: number): number => (doc.lines[line - 1] ?? '').search(/\S/)
  // A neighbour of the paragraph starts at its margin; a cell's wrapped words stand further right (绩效 tables).
  const prose = (line: number | undefined, of: number): boolean => line !== undefined && !gridLines.has(line) && !tableLines.has(line) && indent(line) <= indent(of) + MARGIN
  return [...gridLines].filter((line) => SENTENCE_BREAK.test(doc.lines[line - 1] ?? '') && prose(neighbour(line, -1), line) && prose(neighbour(line, 1), line))
}

/** How much further right than a justified line its paragraph's lines may start (a first line's indent). */
const MARGIN = 6

/** A clause ended inside a line. */
const SENTENCE_BREAK = /[，。；](?=.*\S)/

