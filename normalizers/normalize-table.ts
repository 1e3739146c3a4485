import type { SourceDocument } from '../core/document.ts'
import type { Fact, GridCell, GridRow, TableBlock, TableId } from '../core/types.ts'
import { classifySubjectCode, findSubjectByName, isSubjectName, lookupSubject, nameMatchesSubject, printedNameVariant, printedSubjectName } from './normalize-subject.ts'
import { isTotalLabel, normalizeLineItem } from './normalize-line-item.ts'
import { headerKey, normalizeMeasure, THREE_PUBLIC_ITEM_NAMES, THREE_PUBLIC_ITEMS } from './normalize-measure.ts'
import { formatDecimal, parseNumber, toYuan, ZERO_MARKERS } from './parse-amount.ts'
import { resolveUnit, type TableUnit } from './normalize-unit.ts'
import { splitNumberCell } from '../core/cells.ts'
import { type MessageCode, type UnplacedReason, type OTHER_TABLE } from '../core/registry.ts'

/** A column of figures: which measure it holds and where its cells stand. */
interface MeasureColumn {
  measure: string
  measureRaw: string
  /** The header path as printed (`本年支出/基本支出`). */
  label: string
  /** Cell index in a row as long as the header (regular grids). */
  index: number
  /** Distance from the row's last cell (for rows of another length, and collapsed grids). */
  fromEnd: number
}

/** Everything one table's rows need to become facts. */
export interface TableContext {
  doc: SourceDocument
  block: TableBlock
  tableId: TableId | typeof OTHER_TABLE
  /** The unit its figures are read in, as printed or assumed; none when it prints one we cannot convert. */
  unit: TableUnit
}

/** Partial fact as a table row knows it; document fields are added by `pushFact`. */
export type RowFact = Pick<Fact, 'side' | 'line_item' | 'subject_system' | 'subject_code' | 'subject_name' | 'label_raw' | 'measure' | 'measure_raw'> & {
  row_number?: string
  /** The column's header path as printed (`本年支出/基本支出`); `measure_raw` when the layout gives no path. */
  column_label?: string
  /**
   * The unit the row itself prints for a figure that is not money in the
   * table's unit: a 绩效 indicator's `指标值` in its `计量单位` (个, %, 万元),
   * a weight under `指标权重(%)`.
   */
  unit?: { unit: 'percent' | 'count' | string; raw: string }
}

export const CODE = /^[1-9]\d{2}(?:\d{2}){0,2}$/
const LABEL_HEADER = /科目编码|科目名称|^项目$|^栏次$|^行次$|^项目科目名称/

/** Whether a cell holds an amount (a number, or a zero marker like `无`). */
export function isAmountCell(cell: GridCell | undefined): boolean {
  if (!cell?.text) return false
  return parseNumber(cell.text) !== undefined || ZERO_MARKERS.has(cell.text)
}

/** Whether a cell is text that is not an amount. */
export function isTextCell(cell: GridCell | undefined): boolean {
  return Boolean(cell?.text) && !isAmountCell(cell)
}

/**
 * Whether a row prints column numbers (`栏次 1 2 3`, or the misplaced
 * `合计 1 2 … 7` of some exports): its numbers are 1, 2, 3 … in order. Two
 * numbers can share a cell where a layout reader put them in one column
 * (`3       4` under a squeezed header): they are counted one by one.
 */
export function isColumnNumberRow(row: GridRow): boolean {
  const numbered = row.cells.filter((cell) => NUMBER_RUN.test(cell.text))
  const numbers = numbered.flatMap((cell) => cell.text.split(/\s+/))
  const others = row.cells.filter((cell) => cell.text && !NUMBER_RUN.test(cell.text))
  if (numbers.length < 2) return false
  if (others.some((cell) => !/^(栏次|合计|项目|行次|金额|\*+)$/.test(headerKey(cell.text)))) return false
  return numbers.every((number, index) => Number(number) === index + 1)
}

/** A cell of whole numbers, one or several blank-separated (`7`, `3       4`). */
const NUMBER_RUN = /^\d+(?:\s+\d+)*$/

/**
 * Turn one extracted table into facts (and unplaced numbers, and messages)
 * on the document: header → measures, row label → code or line item,
 * printed amount → exact yuan.
 */
export function normalizeTable(doc: SourceDocument, block: TableBlock, tableId: TableId): void {
  const context: TableContext = { doc, block, tableId, unit: resolveUnit(doc, block) }
  const { header, data } = splitHeader(context)
  switch (tableId) {
    case 'income_expenditure_summary':
    case 'appropriation_summary':
      normalizeSummaryTable(context, header, data)
      break
    case 'general_budget_basic_expenditure':
      normalizeEconomicTable(context, data)
      break
    case 'three_public_expenses':
      normalizeThreePublicTable(context, header, data)
      break
    default:
      normalizeFunctionTable(context, header, data)
  }
}

/**
 * Split a table's rows into header rows (before the first row with a code
 * or an amount) and data rows. Column-number rows are set aside as unplaced.
 */
export function splitHeader(context: TableContext): { header: GridRow[]; data: GridRow[] } {
  const header: GridRow[] = []
  const data: GridRow[] = []
  for (const row of context.block.rows) {
    if (row.cells.every((cell) => !cell.text)) continue
    if (isColumnNumberRow(row)) {
      for (const cell of row.cells) if (NUMBER_RUN.test(cell.text)) unplace(context, cell, 'column-number')
      continue
    }
    const isData = data.length > 0 || row.cells.some((cell, index) => isAmountCell(cell) || (index < 2 && CODE.test(cell.text)))
    if (isData) data.push(row)
    else header.push(row)
  }
  return { header, data }
}

/** Record a number that is not a figure, with the reason. */
export function unplace(context: TableContext, cell: GridCell, reason: UnplacedReason): void {
  if (!cell.span || !/\d/.test(cell.text)) return
  // A cell holding several numbers (`36 0 18`, a prose line run into a label) lists each, so every token is accounted for once.
  const parts = splitNumberCell(context.doc, cell)
  if (parts[0] !== cell) {
    for (const part of parts) unplace(context, part, reason)
    return
  }
  context.doc.unplace(cell.span, cell.text, reason, context.tableId)
}

/** Make a fact of an amount cell (and return it); blank cells are not figures. */
export function pushFact(context: TableContext, cell: GridCell | undefined, rowFact: RowFact): Fact | undefined {
  if (!cell?.text || !cell.span) return undefined
  // Several whole figures the reader put in one cell: their columns are not known, and joined they are no number.
  if (cell.figures) {
    for (const figure of cell.figures) unplace(context, figure, 'ambiguous-column')
    return undefined
  }
  const { doc } = context
  const own = rowFact.unit
  const quantity = own && (own.unit === 'percent' || own.unit === 'count') ? own.unit : undefined
  const unit = own ? own.unit : context.unit.unit
  // A unit we cannot convert makes no figure: the number is listed, never read in a unit nobody printed.
  if (unit === undefined) {
    unplace(context, cell, 'unknown-unit')
    return undefined
  }
  let value: string
  if (ZERO_MARKERS.has(cell.text)) value = '0'
  else {
    const number = parseNumber(cell.text)
    if (!number) {
      doc.message(`Unexpected text \`${cell.text}\` in an amount column of \`${context.block.title}\``, {
        ruleId: 'unparsed-amount',
        place: cell.span,
        actual: cell.text,
      })
      unplace(context, cell, 'unparsed-amount')
      return undefined
    }
    value = quantity ? formatDecimal(number.units, number.scale) : toYuan(number, unit)
  }
  return doc.addFact({
    origin: 'table',
    table_id: context.tableId,
    side: rowFact.side,
    line_item: rowFact.line_item,
    subject_system: rowFact.subject_system,
    subject_code: rowFact.subject_code,
    subject_name: rowFact.subject_name,
    label_raw: rowFact.label_raw,
    measure: rowFact.measure,
    measure_raw: rowFact.measure_raw,
    value,
    unit: quantity ?? 'CNY',
    value_raw: cell.text,
    unit_raw: own ? own.raw : context.unit.raw,
    unit_basis: own ? 'printed' : context.unit.basis,
    line: cell.span.line,
    column: cell.span.column,
    end_line: cell.span.endLine,
    end_column: cell.span.endColumn,
    column_label: rowFact.column_label ?? rowFact.measure_raw,
    table_title_raw: context.block.title,
    row_number: rowFact.row_number ?? '',
    section: '',
    sentence: '',
    label: '',
    table_fact_id: '',
  })
}

/**
 * Subject fields of a row with a classification code. A well-formed code
 * printed with a name is a subject, in the dictionary or not (the name is
 * noted for `dist/subjects`); only a malformed code, or a name that
 * contradicts the dictionary's, is a problem.
 */
export function subjectFields(context: TableContext, codeCell: GridCell, nameText: string): Pick<Fact, 'subject_system' | 'subject_code' | 'subject_name'> {
  const code = codeCell.text
  const shape = classifySubjectCode(code)
  const place = codeCell.span ? { place: codeCell.span } : {}
  if (!shape) {
    context.doc.message(`Malformed subject code \`${code}\` in \`${context.block.title}\`: no classification has it`, { ruleId: 'malformed-subject-code', actual: code, ...place })
    return { subject_system: '', subject_code: code, subject_name: printedSubjectName(nameText) }
  }
  const subject = lookupSubject(code)
  if (subject && nameText && !nameMatchesSubject(nameText, subject)) {
    context.doc.message(`Subject name \`${nameText}\` does not match \`${code}\` \`${subject.name}\``, {
      ruleId: 'subject-name-mismatch',
      actual: nameText,
      expected: [subject.name],
      severity: 'info',
      ...place,
    })
  }
  const variant = printedNameVariant(code, nameText)
  if (variant && codeCell.span) context.doc.addSubjectName(code, variant, codeCell.span.line)
  if (!subject && !isSubjectName(nameText)) {
    context.doc.message(`Subject code \`${code}\` in \`${context.block.title}\` is not in the dictionary and prints no name`, { ruleId: 'unknown-subject-code', actual: code, severity: 'info', ...place })
  }
  return { subject_system: shape.system, subject_code: code, subject_name: subject?.name ?? printedSubjectName(nameText) }
}

/** The header path of a column of a regular grid: its header rows' texts, top to bottom, joined with `/`. */
export function headerPath(header: readonly GridRow[], index: number): string {
  return header.flatMap((row) => {
    const text = row.cells[index]?.text.replace(/\s+/g, '') ?? ''
    return text ? [text] : []
  }).join('/')
}

/** The columns of figures of a table with code + name + measure columns, from its header rows. */
function measureColumns(context: TableContext, header: GridRow[]): { columns: MeasureColumn[]; width: number } {
  const width = Math.max(0, ...header.map((row) => row.cells.length))
  const found: { measure: string; measureRaw: string; label: string; index: number }[] = []
  if (context.block.grid === 'regular') {
    // Header rows share the grid: merge their texts per column, top to bottom.
    for (let index = 0; index < width; index++) {
      const merged = header.map((row) => row.cells[index]?.text ?? '').join('')
      if (!merged || LABEL_HEADER.test(headerKey(merged))) continue
      const measure = normalizeMeasure(context.tableId, merged)
      const label = context.block.columnLabels?.[index] || headerPath(header, index)
      if (measure) found.push({ measure, measureRaw: merged.replace(/\s+/g, ''), label, index })
    }
  } else {
    // Merged cells collapse the grid: read measures in order, expanding a
    // group header (`本年支出`) into the sub-columns of the row below it.
    let sequence: { measure: string; measureRaw: string; label: string }[] = []
    for (const row of header) {
      const matches = row.cells
        .filter((cell) => cell.text && !LABEL_HEADER.test(headerKey(cell.text)))
        .flatMap((cell) => {
          const measure = normalizeMeasure(context.tableId, cell.text)
          return measure ? [{ measure, measureRaw: headerKey(cell.text), label: headerKey(cell.text) }] : []
        })
      if (matches.length === 0) continue
      const group = sequence.findIndex((entry) => /^本年支出$/.test(entry.measureRaw))
      if (group >= 0) sequence.splice(group, 1, ...matches.map((entry) => ({ ...entry, measureRaw: `本年支出${entry.measureRaw}`, label: `本年支出/${entry.label}` })))
      else if (matches.length >= sequence.length) sequence = matches
    }
    found.push(...sequence.map((entry, index) => ({ ...entry, index: -1 - (sequence.length - 1 - index) })))
  }
  const seen = new Set<string>()
  const columns: MeasureColumn[] = []
  for (const entry of found) {
    if (seen.has(entry.measure)) continue
    seen.add(entry.measure)
    const fromEnd = entry.index < 0 ? -1 - entry.index : width - 1 - entry.index
    columns.push({ measure: entry.measure, measureRaw: entry.measureRaw, label: entry.label, index: entry.index, fromEnd })
  }
  if (columns.length === 0) {
    const place = context.block.titleSpan
    context.doc.message(`No column headers recognised in \`${context.block.title}\``, { ruleId: 'unrecognised-header', place })
  }
  return { columns, width }
}

/** The cell of a measure column in a row: by index when the row has the header's width, else counted from the end. */
function cellOf(row: GridRow, column: MeasureColumn, width: number, grid: TableBlock['grid']): GridCell | undefined {
  if (grid === 'regular' && row.cells.length === width && column.index >= 0) return row.cells[column.index]
  return row.cells[row.cells.length - 1 - column.fromEnd]
}

/** Side of a measure in a table that has one. */
function sideOf(tableId: string, measure: string): Fact['side'] {
  if (tableId === 'income_by_function') return 'income'
  if (tableId === 'government_fund' || tableId === 'state_capital') {
    if (measure === 'income') return 'income'
    if (/^(expenditure_|total$|basic$|project$)/.test(measure)) return 'expenditure'
    return ''
  }
  return 'expenditure'
}

/** Tables whose rows are a functional code, a name and one figure per measure column. */
function normalizeFunctionTable(context: TableContext, header: GridRow[], data: GridRow[]): void {
  const { columns, width } = measureColumns(context, header)
  for (const row of data) {
    const valueCells = new Set(columns.map((column) => cellOf(row, column, width, context.block.grid)))
    const labelCells = row.cells.filter((cell) => cell.text && !valueCells.has(cell))
    const codeCell = labelCells.find((cell) => CODE.test(cell.text))
    const nameCell = labelCells.find((cell) => cell !== codeCell && isTextCell(cell))
    let fields: Omit<RowFact, 'side' | 'measure' | 'measure_raw'>
    if (codeCell) {
      fields = { line_item: '', label_raw: nameCell?.text ?? '', ...subjectFields(context, codeCell, nameCell?.text ?? '') }
    } else if (nameCell && isTotalLabel(nameCell.text)) {
      fields = { line_item: 'total', subject_system: '', subject_code: '', subject_name: '', label_raw: nameCell.text }
    } else {
      const subject = nameCell ? findSubjectByName(nameCell.text, 'functional') : undefined
      if (subject && nameCell) {
        fields = { line_item: '', label_raw: nameCell.text, subject_system: subject.system, subject_code: subject.code, subject_name: subject.name }
      } else {
        unplaceRow(context, row, nameCell ? 'unrecognised-row' : 'unlabelled-row')
        continue
      }
    }
    for (const cell of labelCells) if (cell !== codeCell && isAmountCell(cell)) unplace(context, cell, 'unmapped-column')
    for (const column of columns) {
      const cell = cellOf(row, column, width, context.block.grid)
      pushFact(context, cell, { ...fields, side: sideOf(context.tableId, column.measure), measure: column.measure, measure_raw: column.measureRaw, column_label: column.label })
    }
  }
}

/** Set aside every number of a row that has no usable label. */
export function unplaceRow(context: TableContext, row: GridRow, reason: UnplacedReason & MessageCode): void {
  const amounts = row.cells.filter((cell) => isAmountCell(cell))
  if (amounts.length === 0) return
  const first = row.cells.find((cell) => cell.span)
  const place = first?.span
  context.doc.message(`Row without a recognisable label in \`${context.block.title}\`: its numbers are not figures`, {
    ruleId: reason,
    actual: row.cells.map((cell) => cell.text).join(' | '),
    ...(place ? { place } : {}),
  })
  for (const cell of amounts) unplace(context, cell, reason)
}

/** One side of a summary-table row: label, row number, amounts. */
interface SideCells {
  label: GridCell | undefined
  rowNumber: GridCell | undefined
  amounts: GridCell[]
}

/** Positions of label, row number and measures of each side, from the header. */
interface SummaryLayout {
  sides: { side: 'income' | 'expenditure'; label: number; rowNumber: number; measures: { measure: string; measureRaw: string; index: number }[] }[]
  width: number
}

function summaryLayout(context: TableContext, header: GridRow[]): SummaryLayout | undefined {
  // The header row that names the label column (`项目`) twice splits the two sides.
  const named = header.find((row) => row.cells.filter((cell) => /项目$/.test(headerKey(cell.text))).length >= 2)
  if (!named) return undefined
  const width = Math.max(named.cells.length, ...header.map((row) => row.cells.length))
  const labels = named.cells.flatMap((cell, index) => (/项目$/.test(headerKey(cell.text)) ? [index] : []))
  const sides: SummaryLayout['sides'] = []
  for (const [position, start] of labels.slice(0, 2).entries()) {
    const end = labels[position + 1] ?? width
    let rowNumber = -1
    const measures: SummaryLayout['sides'][number]['measures'] = []
    for (let index = start + 1; index < end; index++) {
      const text = header.map((row) => (row.cells.length === named.cells.length ? (row.cells[index]?.text ?? '') : '')).join('')
      const key = headerKey(text)
      if (/^行次$/.test(key)) rowNumber = index
      else {
        let measure = normalizeMeasure(context.tableId, key)
        if (measure && context.tableId === 'appropriation_summary' && position === 0) measure = 'amount'
        if (measure && !measures.some((entry) => entry.measure === measure)) measures.push({ measure, measureRaw: key, index })
      }
    }
    sides.push({ side: position === 0 ? 'income' : 'expenditure', label: start, rowNumber, measures })
  }
  return { sides, width: named.cells.length }
}

/**
 * The two-sided summary tables (收入支出决算总表, 财政拨款收入支出决算总表):
 * each row has an income label with its amount and an expenditure label with
 * its amount(s); a functional class printed by name gets its code.
 */
function normalizeSummaryTable(context: TableContext, header: GridRow[], data: GridRow[]): void {
  const layout = summaryLayout(context, header)
  if (!layout || layout.sides.length < 2) {
    context.doc.message(`Cannot find the two sides (项目 … 项目) in the header of \`${context.block.title}\``, {
      ruleId: 'unrecognised-header',
      place: context.block.titleSpan,
    })
    for (const row of data) unplaceRow(context, row, 'unrecognised-table-layout')
    return
  }
  let afterOpening = false
  for (const row of data) {
    const sides = splitSummaryRow(row, layout)
    for (const [position, side] of layout.sides.entries()) {
      const cells = sides[position]
      if (!cells) continue
      if (cells.rowNumber) unplace(context, cells.rowNumber, 'row-number')
      const present = cells.amounts.filter((cell) => cell.text)
      const labelText = cells.label?.text ?? ''
      let fields: Pick<Fact, 'line_item' | 'subject_system' | 'subject_code' | 'subject_name'> | undefined
      if (side.side === 'income') {
        let lineItem = normalizeLineItem(labelText, 'income')
        if (lineItem === 'opening_balance') afterOpening = true
        else if (afterOpening && /^(general_budget|government_fund|state_capital)_appropriation$/.test(lineItem ?? '')) {
          lineItem = `opening_balance_${(lineItem ?? '').replace(/_appropriation$/, '')}`
        }
        if (lineItem) fields = { line_item: lineItem, subject_system: '', subject_code: '', subject_name: '' }
      } else {
        const lineItem = normalizeLineItem(labelText, 'expenditure')
        if (lineItem) fields = { line_item: lineItem, subject_system: '', subject_code: '', subject_name: '' }
        else {
          const subject = labelText ? findSubjectByName(labelText, 'functional', 'class') : undefined
          if (subject) fields = { line_item: '', subject_system: 'functional', subject_code: subject.code, subject_name: subject.name }
        }
      }
      if (!fields) {
        if (present.length > 0) {
          const reason = labelText ? 'unrecognised-row' : 'unlabelled-row'
          context.doc.message(
            labelText
              ? `Unrecognised row label \`${labelText}\` in \`${context.block.title}\``
              : `Figures without a row label in \`${context.block.title}\``,
            { ruleId: reason, actual: labelText, ...(present[0]?.span ? { place: present[0].span } : {}) },
          )
          for (const cell of present) unplace(context, cell, reason)
        }
        continue
      }
      for (const [index, measure] of side.measures.entries()) {
        pushFact(context, cells.amounts[index], {
          ...fields,
          side: side.side,
          label_raw: labelText,
          measure: measure.measure,
          measure_raw: measure.measureRaw,
          row_number: cells.rowNumber?.text ?? '',
        })
      }
      for (const extra of cells.amounts.slice(side.measures.length)) if (extra.text) unplace(context, extra, 'unmapped-column')
    }
  }
}

/**
 * Cut a summary row into its sides: by the header's positions when the row
 * has the header's width, otherwise by reading label → row number → amounts.
 *
 * > | 	7		21	0.00	0.00	0.00	0.00
 *       ^ income row number, no label   ^^ expenditure row number, no label
 */
function splitSummaryRow(row: GridRow, layout: SummaryLayout): SideCells[] {
  const hasRowNumbers = layout.sides.some((side) => side.rowNumber >= 0)
  if (row.cells.length === layout.width) {
    return layout.sides.map((side) => ({
      label: row.cells[side.label],
      rowNumber: side.rowNumber >= 0 ? row.cells[side.rowNumber] : undefined,
      amounts: side.measures.map((measure) => row.cells[measure.index] ?? { text: '' }),
    }))
  }
  const result: SideCells[] = []
  let position = 0
  for (const side of layout.sides) {
    while (result.length > 0 && position < row.cells.length && !row.cells[position]?.text) position++
    const cells: SideCells = { label: undefined, rowNumber: undefined, amounts: [] }
    const first = row.cells[position]
    if (first && (isTextCell(first) || !first.text)) {
      cells.label = first
      position++
    }
    if (hasRowNumbers && /^\d+$/.test(row.cells[position]?.text ?? '')) {
      cells.rowNumber = row.cells[position]
      position++
    }
    for (let count = 0; count < side.measures.length && position < row.cells.length; count++) {
      const cell = row.cells[position]
      if (cell && isTextCell(cell)) break
      cells.amounts.push(cell ?? { text: '' })
      position++
    }
    result.push(cells)
  }
  return result
}

/**
 * The basic-expenditure table: code, name, amount triplets side by side
 * (economic codes 3xx, and the 5xx a 预算 prints beside them), and the
 * 人员经费合计 / 公用经费合计 rows.
 *
 * > | 30101	基本工资	86.83	30201	办公费	4.65	30701	国内债务付息
 *     ^^^^^ code → name → the amount right after it
 */
function normalizeEconomicTable(context: TableContext, data: GridRow[]): void {
  for (const row of data) {
    const cells = row.cells
    for (let index = 0; index < cells.length; index++) {
      const cell = cells[index]
      if (!cell?.text) continue
      if (/^[35]\d{2}(\d{2})?$/.test(cell.text)) {
        const nameCell = isTextCell(cells[index + 1]) ? cells[index + 1] : undefined
        const valueIndex = nameCell ? index + 2 : index + 1
        const valueCell = cells[valueIndex]
        const fields = subjectFields(context, cell, nameCell?.text ?? '')
        if (isAmountCell(valueCell)) {
          pushFact(context, valueCell, {
            ...fields,
            side: 'expenditure',
            line_item: '',
            label_raw: nameCell?.text ?? '',
            measure: 'amount',
            measure_raw: '决算数',
          })
        }
        index = valueIndex
        continue
      }
      const lineItem = isTextCell(cell) ? normalizeLineItem(cell.text, 'basic') : undefined
      if (lineItem) {
        // The figure of 人员经费合计 is the first amount after it, before the next label.
        let next = index + 1
        while (next < cells.length && !cells[next]?.text) next++
        const valueCell = cells[next]
        if (isAmountCell(valueCell)) {
          pushFact(context, valueCell, {
            side: 'expenditure',
            line_item: lineItem,
            subject_system: '',
            subject_code: '',
            subject_name: '',
            label_raw: cell.text,
            measure: 'amount',
            measure_raw: '决算数',
          })
          index = next
        }
        continue
      }
      if (isAmountCell(cell)) unplace(context, cell, 'unlabelled-row')
    }
  }
}

/**
 * The “三公” table: one row of twelve figures, budget and actual for six
 * items, either as two blocks (预算数 ×6, 决算数 ×6, the national template) or
 * as pairs (预算数 决算数 per item, as Shanghai prints it).
 */
function normalizeThreePublicTable(context: TableContext, header: GridRow[], data: GridRow[]): void {
  const pairRow = header.find((row) => {
    const keys = row.cells.map((cell) => headerKey(cell.text)).filter((key) => key === '预算数' || key === '决算数')
    return keys.length >= 4
  })
  const paired = Boolean(pairRow)
  const slots = THREE_PUBLIC_ITEMS.length * 2
  const measures: { measure: string; measureRaw: string }[] = []
  for (let slot = 0; slot < slots; slot++) {
    const item = paired ? THREE_PUBLIC_ITEMS[Math.floor(slot / 2)] : THREE_PUBLIC_ITEMS[slot % THREE_PUBLIC_ITEMS.length]
    const budget = paired ? slot % 2 === 0 : slot < THREE_PUBLIC_ITEMS.length
    if (!item) continue
    measures.push({
      measure: `${budget ? 'budget' : 'actual'}_${item}`,
      measureRaw: `${budget ? '预算数' : '决算数'}/${THREE_PUBLIC_ITEM_NAMES[item]}`,
    })
  }
  for (const row of data) {
    const cells = row.cells.length > slots ? row.cells.slice(row.cells.length - slots) : row.cells
    for (const cell of row.cells.slice(0, row.cells.length - cells.length)) if (isAmountCell(cell)) unplace(context, cell, 'unmapped-column')
    if (cells.length < slots) {
      context.doc.message(`Expected ${slots} cells in the “三公” row of \`${context.block.title}\`, found ${cells.length}`, {
        ruleId: 'unexpected-column-count',
        ...(row.cells.find((cell) => cell.span)?.span ? { place: row.cells.find((cell) => cell.span)?.span } : {}),
      } as Parameters<SourceDocument['message']>[1])
    }
    for (const [index, cell] of cells.entries()) {
      const measure = measures[index]
      if (!measure) continue
      pushFact(context, cell, {
        side: 'expenditure',
        line_item: '',
        subject_system: '',
        subject_code: '',
        subject_name: '',
        label_raw: '',
        measure: measure.measure,
        measure_raw: measure.measureRaw,
      })
    }
  }
}

