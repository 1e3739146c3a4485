/**
 * The hand-typed tables of test/fixtures/real-typed (one per template family, typed from the page images, see
 * its README), and how the pipeline's facts of a document compare with them figure by figure.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Fact } from '../../core/types.ts'
import { ROOT } from './documents.ts'

/** One printed figure as typed: its row (code, or label when the row has none), its column's header path, its text. */
export interface TypedFigure {
  rowCode: string
  rowLabel: string
  columnLabel: string
  valueRaw: string
}

/** A typed table: the family, the corpus file it was typed from, its title as printed, its figures. */
export interface TypedTable {
  family: string
  source: string
  title: string
  figures: TypedFigure[]
}

const FIXTURES = join(ROOT, 'test', 'fixtures', 'real-typed')

/** Every typed table, by family name (the file name). */
export function readTypedTables(): TypedTable[] {
  return readdirSync(FIXTURES)
    .filter((name) => name.endsWith('.tsv'))
    .sort()
    .map((name) => {
      const lines = readFileSync(join(FIXTURES, name), 'utf8').split('\n')
      const comment = (key: string) => lines.find((line) => line.startsWith(`# ${key}:`))?.slice(key.length + 3).trim() ?? ''
      // `real/cq-a63e312b.pdf (中共重庆市委宣传部 …)`: the text beside it is what the pipeline reads.
      const source = (comment('source').split(/\s/)[0] ?? '').replace(/\.pdf$/, '.layout.txt')
      const rows = lines.filter((line) => line && !line.startsWith('#')).slice(1)
      const figures = rows.map((line) => {
        const [rowCode = '', rowLabel = '', columnLabel = '', valueRaw = ''] = line.split('\t')
        return { rowCode, rowLabel, columnLabel, valueRaw }
      })
      return { family: name.replace(/\.tsv$/, ''), source, title: comment('table title as printed'), figures }
    })
}

/** Text without blanks or list numbers, full-width brackets folded, for comparing labels. */
export function labelKey(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])/, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
}

/** Whether a fact's column header path names the typed one: the same levels, read from the innermost out (a panel or group level may be missing on either side). */
function sameColumn(fact: Fact, typed: string): boolean {
  const printed = fact.column_label.split('/').map(labelKey).filter(Boolean)
  const expected = typed.split('/').map(labelKey).filter(Boolean)
  if (printed.length === 0 || expected.length === 0) return false
  if (printed.join('') === expected.join('')) return true
  // Innermost levels equal and the shorter path a suffix of the longer: `金额` under `收入/金额`.
  const [shorter, longer] = printed.length <= expected.length ? [printed, expected] : [expected, printed]
  return shorter.every((level, index) => level === longer[longer.length - shorter.length + index])
}

/** Whether a fact stands in the typed figure's row. */
function sameRow(fact: Fact, figure: TypedFigure): boolean {
  if (figure.rowCode) return fact.subject_code === figure.rowCode
  return labelKey(fact.label_raw) === labelKey(figure.rowLabel)
}

/** How the facts of the typed table's document compare with the typed figures. */
export interface TypedComparison {
  /** A fact in the figure's row and column with the printed text. */
  exact: TypedFigure[]
  /** Facts in the figure's row and column, none with the printed text: a wrong value. */
  wrong: { figure: TypedFigure; facts: Fact[] }[]
  /** No fact in the figure's row and column. */
  missing: TypedFigure[]
}

/** Compare the facts of one table (those whose title is the typed one) with the typed figures. */
export function compareTyped(table: TypedTable, facts: Fact[]): TypedComparison {
  // The table whose printed title is the typed one, give or take a table number or year printed around it (`表一`, `公开07表`).
  const typedKey = labelKey(table.title)
  const titles = [...new Set(facts.filter((fact) => fact.origin === 'table').map((fact) => fact.table_title_raw))]
  const distance = (title: string): number => {
    const key = labelKey(title)
    return typedKey.includes(key) || key.includes(typedKey) ? Math.abs(typedKey.length - key.length) : Number.POSITIVE_INFINITY
  }
  const title = titles.sort((a, b) => distance(a) - distance(b) || (a < b ? -1 : 1))[0]
  const inTable = title !== undefined && distance(title) < Number.POSITIVE_INFINITY ? facts.filter((fact) => fact.origin === 'table' && fact.table_title_raw === title) : []
  const result: TypedComparison = { exact: [], wrong: [], missing: [] }
  for (const figure of table.figures) {
    const candidates = inTable.filter((fact) => sameRow(fact, figure) && sameColumn(fact, figure.columnLabel))
    if (candidates.some((fact) => fact.value_raw === figure.valueRaw)) result.exact.push(figure)
    else if (candidates.length > 0) result.wrong.push({ figure, facts: candidates })
    else result.missing.push(figure)
  }
  return result
}
