import type { SourceDocument } from '../core/document.ts'
import type { GridCell } from '../core/types.ts'

// Padding: white space (\s covers NBSP, U+3000 and BOM) and the zero-width characters Word and web pages leave.
const LEADING = /^[\s\u200b-\u200d\u2060]+/
// The lookbehind lets a match start only where a run of padding starts: linear on a long line of spaces.
const TRAILING = /(?<![\s\u200b-\u200d\u2060])[\s\u200b-\u200d\u2060]+$/

/**
 * A cell from a piece of a source line: padding (spaces, U+3000, NBSP,
 * zero-width) trimmed, with the span of exactly the text that remains.
 *
 * > | 30110	　31.78
 *           ^^^^^ text `31.78`, span starts after the U+3000
 */
export function cellFromSlice(doc: SourceDocument, line: number, start: number, raw: string): GridCell {
  const lead = LEADING.exec(raw)?.[0].length ?? 0
  const trimmed = raw.slice(lead).replace(TRAILING, '')
  if (!trimmed) return { text: '' }
  return { text: trimmed, span: doc.span(line, start + lead, trimmed.length) }
}

/** Whether a line (within a table) is only a rule of dashes (`------⇥-----`). */
export function isRuleLine(text: string): boolean {
  return /^[\s\t\-—_=]+$/.test(text) && /[-—_=]{3,}/.test(text)
}
