/**
 * Shared shapes of the pipeline: positions, the gridded tables extractors
 * produce, the table regions found by their titles, the facts normalizers
 * make of them, and the rows of the checks.
 */
import type { CheckRuleName, MessageCode, ROUNDING_RULE } from './registry.ts'

/**
 * A place in the original source text: 1-based line and column (columns in
 * Unicode code points). `endLine`/`endColumn` point just past the last
 * character (unist convention), so `line:column..endLine:endColumn` delimits
 * exactly the raw text.
 */
export interface Span {
  line: number
  column: number
  endLine: number
  endColumn: number
}

/** One cell of a gridded row, as printed (trimmed of padding), with its place. */
export interface GridCell {
  /** Text as printed, padding (spaces, U+3000, NBSP) trimmed; fragments of a wrapped cell joined without separator. */
  text: string
  /** Where `text` stands in the source; for a wrapped cell, from its first to its last fragment. */
  span?: Span
}

/** A row of a table as the extractor saw it: one line (tabs) or one logical row (Word, wrapped layouts). */
export interface GridRow {
  /** First source line of the row. */
  line: number
  cells: GridCell[]
}

/**
 * A table found by an extractor: its title, unit line, and its rows gridded
 * so that a cell index means the same column in every row of the table
 * (header rows included), except where the source itself merged cells.
 */
export interface TableBlock {
  title: string
  titleSpan: Span
  /** The printed unit (`万元`, `元`), if a `单位：` line was found. */
  unitRaw?: string
  unitSpan?: Span
  /** `公开01表` … as printed, when present. */
  tableNumber?: number
  rows: GridRow[]
  /** Whether cell indexes are reliable across rows (tabs, space-aligned) or merged cells collapse them (Word). */
  grid: 'regular' | 'collapsed'
}

/** Canonical table ids (the data contract). */
export const TABLE_IDS = [
  'income_expenditure_summary',
  'income_by_function',
  'expenditure_by_function',
  'appropriation_summary',
  'general_budget_expenditure',
  'general_budget_basic_expenditure',
  'three_public_expenses',
  'government_fund',
  'state_capital',
] as const

export type TableId = (typeof TABLE_IDS)[number]

/** One figure with its provenance: a row of `dist/facts`. */
export interface Fact {
  fact_id: string
  doc_id: string
  source_file: string
  fiscal_year: number | null
  doc_kind: 'final_accounts' | 'budget' | ''
  department: string
  origin: 'table' | 'prose'
  table_id: TableId | ''
  side: 'income' | 'expenditure' | ''
  line_item: string
  subject_system: 'functional' | 'economic' | ''
  subject_code: string
  subject_name: string
  label_raw: string
  measure: string
  measure_raw: string
  /** Integer CNY yuan (money) or the exact decimal (other units), as a decimal string. */
  value: string
  unit: string
  value_raw: string
  unit_raw: string
  line: number
  column: number
  end_line: number
  end_column: number
  /** The table title as printed. */
  table_title_raw: string
  /** The 行次 printed on the row, where the table has one. */
  row_number: string
  /** Prose figures: section path (`第三部分 > 七、… > （二）…`); empty for table figures. */
  section: string
  /** Prose figures: the sentence holding the figure. */
  sentence: string
  /** Prose figures: the phrase naming the figure (`公务接待费`). */
  label: string
  /** Prose figures: fact_id of the table figure it restates, if any. */
  table_fact_id: string
}

/** A numeric token that did not become a fact, with the reason. */
export interface Unplaced {
  doc_id: string
  source_file: string
  line: number
  column: number
  end_line: number
  end_column: number
  raw: string
  reason: string
  table_id: string
}

/** A positioned problem found in a document (vfile-message shaped). */
export interface DocMessage {
  reason: string
  ruleId: MessageCode
  source: string
  severity: 'fatal' | 'warning' | 'info'
  place?: Span
  actual?: string
  expected?: string[]
}

/** The lines of a document that belong to one table, found by its title. */
export interface TableRegion {
  /** Standard table id, or undefined for a table we do not recognise. */
  tableId: TableId | undefined
  title: string
  titleSpan: Span
  /** 1-based line of the title. */
  titleLine: number
  /** 1-based first line after the title. */
  startLine: number
  /** 1-based line just past the region. */
  endLine: number
  unitRaw?: string
  unitSpan?: Span
  tableNumber?: number
}

/** How bad a check row is: `info` for passes, `warning` for rounding-sized or only-comparable-in-general differences, `error` otherwise. */
export type CheckSeverity = 'error' | 'warning' | 'info'

/** Whether the identity held exactly. */
export type CheckStatus = 'pass' | 'fail'

/** One evaluated identity: a row of `dist/checks`. */
export interface CheckRow {
  /** sha256 of `doc_id|base_rule|table_id|key|measure`, 16 hex: stable across rebuilds and across outcomes. */
  check_id: string
  doc_id: string
  /** The rule that judged the row: its own name, or `rounding` for a failure within the tolerance. */
  rule: CheckRuleName | typeof ROUNDING_RULE
  /** The rule that evaluated the identity, whatever the outcome. */
  base_rule: CheckRuleName
  severity: CheckSeverity
  status: CheckStatus
  /** The table of the printed (actual) figure. */
  table_id: TableId | ''
  subject_code: string
  line_item: string
  measure: string
  /** What the figures around it add up to, decimal string of yuan. */
  expected: string
  /** The printed figure being checked, decimal string of yuan. */
  actual: string
  /** actual − expected, decimal string of yuan. */
  difference: string
  /** Largest difference that printing (rounding to the last printed digit) explains, decimal string of yuan. */
  tolerance: string
  /** Facts involved, actual first, `;`-joined. */
  fact_ids: string
  /** Chinese · English, with the numbers, where each was printed, and by how much they differ. */
  message: string
}
