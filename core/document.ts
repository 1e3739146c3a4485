import type { CheckRow, DocMessage, Fact, PdfText, PrintedSubjectName, Span, TableBlock, TableId, TableRegion, Unplaced } from './types.ts'
import type { MessageCode, UnplacedReason } from './registry.ts'

/** Metadata of a document: found in its text, or given by `seeds/sources.csv`. */
export interface DocMetadata {
  /** The name as printed. */
  department: string
  /** The department across documents (normalizers/normalize-department.ts): its stable id, canonical name and scope (部门 or 单位); empty when no name was found. */
  departmentId: string
  departmentCanonical: string
  scope: string
  fiscalYear: number | null
  docKind: 'final_accounts' | 'budget' | ''
  region: string
  level: string
}

/** A stage: a small function over the document, run in a fixed order. */
export type Stage = (doc: SourceDocument) => void

/** What a stage knows of a fact; the document adds its own fields (`addFact`). */
export type FactFields = Omit<Fact, 'fact_id' | 'doc_id' | 'source_file' | 'fiscal_year' | 'doc_kind' | 'department' | 'department_id' | PdfBoxField>

/** The fact columns of a PDF figure's page and box, filled in by the `locateBoxes` stage (null for text inputs). */
export type PdfBoxField = 'page' | 'x0' | 'y0' | 'x1' | 'y1'

/** Working state the stages keep on a document between them. */
export interface DocumentData {
  /** How far `assignFactIds` got: occurrences of each fact key counted so far, and the facts already given ids. */
  factIds: { seen: Map<string, number>; done: number }
  /** `line:column` of every unplaced number, so a place is listed once. */
  unplacedPlaces: Set<string>
  /** The table facts (with ids) a prose figure may restate, selected once when the prose stage first asks. */
  tableFacts?: Fact[]
  /**
   * Prose money figures that name a table cell of this document (a link of
   * their key fits) which carries no figure: the cell the prose restates is
   * blank, or the table was not read. Filled by the prose stage.
   */
  unlinkedFigures: UnlinkedFigure[]
  /** The number accounting (after `accountNumbers` ran). */
  numberAccount: NumberAccount
  /** Subject codes printed with a name, by `code key`: each name variant once, at its first line (for `dist/subjects`). */
  subjectNames: Map<string, PrintedSubjectName>
  /** Figures whose column was told by order only, by group (`GridCell.choice`): what each would be in every column it may stand in. */
  columnChoices: Map<string, ColumnChoiceFact[]>
}

/** A figure placed by order only, and what it would be in each column it may stand in (the first: where it is). */
export interface ColumnChoiceFact {
  fact: Fact
  options: Pick<Fact, 'side' | 'measure' | 'measure_raw' | 'column_label'>[]
}

/** A prose figure and the table cell it names but no table fact fills (`extractProse`). */
export interface UnlinkedFigure {
  fact: Fact
  table_id: TableId
  side: string
  line_item: string
  subject_code: string
  measure: string
}

/** Counts of the number accounting, kept on the document for `documents`. */
export interface NumberAccount {
  /** Numeric tokens found in the text. */
  tokens: number
  /** Facts whose raw text has no digit (`无`, `—`): figures without a token. */
  markerFacts: number
}

/**
 * One source document travelling through the pipeline (shaped like vfile):
 * its bytes, decoded text, what was found in it, and positioned messages.
 */
export class SourceDocument {
  /** Path relative to the repository root (or as given), `/`-separated. */
  readonly path: string
  readonly bytes: Uint8Array
  docId = ''
  sha256 = ''
  text = ''
  /** Source lines without their line terminators. */
  lines: string[] = []
  encoding = ''
  encodingReason = ''
  layout = ''
  /** `no-text`: the file holds no text at all (a scanned PDF's text layer): it needs OCR, not reading. */
  status: 'ok' | 'failed' | 'no-text' = 'ok'
  metadata: DocMetadata = { department: '', departmentId: '', departmentCanonical: '', scope: '', fiscalYear: null, docKind: '', region: '', level: '' }
  /** Metadata given outside the text (sources.csv); text wins where present. */
  givenMetadata: Partial<DocMetadata> = {}
  /** Table regions found by their titles (before extraction). */
  regions: TableRegion[] = []
  tables: TableBlock[] = []
  facts: Fact[] = []
  unplaced: Unplaced[] = []
  /** For a PDF: where each stretch of the text stands on its pages (set by the decode stage); undefined for text inputs. */
  pdf: PdfText | undefined = undefined
  /** Consistency checks evaluated on the facts. */
  checks: CheckRow[] = []
  messages: DocMessage[] = []

  constructor(path: string, bytes: Uint8Array) {
    this.path = path
    this.bytes = bytes
  }

  /** Record a problem at a place in the original text and keep going. */
  message(
    reason: string,
    options: { ruleId: MessageCode; source?: string; place?: Span; actual?: string; expected?: string[]; severity?: DocMessage['severity'] },
  ): DocMessage {
    const message: DocMessage = {
      reason,
      ruleId: options.ruleId,
      source: options.source ?? 'cn-budget-etl',
      severity: options.severity ?? 'warning',
    }
    if (options.place) message.place = options.place
    if (options.actual !== undefined) message.actual = options.actual
    if (options.expected) message.expected = options.expected
    this.messages.push(message)
    return message
  }

  /**
   * Working state of the stages about this document (as vfile's `file.data`):
   * how far fact ids were given, the places already unplaced, the table facts
   * prose figures may restate, the number accounting, and the subject
   * names printed.
   */
  readonly data: DocumentData = { factIds: { seen: new Map(), done: 0 }, unplacedPlaces: new Set(), unlinkedFigures: [], numberAccount: { tokens: 0, markerFacts: 0 }, subjectNames: new Map(), columnChoices: new Map() }

  /**
   * Make a fact of this document: the one way a figure is recorded. The
   * document's own fields (id, file, year, kind, department) are filled in;
   * `fact_id` is given later, by the `assignFactIds` stage.
   */
  addFact(fields: FactFields): Fact {
    // One literal of every field, in the order of `Fact`: facts then share one object shape (spreads made each a dictionary).
    const fact: Fact = {
      fact_id: '',
      doc_id: this.docId,
      source_file: this.path,
      fiscal_year: this.metadata.fiscalYear,
      doc_kind: this.metadata.docKind,
      department: this.metadata.department,
      department_id: this.metadata.departmentId,
      origin: fields.origin,
      table_id: fields.table_id,
      side: fields.side,
      line_item: fields.line_item,
      subject_system: fields.subject_system,
      subject_code: fields.subject_code,
      subject_name: fields.subject_name,
      label_raw: fields.label_raw,
      measure: fields.measure,
      measure_raw: fields.measure_raw,
      value: fields.value,
      unit: fields.unit,
      value_raw: fields.value_raw,
      unit_raw: fields.unit_raw,
      unit_basis: fields.unit_basis,
      line: fields.line,
      column: fields.column,
      end_line: fields.end_line,
      end_column: fields.end_column,
      page: null,
      x0: null,
      y0: null,
      x1: null,
      y1: null,
      column_label: fields.column_label,
      table_title_raw: fields.table_title_raw,
      row_number: fields.row_number,
      section: fields.section,
      sentence: fields.sentence,
      label: fields.label,
      table_fact_id: fields.table_fact_id,
    }
    this.facts.push(fact)
    return fact
  }

  /**
   * List a number printed at `span` that is not a figure, with the reason:
   * the one way an unplaced row is recorded. A place is listed once (an
   * ordinal at a line end is seen both as a paragraph marker and across
   * lines); the first reason given stays.
   */
  unplace(span: Span, raw: string, reason: UnplacedReason, tableId = ''): void {
    const place = `${span.line}:${span.column}`
    if (this.data.unplacedPlaces.has(place)) return
    this.data.unplacedPlaces.add(place)
    this.unplaced.push({
      doc_id: this.docId,
      source_file: this.path,
      table_id: tableId,
      line: span.line,
      column: span.column,
      end_line: span.endLine,
      end_column: span.endColumn,
      raw,
      reason,
    })
  }

  /**
   * Note that the document prints a subject code with a name (its variant
   * key and printed form, from the normalizers): the one way `dist/subjects`
   * learns a name. A variant is kept once, at the first line it is printed.
   */
  addSubjectName(code: string, variant: { key: string; name: string }, line: number): void {
    const id = `${code} ${variant.key}`
    const known = this.data.subjectNames.get(id)
    if (!known || line < known.line) this.data.subjectNames.set(id, { code, key: variant.key, name: variant.name, line })
  }

  /** Record a problem that makes the document unusable; the other documents go on. */
  fail(reason: string, options: { ruleId: MessageCode; place?: Span; actual?: string }): void {
    this.message(reason, { ...options, severity: 'fatal' })
    this.status = 'failed'
  }

  /** Set `text` and split it into lines (LF, CRLF or CR terminated). */
  setText(text: string): void {
    this.text = text
    this.lines = text.split(/\r\n|\r|\n/)
    this.#astralLines = undefined
  }

  /**
   * The span of `length` UTF-16 units starting at UTF-16 offset `start` of
   * 1-based line `line`, with columns counted in code points.
   */
  span(line: number, start: number, length: number): Span {
    const text = this.lines[line - 1] ?? ''
    // Most lines have no astral characters: there a UTF-16 offset is the code-point offset (and counting would be quadratic on long lines).
    if (!this.#astralLines) this.#astralLines = new Set(this.lines.flatMap((entry, index) => (/[\ud800-\udbff]/.test(entry) ? [index + 1] : [])))
    if (!this.#astralLines.has(line)) return { line, column: start + 1, endLine: line, endColumn: start + length + 1 }
    return {
      line,
      column: codePointColumn(text, start),
      endLine: line,
      endColumn: codePointColumn(text, start + length),
    }
  }

  #astralLines: Set<number> | undefined

  /** The source text a span delimits (lines joined with `\n`). */
  slice(span: Span): string {
    if (span.line === span.endLine) {
      const text = this.lines[span.line - 1] ?? ''
      return sliceCodePoints(text, span.column - 1, span.endColumn - 1)
    }
    const parts: string[] = []
    for (let line = span.line; line <= span.endLine; line++) {
      const text = this.lines[line - 1] ?? ''
      const from = line === span.line ? span.column - 1 : 0
      const to = line === span.endLine ? span.endColumn - 1 : undefined
      parts.push(sliceCodePoints(text, from, to))
    }
    return parts.join('\n')
  }
}

/** 1-based code-point column of UTF-16 offset `index` in `text`. */
export function codePointColumn(text: string, index: number): number {
  let column = 1
  for (let i = 0; i < index && i < text.length; i++) {
    const code = text.charCodeAt(i)
    // A high surrogate followed by a low one is a single code point.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < index) {
      const next = text.charCodeAt(i + 1)
      if (next >= 0xdc00 && next <= 0xdfff) i++
    }
    column++
  }
  return column + Math.max(0, index - text.length)
}

/** Slice `text` by code-point offsets. */
export function sliceCodePoints(text: string, from: number, to?: number): string {
  return Array.from(text).slice(from, to).join('')
}
