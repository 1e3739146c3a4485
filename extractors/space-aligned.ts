import type { SourceDocument } from '../core/document.ts'
import type { GridCell, GridRow, Span, TableBlock, TableRegion } from '../core/types.ts'
import { parseNumber, ZERO_MARKERS } from '../normalizers/parse-amount.ts'
import { isRuleLine } from './cells.ts'
import { toBlock } from './tab-rows.ts'
import type { Extractor } from './types.ts'
import { matchAllOf, PAD_RUN, PAD, trimPadding } from '../core/text.ts'

/**
 * Text whose table columns are aligned by runs of spaces, as `pdftotext
 * -layout` prints PDF tables: a CJK character is one column, cells are
 * separated by two or more blanks, wrapped cells are printed on the lines
 * above and below their row.
 *
 * > | 2080506   机关事业单位职业年金缴费支出     4.64      4.64
 *     ^^^^^^^   ^^^^^^^^^^^^^^^^^^^^^^^^^^     ^^^^      ^^^^ tokens; their x-ranges, clustered over the table, are the columns
 */
export const spaceAlignedExtractor: Extractor = {
  layout: 'space-aligned',
  detect(doc) {
    if (doc.regions.length === 0) return undefined
    let lines = 0
    let aligned = 0
    let withAmounts = 0
    for (const region of doc.regions) {
      for (let line = region.startLine; line < region.endLine; line++) {
        const text = doc.lines[line - 1] ?? ''
        // A tab anywhere in a table means the tab-separated layouts own the document.
        if (text.includes('\t')) return undefined
        if (!trimPadding(text)) continue
        lines++
        const tokens = tokenizeLine(text, line)
        if (tokens.length < 2) continue
        aligned++
        if (tokens.some((token) => token.kind !== 'text')) withAmounts++
      }
    }
    if (aligned === 0 || lines === 0) return undefined
    return Math.min(1, (aligned + withAmounts) / (2 * lines))
  },
  extract(doc) {
    const blocks: TableBlock[] = []
    const regions = doc.regions
    for (let index = 0; index < regions.length; index++) {
      const region = regions[index] as TableRegion
      // A title repeated on a continuation page can open a region of its
      // own; its rows belong to the table it continues, and the region
      // keeps an empty block so blocks stay aligned with regions.
      const group = [region]
      while (index + group.length < regions.length && continues(regions[index + group.length - 1] as TableRegion, regions[index + group.length] as TableRegion)) {
        group.push(regions[index + group.length] as TableRegion)
      }
      blocks.push(toBlock(region, gridTable(doc, group), 'regular'))
      for (const continuation of group.slice(1)) blocks.push(toBlock(continuation, [], 'regular'))
      index += group.length - 1
    }
    return blocks
  },
}

// ---------------------------------------------------------------------------
// Tokens

/** What a token holds: a printed amount, a classification code, or text. */
type TokenKind = 'amount' | 'code' | 'text'

/** A piece of a line between runs of two or more blanks, with its place. */
export interface Token {
  text: string
  /** 1-based source line. */
  line: number
  /** UTF-16 offset of the first character in the source line. */
  offset: number
  /** Layout column of the first character: code points, the page-break form feed not counted. */
  x: number
  /** Layout column just past the last character. */
  end: number
  kind: TokenKind
  /** Cut off the front of a name (`310资本性支出`, `30101 基本工资`), so certainly a code. */
  cut: boolean
}

const BLANK = new RegExp(PAD)
const WORD = new RegExp(`[^${PAD.slice(1)}+`, 'g')
/** Functional codes: 3, 5 or 7 digits from 2; economic codes: 3 or 5 digits from 3. */
const CODE = /^(?:2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)$/
const GLUED_CODE = /^(?:2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)(?=[^\d\s.,，．%])/
const CJK = /[\u3400-\u9fff]/

/** Whether text is a printed amount (`1,118.77`, `0.00`, `-`, `无`). */
function isAmountText(text: string): boolean {
  return parseNumber(text) !== undefined || ZERO_MARKERS.has(text)
}

/** Whether text is an amount that cannot be anything else: it has a point or a thousands comma. */
function isDecimalAmount(text: string): boolean {
  return /[.,，．]/.test(text) && parseNumber(text) !== undefined
}

function kindOf(text: string): TokenKind {
  if (CODE.test(text)) return 'code'
  return isAmountText(text) ? 'amount' : 'text'
}

function codePoints(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}

/**
 * Split a line into tokens at runs of two or more blanks; a single blank
 * stays inside a token (`信息 网络 及软件 购置`, `2024 年度`).
 *
 * > | 30101    基本工资       14.12   30201    办公费
 *     ^^^^^    ^^^^^^^^       ^^^^^   ^^^^^    ^^^^^^ five tokens
 */
export function tokenizeLine(text: string, line: number): Token[] {
  const tokens: Token[] = []
  let x = 0
  let offset = 0
  let blanks = 0
  let run: { offset: number; x: number; endOffset: number } | undefined
  for (const char of text) {
    // pdftotext opens a page with a form feed; it takes no place in the layout.
    if (char === '\f') {
      offset += char.length
      continue
    }
    if (BLANK.test(char)) blanks++
    else {
      if (run && blanks >= 2) {
        tokens.push(...refineToken(text.slice(run.offset, run.endOffset), line, run.offset, run.x))
        run = undefined
      }
      if (run) run.endOffset = offset + char.length
      else run = { offset, x, endOffset: offset + char.length }
      blanks = 0
    }
    x++
    offset += char.length
  }
  if (run) tokens.push(...refineToken(text.slice(run.offset, run.endOffset), line, run.offset, run.x))
  return tokens
}

/**
 * Cut a blank-separated run where a single blank still separates cells:
 * an amount (`工资福利支出 95.36`), a code before its name
 * (`30101 基本工资`), a code glued to its name (`310资本性支出`).
 *
 * > | 310资本性支出
 *     ^^^ code, cut off the name `资本性支出`
 */
function refineToken(raw: string, line: number, offset: number, x: number): Token[] {
  const words = matchAllOf(raw, WORD).map((match) => ({ from: match.index, to: match.index + match[0].length, text: match[0] }))
  const pieces: { from: number; to: number; cut: boolean }[] = []
  for (const [index, word] of words.entries()) {
    const next = words[index + 1]
    const alone = isDecimalAmount(word.text) || (index === 0 && CODE.test(word.text) && next !== undefined && !isAmountText(next.text))
    const last = pieces.at(-1)
    const previousAlone = index > 0 && isDecimalAmount(words[index - 1]?.text ?? '')
    if (!alone && last && !last.cut && !previousAlone) last.to = word.to
    else pieces.push({ from: word.from, to: word.to, cut: alone && !isDecimalAmount(word.text) })
  }
  const tokens: Token[] = []
  for (const piece of pieces) {
    const text = raw.slice(piece.from, piece.to)
    const start = x + codePoints(raw.slice(0, piece.from))
    const glued = GLUED_CODE.exec(text)
    if (glued && CJK.test(text.slice(glued[0].length))) {
      const code = glued[0]
      tokens.push({ text: code, line, offset: offset + piece.from, x: start, end: start + codePoints(code), kind: 'code', cut: true })
      const rest = text.slice(code.length)
      const restStart = start + codePoints(code)
      tokens.push({ text: rest, line, offset: offset + piece.from + code.length, x: restStart, end: restStart + codePoints(rest), kind: 'text', cut: false })
      continue
    }
    tokens.push({ text, line, offset: offset + piece.from, x: start, end: start + codePoints(text), kind: kindOf(text), cut: piece.cut })
  }
  return tokens
}

// ---------------------------------------------------------------------------
// Lines of a table

/** A line of a table that carries cells, with the page it is on. */
interface LayoutLine {
  line: number
  tokens: Token[]
  /** The line opens a new page (a form feed before it). */
  pageBreak: boolean
  page: number
}

const NOTE = /^注\s*(?:\d+\s*)?[：:.、]/
const UNIT_LINE = /单位\s*[：:]|^(?:编制)?部门\s*[：:]|公开\s*0?\d{1,2}\s*表/
const EXPLANATION = /^说明\s*[：:]/
/** The year printed in a table's title block (`2020 年度`, `（2024年）`). */
const YEAR_LINE = /^[（(]?\s*\d{4}\s*年度?\s*[）)]?$/
const PAGE_NUMBER = /^(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?$|^第\s*\d+\s*页|^共\s*\d+\s*页/
const RUNNING_TITLE = /部门决算|部门预算|[决预]算表$/
const ENUMERATION = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/
const TOTAL_LABEL = /^.{0,10}(?:合计|总计)$|^小计$/

/** A title as compared across pages: no blanks, no list number, no `（续）`. */
function titleKey(text: string): string {
  return text.replace(PAD_RUN, '').replace(ENUMERATION, '').replace(/[（(]续[）)]$/, '')
}

/** Whether region `next` is the same table as `region`, continued under a repeated title. */
function continues(region: TableRegion, next: TableRegion): boolean {
  return region.endLine === next.titleLine && region.tableId === next.tableId && titleKey(region.title) === titleKey(next.title)
}

/** Whether the next line with text after `line` opens a new page. */
function nextOpensPage(doc: SourceDocument, line: number, endLine: number): boolean {
  for (let next = line + 1; next <= Math.min(endLine, doc.lines.length); next++) {
    const text = doc.lines[next - 1] ?? ''
    if (text.includes('\f')) return true
    if (trimPadding(text)) return false
  }
  // The last line of the table: a page number there ends the page.
  return true
}

/**
 * The lines of a table that carry cells: without the unit, `部门：` and
 * year lines of its title block, `说明：` lines, page numbers and running titles of a page break,
 * a repeated title, and nothing from the `注：` note on.
 */
function collectLines(doc: SourceDocument, regions: TableRegion[]): LayoutLine[] {
  const lines: LayoutLine[] = []
  let page = 0
  const titles = new Set(regions.map((region) => titleKey(region.title)))
  for (const [index, region] of regions.entries()) {
    let pendingBreak = index > 0
    for (let line = region.startLine; line < region.endLine; line++) {
      const raw = doc.lines[line - 1] ?? ''
      if (raw.includes('\f')) pendingBreak = true
      const text = trimPadding(raw)
      if (!text) continue
      if (NOTE.test(text)) break
      const tokens = tokenizeLine(raw, line)
      const hasAmount = tokens.some((token) => token.kind !== 'text')
      if (UNIT_LINE.test(text) && !hasAmount) continue
      if (EXPLANATION.test(text) || YEAR_LINE.test(text) || isRuleLine(text) || titles.has(titleKey(text))) continue
      if (pendingBreak && !hasAmount && RUNNING_TITLE.test(text)) continue
      if (PAGE_NUMBER.test(text) && (pendingBreak || nextOpensPage(doc, line, region.endLine))) continue
      if (pendingBreak) page++
      lines.push({ line, tokens, pageBreak: pendingBreak, page })
      pendingBreak = false
    }
  }
  return lines
}

/** Text without blanks, for comparing labels. */
function compact(text: string): string {
  return text.replace(PAD_RUN, '')
}

/**
 * Decide which code-shaped integers are codes. A table has codes when one
 * is cut off or followed by its name; then a code-shaped integer is a code
 * when it opens its line, precedes a name, or stands where the certain
 * codes stand. Elsewhere (`36  0  18`) they are amounts.
 */
function resolveCodes(lines: LayoutLine[]): boolean {
  const precedesName = (tokens: Token[], index: number) => tokens[index + 1]?.kind === 'text'
  const coded = lines.some((line) => line.tokens.some((token) => /编码|代码/.test(token.text))) ||
    lines.some((line) => line.tokens.some((token, index) => token.kind === 'code' && (token.cut || (index === 0 && precedesName(line.tokens, index)))))
  const certain: Token[] = []
  const doubtful: Token[] = []
  for (const line of lines) {
    for (const [index, token] of line.tokens.entries()) {
      if (token.kind !== 'code') continue
      if (!coded) token.kind = 'amount'
      else if (token.cut || index === 0 || precedesName(line.tokens, index)) certain.push(token)
      else doubtful.push(token)
    }
  }
  for (const token of doubtful) {
    if (!certain.some((code) => token.x < code.end && code.x < token.end)) token.kind = 'amount'
  }
  return coded
}

/** Whether a line prints column numbers (`栏次  1  2  3`), not figures. */
function isColumnNumberLine(tokens: Token[]): boolean {
  const numbers = tokens.filter((token) => /^\d+$/.test(token.text))
  if (numbers.length < 2) return false
  if (tokens.some((token) => !/^\d+$/.test(token.text) && !/^(?:栏次|行次|合计|项目|金额)$/.test(compact(token.text)))) return false
  return numbers.every((token, index) => Number(token.text) === index + 1)
}

/** Whether a line is the `预算数 决算数 预算数 决算数 …` row of a table printing budget/actual pairs. */
function isPairLine(tokens: Token[]): boolean {
  return tokens.length >= 4 && tokens.every((token) => /^(?:预算数?|决算数?)$/.test(compact(token.text)))
}

/**
 * Whether a line is a row of the table rather than a header line: it has
 * an amount or a code, or opens with a numbered label (`一、…`) or with a
 * total label followed by nothing but amounts.
 */
function isDataLine(line: LayoutLine): boolean {
  const tokens = line.tokens
  const first = tokens[0]
  if (!first || isColumnNumberLine(tokens) || isPairLine(tokens)) return false
  if (tokens.some((token) => token.kind !== 'text')) return true
  if (ENUMERATION.test(first.text)) return true
  return TOTAL_LABEL.test(compact(first.text)) && tokens.length === 1
}

const HEADER_WORD = /科目|项目|编码|名称|栏次|行次|分类/

/**
 * Text-only lines just above the first row that are its wrapped name
 * (printed above and below the code line), not header lines: at most as
 * many as follow the row before the next one, each sitting over names.
 *
 * > |             一般公共服务
 *                 ^^^^^^^^^^^^ belongs to the row below, not to the header
 * > |  201                   264.87   62.63    202.24
 * > |             支出
 */
function leadingFragments(lines: LayoutLine[], first: number): number {
  const anchor = lines[first]
  if (!anchor) return 0
  const names = lines.slice(first).filter((line) => line.page === anchor.page).flatMap((line) => line.tokens.filter((token) => token.kind === 'text'))
  let below = 0
  for (let index = first + 1; index < lines.length; index++) {
    const line = lines[index] as LayoutLine
    if (line.page !== anchor.page || isDataLine(line) || isAnchorText(line.tokens)) break
    below++
  }
  let count = 0
  for (let index = first - 1; index >= 0 && count < below; index--) {
    const line = lines[index] as LayoutLine
    const after = lines[index + 1] as LayoutLine
    if (after.line - line.line !== 1 || line.page !== anchor.page) break
    const sitsOverNames = line.tokens.every((token) => token.kind === 'text' && !HEADER_WORD.test(token.text) && names.some((name) => name !== token && token.x < name.end && name.x < token.end))
    if (!sitsOverNames) break
    count++
  }
  return count
}

/** Whether a text-only line is a row by its label (`合计`) rather than a wrapped fragment. */
function isAnchorText(tokens: Token[]): boolean {
  return tokens.some((token) => TOTAL_LABEL.test(compact(token.text)))
}

// ---------------------------------------------------------------------------
// Columns

/** What a column holds. `header`: a column known only from its header (no figures anywhere). */
type ColumnKind = 'code' | 'label' | 'value' | 'header'

/** A column of the table: its x-range and what stands in it. */
interface Column {
  kind: ColumnKind
  start: number
  end: number
  /** Number of figures found in it on the first page of rows. */
  fill: number
  /** Header fragments merged into its header cell. */
  headers: Token[]
  /** Its cell of the `预算数 决算数 …` row. */
  pair: Token[]
}

/** Tokens of one kind that stand in one column of a page. */
interface Cluster {
  kind: 'code' | 'label' | 'value'
  start: number
  end: number
  tokens: Token[]
}

/** How far apart the right edges of one column's amounts may be (pdftotext rounds positions). */
const RIGHT_EDGE_SLACK = 2

/**
 * Cluster the tokens of a page of rows into columns: amounts by their right
 * edge (they are right-aligned), codes and names by overlapping x-ranges.
 *
 * > |  2013999               202.24            202.24
 * > |  2101101    行政单位医疗      2.22     2.22
 *                                 ^ 202.24 ends here, 2.22 one column before (a CJK character is one column): same column
 */
function clusterTokens(tokens: Token[]): Cluster[] {
  const values: Cluster[] = []
  let edge = 0
  for (const token of tokens.filter((entry) => entry.kind === 'amount').sort((a, b) => a.end - b.end || a.x - b.x)) {
    const last = values.at(-1)
    if (last && token.end - edge <= RIGHT_EDGE_SLACK) {
      last.tokens.push(token)
      last.start = Math.min(last.start, token.x)
      last.end = Math.max(last.end, token.end)
    } else {
      values.push({ kind: 'value', start: token.x, end: token.end, tokens: [token] })
      edge = token.end
    }
  }
  const codes = overlapClusters(tokens.filter((token) => token.kind === 'code'), 'code')
  const labels: Cluster[] = []
  for (const cluster of overlapClusters(tokens.filter((token) => token.kind === 'text'), 'label')) {
    // `…` or `合计` standing in the code column belongs to it.
    const code = codes.find((entry) => cluster.start >= entry.start - 1 && cluster.end <= entry.end + 1)
    if (code) code.tokens.push(...cluster.tokens)
    else labels.push(cluster)
  }
  return [...codes, ...labels, ...values].sort(byPosition)
}

function overlapClusters(tokens: Token[], kind: 'code' | 'label'): Cluster[] {
  const clusters: Cluster[] = []
  for (const token of [...tokens].sort((a, b) => a.x - b.x || a.end - b.end)) {
    const last = clusters.at(-1)
    if (last && token.x < last.end) {
      last.tokens.push(token)
      last.end = Math.max(last.end, token.end)
    } else clusters.push({ kind, start: token.x, end: token.end, tokens: [token] })
  }
  return clusters
}

function byPosition(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return a.start - b.start || a.end - b.end
}

function overlap(a: { start: number; end: number }, b: { x: number; end: number } | { start: number; end: number }): number {
  const bStart = 'x' in b ? b.x : b.start
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, bStart))
}

function center(range: { start: number; end: number }): number {
  return (range.start + range.end) / 2
}

/**
 * Map the clusters of a later page onto the table's columns. pdftotext
 * spaces each page by its own content, so x-positions shift between pages:
 * figures go in order to the columns that have figures (nearest first),
 * codes and names to the nearest column of their kind.
 *
 * > | 21011     行政事业单位医疗           2.71      2.71
 * > | ␌2101101   行政单位医疗        2.22    2.22
 *                                  ^^^^    ^^^^ a new page: same two columns, further left
 */
function mapClusters(clusters: Cluster[], columns: Column[]): Map<Cluster, number> {
  const mapping = new Map<Cluster, number>()
  const values = clusters.filter((cluster) => cluster.kind === 'value')
  const firstLabel = Math.min(...columns.filter((column) => column.kind === 'code' || column.kind === 'label').map((column) => column.start))
  const targets = columns.flatMap((column, index) => ((column.kind === 'value' || column.kind === 'header') && column.start > firstLabel ? [index] : []))
  // Order-preserving assignment: prefer columns with figures, then nearer right edges.
  const score = (cluster: Cluster, index: number) => {
    const column = columns[index] as Column
    return (column.fill > 0 ? 1000 : 0) - Math.abs(cluster.end - column.end)
  }
  const n = values.length
  const m = targets.length
  const best: number[][] = Array.from({ length: n + 1 }, () => Array<number>(m + 1).fill(-Infinity))
  for (let j = 0; j <= m; j++) (best[0] as number[])[j] = 0
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const skip = (best[i] as number[])[j - 1] as number
      const take = ((best[i - 1] as number[])[j - 1] as number) + score(values[i - 1] as Cluster, targets[j - 1] as number)
      ;(best[i] as number[])[j] = Math.max(skip, take)
    }
  }
  for (let i = n, j = m; i > 0 && j > 0; ) {
    const here = (best[i] as number[])[j] as number
    if (here === (best[i] as number[])[j - 1]) j--
    else {
      mapping.set(values[i - 1] as Cluster, targets[j - 1] as number)
      i--
      j--
    }
  }
  for (const cluster of clusters) {
    if (mapping.has(cluster)) continue
    const kind = cluster.kind
    const candidates = columns.flatMap((column, index) => (column.kind === kind || (kind === 'value' && column.kind === 'header') ? [index] : []))
    const pool = candidates.length > 0 ? candidates : columns.map((_, index) => index)
    const sameCount = clusters.filter((entry) => entry.kind === kind).length === candidates.length && kind !== 'value'
    if (sameCount) {
      mapping.set(cluster, candidates[clusters.filter((entry) => entry.kind === kind).indexOf(cluster)] as number)
      continue
    }
    mapping.set(cluster, nearest(pool.map((index) => columns[index] as Column), cluster, pool))
  }
  return mapping
}

function nearest(columns: Column[], range: { start: number; end: number }, indexes: number[]): number {
  let best = indexes[0] ?? 0
  let distance = Infinity
  for (const [position, column] of columns.entries()) {
    const gap = overlap(column, range) > 0 ? -overlap(column, range) : Math.min(Math.abs(column.start - range.end), Math.abs(range.start - column.end))
    if (gap < distance) {
      distance = gap
      best = indexes[position] ?? best
    }
  }
  return best
}

// ---------------------------------------------------------------------------
// Header

/** Header fragments stacked in one cell (`附属单位` over `上缴收入`). */
interface Stack {
  tokens: Token[]
  /** Index of its first and last header line. */
  top: number
  bottom: number
  start: number
  end: number
  pair: boolean
}

/** The header block laid out: its columns added, its rows to emit. */
interface HeaderLayout {
  columns: Column[]
  /** Group headers (`本年支出` over `合计 基本支出 项目支出`), one row per level, as column → tokens. */
  groups: Map<Column, Token[]>[]
  /** Lines of column numbers, emitted as rows of their own. */
  numberLines: LayoutLine[]
  /** A total label printed on a header line (`合计` of an empty table), emitted as a row. */
  totals: Token[]
}

/**
 * Whether two fragments on nearby header lines are one wrapped cell: they
 * overlap and are centred alike (pdftotext centres header cells).
 *
 * > |                   年初结转和
 * > |           科目名称       结余
 *                              ^^^^ under the middle of `年初结转和`: same cell
 */
function stacked(upper: Token, lower: Token): boolean {
  if (overlap({ start: upper.x, end: upper.end }, lower) === 0) return false
  const width = Math.max(upper.end - upper.x, lower.end - lower.x)
  return Math.abs((upper.x + upper.end) / 2 - (lower.x + lower.end) / 2) <= Math.max(1.5, 0.2 * width)
}

function stacksOf(lines: Token[][], pairLines: Set<number>): Stack[] {
  const parent = new Map<Token, Token>()
  const find = (token: Token): Token => {
    let root = token
    while (parent.get(root) !== root) root = parent.get(root) as Token
    return root
  }
  const all = lines.flatMap((tokens) => tokens)
  for (const token of all) parent.set(token, token)
  const lineOf = new Map<Token, number>()
  for (const [index, tokens] of lines.entries()) for (const token of tokens) lineOf.set(token, index)
  for (const [index, tokens] of lines.entries()) {
    if (pairLines.has(index)) continue
    for (const upper of tokens) {
      // The next fragment below in the same x-range, at most one header line further down.
      for (let below = index + 1; below < Math.min(lines.length, index + 3); below++) {
        if (pairLines.has(below)) break
        const lower = (lines[below] ?? []).find((token) => overlap({ start: upper.x, end: upper.end }, token) > 0)
        if (!lower) continue
        if (stacked(upper, lower)) parent.set(find(lower), find(upper))
        break
      }
    }
  }
  const stacks = new Map<Token, Stack>()
  for (const token of all) {
    const root = find(token)
    const line = lineOf.get(token) ?? 0
    const stack = stacks.get(root)
    if (stack) {
      stack.tokens.push(token)
      stack.top = Math.min(stack.top, line)
      stack.bottom = Math.max(stack.bottom, line)
      stack.start = Math.min(stack.start, token.x)
      stack.end = Math.max(stack.end, token.end)
    } else stacks.set(root, { tokens: [token], top: line, bottom: line, start: token.x, end: token.end, pair: pairLines.has(line) })
  }
  return [...stacks.values()]
}

/**
 * Lay out the header block over the columns found from the rows: each
 * stack of fragments joins the column it sits over; a stack over no column
 * is a column of its own (a measure with no figures, `上缴上级支出`), unless
 * it heads a group of columns printed below it (`收入` over `项目 决算数`).
 */
function layoutHeader(lines: LayoutLine[], columns: Column[]): HeaderLayout {
  const numberLines: LayoutLine[] = []
  const totals: Token[] = []
  const headerLines: Token[][] = []
  const pairLines = new Set<number>()
  const labelWords = lines.flatMap((line) => line.tokens.filter((token) => /项目|科目|名称/.test(token.text)))
  for (const line of lines) {
    if (isColumnNumberLine(line.tokens)) {
      numberLines.push(line)
      continue
    }
    let tokens = line.tokens
    const first = tokens[0]
    // `合计  合计  基本支出  项目支出`: the first 合计 is the (empty) total row under 项目.
    if (first && tokens.length > 1 && TOTAL_LABEL.test(compact(first.text)) && labelWords.some((word) => word !== first && overlap({ start: word.x, end: word.end }, first) > 0)) {
      totals.push(first)
      tokens = tokens.slice(1)
    }
    if (isPairLine(tokens)) pairLines.add(headerLines.length)
    headerLines.push(tokens)
  }
  const stacks = stacksOf(headerLines, pairLines)
  const groups: Stack[] = []
  const added = new Map<Column, Stack>()
  for (const stack of stacks) {
    // A stack over another one printed lower down heads a group of columns.
    if (!stack.pair && stacks.some((other) => other !== stack && other.top > stack.bottom && overlap(stack, other) > 0)) {
      groups.push(stack)
      continue
    }
    let best: Column | undefined
    let most = 0
    for (const column of columns) {
      const shared = overlap(column, stack)
      if (shared > most) {
        most = shared
        best = column
      }
    }
    if (!best) {
      best = { kind: 'header', start: stack.start, end: stack.end, fill: 0, headers: [], pair: [] }
      added.set(best, stack)
    }
    if (stack.pair) best.pair.push(...stack.tokens)
    else best.headers.push(...stack.tokens)
  }
  const all = [...columns, ...added.keys()].sort(byPosition)
  const lineOf = new Map<Token, number>()
  for (const [index, tokens] of headerLines.entries()) for (const token of tokens) lineOf.set(token, index)
  for (const [column, stack] of added) {
    // Over no column and centred over neighbours that are all headed lower down: a group header.
    const position = all.indexOf(column)
    const left = all[position - 1]
    const right = all[position + 1]
    if (!left || !right) continue
    const below = [...left.headers, ...left.pair, ...right.headers, ...right.pair]
    if (below.length === 0 || [left, right].some((entry) => entry.headers.length + entry.pair.length === 0)) continue
    if (!below.every((token) => (lineOf.get(token) ?? -1) > stack.bottom)) continue
    const hull = { start: Math.min(...below.map((token) => token.x)), end: Math.max(...below.map((token) => token.end)) }
    if (Math.abs(center(hull) - center(stack)) > Math.max(2, 0.25 * (hull.end - hull.start))) continue
    all.splice(position, 1)
    added.delete(column)
    groups.push(stack)
  }
  // Figures with no header over them, right of a header with no figures
  // under it: one column, headed at its left and right-aligned.
  for (let position = 1; position < all.length; position++) {
    const column = all[position] as Column
    const before = all[position - 1] as Column
    if (column.kind !== 'value' || column.headers.length + column.pair.length > 0 || !added.has(before)) continue
    column.headers.push(...before.headers)
    column.pair.push(...before.pair)
    column.start = Math.min(column.start, before.start)
    added.delete(before)
    all.splice(position - 1, 1)
    position--
  }
  // A group header goes to the first column it heads: the last one starting left of its middle.
  const levels: { bottom: number; cells: Map<Column, Token[]> }[] = []
  for (const group of groups.sort((a, b) => a.top - b.top || a.start - b.start)) {
    const middle = center(group)
    const target = [...all].reverse().find((column) => column.start <= middle) ?? all[0]
    if (!target) continue
    let level = levels.find((entry) => group.top <= entry.bottom)
    if (!level) {
      level = { bottom: group.bottom, cells: new Map() }
      levels.push(level)
    }
    level.bottom = Math.max(level.bottom, group.bottom)
    level.cells.set(target, [...(level.cells.get(target) ?? []), ...group.tokens])
  }
  return { columns: all, groups: levels.map((level) => level.cells), numberLines, totals }
}

// ---------------------------------------------------------------------------
// Rows

/** A token placed in a column of the table. */
interface Placed {
  token: Token
  column: number
}

/** A data line with its tokens placed. */
interface PlacedLine {
  line: number
  page: number
  placed: Placed[]
}

/** A row being built: its cells as tokens per column. */
interface RowDraft {
  line: number
  cells: Map<number, Token[]>
}

/**
 * Grid the lines of one table (a region and the regions continuing it) into
 * rows: header rows first, then one row per anchor line.
 */
function gridTable(doc: SourceDocument, regions: TableRegion[]): GridRow[] {
  const lines = collectLines(doc, regions)
  const coded = resolveCodes(lines)
  const firstData = lines.findIndex((line) => isDataLine(line))
  const dataStart = firstData < 0 ? lines.length : firstData - (coded ? leadingFragments(lines, firstData) : 0)
  const headerLines = lines.slice(0, dataStart)
  const dataLines = lines.slice(dataStart)

  // Columns come from the first page of rows; later pages are mapped onto them.
  const pages = new Map<number, LayoutLine[]>()
  for (const line of dataLines) pages.set(line.page, [...(pages.get(line.page) ?? []), line])
  const [firstPage = [], ...laterPages] = [...pages.values()]
  const primary = layoutPage(firstPage, headerLines)
  const header = primary.header
  const columns = header.columns
  const columnOf = new Map<Token, number>()
  for (const [index, cluster] of primary.clusters.entries()) {
    const column = columns.indexOf(primary.columnOfCluster[index] as Column)
    for (const token of cluster.tokens) columnOf.set(token, column)
  }
  const pageLines = [firstPage]
  for (const page of laterPages) {
    const split = splitRepeatedHeader(page, coded)
    pageLines.push(split.rows)
    const own = layoutPage(split.rows, split.header)
    const mapping = mapClusters(own.clusters, columns)
    // A repeated header names the columns of its page: match them by name where the name is unique.
    for (const [index, cluster] of own.clusters.entries()) {
      const key = headerKeyOf(own.columnOfCluster[index] as Column)
      const same = key ? columns.filter((column) => headerKeyOf(column) === key) : []
      if (same.length === 1) mapping.set(cluster, columns.indexOf(same[0] as Column))
    }
    for (const cluster of own.clusters) for (const token of cluster.tokens) columnOf.set(token, mapping.get(cluster) ?? 0)
  }
  const placedLines: PlacedLine[] = pageLines.flat().map((line) => ({
    line: line.line,
    page: line.page,
    placed: line.tokens.map((token) => ({ token, column: columnOf.get(token) ?? placeToken(token, columns) })),
  }))

  const rows: GridRow[] = []
  const width = columns.length
  const headerRow = (cells: Map<number, Token[]>) => {
    const row = emitRow(doc, { line: 0, cells }, width)
    if (row.cells.some((cell) => cell.text)) rows.push(row)
  }
  for (const level of header.groups) headerRow(new Map([...level].map(([column, tokens]) => [columns.indexOf(column), tokens])))
  headerRow(new Map(columns.map((column, index) => [index, column.headers])))
  headerRow(new Map(columns.map((column, index) => [index, column.pair])))
  for (const line of header.numberLines) headerRow(placeTokens(line.tokens, columns))
  for (const total of header.totals) headerRow(placeTokens([total], columns))
  const drafts = coded ? assembleCodedRows(placedLines, columns) : assembleLineRows(placedLines, columns)
  for (const draft of drafts) rows.push(emitRow(doc, draft, width))
  return rows
}

/**
 * Lines at the top of a later page before its first row: a repeated header,
 * except the wrapped name of that first row.
 */
function splitRepeatedHeader(page: LayoutLine[], coded: boolean): { header: LayoutLine[]; rows: LayoutLine[] } {
  const first = page.findIndex((line) => isDataLine(line))
  if (first < 0) return { header: page, rows: [] }
  const start = first - (coded ? leadingFragments(page, first) : 0)
  return { header: page.slice(0, start), rows: page.slice(start) }
}

/** The columns of a page of rows: clustered from its tokens, completed and headed by its header lines. */
function layoutPage(rows: LayoutLine[], headerLines: LayoutLine[]): { clusters: Cluster[]; columnOfCluster: Column[]; header: HeaderLayout } {
  const clusters = clusterTokens(rows.flatMap((line) => line.tokens))
  const columnOfCluster: Column[] = clusters.map((cluster) => ({
    kind: cluster.kind,
    start: cluster.start,
    end: cluster.end,
    fill: cluster.kind === 'value' ? cluster.tokens.length : 0,
    headers: [],
    pair: [],
  }))
  return { clusters, columnOfCluster, header: layoutHeader(headerLines, columnOfCluster) }
}

/** A column's header as compared across pages. */
function headerKeyOf(column: Column): string {
  return compact([...column.headers].sort((a, b) => a.line - b.line || a.x - b.x).map((token) => token.text).join(''))
}

function placeTokens(tokens: Token[], columns: Column[]): Map<number, Token[]> {
  const cells = new Map<number, Token[]>()
  for (const token of tokens) {
    const column = placeToken(token, columns)
    cells.set(column, [...(cells.get(column) ?? []), token])
  }
  return cells
}

/**
 * The column of a token outside the clustered rows (column numbers, a
 * total label): the one it overlaps most, else the one whose span up to the
 * next column holds its aligned edge (the right edge of a number).
 *
 * > | 小计          公务用车 购置费
 * > |          9          10
 *              ^ right of `小计` and left of the next header: under 小计
 */
function placeToken(token: Token, columns: Column[]): number {
  let best = -1
  let most = 0
  for (const [index, column] of columns.entries()) {
    const shared = overlap(column, token)
    if (shared > most) {
      most = shared
      best = index
    }
  }
  if (best >= 0) return best
  const edge = token.kind === 'text' ? token.x : token.end - 1
  for (let index = columns.length - 1; index >= 0; index--) if ((columns[index] as Column).start <= edge) return index
  return 0
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
function assembleLineRows(lines: PlacedLine[], columns: Column[]): RowDraft[] {
  const widest = new Map<number, number>()
  for (const line of lines) {
    for (const entry of line.placed) {
      if (columns[entry.column]?.kind === 'label') widest.set(entry.column, Math.max(widest.get(entry.column) ?? 0, entry.token.end))
    }
  }
  const drafts: RowDraft[] = []
  let previous: { line: PlacedLine; draft: RowDraft } | undefined
  for (const line of lines) {
    const last = previous
    const continues =
      last !== undefined &&
      line.line - last.line.line === 1 &&
      line.page === last.line.page &&
      line.placed.every((entry) => {
        const above = last.line.placed.find((other) => other.column === entry.column)
        return (
          entry.token.kind === 'text' &&
          columns[entry.column]?.kind === 'label' &&
          !ENUMERATION.test(entry.token.text) &&
          !TOTAL_LABEL.test(compact(entry.token.text)) &&
          above !== undefined &&
          above.token.kind === 'text' &&
          above.token.end >= (widest.get(entry.column) ?? 0) - 1 &&
          Math.abs(above.token.x - entry.token.x) <= 1
        )
      })
    if (last && continues) {
      for (const entry of line.placed) last.draft.cells.set(entry.column, [...(last.draft.cells.get(entry.column) ?? []), entry.token])
      last.line = line
      continue
    }
    const draft = draftOf(line.line, line.placed)
    drafts.push(draft)
    previous = { line, draft }
  }
  return drafts
}

/** Contiguous column ranges that each hold one code → name → figures group (two in the 基本支出 table). */
function blocksOf(columns: Column[]): number[][] {
  const blocks: number[][] = []
  for (const [index, column] of columns.entries()) {
    const last = blocks.at(-1)
    if (!last || column.kind === 'code') blocks.push([index])
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
function assembleCodedRows(lines: PlacedLine[], columns: Column[]): RowDraft[] {
  const rowsByLine = new Map<number, RowDraft>()
  const rowAt = (line: PlacedLine) => {
    let draft = rowsByLine.get(line.line)
    if (!draft) {
      draft = { line: line.line, cells: new Map() }
      rowsByLine.set(line.line, draft)
    }
    return draft
  }
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
      else if (previous) toPrevious = Math.min(previous.above.length, pending.length)
      previous?.below.push(...pending.slice(0, toPrevious))
      // After the last anchor, text beyond its symmetric share belongs to no row.
      next?.above.push(...pending.slice(toPrevious))
      pending = []
    }
    for (const full of lines) {
      const line = part(full)
      if (line.placed.length === 0) continue
      const tokens = line.placed.map((entry) => entry.token)
      const hasCode = tokens.some((token) => token.kind === 'code')
      const hasFigure = tokens.some((token) => token.kind === 'amount')
      const isFragment = !hasCode && !hasFigure && !isAnchorText(tokens) && line.placed.every((entry) => columns[entry.column]?.kind === 'label')
      if (isFragment) {
        pending.push(line)
        continue
      }
      const previous = anchors.at(-1)
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
  return [...rowsByLine.values()].sort((a, b) => a.line - b.line)
}

/**
 * A grid row from a draft: one cell per column; a cell of several
 * fragments joins them top to bottom (without separator) and spans from
 * the first to the last.
 */
function emitRow(doc: SourceDocument, draft: RowDraft, width: number): GridRow {
  const cells: GridCell[] = []
  let first = draft.line
  for (let index = 0; index < width; index++) {
    const tokens = [...(draft.cells.get(index) ?? [])].sort((a, b) => a.line - b.line || a.x - b.x)
    const cell = cellOf(doc, tokens)
    if (cell.span && (first === 0 || cell.span.line < first)) first = cell.span.line
    cells.push(cell)
  }
  return { line: first, cells }
}

function cellOf(doc: SourceDocument, tokens: Token[]): GridCell {
  const head = tokens[0]
  const tail = tokens.at(-1)
  if (!head || !tail) return { text: '' }
  const byLine = new Map<number, Token[]>()
  for (const token of tokens) byLine.set(token.line, [...(byLine.get(token.line) ?? []), token])
  // Several tokens on one line of a cell: the text between them is part of it.
  const parts = [...byLine.values()].map((onLine) => {
    const start = onLine[0] as Token
    const stop = onLine.at(-1) as Token
    return (doc.lines[start.line - 1] ?? '').slice(start.offset, stop.offset + stop.text.length)
  })
  const startSpan = doc.span(head.line, head.offset, head.text.length)
  const endSpan = doc.span(tail.line, tail.offset, tail.text.length)
  const span: Span = { line: startSpan.line, column: startSpan.column, endLine: endSpan.endLine, endColumn: endSpan.endColumn }
  return { text: parts.join(''), span }
}
