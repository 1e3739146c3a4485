import type { SourceDocument } from '../../core/document.ts'
import type { Span } from '../../core/types.ts'
import { matchAllOf, NUMBER_TOKEN } from '../../core/text.ts'
import type { NumberAccount } from '../../core/document.ts'
import { classifyToken } from '../../normalizers/classify-token.ts'

/** The accounting of a document (after `accountNumbers` ran). */
export function numberAccount(doc: SourceDocument): NumberAccount {
  return doc.data.numberAccount
}

/**
 * Account for every numeric token of the text: it is a fact, or it is listed
 * in `unplaced` with the reason it is not one, so that
 * tokens = facts with digits + unplaced holds for every document (a figure
 * wrapped over lines in a narrow cell is one token, whatever its pieces).
 */
export function accountNumbers(doc: SourceDocument): void {
  const covered = new Set<string>()
  const key = (line: number, column: number): string => `${line}:${column}`
  // What each span covers, as column intervals by every line it touches, so a token is looked up on its own line only.
  const intervalsByLine = new Map<number, [number, number][]>()
  const cover = (line: number, from: number, to: number): void => {
    const list = intervalsByLine.get(line)
    if (list) list.push([from, to])
    else intervalsByLine.set(line, [[from, to]])
  }
  // Text that flows (tabs, prose) is covered in reading order from a span's start to its end; a space-aligned
  // table's cell is a block of columns on each of its lines (a wrapped amount `168,441` over `.81`), so a figure
  // spanning two lines does not cover the cells right of it on its first line.
  const blocks = doc.layout === 'space-aligned'
  const addSpan = (span: Span, block: boolean): void => {
    if (span.line === span.endLine) return cover(span.line, span.column, span.endColumn)
    for (let line = span.line; line <= span.endLine; line++) {
      if (block) cover(line, Math.min(span.column, span.endColumn), Math.max(span.column, span.endColumn))
      else cover(line, line === span.line ? span.column : 0, line === span.endLine ? span.endColumn : Number.POSITIVE_INFINITY)
    }
  }
  // The lines below the first of a figure wrapped over lines (`168,441` over `.81`): the digit runs there are pieces
  // of that figure, not numbers of their own, unless a figure starts inside the run (`.81154,304`: 154,304 starts there).
  const piecesByLine = new Map<number, [number, number][]>()
  const startsByLine = new Map<number, number[]>()
  const push = <T>(map: Map<number, T[]>, line: number, value: T): void => {
    const list = map.get(line)
    if (list) list.push(value)
    else map.set(line, [value])
  }
  for (const fact of doc.facts) {
    if (!blocks || fact.origin !== 'table' || fact.end_line === fact.line) continue
    for (let line = fact.line + 1; line <= fact.end_line; line++) push(piecesByLine, line, [Math.min(fact.column, fact.end_column), Math.max(fact.column, fact.end_column)])
  }
  // Where figures start, on the lines that have pieces only (a long prose line has thousands of figures and no piece).
  for (const fact of doc.facts) if (piecesByLine.has(fact.line)) push(startsByLine, fact.line, fact.column)
  // A figure whose last piece is printed left of where it starts (its last digits carried over a page break, where the
  // next page's layout puts them) is no block of columns: its first and last pieces are its own, where they stand.
  const ownStarts = new Set<string>()
  const ownEnds = new Set<string>()
  for (const fact of doc.facts) {
    if (!blocks || fact.origin !== 'table' || fact.end_line === fact.line || fact.end_column > fact.column) continue
    ownStarts.add(key(fact.line, fact.column))
    ownEnds.add(key(fact.end_line, fact.end_column))
  }
  let pieces = 0
  for (const fact of doc.facts) addSpan({ line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column }, blocks && fact.origin === 'table')
  for (const entry of doc.unplaced) addSpan({ line: entry.line, column: entry.column, endLine: entry.end_line, endColumn: entry.end_column }, false)
  const tableLines = new Set<number>()
  for (const region of doc.regions) for (let line = region.titleLine; line < region.endLine; line++) tableLines.add(line)
  const codeCells = new Set<string>()
  for (const table of doc.tables) {
    for (const row of table.rows) {
      for (const cell of row.cells) if (cell.span && /^\d{3}(\d{2}){0,2}$/.test(cell.text)) codeCells.add(key(cell.span.line, cell.span.column))
    }
  }
  let tokens = 0
  for (const [index, text] of doc.lines.entries()) {
    const line = index + 1
    // Tokens come left to right: sweep the line's intervals in order of start, keeping how far they reach without a
    // gap (intervals that touch join: two wrapped amounts glued `.81154,304`), linear on wide rows.
    const intervals = (intervalsByLine.get(line) ?? []).sort((a, b) => a[0] - b[0])
    let next = 0
    let from = 0
    let reach = -1
    for (const match of matchAllOf(text, NUMBER_TOKEN)) {
      tokens++
      const span = doc.span(line, match.index, match[0].length)
      for (; next < intervals.length && (intervals[next] as [number, number])[0] <= Math.max(span.column, reach); next++) {
        const [start, end] = intervals[next] as [number, number]
        if (start > reach) from = start
        reach = Math.max(reach, end)
      }
      if (ownStarts.has(key(line, span.column))) continue
      if (ownEnds.has(key(line, span.endColumn))) {
        pieces++
        continue
      }
      if (from <= span.column && reach >= span.endColumn) {
        const inPiece = piecesByLine.get(line)?.some(([start, end]) => start <= span.column && end >= span.endColumn)
        if (inPiece && !startsByLine.get(line)?.some((start) => start >= span.column && start < span.endColumn)) pieces++
        continue
      }
      if (covered.has(key(line, span.column))) continue
      covered.add(key(line, span.column))
      const reason = codeCells.has(key(line, span.column))
        ? 'subject-code'
        : classifyToken(text, match.index, match[0], tableLines.has(line))
      doc.unplace(span, match[0], reason)
    }
  }
  // A figure printed in pieces is one number printed: numeric_tokens counts it once.
  doc.data.numberAccount = { tokens: tokens - pieces, markerFacts: doc.facts.filter((fact) => !/[0-9０-９]/.test(fact.value_raw)).length }
}
