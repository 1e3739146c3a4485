/**
 * Row assembly: the placed tokens of a table's lines joined into rows (one
 * per line without codes; one per anchor line, with the fragments of its
 * wrapped name, with codes) and emitted as grid rows with their spans.
 */
import type { SourceDocument } from '../../core/document.ts'
import type { ColumnChoice, GridCell, GridRow, Span } from '../../core/types.ts'
import type { Column } from './columns.ts'
import { compact, isAnchorText, TOTAL_LABEL } from './line-kinds.ts'
import { ENUMERATION } from './lines.ts'
import { findSubjectByName } from '../../normalizers/normalize-subject.ts'
import type { Token } from './tokens.ts'

/** A token placed in a column of the table. */
interface Placed {
  token: Token
  column: number
}

/** A data line with its tokens placed. */
export interface PlacedLine {
  line: number
  page: number
  placed: Placed[]
}

/** A row being built: its cells as tokens per column. */
interface RowDraft {
  line: number
  cells: Map<number, Token[]>
}


function draftOf(line: number, placed: Placed[]): RowDraft {
  const cells = new Map<number, Token[]>()
  for (const entry of placed) cells.set(entry.column, [...(cells.get(entry.column) ?? []), entry.token])
  return { line, cells }
}

/**
 * The rows of a table without codes (the two-sided summary tables, “三公”):
 * one per line, except a line that continues a label which filled its
 * column, at the same indent.
 *
 * > |                              二十二、灾害防治及应急管理支
 * > |                              出
 *                                  ^^ continues the widest label of its column
 */
export function assembleLineRows(lines: PlacedLine[], columns: Column[]): RowDraft[] {
  const widest = new Map<number, number>()
  for (const line of lines) {
    for (const entry of line.placed) {
      if (columns[entry.column]?.kind === 'label') widest.set(entry.column, Math.max(widest.get(entry.column) ?? 0, entry.token.end))
    }
  }
  const drafts: RowDraft[] = []
  const pages = new Map<RowDraft, number>()
  let previous: { line: PlacedLine; draft: RowDraft } | undefined
  let straddling: Placed[] = []
  for (const [index, printed] of lines.entries()) {
    const last = previous
    // Figures wrapped around the next line, which holds a label and leaves their columns empty: a cell centred on
    // that row, printed half above it and half below.
    const next = lines[index + 1]
    if (next && straddles(printed, next)) {
      straddling = printed.placed
      continue
    }
    const line: PlacedLine = straddling.length > 0 ? { ...printed, placed: [...printed.placed, ...straddling] } : printed
    straddling = []
    const continues =
      last !== undefined &&
      line.line - last.line.line === 1 &&
      line.placed.every((entry) => {
        const above = last.line.placed.find((other) => other.column === entry.column)
        if (!above || above.token.kind !== 'text' || entry.token.kind !== 'text' || columns[entry.column]?.kind !== 'label') return false
        // Over a page break the rest of a name stands where the new page puts it: only a subject's name, completed, says it goes on.
        if (line.page !== last.line.page) return line.placed.length === 1 && completesSubjectName(above.token.text, entry.token.text)
        return (
          !ENUMERATION.test(entry.token.text) &&
          !TOTAL_LABEL.test(compact(entry.token.text)) &&
          above.token.end >= (widest.get(entry.column) ?? 0) - 1 &&
          Math.abs(above.token.x - entry.token.x) <= 1
        )
      })
    if (last && continues) {
      for (const entry of line.placed) last.draft.cells.set(entry.column, [...(last.draft.cells.get(entry.column) ?? []), entry.token])
      last.line = line
      continue
    }
    // A line of figures only, in columns the row just above (a label and figures) left empty: that row goes on,
    // spread over lines; a line of figures under a name fragment is left to attachWrappedLabels.
    const spread =
      last !== undefined &&
      line.line - last.line.line === 1 &&
      line.page === last.line.page &&
      line.placed.every((entry) => entry.token.kind === 'amount' && !last.draft.cells.has(entry.column)) &&
      [...last.draft.cells.values()].some((tokens) => tokens.some((token) => token.kind === 'text')) &&
      [...last.draft.cells.values()].some((tokens) => tokens.some((token) => token.kind === 'amount'))
    if (last && spread) {
      for (const entry of line.placed) last.draft.cells.set(entry.column, [entry.token])
      last.line = line
      continue
    }
    const nameAbove = drafts.at(-2)
    if (last && spreadBesideName(line, last, nameAbove, columns)) {
      // The name's fragment joins the row's name: at once when the row prints it, else as the fragment below that
      // attachWrappedLabels joins to the one above.
      const named = line.placed.some((entry) => entry.token.kind === 'text' && last.draft.cells.has(entry.column))
      const fragment: RowDraft = { line: line.line, cells: new Map() }
      for (const entry of line.placed) {
        const target = entry.token.kind === 'amount' || named ? last.draft : fragment
        target.cells.set(entry.column, [...(target.cells.get(entry.column) ?? []), entry.token])
      }
      if (fragment.cells.size > 0) {
        drafts.push(fragment)
        pages.set(fragment, line.page)
      }
      last.line = line
      continue
    }
    const draft = draftOf(line.line, line.placed)
    drafts.push(draft)
    pages.set(draft, line.page)
    previous = { line, draft }
  }
  return attachWrappedLabels(drafts, columns, pages)
}

/**
 * Whether a line goes on the row just above it, printed beside the next
 * line of that row's wrapped name: the line's figures all stand right of
 * the row's last figure (a row of its own would print its total, left of
 * them) in columns the row leaves empty, and its text continues the row's
 * name in the same label column (no enumeration, no total).
 *
 * > |     杭州市道路
 * > |               27,718.25    13,317.69      13,317.69
 * > | 运输管理服务                                              14,400.56 14,400.56
 *                                                              ^ the carry-over of 杭州市道路运输管理服务中心: 27,718.25 = 13,317.69 + 14,400.56
 */
function spreadBesideName(line: PlacedLine, last: { line: PlacedLine; draft: RowDraft }, nameAbove: RowDraft | undefined, columns: Column[]): boolean {
  if (line.line - last.line.line !== 1 || line.page !== last.line.page) return false
  const cells = [...last.draft.cells]
  const lastAmount = Math.max(-1, ...cells.filter(([, tokens]) => tokens.some((token) => token.kind === 'amount')).map(([column]) => column))
  if (lastAmount < 0) return false
  const amounts = line.placed.filter((entry) => entry.token.kind === 'amount')
  const names = line.placed.filter((entry) => entry.token.kind === 'text')
  if (amounts.length === 0 || names.length === 0 || amounts.length + names.length !== line.placed.length) return false
  if (!amounts.every((entry) => entry.column > lastAmount && !last.draft.cells.has(entry.column))) return false
  return names.every((entry) => {
    const text = compact(entry.token.text)
    // The row's name: on its line, or (a name wrapped around the figures) the fragment on the line right above.
    const printed = last.draft.cells.get(entry.column)
    const fragmentAbove =
      nameAbove !== undefined &&
      nameAbove.line === last.draft.line - 1 &&
      [...nameAbove.cells].every(([column, tokens]) => column === entry.column && tokens.every((token) => token.kind === 'text'))
    const above = printed ?? (fragmentAbove ? nameAbove.cells.get(entry.column) : undefined)
    return (
      columns[entry.column]?.kind === 'label' &&
      entry.column < lastAmount &&
      above !== undefined &&
      above.every((token) => token.kind === 'text') &&
      !ENUMERATION.test(text) &&
      !TOTAL_LABEL.test(text)
    )
  })
}

/**
 * Whether a label fragment completes the one above it into the name of a
 * functional class that neither names alone: the rest of a name wrapped
 * over a page break, printed where the new page's layout puts it (江苏's
 * 收支预算总表, the next page three columns further left).
 *
 * > |                          八、社会保障和就     1,608.51
 * > | ␌                     业支出
 *                           ^^^^^^ 八、社会保障和就业支出 is 208
 */
export function completesSubjectName(above: string, text: string): boolean {
  if (!findSubjectByName(`${above}${text}`, 'functional', 'class')) return false
  return !findSubjectByName(above, 'functional', 'class') && !findSubjectByName(text, 'functional', 'class')
}

/**
 * Whether a line of figures only is cells of the next line's row: each
 * figure wrapped in a narrow cell with its first piece above that row and
 * its last below it, in a column the row leaves empty, and the row has a
 * label.
 *
 * > |                                                        21,118.5
 * > | 合计                   91,842.80       70,724.29   58,486.35   12,237.94
 * > |                                                               1
 *                                                                  ^ 21,118.51, the 项目支出 of 合计
 */
function straddles(line: PlacedLine, next: PlacedLine): boolean {
  if (next.line - line.line !== 1 || next.page !== line.page || line.placed.length === 0) return false
  if (!next.placed.some((entry) => entry.token.kind === 'text')) return false
  return line.placed.every(
    (entry) =>
      entry.token.kind === 'amount' &&
      (entry.token.wrap ?? []).some((piece) => piece.line > next.line) &&
      !next.placed.some((other) => other.column === entry.column),
  )
}

/**
 * A row of figures whose label cell is empty takes the label fragments
 * printed on the lines right above and right below it, in that column (a
 * long name wrapped around its figures); a fragment line holds nothing else.
 *
 * > | 广州市地质调查院（广州市海洋发展促          ← above
 * > |                          11,943.80     7,578.27
 * > | 进中心）                                  ← below
 */
function attachWrappedLabels(drafts: RowDraft[], columns: Column[], pages: Map<RowDraft, number>): RowDraft[] {
  const isLabel = (column: number) => columns[column]?.kind === 'label'
  const fragmentOnly = (draft: RowDraft | undefined): draft is RowDraft =>
    draft !== undefined && [...draft.cells].every(([column, tokens]) => isLabel(column) && tokens.every((token) => token.kind === 'text'))
  const used = new Set<RowDraft>()
  for (const [index, draft] of drafts.entries()) {
    if (![...draft.cells.values()].some((tokens) => tokens.some((token) => token.kind === 'amount'))) continue
    const page = pages.get(draft)
    const near = (other: RowDraft | undefined, offset: number): RowDraft | undefined =>
      fragmentOnly(other) && !used.has(other) && other.line === draft.line + offset && pages.get(other) === page ? other : undefined
    const above = near(drafts[index - 1], -1)
    const below = near(drafts[index + 1], 1)
    for (const column of columns.keys()) {
      if (!isLabel(column) || draft.cells.has(column)) continue
      const fragments = [...(above?.cells.get(column) ?? []), ...(below?.cells.get(column) ?? [])]
      if (fragments.length === 0) continue
      draft.cells.set(column, fragments)
      for (const source of [above, below]) {
        if (!source?.cells.has(column)) continue
        source.cells.delete(column)
        if (source.cells.size === 0) used.add(source)
      }
    }
  }
  return drafts.filter((draft) => !used.has(draft))
}

/** Contiguous column ranges that each hold one code → name → figures group (two in the 基本支出 table). */
function blocksOf(columns: Column[]): number[][] {
  const blocks: number[][] = []
  for (const [index, column] of columns.entries()) {
    const last = blocks.at(-1)
    // A name column before the first code (`预算单位` of a consolidated 部门's table) belongs to the first group.
    const opened = last?.some((at) => columns[at]?.kind === 'code' || columns[at]?.kind === 'value')
    if (!last || (column.kind === 'code' && opened)) blocks.push([index])
    else last.push(index)
  }
  return blocks
}

/** A row of one block being built. */
interface Anchor {
  /** The line with its code, figures or total label. */
  line: PlacedLine
  above: PlacedLine[]
  below: PlacedLine[]
  /** The line holding the name and figures of a code printed alone on the line above it. */
  merged: PlacedLine | undefined
  /** Its code was printed on the line below it: that line is the row's last, no fragment after it is the row's. */
  codeBelow?: boolean
  codeOnly: boolean
  page: number
}

/**
 * The rows of a table with codes. In each block, a line with a code, a
 * figure or a total label anchors a row; a line with only name text is a
 * fragment of a wrapped name. pdftotext prints a wrapped name around its
 * code line, as many lines above as below, so fragments between two anchors
 * go first to the previous anchor (as many as it had above), the rest to
 * the next one. A code alone on its line takes the name and figures of the
 * line below it.
 *
 * > |           机关事业单位基本养老保险缴费    ← above 2080505
 * > | 2080505                      6.18      6.18
 * > |           支出                          ← below 2080505 (it had one above)
 * > | 2080506   机关事业单位职业年金缴费支出     4.64      4.64
 */
export function assembleCodedRows(lines: PlacedLine[], columns: Column[]): RowDraft[] {
  const rowsByLine = new Map<number, RowDraft>()
  const rowAt = (line: PlacedLine) => {
    let draft = rowsByLine.get(line.line)
    if (!draft) {
      draft = { line: line.line, cells: new Map() }
      rowsByLine.set(line.line, draft)
    }
    return draft
  }
  // Fragments after a block's last anchor beyond its share: each group may be the wrapped name of a row of other blocks.
  const orphans: PlacedLine[][] = []
  for (const block of blocksOf(columns)) {
    const inBlock = new Set(block)
    const anchors: Anchor[] = []
    let pending: PlacedLine[] = []
    const part = (line: PlacedLine): PlacedLine => ({ ...line, placed: line.placed.filter((entry) => inBlock.has(entry.column)) })
    // Hand the fragments since the previous anchor to it and to the next one.
    const give = (next: Anchor | undefined) => {
      const previous = anchors.at(-1)
      let toPrevious = 0
      // A wrapped cell never crosses a page break: each anchor keeps the fragments of its own page.
      if (previous && next && next.page !== previous.page) toPrevious = pending.filter((line) => line.page === previous.page).length
      else if (previous && !previous.codeBelow) toPrevious = Math.min(previous.above.length, pending.length)
      previous?.below.push(...pending.slice(0, toPrevious))
      // After the last anchor, text beyond its symmetric share belongs to no row of this block.
      if (next) next.above.push(...pending.slice(toPrevious))
      else if (pending.length > toPrevious) orphans.push(pending.slice(toPrevious))
      pending = []
    }
    const parts = lines.map(part).filter((line) => line.placed.length > 0)
    for (const [index, line] of parts.entries()) {
      const tokens = line.placed.map((entry) => entry.token)
      const hasCode = tokens.some((token) => token.kind === 'code')
      const hasFigure = tokens.some((token) => token.kind === 'amount')
      const isFragment = !hasCode && !hasFigure && !isAnchorText(tokens) && line.placed.every((entry) => columns[entry.column]?.kind === 'label')
      if (isFragment) {
        pending.push(line)
        continue
      }
      const previous = anchors.at(-1)
      if (previous && pending.length === 0 && codeBelowRow(previous, line, parts[index + 1], columns)) {
        previous.merged = line
        previous.codeBelow = true
        continue
      }
      if (previous && previous.codeOnly && !previous.merged && previous.above.length === 0 && pending.length === 0 && !hasCode && !isAnchorText(tokens)) {
        previous.merged = line
        continue
      }
      const anchor: Anchor = { line, above: [], below: [], merged: undefined, codeOnly: hasCode && tokens.length === 1, page: line.page }
      give(anchor)
      anchors.push(anchor)
    }
    give(undefined)
    for (const anchor of anchors) {
      const draft = rowAt(anchor.line)
      for (const extra of [anchor.line, ...anchor.above, ...(anchor.merged ? [anchor.merged] : []), ...anchor.below]) {
        for (const entry of extra.placed) draft.cells.set(entry.column, [...(draft.cells.get(entry.column) ?? []), entry.token])
      }
    }
  }
  for (const group of orphans) {
    const row = wrappedRowOf(group, rowsByLine)
    for (const line of row ? group : []) for (const entry of line.placed) row?.cells.set(entry.column, [...(row.cells.get(entry.column) ?? []), entry.token])
  }
  return [...rowsByLine.values()].sort((a, b) => a.line - b.line)
}

/**
 * The row whose name a block's leftover fragments are: as many lines right
 * above a row's line as right below it, on consecutive lines, where the row
 * (anchored in other blocks: a total row across them) has nothing in their
 * columns. Anything else is no row's.
 *
 * > |                         公用经费合
 * > | 人员经费合计          69.09                                       250.34
 * > |                         计
 *                             ^ 公用经费合计, the name of 250.34, printed in the middle block
 */
function wrappedRowOf(group: PlacedLine[], rowsByLine: Map<number, RowDraft>): RowDraft | undefined {
  const half = group.length / 2
  const upper = group[half - 1]
  const lower = group[half]
  if (!Number.isInteger(half) || !upper || !lower || lower.line - upper.line !== 2 || upper.page !== lower.page) return undefined
  if (!group.every((line, index) => index === 0 || line.line - (group[index - 1] as PlacedLine).line === (index === half ? 2 : 1))) return undefined
  const row = rowsByLine.get(upper.line + 1)
  const columns = new Set(group.flatMap((line) => line.placed.map((entry) => entry.column)))
  return row && ![...row.cells.keys()].some((column) => columns.has(column)) ? row : undefined
}

/**
 * Whether a line of a code (and at most the end of a wrapped name) is the
 * code of the row right above it: that row prints a name and figures but no
 * code, and touches the code line, while no row of figures without a code
 * touches it from below (a blank line, a page break or a name fragment parts
 * them). pdftotext prints a code centred in a cell two lines high below its
 * name and figures.
 *
 * > |           行政单位医疗         518.55     518.55
 * > | 2101101                                          ← the code of 行政单位医疗
 * > |
 * > |           事业单位医疗         610.65     556.22
 */
function codeBelowRow(previous: Anchor, line: PlacedLine, next: PlacedLine | undefined, columns: Column[]): boolean {
  if (previous.codeOnly || previous.merged || line.page !== previous.page || line.line - previous.line.line !== 1) return false
  // Figures without a code right below too: the code could be theirs (a code printed above its row), and the place does not say.
  const nextTokens = next?.placed.map((entry) => entry.token) ?? []
  if (next && next.page === line.page && next.line - line.line === 1 && nextTokens.some((token) => token.kind === 'amount') && !nextTokens.some((token) => token.kind === 'code')) return false
  const isLabel = (entry: Placed) => entry.token.kind === 'text' && columns[entry.column]?.kind === 'label'
  if (!line.placed.some((entry) => entry.token.kind === 'code') || !line.placed.every((entry) => entry.token.kind === 'code' || isLabel(entry))) return false
  const above = previous.line.placed.map((entry) => entry.token)
  if (above.some((token) => token.kind === 'code') || !above.some((token) => token.kind === 'amount') || isAnchorText(above)) return false
  // The row names itself (on its line or in the fragments above it): a row of figures whose name is on the code line is another layout.
  return [previous.line, ...previous.above].some((fragment) => fragment.placed.some(isLabel))
}

/**
 * A grid row from a draft: one cell per column; a cell of several
 * fragments joins them top to bottom (without separator) and spans from
 * the first to the last.
 */
/** An amount printed whole, with its decimals (`229.02`): no piece of another. */
const WHOLE_FIGURE = /^[-－]?[0-9０-９][0-9０-９,，]*[.．][0-9０-９]+$/

export function emitRow(doc: SourceDocument, draft: RowDraft, width: number, choices: ReadonlyMap<Token, ColumnChoice> = new Map()): GridRow {
  const cells: GridCell[] = []
  let first = draft.line
  for (let index = 0; index < width; index++) {
    const tokens = [...(draft.cells.get(index) ?? [])].sort((a, b) => a.line - b.line || a.x - b.x)
    const cell = cellOf(doc, tokens)
    // Two whole figures in one cell (`229.02   40.30`: columns the page's layout did not tell apart): each stays itself.
    if (tokens.filter((token) => token.kind === 'amount' && WHOLE_FIGURE.test(token.text)).length >= 2) cell.figures = tokens.map((token) => cellOf(doc, [token]))
    // A figure of one token keeps the columns its page left open; a cell joined from several is its column's.
    const choice = tokens.length === 1 ? choices.get(tokens[0] as Token) : undefined
    if (choice && choice.columns[0] === index) cell.choice = choice
    if (cell.span && (first === 0 || cell.span.line < first)) first = cell.span.line
    cells.push(cell)
  }
  return { line: first, cells }
}

function cellOf(doc: SourceDocument, tokens: Token[]): GridCell {
  // A wrapped amount is two pieces on two lines: its own line's part, and the decimals below.
  const pieces = tokens.flatMap((token) => {
    const wrap = token.wrap ?? []
    const own = token.text.length - wrap.reduce((sum, piece) => sum + piece.text.length, 0)
    return [{ line: token.line, offset: token.offset, length: own }, ...wrap.map((piece) => ({ line: piece.line, offset: piece.offset, length: piece.text.length }))]
  })
  const head = pieces[0]
  const tail = pieces.at(-1)
  if (!head || !tail) return { text: '' }
  const byLine = new Map<number, typeof pieces>()
  for (const piece of pieces) byLine.set(piece.line, [...(byLine.get(piece.line) ?? []), piece])
  // Several pieces on one line of a cell: the text between them is part of it.
  const parts = [...byLine.values()].map((onLine) => {
    const start = onLine[0] as (typeof pieces)[number]
    const stop = onLine.at(-1) as (typeof pieces)[number]
    return (doc.lines[start.line - 1] ?? '').slice(start.offset, stop.offset + stop.length)
  })
  const startSpan = doc.span(head.line, head.offset, head.length)
  const endSpan = doc.span(tail.line, tail.offset, tail.length)
  const span: Span = { line: startSpan.line, column: startSpan.column, endLine: endSpan.endLine, endColumn: endSpan.endColumn }
  // Decimals printed on the line above their integer: the span is the block of both pieces, from the upper line.
  if (pieces.some((piece) => piece.line < head.line)) {
    const spans = pieces.map((piece) => doc.span(piece.line, piece.offset, piece.length))
    const block: Span = {
      line: Math.min(...spans.map((one) => one.line)),
      column: Math.min(...spans.map((one) => one.column)),
      endLine: Math.max(...spans.map((one) => one.endLine)),
      endColumn: Math.max(...spans.map((one) => one.endColumn)),
    }
    return { text: parts.join(''), span: block }
  }
  return { text: parts.join(''), span }
}
