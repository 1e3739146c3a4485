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
 * tokens = facts with digits + unplaced holds for every document.
 */
export function accountNumbers(doc: SourceDocument): void {
  const covered = new Set<string>()
  const key = (line: number, column: number): string => `${line}:${column}`
  // Spans of figures and unplaced numbers, by every line they touch, so a token is looked up on its own line only.
  const spansByLine = new Map<number, Span[]>()
  const addSpan = (span: Span): void => {
    for (let line = span.line; line <= span.endLine; line++) {
      const list = spansByLine.get(line)
      if (list) list.push(span)
      else spansByLine.set(line, [span])
    }
  }
  for (const fact of doc.facts) addSpan({ line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column })
  for (const entry of doc.unplaced) addSpan({ line: entry.line, column: entry.column, endLine: entry.end_line, endColumn: entry.end_column })
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
    // Tokens come left to right: sweep the line's spans in order of start, keeping how far they reach (linear on wide rows).
    const startOn = (span: Span): number => (span.line < line ? 0 : span.column)
    const endOn = (span: Span): number => (span.endLine > line ? Number.POSITIVE_INFINITY : span.endColumn)
    const spans = (spansByLine.get(line) ?? []).sort((a, b) => startOn(a) - startOn(b))
    let next = 0
    let reach = 0
    for (const match of matchAllOf(text, NUMBER_TOKEN)) {
      tokens++
      const span = doc.span(line, match.index, match[0].length)
      for (; next < spans.length && startOn(spans[next] as Span) <= span.column; next++) reach = Math.max(reach, endOn(spans[next] as Span))
      if (reach >= span.endColumn) continue
      if (covered.has(key(line, span.column))) continue
      covered.add(key(line, span.column))
      const reason = codeCells.has(key(line, span.column))
        ? 'subject-code'
        : classifyToken(text, match.index, match[0], tableLines.has(line))
      doc.unplace(span, match[0], reason)
    }
  }
  doc.data.numberAccount = { tokens, markerFacts: doc.facts.filter((fact) => !/[0-9０-９]/.test(fact.value_raw)).length }
}
