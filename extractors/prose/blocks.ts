/**
 * The prose blocks of a document: grid rows outside the standard tables
 * told apart from prose (their numbers unplaced), and the remaining lines
 * read with remark-parse into runs of prose text, with their place.
 */
import { unified } from 'unified'
import remarkParse from 'remark-parse'
import type { Nodes, Parents } from 'mdast'
import type { SourceDocument } from '../../core/document.ts'
import { classifyToken } from '../../normalizers/classify-token.ts'
import { matchAllOf, PAD, NUMBER_TOKEN, trimPadding } from '../../core/text.ts'

/** One padding character, for scanning text character by character. */
export const PADDING = new RegExp(PAD)
const LEAF_BLOCKS = new Set(['paragraph', 'heading', 'code', 'html', 'definition'])

/** A run of source text on one line that belongs to the prose. */
export interface Segment {
  line: number
  start: number
  text: string
  /** A Markdown heading (`#`) is a heading whatever its wording. */
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

/**
 * The prose as runs of text, read with remark: table regions and grid rows
 * are blanked first (keeping line numbers, so positions stay those of the
 * original text); every line of a paragraph, heading or code block is prose;
 * a bullet (`- 一、…`) is dropped, an ordered item's number kept (it is the
 * ordinal of the heading).
 */
export function findSegments(doc: SourceDocument, skip: Set<number>): Segment[] {
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
