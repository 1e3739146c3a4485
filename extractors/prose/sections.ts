/**
 * Section paths: the ordinal opening a paragraph (`第三部分`, `七、`,
 * `（二）`, `1、`, `①`), whether the paragraph is a heading and its title,
 * and the stack of open headings a figure's section path is read from.
 */
import { matchProseUnit } from '../../normalizers/normalize-prose-label.ts'
import { isPadCode, matchAllOf, PAD_RUN, NUMBER_TOKEN } from '../../core/text.ts'
import type { Paragraph } from './positions.ts'

const BOOKMARK = /^\[bookmark:[^\]]*\]/
const HEADING_TITLE_END = /[。；;：:]/
/** Longest heading title accepted; longer first sentences are numbered paragraphs, not headings. */
const MAX_HEADING_LENGTH = 60

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
export interface StackEntry {
  kind: MarkerKind
  style: Marker['style']
  numerals: Marker['numerals']
  value: number
  /** Marker and title as printed (white space normalized); undefined for a numbered paragraph, which names no section. */
  title?: string
  /** The title without its marker, for labels. */
  bare?: string
}

/** The ordinal opening a text, if any (padding and Word bookmarks skipped). */
export function parseMarker(text: string): Marker | undefined {
  let start = 0
  for (;;) {
    while (start < text.length && isPadCode(text.charCodeAt(start))) start++
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
    while (end < text.length && isPadCode(text.charCodeAt(end))) end++
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
export function headingTitle(paragraph: Paragraph, marker: Marker): string | undefined {
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
export function placeInStack(stack: StackEntry[], entry: StackEntry): void {
  let index = stack.findLastIndex((open) => open.kind === entry.kind)
  if (index < 0) index = stack.findLastIndex((open) => open.style === entry.style && open.numerals !== entry.numerals && open.value === entry.value - 1)
  if (index >= 0) stack.length = index
  stack.push(entry)
}

/** White space folded: none next to CJK text (pdftotext spaces `2024 年`), single elsewhere; Word bookmarks dropped. */
export function normalizeText(text: string): string {
  return text
    .replace(/\[bookmark:[^\][]*\]/g, '')
    .replace(PAD_RUN, ' ')
    .replace(/ (?=[^\x00-\x7f])|(?<=[^\x00-\x7f]) /g, '')
    .trim()
}
