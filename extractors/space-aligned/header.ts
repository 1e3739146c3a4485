/**
 * Header layout: the header lines above the rows laid out over the
 * columns, wrapped header cells stacked, group headers (`本年支出` over
 * `合计 基本支出 项目支出`) told from column headers.
 */
import { byPosition, center, overlap } from './columns.ts'
import type { Column } from './columns.ts'
import { compact, isColumnNumberLine, isPairLine, TOTAL_LABEL } from './line-kinds.ts'
import type { LayoutLine } from './lines.ts'
import type { Token } from './tokens.ts'

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
export interface HeaderLayout {
  columns: Column[]
  /** Group headers (`本年支出` over `合计 基本支出 项目支出`), one row per level, as column → tokens. */
  groups: Map<Column, Token[]>[]
  /** Lines of column numbers, emitted as rows of their own. */
  numberLines: LayoutLine[]
  /** A total label printed on a header line (`合计` of an empty table), emitted as a row. */
  totals: Token[]
  /** The column each number of the line of column numbers stands over, where the numbers pair with the columns. */
  numberColumns: Map<Token, Column>
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

/**
 * How many columns a header fragment stands over: columns of figures (two
 * layout columns or more of each), or the column numbers (`栏次 1 2 3`) it
 * spans, which count the columns no row fills too.
 *
 * > |       公务用车购置及运行费
 * > |   小      公务用   公务用
 * > |   3       4       5
 *       ^ over 3 and 4: it heads them, though only 3 has figures
 */
function columnsUnder(token: Token, columns: Column[], numbers: Token[] = []): number {
  const figures = columns.filter((column) => overlap(column, token) >= 2).length
  const numbered = numbers.filter((number) => number.x >= token.x && number.end <= token.end).length
  return Math.max(figures, numbered)
}

function stacksOf(lines: Token[][], pairLines: Set<number>, columns: Column[], placed: Map<Token, Column> = new Map(), gaps: Map<Token, Token> = new Map(), numbers: Token[] = []): Stack[] {
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
        // A fragment over several columns above one over a single column heads them: a group, not a wrapped cell.
        const heads = columnsUnder(upper, columns, numbers) >= 2 && columnsUnder(lower, columns, numbers) < 2
        // Fragments a split placed over different columns are different cells, however they are centred.
        const apart = placed.has(upper) && placed.has(lower) && placed.get(upper) !== placed.get(lower)
        // A blank line between them: the lines of one wrapped cell follow each other, a group header stands apart
        // (`本年收入`, a blank line, then `财政专` / `户管理` / `资金` under its middle).
        const gap = lower.line - upper.line > 1 && below === index + 1
        if (!heads && !apart && stacked(upper, lower)) {
          if (gap) gaps.set(upper, lower)
          else parent.set(find(lower), find(upper))
        }
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

/** The column a range overlaps most (the first of equals), if any. */
function mostOverlapping(columns: Column[], range: { start: number; end: number } | { x: number; end: number }): Column | undefined {
  let best: Column | undefined
  let most = 0
  for (const column of columns) {
    const shared = overlap(column, range)
    if (shared > most) {
      most = shared
      best = column
    }
  }
  return best
}

/**
 * A header token whose words (one blank apart) stand over different columns
 * is one token per word: pdftotext leaves a single blank between narrow
 * header cells. Only where each word stands over a column of its own.
 *
 * > |          一般公共预 政府性基金 国有资本经
 * > |      37,027.49    21,345.69   15,478.80
 *           ^^^^^^^^^^ three cells, not one
 */
function splitAcrossColumns(
  token: Token,
  columns: Column[],
  below: Token[] = [],
  heads?: Map<Token, Column>,
  headed: Token[] = [],
  lowerLines: { tokens: Token[]; limit: number }[] = [],
  numbered?: NumberedColumns,
): Token[] {
  if (!/\s/.test(token.text)) return [token]
  const words = wordsOf(token)
  // Centred over a column of right-aligned figures, a word can end just left of them.
  const columnOf = (word: Token): Column | undefined =>
    mostOverlapping(columns, word) ?? columns.find((column) => column.start >= word.end && column.start - word.end <= HEADED_GAP)
  // Header words are words: a run of numbers one blank apart (`1 2 3`, column numbers squeezed) is left whole.
  if (!words.every((word) => /[\u3400-\u9fff]/.test(word.text))) return [token]
  const owners: (Column | undefined)[] = []
  for (const [index, word] of words.entries()) {
    let owner = columnOf(word)
    const previous = owners.at(-1)
    // Squeezed left of its figures, a word can stand over its left neighbour's column: it heads the next one, right
    // after its end, when that is the next column in order, and only a word of two characters or more whose cell
    // goes on below it (`公务用车运行` over `维护费`: the whole cell moves); a letter-spaced `合 计` or a word cut by a
    // wrap (`本年收入合 计`) is one cell.
    const goesOn = goesOnBelow(word, below)
    if (owner && previous && owner === previous) {
      const next = goesOn ? nextColumnAfter(columns, previous, word) : undefined
      // Not a column another header stands over (`公务接待费` right of a squeezed `公务用车购 公务用车运`).
      const free = next && !headed.some((other) => overlap(next, other) > 0) ? next : undefined
      // No next column for it: the word before reached this word's column only by standing just left of it, over no
      // figures, and both cells go on below their words (`公务用车购置` over `经费`, a column no row fills, and
      // `公务用车运行` over `维护费`): the word before heads a column of its own, without figures.
      const before = words[index - 1]
      if (!free && goesOn && before && overlap(owner, before) === 0 && overlap(owner, word) > 0 && goesOnBelow(before, below)) {
        const own: Column = { kind: 'header', start: before.x, end: before.end, fill: 0, headers: [], pair: [] }
        OWN_CELLS.add(own)
        owners[index - 1] = own
      } else owner = free
    }
    owners.push(owner)
  }
  // Split only where every word stands over a column of its own: where two stand over one, the place does not say
  // which column each heads (a wrapped header squeezed left of its figures), and the token stays whole — unless the
  // rest of each word's cell, printed apart on a line below, says it (see ownersFromBelow).
  // Nor where two of its columns of figures overlap: they may be one column set apart row by row (a staircase of
  // wrapped amounts), and a word over each says nothing of which column it heads.
  const overlapping = owners.some((owner, index) => owners.some((other, at) => at > index && owner && other && overlap(owner, other) > 0))
  if (owners.some((owner) => owner === undefined) || new Set(owners).size < owners.length || overlapping) {
    const fromBelow = ownersFromBelow(words, token, columns, lowerLines, headed)
    const placed = fromBelow?.owners ?? (numbered ? ownersFromNumbers(words, numbered) : undefined) ?? ownersByCount(words, token, columns, headed)
    if (!placed) return [token]
    for (const [index, word] of words.entries()) heads?.set(word, placed[index] as Column)
    for (const [index, rest] of (fromBelow?.rests ?? []).entries()) heads?.set(rest, placed[index] as Column)
    return words
  }
  for (const [index, word] of words.entries()) heads?.set(word, owners[index] as Column)
  return words
}

/** Columns of figures that are all column numbers (a `**  1  2 …` line read as a row): set by the grid before the header is laid out. */
export const NUMBER_COLUMNS = new WeakSet<Column>()

/** A column of column numbers the header layout joined to the figures it numbers: where its tokens go. */
export const MERGED_INTO = new WeakMap<Column, Column>()

/** The words of a token (one blank apart), each with its own place. */
function wordsOf(token: Token): Token[] {
  const words: Token[] = []
  let x = token.x
  let offset = token.offset
  for (const part of token.text.split(/(\s+)/)) {
    const width = [...part].length
    if (part && !/^\s+$/.test(part)) words.push({ ...token, text: part, x, end: x + width, offset })
    x += width
    offset += part.length
  }
  return words
}

/** Columns of their own that a squeezed header word heads over no figures (see splitAcrossColumns). */
const OWN_CELLS = new WeakSet<Column>()

/** Whether a header word of two characters or more has the rest of its cell right below it. */
function goesOnBelow(word: Token, below: Token[]): boolean {
  return [...word.text].length >= 2 && below.some((lower) => /[\u3400-\u9fff]/.test(lower.text) && stacked(word, lower))
}

/**
 * Words of a squeezed run placed by the rest of their cells: on one of the
 * next header lines, exactly one fragment per word, each a token of its own
 * (two blanks or more apart, so placed where its cell is), in the words' order,
 * no fragment left of its word, between the run's start and the next header
 * cell of the run's line; each over a column of figures of its own, in order.
 * Anything less and the run stays whole.
 *
 * > |       合计          一般公共预 政府性基金 国有资本经        其他专户
 * > |                       算          预算          营预算          收入拨款
 * > |  37,027.49    21,345.69   15,478.80       0.00       0.00
 *                    ^ 一般公共预算 ^ 政府性基金预算 ^ 国有资本经营预算
 */
function ownersFromBelow(
  words: Token[],
  token: Token,
  columns: Column[],
  lowerLines: { tokens: Token[]; limit: number }[],
  headed: Token[],
): { owners: Column[]; rests: Token[] } | undefined {
  const columnOf = (rest: Token): Column | undefined => {
    const over = mostOverlapping(columns, rest)
    if (over) return over
    // Centred over right-aligned figures, the rest can end just left of them: only a column no other header stands over.
    const next = columns.find((column) => column.start >= rest.end && column.start - rest.end <= HEADED_GAP)
    return next && !headed.some((other) => other !== rest && overlap(next, other) > 0) ? next : undefined
  }
  // A letter-spaced word (`收 入`) is one word, not cells.
  if (words.some((word) => [...word.text].length < 2)) return undefined
  for (const { tokens, limit } of lowerLines) {
    const rests = tokens.filter((lower) => lower.x >= token.x - 1 && lower.x < limit)
    if (rests.length !== words.length) continue
    if (!rests.every((rest, index) => /^[\u3400-\u9fff（）()]+$/.test(rest.text) && rest.x >= (words[index] as Token).x - 1)) continue
    const owners = rests.map(columnOf)
    if (owners.some((owner) => owner === undefined)) continue
    const placed = owners as Column[]
    if (!placed.every((owner, index) => index === 0 || owner.start > (placed[index - 1] as Column).start)) continue
    return { owners: placed, rests }
  }
  return undefined
}

/**
 * Words of a squeezed run placed by count: exactly as many columns of figures
 * as words between the run's start and the next header cell right of it (on
 * any header line), no other header over any of them, each word starting left
 * of the end of its column: the words head them in order. Fewer columns than
 * words (a fund column with no figures) and the run stays whole.
 *
 * > |                                                国有资本
 * > |      合计          一般公共预算 政府性基金预算
 * > |                                                经营预算
 * > |   41,958.18        37,891.58   4,066.60
 *                        ^ 一般公共预算 ^ 政府性基金预算 (国有资本经营预算: no figures)
 */
function ownersByCount(words: Token[], token: Token, columns: Column[], headed: Token[]): Column[] | undefined {
  // A letter-spaced word (`收 入`) is one word, not cells.
  if (words.some((word) => [...word.text].length < 2)) return undefined
  const limit = Math.min(...headed.filter((other) => other.x >= token.end).map((other) => other.x), Number.POSITIVE_INFINITY)
  const under = [...columns].sort(byPosition).filter((column) => column.kind === 'value' && column.end > token.x && column.start < limit)
  if (under.length !== words.length || under.some((column) => headed.some((other) => overlap(column, other) > 0))) return undefined
  // Columns of figures that overlap may be one column set apart row by row (a staircase of wrapped amounts): the count
  // does not say that each word heads one of them.
  if (under.some((column, index) => index > 0 && overlap(column, under[index - 1] as Column) > 0)) return undefined
  return under.every((column, index) => (words[index] as Token).x < column.end) ? under : undefined
}

/**
 * Whether a stack reaches `column` only by its upper words while its lowest
 * word stands over no column, and another stack stands within `column` or
 * over more of it: the stack heads a column with no figures, the other one
 * `column`.
 *
 * > |          公务用车购置及运行维护费
 * > |                   公务用车   公务用车运
 * > |    小计
 * > |                   购置费     行维护费
 * > |  266.80                     266.80
 *      ^^^^^^ 小计's; 购置费 stands over none
 */
function besideOwnColumn(stack: Stack, column: Column, stacks: readonly Stack[], columns: readonly Column[], lineOf: ReadonlyMap<Token, number>): boolean {
  const bottom = stack.tokens.filter((token) => lineOf.get(token) === stack.bottom)
  if (stack.top === stack.bottom || bottom.some((token) => columns.some((entry) => overlap(entry, token) > 0))) return false
  const within = (other: Stack) => other.start >= column.start - 1 && other.end <= column.end + 1
  return stacks.some((other) => other !== stack && !other.pair && overlap(column, other) > 0 && (within(other) || overlap(column, other) > overlap(column, stack)))
}

/**
 * The columns a line of column numbers (`栏次 1 2 3 …`) stands over, in its
 * order, and the header words of one header line over them.
 */
interface NumberedColumns {
  columns: Column[]
  /** The words of the header line right of the names, in order (a squeezed run counted word by word). */
  words: Token[]
}

/**
 * The columns of a line of column numbers: each number stands over the column
 * of figures it overlaps, in order, one number each; a number over no figures
 * is a column of its own (no row fills it). Undefined when the numbers and the
 * columns of figures do not pair one to one.
 *
 * > |          合计                      1         2    3    4    5       6    7
 * > | 201       一般公共服务支出           1013.91   1013.91
 *                                      ^ 1       ^ 2    ^ 3 … 7: columns no row fills
 */
function numberedColumns(numbers: Token[], columns: Column[]): Column[] | undefined {
  const first = numbers[0]
  if (!first) return undefined
  const values = columns.filter((column) => column.kind === 'value' && column.end > first.x - HEADED_GAP).sort(byPosition)
  // As many numbers as columns of figures, each near its own: they pair in order (a number centred in a wide cell
  // can stand left of the right-aligned figures under it, `6` of 附属单位上缴收入 four places left of its `0.00`).
  const near = (number: Token, column: Column) => number.end >= column.start - HEADED_GAP && number.x <= column.end + HEADED_GAP
  if (values.length === numbers.length && numbers.every((number, index) => near(number, values[index] as Column))) return values
  const result: Column[] = []
  let used = 0
  for (const number of numbers) {
    const over = values.filter((column) => overlap(column, number) > 0)
    if (over.length > 1) return undefined
    const column = over[0]
    if (column) {
      // Every column of figures left of this one has its number already.
      if (values.indexOf(column) !== used) return undefined
      used++
      result.push(column)
    } else result.push({ kind: 'header', start: number.x, end: number.end, fill: 0, headers: [], pair: [] })
  }
  return used === values.length ? result : undefined
}

/**
 * Words of a squeezed run placed by the column numbers, when their place
 * alone cannot say: the header line has one word per numbered column, so the
 * n-th word heads the n-th column — if each word of the run stands near the
 * column so given (over it, or at most a few places left of it).
 *
 * > |      本年收入合 财政拨款收 上级补助         事业   经营   附属单位上   其他
 * > |  合计                      1         2    3    4    5       6    7
 *           ^ 1        ^ 2        ^ 3 (no figures)  ^ 4 …
 */
function ownersFromNumbers(words: Token[], numbered: NumberedColumns): Column[] | undefined {
  const { columns, words: lineWords } = numbered
  if (lineWords.length !== columns.length || words.some((word) => [...word.text].length < 2)) return undefined
  const first = lineWords.findIndex((word) => word.x === words[0]?.x && word.line === words[0]?.line)
  if (first < 0) return undefined
  const owners = words.map((_, index) => columns[first + index])
  // The first word stands near its column; a squeezed run drifts left word by word (CJK is printed narrower than
  // the figures), so a later word need only not stand right of its column.
  const near = (word: Token, index: number) => {
    const column = owners[index]
    if (column === undefined || word.x > column.end) return false
    return index > 0 || word.end >= column.start - HEADED_GAP
  }
  if (!words.every((word, index) => near(word, index))) return undefined
  for (const column of owners) if (column && column.kind === 'header') OWN_CELLS.add(column)
  return owners as Column[]
}

/** The header of a column of names: `项目`, `科目名称`, `项目（按功能分类）`. */
const LABEL_HEADER = /^(?:项目|科目|名称|科目名称|项目名称)(?:[（(][^）)]*[）)])?$/

/** How far right of a header word the column it heads may start (right-aligned figures under a centred word). */
const HEADED_GAP = 6

/** The column right after `column` in order, when it starts within a few places right of the word's end. */
function nextColumnAfter(columns: Column[], column: Column, word: Token): Column | undefined {
  const next = [...columns].sort(byPosition).find((entry) => entry.start > column.start)
  return next && next.start >= word.end - 1 && next.start - word.end <= HEADED_GAP ? next : undefined
}

/**
 * Lay out the header block over the columns found from the rows: each
 * stack of fragments joins the column it sits over; a stack over no column
 * is a column of its own (a measure with no figures, `上缴上级支出`), unless
 * it heads a group of columns printed below it (`收入` over `项目 决算数`).
 */
export function layoutHeader(lines: LayoutLine[], columns: Column[]): HeaderLayout {
  const numberLines: LayoutLine[] = []
  const totals: Token[] = []
  const headerLines: Token[][] = []
  const pairLines = new Set<number>()
  // Words of one token split over the columns they head: the column each heads, as the split found it.
  const heads = new Map<Token, Column>()
  const headerWords = lines.flatMap((line) => line.tokens.filter((token) => /[\u3400-\u9fff]/.test(token.text)))
  const labelWords = lines.flatMap((line) => line.tokens.filter((token) => /项目|科目|名称/.test(token.text)))
  const numberLine = lines.find((line) => isColumnNumberLine(line.tokens))
  const numbered = numberLine && numberedColumns(numberLine.tokens.filter((token) => /^\d+$/.test(token.text)), columns)
  for (const [position, line] of lines.entries()) {
    if (isColumnNumberLine(line.tokens)) {
      numberLines.push(line)
      continue
    }
    const below = lines.slice(position + 1, position + 3).flatMap((next) => next.tokens)
    // Columns another header word stands over: a squeezed word does not take them.
    // The next header lines, each with where the cell right of a token begins, for a run's words placed by their rests.
    const lowerLinesOf = (token: Token) => {
      const limit = Math.min(...line.tokens.filter((other) => other.x > token.end).map((other) => other.x), Number.POSITIVE_INFINITY)
      // A header printed just above the run (`财政拨款` over `政府性基金预算 国有资本经营预`) would join the first word's
      // cell once split: the words are not placed from below then.
      const above = lines.slice(Math.max(0, position - 2), position).flatMap((previous) => previous.tokens)
      if (above.some((upper) => /[\u3400-\u9fff]/.test(upper.text) && overlap({ start: upper.x, end: upper.end }, token) > 0)) return []
      return lines
        .slice(position + 1, position + 3)
        .filter((next) => !isColumnNumberLine(next.tokens))
        .map((next) => ({ tokens: next.tokens, limit }))
    }
    // The line's header words over the numbered columns, word by word, for a run the numbers place.
    const numberedWords = numbered
      ? line.tokens.filter((token) => token.end > (numbered[0] as Column).start - HEADED_GAP).flatMap((token) => wordsOf(token))
      : []
    const numbers = numbered ? { columns: numbered, words: numberedWords } : undefined
    let tokens = line.tokens.flatMap((token) =>
      splitAcrossColumns(token, columns, below, heads, headerWords.filter((other) => other !== token), lowerLinesOf(token), numbers),
    )
    const first = tokens[0]
    // `合计  合计  基本支出  项目支出`: the first 合计 is the (empty) total row under 项目.
    if (first && tokens.length > 1 && TOTAL_LABEL.test(compact(first.text)) && labelWords.some((word) => word !== first && overlap({ start: word.x, end: word.end }, first) > 0)) {
      totals.push(first)
      tokens = tokens.slice(1)
    }
    if (isPairLine(tokens)) pairLines.add(headerLines.length)
    headerLines.push(tokens)
  }
  const numberTokens = numberLine ? numberLine.tokens.filter((token) => /^\d+$/.test(token.text)) : []
  // A fragment a blank line above the cell it is centred over (see stacksOf): a group header if its columns are found.
  const gaps = new Map<Token, Token>()
  const stacks = stacksOf(headerLines, pairLines, columns, heads, gaps, numberTokens)
  const stackLines = new Map<Token, number>()
  for (const [index, tokens] of headerLines.entries()) for (const token of tokens) stackLines.set(token, index)
  const groups: Stack[] = []
  const added = new Map<Column, Stack>()
  const headOf = (stack: Stack): Column | undefined => stack.tokens.map((token) => heads.get(token)).find((column) => column !== undefined)
  for (const stack of stacks) {
    // A word split off a squeezed token heads the column the split found for it, with the rest of its cell below it.
    const headed = headOf(stack)
    // A stack over another one printed lower down heads a group of columns — not a split word over the rests the
    // split placed (its own, or a neighbour's squeezed under it).
    const lower = stacks.filter((other) => other !== stack && other.top > stack.bottom && overlap(stack, other) > 0)
    if (!stack.pair && lower.length > 0 && !(headed && lower.every((other) => headOf(other) !== undefined))) {
      groups.push(stack)
      continue
    }
    let best = headed ?? mostOverlapping(columns, stack)
    // Its lowest word over no figures, its upper words reaching over a column another header stands squarely over
    // (江苏: `公务用车 / 购置费` under `公务用车购置及运行维护费`, beside the vehicles' `小计`): a column of its own.
    if (!headed && best && besideOwnColumn(stack, best, stacks, columns, stackLines)) best = undefined
    if (!best) {
      best = { kind: 'header', start: stack.start, end: stack.end, fill: 0, headers: [], pair: [] }
      added.set(best, stack)
    } else if (OWN_CELLS.has(best) && !added.has(best)) added.set(best, stack)
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
    // Or right of, and overlapping, a column of nothing but column numbers its header went to (`小计` over `12`, centred,
    // and the figures right-aligned under both).
    const numbered = NUMBER_COLUMNS.has(before) && overlap(before, column) > 0 && column.fill > 0
    if (column.kind !== 'value' || column.headers.length + column.pair.length > 0 || !(added.has(before) || numbered)) continue
    column.headers.push(...before.headers)
    column.pair.push(...before.pair)
    column.start = Math.min(column.start, before.start)
    if (numbered) MERGED_INTO.set(before, column)
    added.delete(before)
    all.splice(position - 1, 1)
    position--
  }
  // Names with no header over them, left of a header of names (`项目`) with no figures under it: one column, headed
  // at its right — a centred `项目` stands right of left-aligned names that stop short of it.
  //
  // > |                  收入                                  支出
  // > |             项目               决算数                项目              决算数
  // > | 一、一般公共预算财政拨款收入            1   417.30 一、一般公共服务支出             14    417.30
  //                                                   ^ the names of 支出 end before its 项目
  for (let position = 0; position + 1 < all.length; position++) {
    const column = all[position] as Column
    const after = all[position + 1] as Column
    if (column.kind !== 'label' || column.headers.length + column.pair.length > 0 || !added.has(after)) continue
    if (!after.headers.every((token) => LABEL_HEADER.test(compact(token.text))) || after.start - column.end > HEADED_GAP) continue
    column.headers.push(...after.headers)
    column.pair.push(...after.pair)
    column.end = Math.max(column.end, after.end)
    added.delete(after)
    all.splice(position + 1, 1)
  }
  // A group header goes to the first column it heads: the last one starting left of its middle.
  const levels: { bottom: number; cells: Map<Column, Token[]>; groups: { group: Stack; target: number }[] }[] = []
  for (const group of groups.sort((a, b) => a.top - b.top || a.start - b.start)) {
    const middle = center(group)
    const target = [...all].reverse().find((column) => column.start <= middle) ?? all[0]
    if (!target) continue
    let level = levels.find((entry) => group.top <= entry.bottom)
    if (!level) {
      level = { bottom: group.bottom, cells: new Map(), groups: [] }
      levels.push(level)
    }
    level.bottom = Math.max(level.bottom, group.bottom)
    level.groups.push({ group, target: all.indexOf(target) })
  }
  for (const level of levels) {
    const spans = groupSpans(all, level.groups)
    for (const { group, target } of level.groups) {
      // A fragment over a blank line whose columns are not found is what it was read as before: the top of the cell below it.
      const lower = group.tokens.length === 1 ? gaps.get(group.tokens[0] as Token) : undefined
      const cell = lower && ![...spans.values()].includes(group.tokens) ? all.find((column) => column.headers.includes(lower)) : undefined
      if (cell) cell.headers.push(...group.tokens)
      else level.cells.set(all[target] as Column, [...(level.cells.get(all[target] as Column) ?? []), ...group.tokens])
    }
    for (const [column, tokens] of spans) if (!level.cells.has(column)) level.cells.set(column, tokens)
  }
  levels.splice(0, levels.length, ...levels.filter((level) => level.cells.size > 0))
  // The numbers pair with the columns (see numberedColumns): each goes under its own, wherever pdftotext set it.
  const numberColumns = new Map<Token, Column>()
  if (numbered) for (const [index, token] of numberTokens.entries()) if (all.includes(numbered[index] as Column)) numberColumns.set(token, numbered[index] as Column)
  return { columns: all, groups: levels.map((level) => level.cells), numberLines, totals, numberColumns }
}

/** A band naming the year or the kind of the figures under it. */
const YEAR_BAND = /^(?:\d{4}年度?)?(?:预算|决算|执行)数?$/

/** A header that only totals the columns after it (`小计`): where the parts of a group begin. */
const GROUP_TOTAL = /^小计$/

/**
 * The columns each group header of one level stands over besides its own,
 * with its tokens. pdftotext centres a group header over its columns, but
 * narrower than they are, so its place alone does not say where they begin:
 * a group that opens with its own total (`小计`) begins there, the nearest
 * such column at or left of the one under its middle; it ends where the
 * columns from there are centred under it, and never past where the next
 * group begins. A column headed as high as the group, a label column or
 * another group's middle stops it; a group without its own total, or whose
 * columns are not centred under it, stays on one column.
 *
 * > |                 本年收入                             上年结转结余
 * > | 总计   小计   一般公共预算 … 其他收入    小计   一般公共预算 … 单位资金
 *                ^^^^^^^^^^^^^^^^^^^^^^^^^^ 本年收入    ^^^^^^^^^^^^^^^^^^^^^^^ 上年结转结余
 */
function groupSpans(columns: Column[], groups: { group: Stack; target: number }[]): Map<Column, Token[]> {
  const spans = new Map<Column, Token[]>()
  const ordered = [...groups].sort((a, b) => a.target - b.target)
  const targets = new Set(ordered.map((entry) => entry.target))
  const groupLine = (group: Stack) => Math.max(...group.tokens.map((token) => token.line))
  // A column under the group: figures or a header-only measure, all its header printed below the group.
  // Two header fragments side by side on one line of a column: cells squeezed together, the columns not told apart.
  const squeezed = (column: Column) => new Set(column.headers.map((token) => token.line)).size < column.headers.length
  const under = (column: Column, group: Stack) =>
    (column.kind === 'value' || column.kind === 'header') &&
    !squeezed(column) &&
    column.headers.every((token) => token.line > groupLine(group)) &&
    column.pair.every((token) => token.line > groupLine(group))
  const keyOf = (column: Column) => compact([...column.headers].sort((a, b) => a.line - b.line || a.x - b.x).map((token) => token.text).join(''))
  const starts = ordered.map(({ group, target }) => {
    for (let index = target; index >= 0; index--) {
      const column = columns[index] as Column
      if (!under(column, group) || (index !== target && targets.has(index))) return undefined
      if (GROUP_TOTAL.test(keyOf(column))) return index
    }
    return undefined
  })
  for (const [position, { group, target }] of ordered.entries()) {
    const first = starts[position]
    // One word: a squeezed run of words (`公务用车购置 公务用车运行`) or a stack of lines is no group header to span.
    if (first === undefined || group.tokens.length !== 1 || /\s/.test(group.tokens[0]?.text ?? ' ')) continue
    // A band of the year or the kind of figures (`预算数`, `2025年预算数`, `决算数`) opens with its 合计, not with the 小计 under it.
    if (YEAR_BAND.test(compact(group.tokens[0]?.text ?? ''))) continue
    const next = ordered[position + 1]
    const limit = next ? (starts[position + 1] ?? next.target) - 1 : columns.length - 1
    const extent = (column: Column) => [column, ...column.headers].map((part) => ('x' in part ? { start: part.x, end: part.end } : part))
    let best: { last: number; miss: number; width: number } | undefined
    for (let last = target; last <= limit; last++) {
      if (!under(columns[last] as Column, group)) break
      const parts = columns.slice(first, last + 1).flatMap(extent)
      const hull = { start: Math.min(...parts.map((part) => part.start)), end: Math.max(...parts.map((part) => part.end)) }
      const miss = Math.abs(center(hull) - center(group))
      if (!best || miss < best.miss) best = { last, miss, width: hull.end - hull.start }
    }
    if (!best || best.last === first || best.miss > Math.max(4, 0.1 * best.width)) continue
    // A column with no header of its own is not told by the group's name alone (figures a page printed apart).
    for (let index = first; index <= best.last; index++) if ((columns[index] as Column).headers.length > 0) spans.set(columns[index] as Column, group.tokens)
  }
  return spans
}
