/**
 * Shared shapes of the pipeline: positions, the gridded tables extractors
 * produce, the table regions found by their titles, the facts normalizers
 * make of them, and the rows of the checks.
 */
import type { CheckRuleName, MessageCode, OTHER_TABLE, ROUNDING_RULE, TableId } from './registry.ts'

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
  /**
   * A figure whose column its page tells by order only (a page continued
   * without its header, its columns squeezed): the cell indexes it may stand
   * in, the one it is in first, and the group of figures that stand in one
   * column with it (one id per column of that page).
   */
  choice?: ColumnChoice
  /**
   * Whole figures the reader found in this one cell, each with its own place
   * (columns it could not tell apart): the cell is no figure, and each is
   * listed as `ambiguous-column`, never read as one number.
   */
  figures?: GridCell[]
}

/** The columns a figure may stand in, and the id of the figures that go with it (see `GridCell.choice`). */
export interface ColumnChoice {
  columns: number[]
  group: string
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
  /**
   * Per cell index of a regular grid, the column's header path as printed,
   * levels joined with `/` (`基本支出/人员经费`; a panel of a side-by-side
   * table first: `支出/功能分类/金额`), when the extractor knows the header's
   * geometry; the normalizer reads the header rows otherwise.
   */
  columnLabels?: string[]
}

export { TABLE_IDS, type TableId } from './registry.ts'

export type { Fact } from './fact-schema.ts'

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

/** A subject code a document prints with a name: the name as printed (white space removed), its comparison key, and the line of the code. */
export interface PrintedSubjectName {
  code: string
  /** The name's comparison key (white space, bracket widths, ordinals and level markers folded): one entry per key. */
  key: string
  name: string
  /** 1-based line of the code where the document first prints it with this name. */
  line: number
}

/** A positioned problem found in a document (vfile-message shaped). */
export interface DocMessage {
  reason: string
  ruleId: MessageCode
  source: string
  /** `fatal`: the document cannot be used; `error`: part of it was not read (a unit we cannot convert); `warning`; `info`. */
  severity: 'fatal' | 'error' | 'warning' | 'info'
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
  table_id: TableId | typeof OTHER_TABLE | ''
  subject_code: string
  line_item: string
  measure: string
  /** What the figures around it add up to, decimal string of yuan; empty for a check about printed text, not an amount (a heading's year, a table's presence, a percentage). */
  expected: string
  /** The printed figure being checked, decimal string of yuan; empty when `expected` is. */
  actual: string
  /** actual − expected, decimal string of yuan. */
  difference: string
  /** Largest difference that printing (rounding to the last printed digit) explains, decimal string of yuan. */
  tolerance: string
  /** Facts involved, actual first, `;`-joined. */
  fact_ids: string
  /** Chinese · English, with the numbers, where each was printed, and by how much they differ. */
  message: string
  /** Where the text a check is about was printed, for a check that lists no figure first (a heading, a sentence); the writers take the first fact's place otherwise. */
  place?: Span
}

/**
 * A word of a PDF page as poppler's `pdftotext -bbox-layout` prints it: its
 * text and its box in PDF points from the page's top-left corner, the
 * coordinates kept as the decimals poppler prints (`371.640000`).
 */
export interface PdfWord {
  /** 1-based page. */
  page: number
  text: string
  xMin: string
  yMin: string
  xMax: string
  yMax: string
}

/**
 * A stretch of one line of a PDF's layout text that is (part of) a word on
 * the page: `start`..`end` (UTF-16 offsets in the line) print
 * `word.text.slice(from, to)`.
 */
export interface PdfRun {
  start: number
  end: number
  word: PdfWord
  from: number
  to: number
}

/** What the pipeline knows of a PDF beside its layout text: its pages and, per 1-based line, where its words stand. */
export interface PdfText {
  pages: number
  /** Runs of each line of the layout text, in line order; a line without words has none. */
  runs: Map<number, PdfRun[]>
  /** Non-space characters of the layout text no word of the page accounted for (0 when the alignment is complete). */
  unaligned: number
}

/** A box on a PDF page, PDF points from the top-left corner, as decimal strings. */
export interface PdfBox {
  page: number
  x0: string
  y0: string
  x1: string
  y1: string
}
