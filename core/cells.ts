/**
 * Cells as numbers: a cell that holds several numeric tokens, split into one
 * cell per token with its exact span, so every token is accounted for once.
 */
import type { SourceDocument } from './document.ts'
import type { GridCell } from './types.ts'
import { matchAllOf, NUMBER_TOKEN } from './text.ts'

/**
 * A cell that is not one number, as the cells of its numeric tokens (each
 * with its exact span), so that listing it as unplaced accounts for every
 * token once; the cell itself when it holds one number at most, or when its
 * span also covers other cells' text (a wrapped name).
 *
 * > | 2040220	36 0 18
 *             ^^ ^ ^^ three tokens of one damaged cell
 */
export function splitNumberCell(doc: SourceDocument, cell: GridCell): GridCell[] {
  if (matchAllOf(cell.text, NUMBER_TOKEN).length < 2) return [cell]
  return numberTokensOfCell(doc, cell) ?? [cell]
}

/** The numeric tokens of a cell whose span delimits only its own text (one line, or whole continuation lines of a Word export). */
function numberTokensOfCell(doc: SourceDocument, cell: GridCell): GridCell[] | undefined {
  const span = cell.span
  if (!span) return undefined
  const tokens: GridCell[] = []
  let text = ''
  for (let line = span.line; line <= span.endLine; line++) {
    const source = doc.lines[line - 1] ?? ''
    const from = line === span.line ? offsetOf(doc, line, span.column) : 0
    const to = line === span.endLine ? offsetOf(doc, line, span.endColumn) : source.length
    const segment = source.slice(from, to)
    text += segment
    for (const match of matchAllOf(segment, NUMBER_TOKEN)) tokens.push({ text: match[0], span: doc.span(line, from + match.index, match[0].length) })
  }
  return withoutPadding(text) === withoutPadding(cell.text) ? tokens : undefined
}

/** UTF-16 offset of a 1-based code-point column of a line. */
function offsetOf(doc: SourceDocument, line: number, column: number): number {
  // Without astral characters before it the column is the offset + 1, and checking that costs nothing on such lines.
  if (doc.span(line, column - 1, 0).column === column) return column - 1
  const text = doc.lines[line - 1] ?? ''
  let offset = 0
  for (let count = 1; count < column && offset < text.length; count++) {
    const code = text.charCodeAt(offset)
    offset += code >= 0xd800 && code <= 0xdbff && offset + 1 < text.length ? 2 : 1
  }
  return offset
}

function withoutPadding(text: string): string {
  return text.replace(/[\s\u200b-\u200d\u2060]+/g, '')
}
