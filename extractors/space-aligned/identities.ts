/**
 * The table's own identities deciding what the geometry leaves open: on a
 * continuation page that repeats no header, pdftotext packs the columns by
 * the page's own content, so a column empty on the page leaves no trace and
 * the page's columns can be several of the table's. Each way is tried
 * against what the table must add up to — a parent code equals the sum of
 * its children, the total row the sum of the top-level rows — and the one
 * that fits best is kept; where several fit equally, the figures whose
 * column they disagree on are set apart with a message.
 */
import type { SourceDocument } from '../../core/document.ts'
import { parseNumber } from '../../normalizers/parse-amount.ts'
import { compactText } from '../../core/text.ts'
import type { TableColumn } from './columns.ts'
import { TOTAL_LABEL } from './line-kinds.ts'
import type { RowDraft } from './rows.ts'
import type { Token } from './tokens.ts'

/** A page whose value columns could be several of the table's: its clusters of amounts and the mappings to try. */
export interface OpenPage {
  /** Amounts of each value column of the page, left to right. */
  clusters: Token[][]
  /** Candidate mappings: for each cluster, the index of a table value column (into `valueColumn`). */
  candidates: number[][]
  /** The mapping the positions support, if they do (kept where the identities do not decide). */
  preferred: number[] | undefined
}

/** One identity: a row equal to the sum of others, in every value column. */
interface Identity {
  parent: number
  children: number[]
}

/**
 * Choose, for every open page, the mapping of its columns that the table's
 * identities support best, and move its amounts there (in `columnOf` and in
 * the row drafts). Amounts whose column the best mappings disagree on go to
 * a column of their own, without a header, with an `ambiguous-column`
 * message.
 */
export function resolvePages(doc: SourceDocument, drafts: RowDraft[], columns: TableColumn[], valueColumn: number[], open: OpenPage[], columnOf: Map<Token, number>): void {
  const identities = identitiesOf(drafts, columns)
  const rowOf = new Map<Token, number>()
  for (const [index, draft] of drafts.entries()) for (const tokens of draft.cells.values()) for (const token of tokens) rowOf.set(token, index)
  for (let round = 0; round < 2; round++) {
    for (const page of open) {
      const scored = page.candidates.map((mapping) => ({ mapping, score: identities.length > 0 ? score(page, mapping, identities, drafts, columns, valueColumn, columnOf, rowOf) : 0 }))
      const best = Math.max(...scored.map((entry) => entry.score))
      const winners = scored.filter((entry) => entry.score === best).map((entry) => entry.mapping)
      const preferred = page.preferred && winners.some((mapping) => mapping.join(',') === page.preferred?.join(',')) ? page.preferred : undefined
      const chosen = winners.length === 1 ? winners[0] : preferred
      if (chosen) apply(page, chosen, drafts, valueColumn, columnOf, rowOf)
      else if (round === 0) apply(page, winners[0] as number[], drafts, valueColumn, columnOf, rowOf)
      else reportAmbiguous(doc, page, winners, drafts, columns, valueColumn, columnOf)
    }
  }
}

/** Move a page's amounts to the columns a mapping gives them. */
function apply(page: OpenPage, mapping: number[], drafts: RowDraft[], valueColumn: number[], columnOf: Map<Token, number>, rowOf: Map<Token, number>): void {
  for (const [cluster, tokens] of page.clusters.entries()) {
    const target = valueColumn[mapping[cluster] ?? 0] as number
    for (const token of tokens) moveToken(token, target, drafts, columnOf, rowOf)
  }
}

function moveToken(token: Token, target: number, drafts: RowDraft[], columnOf: Map<Token, number>, rowOf: Map<Token, number>): void {
  const from = columnOf.get(token)
  const row = rowOf.get(token)
  if (from === target) return
  columnOf.set(token, target)
  if (row === undefined || from === undefined) return
  const draft = drafts[row] as RowDraft
  const left = (draft.cells.get(from) ?? []).filter((entry) => entry !== token)
  if (left.length > 0) draft.cells.set(from, left)
  else draft.cells.delete(from)
  draft.cells.set(target, [...(draft.cells.get(target) ?? []), token])
}

/** Set apart the amounts whose column the equally good mappings disagree on. */
function reportAmbiguous(doc: SourceDocument, page: OpenPage, winners: number[][], drafts: RowDraft[], columns: TableColumn[], valueColumn: number[], columnOf: Map<Token, number>): void {
  const rowOf = new Map<Token, number>()
  for (const [index, draft] of drafts.entries()) for (const tokens of draft.cells.values()) for (const token of tokens) rowOf.set(token, index)
  for (const [cluster, tokens] of page.clusters.entries()) {
    const options = new Set(winners.map((mapping) => mapping[cluster]))
    if (options.size <= 1) continue
    // A column of its own, without a header, for each column of the page that cannot be told.
    const apart = columns.length
    columns.push({ kind: 'value', leaf: undefined, start: Infinity, end: Infinity, edge: Infinity, fill: 0 })
    const names = [...options].map((option) => headerName(columns[valueColumn[option ?? 0] as number]))
    for (const token of tokens) {
      moveToken(token, apart, drafts, columnOf, rowOf)
      doc.message(`Cannot tell which column \`${token.text}\` stands in: the page prints no header and the table's sums fit ${names.map((name) => `\`${name}\``).join(' or ')}`, {
        ruleId: 'ambiguous-column',
        place: doc.span(token.line, token.offset, token.text.length),
        actual: token.text,
        expected: names,
      })
    }
  }
}

function headerName(column: TableColumn | undefined): string {
  const leaf = column?.leaf
  if (!leaf) return ''
  return compactText([...leaf.groups, leaf.cell].map((cell) => cell.tokens.map((token) => token.text).join('')).join('/'))
}

/** How well a mapping of one page fits: identities holding minus identities failing, over those the page's amounts take part in. */
function score(page: OpenPage, mapping: number[], identities: Identity[], drafts: RowDraft[], columns: TableColumn[], valueColumn: number[], columnOf: Map<Token, number>, rowOf: Map<Token, number>): number {
  const where = new Map<Token, number>()
  const rows = new Set<number>()
  for (const [cluster, tokens] of page.clusters.entries()) {
    for (const token of tokens) {
      where.set(token, valueColumn[mapping[cluster] ?? 0] as number)
      const row = rowOf.get(token)
      if (row !== undefined) rows.add(row)
    }
  }
  const valueAt = (row: number): Map<number, { value: number; decimals: number }> => {
    const values = new Map<number, { value: number; decimals: number }>()
    for (const tokens of (drafts[row] as RowDraft).cells.values()) {
      for (const token of tokens) {
        if (token.kind !== 'amount') continue
        const column = where.get(token) ?? columnOf.get(token)
        if (column === undefined || columns[column]?.kind !== 'value') continue
        const parsed = parseNumber(token.text)
        if (!parsed) continue
        values.set(column, { value: Number(parsed.units) / 10 ** parsed.scale, decimals: parsed.scale })
      }
    }
    return values
  }
  let total = 0
  for (const identity of identities) {
    if (!rows.has(identity.parent) && !identity.children.some((child) => rows.has(child))) continue
    const parent = valueAt(identity.parent)
    const children = identity.children.map(valueAt)
    for (const column of valueColumn) {
      const own = parent.get(column)
      const parts = children.map((values) => values.get(column))
      if (!own && parts.every((part) => !part)) continue
      const sum = parts.reduce((acc, part) => acc + (part?.value ?? 0), 0)
      const decimals = Math.max(own?.decimals ?? 0, ...parts.map((part) => part?.decimals ?? 0))
      const tolerance = 0.5 * 10 ** -decimals * (parts.length + 1) + 1e-9
      total += Math.abs((own?.value ?? 0) - sum) <= tolerance ? 1 : -1
    }
  }
  return total
}

/**
 * The identities of a coded table: each code row equals the sum of the rows
 * whose codes extend it by one level, and a total row the sum of the
 * top-level rows.
 */
function identitiesOf(drafts: RowDraft[], columns: TableColumn[]): Identity[] {
  const codes = drafts.map((draft) => codeOf(draft, columns))
  const identities: Identity[] = []
  const byCode = new Map<string, number>()
  for (const [index, code] of codes.entries()) if (code && !byCode.has(code)) byCode.set(code, index)
  const children = new Map<number, number[]>()
  for (const [index, code] of codes.entries()) {
    if (!code || code.length <= 3) continue
    const parent = byCode.get(code.slice(0, -2))
    if (parent !== undefined) children.set(parent, [...(children.get(parent) ?? []), index])
  }
  for (const [parent, members] of children) identities.push({ parent, children: members })
  const shortest = Math.min(...codes.filter(Boolean).map((code) => code.length))
  const top = codes.flatMap((code, index) => (code && code.length === shortest ? [index] : []))
  const total = drafts.findIndex((draft, index) => !codes[index] && isTotalRow(draft, columns))
  if (total >= 0 && top.length > 0) identities.push({ parent: total, children: top })
  return identities
}

function isTotalRow(draft: RowDraft, columns: TableColumn[]): boolean {
  for (const [index, tokens] of draft.cells) {
    if (columns[index]?.kind === 'value') continue
    if (TOTAL_LABEL.test(compactText(tokens.map((token) => token.text).join('')))) return true
  }
  return false
}

/** The row's code in the first code column (whole codes only; split codes are joined later). */
function codeOf(draft: RowDraft, columns: TableColumn[]): string {
  const first = columns.findIndex((column) => column.kind === 'code')
  if (first < 0) return ''
  const parts: string[] = []
  for (let index = first; columns[index]?.kind === 'code'; index++) {
    const token = (draft.cells.get(index) ?? []).find((entry) => entry.kind === 'code')
    if (token) parts.push(token.text)
  }
  const joined = parts.join('')
  return /^\d{3}(?:\d{2}){0,2}$/.test(joined) ? joined : ''
}
