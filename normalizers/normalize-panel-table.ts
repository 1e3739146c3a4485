/**
 * Any gridded table into facts, from its own header and columns: the 预算
 * family (whose templates vary by region and year) and every table that is
 * not one of the nine (项目支出, 政府采购, 机关运行经费, 绩效 …). Columns are
 * told apart by what they hold (codes, names, amounts) and what their header
 * says; a table may print several panels side by side, each its own labels
 * and figures:
 *
 * > | 一、财政拨款   9,066.79 一、一般公共服务支出   6,543.55 一、基本支出   5,916.27
 *     ^^^^^^^^^^ label ^^^^ figure ^^^^^^^^^^^^^ label ^^^^ figure  ^^^^^ label ^^^^ figure
 *
 * Every figure keeps its column's header path (`column_label`) and its row's
 * label as printed; a code printed on the row (whole, split into 类/款/项
 * columns, or glued to the name as `[2010301]行政运行`) becomes its
 * `subject_code`.
 */
import type { ColumnChoiceFact, SourceDocument } from '../core/document.ts'
import type { ColumnChoice, Fact, GridCell, GridRow, TableBlock } from '../core/types.ts'
import { OTHER_TABLE, type TableId } from '../core/registry.ts'
import { compactText } from '../core/text.ts'
import { isTotalLabel, labelKey, normalizeLineItem } from './normalize-line-item.ts'
import { headerKey, normalizeMeasure } from './normalize-measure.ts'
import { findSubjectByName } from './normalize-subject.ts'
import { resolveUnit } from './normalize-unit.ts'
import { isMoneyUnit, parseNumber, toYuan, ZERO_MARKERS } from './parse-amount.ts'
import {
  CODE,
  headerPath,
  isAmountCell,
  pushFact,
  splitHeader,
  subjectFields,
  unplace,
  unplaceRow,
  type RowFact,
  type TableContext,
} from './normalize-table.ts'

/** What a column holds. */
type ColumnRole = 'code' | 'label' | 'number' | 'value' | 'attribute' | 'empty'

/** One panel: the label columns of a row and the figure columns after them. */
interface Panel {
  codes: number[]
  labels: number[]
  /**
   * Code and name columns of a second classification printed beside the
   * first (部门预算支出经济分类 302 and 政府预算支出经济分类 505 on one row):
   * their codes are subjects too, the figures belong to the first.
   */
  secondary: { codes: number[]; labels: number[] }[]
  numbers: number[]
  values: number[]
  side: Fact['side']
  /** The column printing each row's unit (`计量单位`: 个, %, 万元), for figures that are not money in the table's unit. */
  unitColumn?: number
}

const CODE_HEADER = /编码|代码|^科目$|^类$|^款$|^项$/
const NUMBER_HEADER = /^(栏次|行次|序号)$/
const LABEL_HEADER = /名称|项目|^科目$|单位$|内容|用途/
/** A column of words that qualify the row's figures (`计量单位` 座, `指标性质` ≥, `是否核心` 是): read with the row's name, it starts no panel. */
const ATTRIBUTE_HEADER = /^(计量单位|指标性质|是否.*|采购方式|采购组织形式|组织形式)$/
const UNIT_HEADER = /^计量单位$/
/** A column of a table outside the nine whose figures are no money: an indicator's value, a weight, a share. */
const QUANTITY_HEADER = /指标值|权重|分值|[%％]/
/** A code glued to its name: `[2010301]行政运行`, `2010301 行政运行`, `301 工资福利支出`. */
const GLUED_CODE = /^[[【(（]?([1-9]\d{2}(?:\d{2}){0,2})[\]】)）]?\s*([^\s\d].*)$/

/**
 * Turn a table into facts by reading its columns: each figure becomes a fact
 * of `tableId` (one of the nine, or `other`) with its row label, its code
 * where the row prints one, and its column's header path.
 */
export function normalizePanelTable(doc: SourceDocument, block: TableBlock, tableId: TableId | typeof OTHER_TABLE): void {
  const context: TableContext = { doc, block, tableId, unit: resolveUnit(doc, block) }
  const { header, data } = splitHeader(context)
  const width = Math.max(0, ...header.map((row) => row.cells.length), ...data.map((row) => row.cells.length))
  const labels = Array.from({ length: width }, (_, index) => block.columnLabels?.[index] || headerPath(header, index))
  const roles = labels.map((label, index) => columnRole(label, data, index, tableId === 'three_public_expenses' && Boolean(measureOf(context, label))))
  headerOverCentredLabels(context, labels, roles, data)
  const panels = splitPanels(roles, labels, tableId)
  if (panels.length === 0) {
    for (const row of data) unplaceRow(context, row, 'unrecognised-table-layout')
    return
  }
  // A 款 row may leave its 类 cell blank: the codes above it carry on.
  const carried = panels.map((panel) => [[] as string[], ...panel.secondary.map(() => [] as string[])])
  // Cells in no panel (a figure left of every label) are figures without a label.
  const inPanels = new Set(panels.flatMap((panel) => [...panel.codes, ...panel.labels, ...panel.secondary.flatMap((group) => [...group.codes, ...group.labels]), ...panel.numbers, ...panel.values]))
  // What a value column means depends on its header alone: read once per table, not once per row.
  const columns: (ValueColumn | undefined)[] = []
  const overrides = structuralTotals(context, labels, panels)
  const valueColumn = (index: number): ValueColumn => {
    let column = columns[index]
    if (!column) {
      const label = labels[index] ?? ''
      const structural = overrides.get(index)
      column = { label, key: headerKey(label.replace(/\//g, '')), measure: structural ?? measureOf(context, label), ...(structural ? { structural: true } : {}) }
      columns[index] = column
    }
    return column
  }
  if (tableId === 'three_public_expenses') {
    for (const panel of panels) {
      const measures = fundTripleMeasures(panel.values.map((index) => labels[index] ?? ''))
      for (const [position, index] of panel.values.entries()) valueColumn(index).measure = measures?.[position] ?? valueColumn(index).measure
    }
  }
  for (const panel of panels) {
    // Every column between the panel's first and last figures, header-only ones included: they keep the runs aligned.
    const first = panel.values[0] ?? 0
    const last = panel.values.at(-1) ?? first
    const span = roles.flatMap((role, index) => (index >= first && index <= last && (role === 'value' || role === 'empty') ? [index] : []))
    const runs = yearRunMeasures(span.map((index) => ({ measure: valueColumn(index).measure, earlier: saysEarlierYear(context, labels[index] ?? '') })))
    for (const [index, measure] of runs.entries()) valueColumn(span[index] as number).measure = measure
  }
  for (const panel of panels) {
    // A bare 小计 right of the column that already holds its measure totals a group whose name stands over
    // another column: which total it is, its place does not say — unless that column is one of its `其中` parts.
    const taken = new Set<string>()
    for (const [position, index] of panel.values.entries()) {
      const column = valueColumn(index)
      if (column.measure && taken.has(column.measure) && GENERIC_TOTAL.test(headerKey(column.label))) {
        const next = panel.values[position + 1]
        column.measure = groupOfParts(context, next === undefined ? '' : valueColumn(next).label, taken)
      }
      if (column.measure) taken.add(column.measure)
    }
  }
  if (tableId === 'income_by_function') {
    for (const panel of panels) {
      // Each rule names only what the ones before it left: the 小计's sum, the funds and sources the 收支总表 prints, then any column that adds up to one of its lines.
      const named = fundsAfterSubtotal(panel, data, valueColumn)
      fundsFromSummary(context, panel, data, valueColumn, named)
      sourcesFromSummary(context, panel, data, valueColumn, named)
      columnsFromSummary(context, panel, data, valueColumn, named)
    }
  }
  const afterBalance = new Set<Fact['side']>()
  for (const row of data) {
    for (const [position, panel] of panels.entries()) {
      readPanelRow(context, row, panel, { valueColumn, carried: carried[position] as string[][], afterBalance, spanning: spanningName(context, row, panels, position) })
    }
    for (const [index, cell] of row.cells.entries()) if (!inPanels.has(index) && isAmountCell(cell)) unplace(context, cell, 'unmapped-column')
  }
}

/** The group a table's column parts belong to: a total printed just before them is that group's (`基本支出/小计` before 人员经费). */
const SUBTOTAL_OF: Partial<Record<string, Record<string, string>>> = {
  three_public_expenses: { budget_vehicle_purchase: 'budget_vehicles_total', budget_vehicle_operation: 'budget_vehicles_total' },
  expenditure_by_function: { basic_personnel: 'basic', basic_public: 'basic' },
  general_budget_expenditure: { basic_personnel: 'basic', basic_public: 'basic' },
}

/** A header that is only a total, `合计` or `总计`, naming no fund or item above it. */
const BARE_TOTAL = /^(合计|总计)$/

/**
 * The total columns of a table whose header alone does not say what they
 * total. A second total printed just before the parts of a group is the
 * group's: a “三公” `小计` before 购置费 / 运行维护费 is the vehicles'
 * subtotal, a `小计` before 人员经费 / 公用经费 is 基本支出 (重庆, its band
 * `基本支出` centred over the middle column). A bare `合计`
 * left of the “三公” items' own total, in a table that prints 会议费 or
 * 培训费 columns (江苏's “三公”经费、会议费、培训费支出预算表), totals all of them.
 *
 * > | 合计  |        “三公”经费        | 会议费 | 培训费
 * > |       | 小计 | 因公出国（境）费 … |        |
 * > | 1,471.70 508.20 70.00 …           933.50   30.00
 *     ^^^^^^^^ budget_grand_total ^^^^^^ budget_total
 */
function structuralTotals(context: TableContext, labels: readonly string[], panels: readonly Panel[]): Map<number, string> {
  const overrides = new Map<number, string>()
  const subtotals = SUBTOTAL_OF[context.tableId]
  if (!subtotals) return overrides
  const values = panels.flatMap((panel) => panel.values)
  const measures = values.map((index) => measureOf(context, labels[index] ?? ''))
  const total = context.tableId === 'three_public_expenses' ? 'budget_total' : 'total'
  for (const [position, measure] of measures.entries()) {
    const group = subtotals[measures[position + 1] ?? '']
    // A second total just before the parts of a group: the group's own, whatever band its header wrapped under.
    if (group && measure === total && measures.slice(0, position).includes(total)) {
      overrides.set(values[position] as number, group)
      measures[position] = group
    }
  }
  if (context.tableId !== 'three_public_expenses' || !measures.some((measure) => measure === 'budget_meeting' || measure === 'budget_training')) return overrides
  const totals = values.filter((_, position) => measures[position] === 'budget_total')
  const first = totals[0]
  if (first === undefined || totals.length < 2 || first !== values[0]) return overrides
  // Only the innermost level counts: a table number printed above it (`公开表九/合计`) names nothing; a `“三公”经费/合计` is the items' own.
  const levels = (labels[first] ?? '').split('/').map((level) => headerKey(level)).filter(Boolean)
  if (BARE_TOTAL.test(levels.at(-1) ?? '') && !levels.some((level) => /三公/.test(level))) overrides.set(first, 'budget_grand_total')
  return overrides
}

/**
 * A side's total rows may print their label centred over the merged cells
 * of the side's panels (江苏's three-panel 收支总表): the labels then form a
 * column of their own inside the middle panel's figures, which takes the
 * figures' `金额` header, and the figures are left under the side's band
 * alone. A names column whose header only says “the amount”, beside a
 * figures column whose header names no measure and on other rows than its
 * figures, gives that header back to the figures.
 *
 * > |   功能科目名称       金额           项目名称       金额
 * > |   一、一般公共服务支出   6,543.55 一、基本支出   5,916.27
 * > |             当年支出小计                   9,146.79
 *                 ^^^^^^^^^^ took 金额 from 6,543.55's column
 */
function headerOverCentredLabels(context: TableContext, labels: string[], roles: ColumnRole[], data: readonly GridRow[]): void {
  for (let index = 0; index + 1 < roles.length; index++) {
    const own = labels[index] ?? ''
    const next = labels[index + 1] ?? ''
    if (roles[index] !== 'label' || roles[index + 1] !== 'value') continue
    if (!AMOUNT_COLUMN.test(headerKey(own.split('/').at(-1) ?? '')) || AMOUNT_COLUMN.test(headerKey(next.split('/').at(-1) ?? '')) || measureOf(context, next)) continue
    if (data.some((row) => row.cells[index]?.text && row.cells[index + 1]?.text)) continue
    // The band over the figures (`支出`) spans the side, not this column: the figures' header is the one the names took.
    labels[index + 1] = own
    labels[index] = ''
  }
}

/**
 * The name of a side's total row centred over the merged cells of its
 * panels: printed in a panel with no figure on the row, while the next panel
 * of the same side prints the total's figure with no name (`当年支出小计` …
 * `9,146.79` above). Only a summary item or a total names across panels.
 */
function spanningName(context: TableContext, row: GridRow, panels: readonly Panel[], position: number): string | undefined {
  const panel = panels[position]
  const before = panels[position - 1]
  if (!panel || !before || before.side !== panel.side) return undefined
  const printed = (columns: readonly number[]): boolean => columns.some((index) => Boolean(row.cells[index]?.text))
  if (printed(panel.labels) || printed(panel.codes) || !printed(panel.values)) return undefined
  if (printed(before.values) || printed(before.codes)) return undefined
  const name = before.labels.map((index) => row.cells[index]?.text ?? '').filter(Boolean).join(' ')
  return name && rowLineItem(context.tableId, panel.side, name) ? name : undefined
}

/** The role of a column, from its header and the cells it holds (`item`: its header names a “三公” item). */
function columnRole(label: string, data: GridRow[], index: number, item: boolean): ColumnRole {
  const key = compactText(label.split('/').at(-1) ?? '')
  if (NUMBER_HEADER.test(key)) return 'number'
  if (CODE_HEADER.test(key)) return 'code'
  let amounts = 0
  let codes = 0
  let texts = 0
  for (const row of data) {
    const cell = row.cells[index]
    if (!cell?.text) continue
    if (CODE.test(cell.text) || /^\d{2}$/.test(cell.text)) codes++
    else if (isAmountCell(cell)) amounts++
    else texts++
  }
  // A column no data row uses (a gap the header or a marker row opened) belongs to no panel.
  if (amounts + codes + texts === 0) return 'empty'
  if (ATTRIBUTE_HEADER.test(key) && amounts === 0) return 'attribute'
  if (LABEL_HEADER.test(key) && texts >= amounts) return 'label'
  // Under a “三公” item's header a whole number is its amount (`80`, `237` 万元), not a code: the table has no codes.
  if (item && codes + amounts > 0 && codes + amounts >= texts) return 'value'
  // Two-digit numbers under a header naming a quantity (`指标值` 27, `指标权重(%)` 20) are its figures, not 款 codes.
  if (codes > 0 && codes >= amounts && codes >= texts && !/[金额数计值重率%]/.test(key)) return 'code'
  if (amounts > 0 && amounts >= texts) return 'value'
  return 'label'
}

/**
 * Cut the columns into panels: a panel starts at a code or label column that
 * follows a figure column. The side of a panel is what its header says
 * (`收入`, `支出`), else what the table is.
 */
function splitPanels(roles: ColumnRole[], labels: string[], tableId: string): Panel[] {
  const panels: Panel[] = []
  let current: Panel | undefined
  for (const [index, role] of roles.entries()) {
    if (role === 'empty') continue
    if (role === 'attribute' && current) {
      // Its words stay with the row's name, and the figures after it stay in the panel.
      current.labels.push(index)
      if (UNIT_HEADER.test(compactText(labels[index]?.split('/').at(-1) ?? ''))) current.unitColumn = index
      continue
    }
    if (role === 'value') {
      // Figures before any label column: a table with no row names (a “三公” table of one row).
      if (!current) {
        current = { codes: [], labels: [], secondary: [], numbers: [], values: [], side: '' }
        panels.push(current)
      }
      current.values.push(index)
      continue
    }
    if (!current || current.values.length > 0) {
      current = { codes: [], labels: [], secondary: [], numbers: [], values: [], side: '' }
      panels.push(current)
    }
    const second = current.secondary.at(-1)
    if (role === 'number') current.numbers.push(index)
    else if (role === 'code' && (second ? second.labels.length > 0 : current.codes.length > 0 && current.labels.length > 0)) current.secondary.push({ codes: [index], labels: [] })
    else if (second) (role === 'code' ? second.codes : second.labels).push(index)
    else (role === 'code' ? current.codes : current.labels).push(index)
  }
  const withValues = panels.filter((panel) => panel.values.length > 0)
  for (const [position, panel] of withValues.entries()) panel.side = panelSide(labels, panel, tableId, position, withValues.length)
  return withValues
}

function panelSide(labels: string[], panel: Panel, tableId: string, position: number, count: number): Fact['side'] {
  const heading = compactText(labels[panel.values[0] as number] ?? '')
  if (/^收入/.test(heading)) return 'income'
  if (/^支出/.test(heading)) return 'expenditure'
  if (tableId === 'income_by_function') return 'income'
  if (/summary$/.test(tableId) && count >= 2) return position === 0 ? 'income' : 'expenditure'
  if (tableId === OTHER_TABLE) return ''
  return 'expenditure'
}

/** A value column's header path, its key and the measure it names (`''` when none). */
interface ValueColumn {
  label: string
  key: string
  measure: string
  /** The measure comes from the table's structure (a “三公” table's 小计 before 购置费), not the header alone: a row's name does not change it. */
  structural?: boolean
}

/** The facts of one panel of one row. */
/** What reading a row needs besides the row and its panel. */
interface RowReading {
  valueColumn: (index: number) => ValueColumn
  /** The codes of the rows above, for a 款 row whose 类 cell is blank (one list per code group of the panel). */
  carried: string[][]
  /** The sides whose carry-over row (`上年结转`, `结转下年`) has been read: the rows below it are its parts or include it. */
  afterBalance: Set<Fact['side']>
  /** A total's name printed in the panel before, centred over both (see `spanningName`). */
  spanning: string | undefined
}

function readPanelRow(context: TableContext, row: GridRow, panel: Panel, { valueColumn, carried, afterBalance, spanning }: RowReading): void {
  for (const [position, group] of panel.secondary.entries()) readSecondaryCode(context, row, group, carried[position + 1] as string[])
  const values = panel.values.map((index) => row.cells[index])
  const present = values.filter((cell): cell is GridCell => Boolean(cell?.text))
  for (const index of panel.numbers) {
    const cell = row.cells[index]
    if (cell?.text) unplace(context, cell, 'row-number')
  }
  const code = rowCode(context, row, panel.codes, carried[0] as string[])
  const nameCells = panel.labels.map((index) => row.cells[index]).filter((cell): cell is GridCell => Boolean(cell?.text))
  let name = nameCells.map((cell) => cell.text).join(' ') || (code ? '' : (spanning ?? ''))
  let codeCell = code
  if (!codeCell) {
    // `[2010301]行政运行` or `2010301 行政运行` in the name cell.
    const glued = nameCells[0] ? GLUED_CODE.exec(nameCells[0].text) : null
    const first = nameCells[0]
    if (glued && first) {
      codeCell = { text: glued[1] ?? '' }
      name = glued[2] ?? ''
      const span = first.span
      const offset = first.text.indexOf(codeCell.text)
      if (span && span.line === span.endLine && offset >= 0) {
        const column = span.column + Array.from(first.text.slice(0, offset)).length
        codeCell.span = { line: span.line, column, endLine: span.line, endColumn: column + codeCell.text.length }
        unplace(context, codeCell, 'subject-code')
      }
    }
  }
  for (const cell of nameCells) if (isAmountCell(cell) && !codeCell) unplace(context, cell, 'unmapped-column')
  if (present.length === 0) {
    // A carry-over row printed blank still says that the totals below it include the carry-over.
    if (!codeCell && name) balancePart(afterBalance, panel.side, rowLineItem(context.tableId, panel.side, name) ?? '')
    return
  }
  let fields: Omit<RowFact, 'side' | 'measure' | 'measure_raw'>
  if (codeCell) {
    fields = { line_item: '', label_raw: name, ...subjectFields(context, codeCell, name) }
  } else if (name && rowLineItem(context.tableId, panel.side, name)) {
    fields = { line_item: balancePart(afterBalance, panel.side, rowLineItem(context.tableId, panel.side, name) ?? ''), subject_system: '', subject_code: '', subject_name: '', label_raw: name }
  } else if (name) {
    const subject = findSubjectByName(name, 'functional', 'class')
    fields = subject
      ? { line_item: '', label_raw: name, subject_system: subject.system, subject_code: subject.code, subject_name: subject.name }
      : { line_item: '', label_raw: name, subject_system: '', subject_code: '', subject_name: '' }
  } else if (panel.labels.length === 0 && panel.codes.length === 0) {
    // A table without a label column: its rows are what the table is (the one row of a “三公” table).
    fields = { line_item: '', subject_system: '', subject_code: '', subject_name: '', label_raw: '' }
  } else {
    context.doc.message(`Figures without a row label in \`${context.block.title}\``, {
      ruleId: 'unlabelled-row',
      ...(present[0]?.span ? { place: present[0].span } : {}),
    })
    for (const cell of present) unplace(context, cell, 'unlabelled-row')
    return
  }
  const inColumn = (index: number) => {
    const column = valueColumn(index)
    return {
      side: panel.side,
      // A measure the table's structure gives, or a “三公” item's, is not the row's to change (a row called 合计); its year is.
      measure: (column.structural || threePublicItem(context, column.measure) ? undefined : rowItemMeasure(context, column.label, name)) ?? rowYearMeasure(context, name, column.measure || itemMeasure(context, name)),
      measure_raw: column.key,
      column_label: column.label,
    }
  }
  for (const [position, index] of panel.values.entries()) {
    const cell = values[position]
    if (!cell?.text) continue
    const unit = quantityUnit(context, row, panel, valueColumn(index).label)
    if (unit === null) {
      unplace(context, cell, 'indicator')
      continue
    }
    const fact = pushFact(context, cell, { ...(unit ? { unit } : {}), ...fields, ...inColumn(index) })
    if (fact && cell.choice) noteChoice(context, fact, cell.choice, panel.values.filter((other) => cell.choice?.columns.includes(other)).map(inColumn))
  }
}

/**
 * Keep what a figure placed by order only would be in each figure column of
 * its panel it may stand in, for the `chooseColumns` stage to decide by the
 * table's sums; one column possible is no choice.
 */
function noteChoice(context: TableContext, fact: Fact, choice: ColumnChoice, others: ColumnChoiceFact['options']): void {
  const options = [{ side: fact.side, measure: fact.measure, measure_raw: fact.measure_raw, column_label: fact.column_label }, ...others.filter((option) => option.column_label !== fact.column_label)]
  if (options.length < 2) return
  const group = context.doc.data.columnChoices.get(choice.group) ?? []
  group.push({ fact, options })
  context.doc.data.columnChoices.set(choice.group, group)
}

/**
 * The unit of a figure that is not money in the table's unit (a table
 * outside the nine: 绩效 indicators): `%` when its header says so
 * (`指标权重(%)`), else what the row prints under `计量单位`. Undefined for
 * a money figure, null for a quantity whose unit nobody printed (listed as
 * an indicator, never read in a unit).
 *
 * > | 指标名称         指标性质  指标值  计量单位  指标权重(%)
 * > | 建成15分钟商业服务圈    ≥      63      个       10
 *                                ^^ count 个        ^^ percent
 */
function quantityUnit(context: TableContext, row: GridRow, panel: Panel, label: string): RowFact['unit'] | null | undefined {
  if (context.tableId !== OTHER_TABLE) return undefined
  const header = compactText(label.split('/').at(-1) ?? '')
  if (!QUANTITY_HEADER.test(header)) return undefined
  if (/[%％]/.test(header)) return { unit: 'percent', raw: '%' }
  const printed = compactText(panel.unitColumn === undefined ? '' : (row.cells[panel.unitColumn]?.text ?? ''))
  if (!printed) return null
  if (/^[%％]$/.test(printed)) return { unit: 'percent', raw: printed }
  if (isMoneyUnit(printed)) return { unit: printed, raw: printed }
  // Money in another currency (`亿美元`) is no count, and no CNY either.
  if (/元/.test(printed)) return null
  return { unit: 'count', raw: printed }
}

/**
 * The measure a column holds, from its header path: the most specific level
 * that names one (`基本支出/人员经费` → `basic_personnel`), else the whole
 * path; `prior_` before it for the previous year's column (`上年预算数`,
 * `2025年预算数` in a 2026 document) and `change` for a difference
 * (`增减`). Tables outside the nine have no measures: their `column_label`
 * says what the column is.
 */
function measureOf(context: TableContext, label: string): string {
  if (context.tableId === OTHER_TABLE) return ''
  const levels = label.split('/').map((level) => headerKey(level)).filter(Boolean)
  const whole = levels.join('')
  if (/增减|增长|变动|比上年/.test(whole)) return 'change'
  const base = carryOverMeasure(context.tableId, levels) ?? levelMeasure(context.tableId, levels) ?? normalizeMeasure(context.tableId, whole) ?? ''
  return saysEarlierYear(context, label) && base ? `prior_${base}` : base
}

/** What a carry-over group's columns may be besides its total: the fund each column names. */
const CARRY_OVER_PARTS: readonly string[] = ['general_budget', 'government_fund', 'state_capital', 'fiscal_special_account']

/**
 * The measure of a column under a carry-over group (`上年结转结余` over
 * `小计 一般公共预算 … 单位资金`): its total is the carry-over
 * (`opening_balance`), a fund under it that fund's carry-over
 * (`opening_balance_general_budget`), as a summary's rows under 上年结转
 * read; any other column under it names no measure (which part of the
 * carry-over `单位资金` is, no measure says), never the group's total.
 * Undefined for a column under no carry-over group.
 *
 * > |                      上年结转结余
 * > |   小计      一般公共预算    …    单位资金
 *       ^ opening_balance ^ opening_balance_general_budget ^ ''
 */
function carryOverMeasure(tableId: string, levels: readonly string[]): string | undefined {
  if (levels.length < 2 || !levels.slice(0, -1).some((level) => normalizeMeasure(tableId, level) === 'opening_balance')) return undefined
  const innermost = levels.at(-1) ?? ''
  if (GENERIC_TOTAL.test(innermost)) return 'opening_balance'
  const part = normalizeMeasure(tableId, innermost)
  if (part === 'opening_balance') return part
  return part && CARRY_OVER_PARTS.includes(part) ? `opening_balance_${part}` : ''
}

/** Whether a column's header path names the year before the document's (`上年预算数`, `2025年预算数` in a 2026 document). */
function saysEarlierYear(context: TableContext, label: string): boolean {
  const whole = label.split('/').map((level) => headerKey(level)).join('')
  const year = context.doc.metadata.fiscalYear
  return /上年(预算|决算|执行)?数|上年预算/.test(whole) || (year !== null && new RegExp(`${year - 1}年(度)?(预算|决算|执行)`).test(whole))
}

/**
 * Columns that repeat one sequence of measures once per year (2025年预算数 |
 * 2026年预算数, each over 合计 因公出国 小计 … 公务接待费): the year heads its
 * whole run, though its header cell stands over one column of it. A run
 * where some column's header says the year before is the year before
 * throughout, when another run is not. Returns the measures, changed or not.
 *
 * > |                2025年预算数                            2026年预算数
 * > |  合计 （境）经费   小计  …  公务接待费    合计 （境）经费   小计  …  公务接待费
 * > |    268.09        259.33     8.76       211.18        206.42     4.76
 *          ^^^^^^ prior_budget_total, though 2025年预算数 was read over 小计 only
 */
export function yearRunMeasures(columns: { measure: string; earlier: boolean }[]): string[] {
  const base = (measure: string) => measure.replace(/^prior_/, '')
  const measures = columns.map((column) => column.measure)
  if (measures.some((measure) => measure === 'change')) return measures
  for (let runs = 2; runs <= measures.length / 2; runs++) {
    if (measures.length % runs !== 0) continue
    const size = measures.length / runs
    const chunks = Array.from({ length: runs }, (_, run) => measures.slice(run * size, (run + 1) * size))
    const pattern = (chunks[0] as string[]).map(base)
    const named = pattern.filter(Boolean)
    if (new Set(named).size < 2) continue
    if (!chunks.every((chunk) => chunk.every((measure, index) => base(measure) === pattern[index]))) continue
    // A run is the year before where a column of it says so, measure or not (`2025年预算数` over an empty 小计).
    const prior = Array.from({ length: runs }, (_, run) => columns.slice(run * size, (run + 1) * size).some((column) => column.earlier))
    // One run at least is of the document's own year, else the runs are not told apart by year.
    if (prior.every(Boolean) || !prior.some(Boolean)) return measures
    return chunks.flatMap((chunk, run) => chunk.map((measure) => (prior[run] && measure && !measure.startsWith('prior_') ? `prior_${measure}` : measure)))
  }
  return measures
}

/** A “三公” measure naming an item other than the total (any fund). */
const THREE_PUBLIC_PART = /_(?:overseas_travel|vehicles_total|vehicle_purchase|vehicle_operation|official_reception)(?:_general_budget|_government_fund|_state_capital)?$/

/** Whether a column names a “三公” item other than the total (`公务用车购置及运行费/小计`): a row called 合计 does not make it the total. */
function threePublicItem(context: TableContext, measure: string): boolean {
  return context.tableId === 'three_public_expenses' && THREE_PUBLIC_PART.test(measure)
}

/**
 * The measure of the group a bare 小计 totals when the column after it is
 * the first of its parts, the group's name printed over that part: a
 * `其中` column (`2026年政府采购项目/其中：…中小企业…` after `小计`:
 * `procurement`) or a known part of the group (`财政拨款收入/一般公共预算`:
 * `fiscal_appropriation`); '' when the next column is no such part, or the
 * group's measure is taken already.
 *
 * > |            小计    2026年政府采购项目
 * > |                    其中：…预留给中小企业的…   其中：…预留给小型、微型企业的…
 */
function groupOfParts(context: TableContext, nextLabel: string, taken: ReadonlySet<string>): string {
  const levels = nextLabel.split('/')
  if (levels.length < 2) return ''
  const measure = measureOf(context, levels[0] ?? '')
  if (!measure || taken.has(measure)) return ''
  const part = measureOf(context, levels.slice(1).join('/'))
  return /^其中/.test(headerKey(levels.at(-1) ?? '')) || GROUP_PARTS[measure]?.includes(part) ? measure : ''
}


/**
 * The fund columns after a 财政拨款 小计, told by the table's own sums where
 * its header cannot tell them: fund headers squeezed one blank apart
 * (`一般公共预 政府性基金 国有资本经`) hang over the wrong figures, one column
 * off. When on every row the 小计 equals the next n columns' figures (n = 3,
 * else 2), those columns are the first n funds in order, and a column after
 * them that the header gave a fund's measure loses it (which it is, its place
 * does not say). Where both n fit (the third column blank or 0 on every row),
 * only two are named, and the third keeps a measure only if it is no fund's.
 * Nothing changes where no n fits.
 *
 * > |  合   计   45,967.29   45,832.29   41,966.15   3,806.19   59.95   75.00   60.00
 *                            ^ 小计 = 41,966.15 + 3,806.19 + 59.95: 一般公共, 政府性基金, 国有资本
 */
function fundsAfterSubtotal(panel: Panel, data: readonly GridRow[], valueColumn: (index: number) => ValueColumn): Set<number> {
  const named = new Set<number>()
  const start = panel.values.findIndex((index) => valueColumn(index).measure === 'fiscal_appropriation')
  if (start < 0) return named
  const after = panel.values.slice(start + 1)
  const subtotal = panel.values[start] as number
  const rows = data.filter((row) => Boolean(row.cells[subtotal]?.text.trim()))
  const fits = (count: number): boolean =>
    count <= after.length && rows.some((row) => (scaledAmount(row.cells[subtotal]?.text)?.value ?? 0n) !== 0n) && rowsAddUp(rows, subtotal, after.slice(0, count))
  const [three, two] = [fits(3), fits(2)]
  if (!three && !two) return named
  const count = two ? 2 : 3
  for (const [position, index] of after.entries()) {
    const column = valueColumn(index)
    // A column the header left unnamed stays so: its figures may come from two columns the page printed apart.
    if (position < count) {
      column.measure = column.measure ? (FUNDS[position] as string) : ''
      named.add(index)
    } else if (FUNDS.includes(column.measure)) column.measure = ''
  }
  return named
}


/** The funds of 财政拨款, in the order of the national template, by how a 收支总表 line names them (`一般公共预算收入`). */
const FUND_LINES: readonly [string, string][] = [
  ['general_budget', '一般公共预算'],
  ['government_fund', '政府性基金'],
  ['state_capital', '国有资本经营'],
]

/** A figure of a row in yuan (blank is 0), undefined when it is no number. */
function yuanOf(row: GridRow, index: number, unit: string): string | undefined {
  const text = row.cells[index]?.text.trim() ?? ''
  if (!text || ZERO_MARKERS.has(text)) return '0'
  const number = parseNumber(text)
  return number ? toYuan(number, unit) : undefined
}

/** Whether on every row the figure in `total` is exactly the sum of those in `parts`, as printed (blanks are 0). */
function rowsAddUp(rows: readonly GridRow[], total: number, parts: readonly number[]): boolean {
  return rows.every((row) => {
    const whole = scaledAmount(row.cells[total]?.text)
    const amounts = parts.map((index) => scaledAmount(row.cells[index]?.text))
    return whole !== undefined && amounts.every((part) => part !== undefined) && amounts.reduce<bigint>((sum, part) => sum + (part?.value ?? 0n), 0n) === whole.value
  })
}

/**
 * The fund columns after a 财政拨款 小计 named by the 收支总表 printed before
 * the table, where the squeezed fund header (`一般公共预 政府性基金 国有资本经`
 * over fewer columns of figures) cannot say which funds they are: the funds
 * the 收支总表 prints with a figure, in the template's order, are the first
 * columns after 小计 when their 合计 figures are those figures, in that
 * order, and on every row 小计 is the sum of those columns (the funds printed
 * are all there are). A column after them that had a fund's measure loses
 * it; a column the header left unnamed stays unnamed unless it adds up on its own (groups of figures a later
 * page placed in it by choice may be left out: `chooseColumns` decides them). Nothing changes otherwise (no 收支总表 read, a fund printed twice, the
 * figures or sums do not match).
 *
 * > |  一般公共预算收入     11,046.30       合   计  11,174.30  11,170.30  11,046.30  124.00   4.00
 * > |  政府性基金预算收入                                                 ^ general_budget ^ state_capital
 * > |  国有资本经营预算收入     124.00
 */
function fundsFromSummary(context: TableContext, panel: Panel, data: readonly GridRow[], valueColumn: (index: number) => ValueColumn, named: Set<number>): void {
  const unit = context.unit.unit
  if (unit === undefined) return
  const start = panel.values.findIndex((index) => valueColumn(index).measure === 'fiscal_appropriation')
  if (start < 0) return
  const subtotal = panel.values[start] as number
  const after = panel.values.slice(start + 1)
  const lines = context.doc.facts.filter((fact) => fact.origin === 'table' && fact.table_id === 'income_expenditure_summary' && fact.side === 'income')
  const funds: { measure: string; value: string }[] = []
  for (const [measure, name] of FUND_LINES) {
    const values = new Set(lines.filter((fact) => labelKey(fact.label_raw).startsWith(name)).map((fact) => fact.value))
    if (values.size > 1) return
    const value = [...values][0]
    if (value !== undefined && /[1-9]/.test(value)) funds.push({ measure, value })
  }
  if (funds.length === 0 || funds.length > after.length) return
  const totalRow = data.find((row) => panel.labels.some((index) => isTotalLabel(row.cells[index]?.text ?? '')))
  if (!totalRow) return
  const columns = after.slice(0, funds.length)
  if (!columns.every((index, position) => yuanOf(totalRow, index, unit) === funds[position]?.value)) return
  if (!rowsAddUp(data.filter((row) => Boolean(row.cells[subtotal]?.text.trim())), subtotal, columns)) return
  for (const [position, index] of after.entries()) {
    const column = valueColumn(index)
    // A column the header left unnamed stays so (as in fundsAfterSubtotal): a later page may have put figures of two columns in it,
    // unless it adds up on its own, some groups of figures its page placed in it by choice left out (`chooseColumns` decides them).
    if (position < funds.length) {
      column.measure = column.measure || columnAddsUp(data, panel, index, totalRow) ? (funds[position] as { measure: string }).measure : ''
      named.add(index)
    } else if (FUND_LINES.some(([measure]) => measure === column.measure)) column.measure = ''
  }
}

/** Income sources a 收入总表 column and a 收支总表 line share, by their names as printed. */
const SOURCE_NAMES: readonly [string, string][] = [
  ['fiscal_special_account', '财政专户管理资金收入'],
  ['business_income', '事业收入'],
  ['operating_income', '事业单位经营收入'],
  ['superior_subsidy', '上级补助收入'],
  ['affiliated_remittance', '附属单位上缴收入'],
  ['other_income', '其他收入'],
]

/** How many leading characters of a source's name a squeezed header word keeps at least (`上级补助收`). */
const SOURCE_STEM = 4

/**
 * A source column whose header the reader kept whole names no measure: its
 * words squeezed one blank apart over one column of figures (`上级补助收
 * 附属单位上 使用非财政`, the rest of each cell on a line below), which word
 * heads the figures the text does not say. The 收支总表 printed before it
 * does: of the sources whose names the header begins (their first four
 * characters), the one the 收支总表 prints with the column's 合计 figure, when
 * exactly one does and no other column of the table has it. Nothing changes
 * otherwise (no 收支总表 read, no total row, none or several sources fit).
 *
 * > |  上级补助收 附属单位上 使用非财政     收支总体情况表:  上级补助收入   60.00
 * > |  合   计  …  75.00      60.00                      附属单位上缴收入
 *                            ^^^^^ superior_subsidy
 */
function sourcesFromSummary(context: TableContext, panel: Panel, data: readonly GridRow[], valueColumn: (index: number) => ValueColumn, named: Set<number>): void {
  const unit = context.unit.unit
  if (unit === undefined) return
  const summary = context.doc.facts.filter((fact) => fact.origin === 'table' && fact.table_id === 'income_expenditure_summary' && fact.side === 'income')
  if (summary.length === 0) return
  const totalRow = data.find((row) => panel.labels.some((index) => isTotalLabel(row.cells[index]?.text ?? '')))
  if (!totalRow) return
  const taken = new Set(panel.values.map((index) => valueColumn(index).measure).filter(Boolean))
  for (const index of panel.values) {
    const column = valueColumn(index)
    if (column.measure) continue
    const number = parseNumber(totalRow.cells[index]?.text ?? '')
    if (!number || number.units === 0n) continue
    const total = toYuan(number, unit)
    const begun = SOURCE_NAMES.filter(([measure, name]) => !taken.has(measure) && column.key.includes(name.slice(0, SOURCE_STEM)))
    const printed = begun.filter(([measure]) => summary.some((fact) => fact.line_item === measure && fact.value === total))
    if (printed.length !== 1) continue
    const measure = (printed[0] as [string, string])[0]
    column.measure = measure
    taken.add(measure)
    named.add(index)
  }
}

/** The columns of 收入总表 that 收支总表 prints as income lines of their own (`一、一般公共预算拨款收入 9,078.52`). */
const SUMMARY_INCOME_COLUMNS: readonly string[] = [
  'general_budget',
  'government_fund',
  'state_capital',
  'fiscal_special_account',
  'business_income',
  'operating_income',
  'superior_subsidy',
  'affiliated_remittance',
  'other_income',
]

/** The first characters of each fund's name: a header cell holding two of them is two cells squeezed into one. */
const FUND_NAME_STARTS = ['一般公', '政府性', '国有资', '财政专'] as const

/** A column of carry-overs (上年结转结余 …): the summary's income lines are this year's, never its. */
const CARRY_OVER_HEADER = /上年结转|年初结转|上年结余|结转结余/

/**
 * The fund columns of 收入总表 that its header cannot name, named by the
 * document's 收支总表: fund headers squeezed one blank apart
 * (`一般公共预 政府性基     财政专户管`) stand over the wrong figures, and the
 * header cell a column gets names two funds, or none. Its figure on the 合计
 * row must be the summary's line of its fund (the table's own identity): when
 * it equals exactly one income line of the summary (a line whose own words
 * name one column, above its 上年结转), the column adds up on its own (see
 * columnAddsUp) and, for a column with no header, no other column of the 合计
 * row prints the same figure (it could be a total), the column is that line's.
 * A column whose header names two funds and that no line names has no measure
 * (which it is, its place does not say). The funds the 财政拨款 小计 named (see
 * fundsAfterSubtotal, fundsFromSummary, sourcesFromSummary) and carry-over columns are left as they are; the funds
 * named must stand in the template's order.
 *
 * > | 收支总表  一、一般公共预算拨款收入   9,078.52   二、政府性基金预算拨款收入   943.80
 * > | 收入总表  合计   10,022.32   10,022.32    9,078.52   943.80
 *                                               ^ general_budget ^ government_fund
 */
function columnsFromSummary(context: TableContext, panel: Panel, data: readonly GridRow[], valueColumn: (index: number) => ValueColumn, named: ReadonlySet<number>): void {
  const squeezed = (column: ValueColumn) => FUND_NAME_STARTS.filter((start) => headerKey(column.label.replace(/\//g, '')).includes(start)).length >= 2
  const candidates = panel.values.filter((index) => {
    const column = valueColumn(index)
    return !named.has(index) && !column.structural && !CARRY_OVER_HEADER.test(headerKey(column.label)) && (column.measure === '' || squeezed(column))
  })
  if (candidates.length === 0) return
  const heads = new Map(candidates.map((index) => [index, squeezed(valueColumn(index))]))
  for (const index of candidates) if (heads.get(index)) valueColumn(index).measure = ''
  const unit = context.unit.unit
  const filled = data.filter((row) => panel.values.some((index) => Boolean(row.cells[index]?.text.trim())))
  // The 合计 row, or the one row of a table of one unit (深圳's 收入总表 of one 预算单位, no 合计 printed).
  const totalRow =
    filled.find(
      (row) =>
        !panel.codes.some((index) => CODE.test(row.cells[index]?.text ?? '')) &&
        [...panel.codes, ...panel.labels].some((index) => isTotalLabel(row.cells[index]?.text ?? '')),
    ) ?? (filled.length === 1 ? filled[0] : undefined)
  if (!totalRow || unit === undefined) return
  const yuan = (index: number): string | undefined => {
    const text = totalRow.cells[index]?.text.trim()
    const number = text ? parseNumber(text) : undefined
    return number && number.units !== 0n ? toYuan(number, unit) : undefined
  }
  // The summary's income lines of this year (above its 上年结转), each named by its own words (`二、政府性基金预算拨款收入`,
  // `一般公共预算收入` under `一、财政拨款收入`), each once: a line printed twice with two figures names nothing.
  const summary = context.doc.facts.filter((fact) => fact.table_id === 'income_expenditure_summary' && fact.side === 'income' && fact.measure === 'amount' && !fact.subject_code)
  const opening = Math.min(...summary.filter((fact) => fact.line_item === 'opening_balance' || CARRY_OVER_HEADER.test(headerKey(fact.label_raw))).map((fact) => fact.line))
  const lines = new Map<string, string | undefined>()
  for (const fact of summary) {
    const measure = normalizeMeasure('income_by_function', fact.label_raw) ?? ''
    if (fact.line >= opening || !SUMMARY_INCOME_COLUMNS.includes(measure) || /结转|结余|合计|总计/.test(headerKey(fact.label_raw))) continue
    lines.set(measure, lines.has(measure) && lines.get(measure) !== fact.value ? undefined : fact.value)
  }
  const figures = panel.values.map(yuan)
  const taken = new Set(panel.values.map((index) => valueColumn(index).measure).filter(Boolean))
  const found = new Map<number, string>()
  for (const index of candidates) {
    const value = yuan(index)
    // An unnamed column whose figure another column prints too may be that total (its header lost): only a fund header is sure to head a part.
    if (value === undefined || (!heads.get(index) && figures.filter((figure) => figure === value).length > 1)) continue
    // Its figures must add up on their own, the 合计 to its top rows, each row to the rows one level below: figures of two columns mixed do not.
    if (!columnAddsUp(data, panel, index, totalRow)) continue
    const matches = [...lines].filter(([, line]) => line === value).map(([measure]) => measure)
    const measure = matches[0]
    if (matches.length !== 1 || !measure || taken.has(measure) || [...found.values()].includes(measure)) continue
    found.set(index, measure)
  }
  // The funds stand in the template's order (一般公共预算, 政府性基金, 国有资本经营, 财政专户): a match against it names nothing.
  const order = ['general_budget', 'government_fund', 'state_capital', 'fiscal_special_account']
  const funds = panel.values.map((index) => found.get(index) ?? valueColumn(index).measure).filter((measure) => order.includes(measure))
  if (!funds.every((measure, position) => position === 0 || order.indexOf(measure) > order.indexOf(funds[position - 1] as string))) return
  for (const [index, measure] of found) valueColumn(index).measure = measure
}

/** A figure in units of 10⁻⁶ of its printed unit (blank or a zero marker: 0), with one unit of its last printed digit; undefined when not a number. */
function scaledAmount(text: string | undefined): { value: bigint; step: bigint } | undefined {
  const trimmed = text?.trim() ?? ''
  if (!trimmed || ZERO_MARKERS.has(trimmed)) return { value: 0n, step: 0n }
  const number = parseNumber(trimmed)
  if (!number || number.scale > 6) return undefined
  const step = 10n ** BigInt(6 - number.scale)
  return { value: number.units * step, step }
}

/**
 * Whether one column of a table adds up on its own: its 合计 equals the sum
 * of its top-level coded rows, and every coded row the sum of the rows one
 * level below it (blanks are 0), each within a unit of the last printed digit
 * per figure added. A figure on a row without a code, a code printed twice or
 * a cell that is no number makes it not add up.
 */
function columnAddsUp(data: readonly GridRow[], panel: Panel, index: number, totalRow: GridRow): boolean {
  // Figures whose column only their order gives (a page continued without its header, see `chooseColumns`) may
  // belong here or not, each group as a whole: the column adds up when it does with some of those groups left out.
  const groups = [...new Set(data.flatMap((row) => (row !== totalRow && row.cells[index]?.text && row.cells[index]?.choice ? [row.cells[index]?.choice?.group as string] : [])))]
  if (groups.length > MAX_CHOICE_GROUPS) return columnAddsUpWithout(data, panel, index, totalRow, new Set())
  for (let mask = 0; mask < 2 ** groups.length; mask++) {
    const without = new Set(groups.filter((_, bit) => (mask >> bit) & 1))
    if (columnAddsUpWithout(data, panel, index, totalRow, without)) return true
  }
  return false
}

/** How many groups of figures placed by order only a column's sums try with and without (2ⁿ tries). */
const MAX_CHOICE_GROUPS = 4

function columnAddsUpWithout(data: readonly GridRow[], panel: Panel, index: number, totalRow: GridRow, without: ReadonlySet<string>): boolean {
  const codes = new Map<string, { value: bigint; step: bigint }>()
  const carried: string[] = []
  for (const row of data) {
    if (row === totalRow) continue
    const cell = row.cells[index]
    const amount = cell?.choice && without.has(cell.choice.group) ? { value: 0n, step: 0n } : scaledAmount(cell?.text)
    if (!amount) return false
    // A code split over 类/款/项 columns carries its parts down from the rows above.
    const parts = panel.codes.map((column) => row.cells[column]?.text.trim() ?? '')
    const digits = parts.map((part, position) => part || (parts.slice(position + 1).some(Boolean) ? (carried[position] ?? '') : ''))
    if (parts.some(Boolean)) carried.splice(0, carried.length, ...digits)
    const code = digits.join('')
    // Subject codes, and the unit codes of a consolidated 部门 (114 over 114001, 114002 …).
    if (!/^\d{3,12}$/.test(code)) {
      if (amount.value !== 0n) return false
      continue
    }
    if (codes.has(code)) return false
    codes.set(code, amount)
  }
  const fits = (whole: { value: bigint; step: bigint }, parts: { value: bigint; step: bigint }[]): boolean => {
    const sum = parts.reduce((total, part) => total + part.value, 0n)
    const slack = parts.reduce((total, part) => total + part.step, whole.step)
    const difference = whole.value - sum
    return (difference < 0n ? -difference : difference) <= slack
  }
  const all = [...codes.keys()]
  const childrenOf = (parent: string | undefined): string[] => {
    const below = all.filter((code) => code !== parent && (parent === undefined ? !all.some((other) => other !== code && code.startsWith(other)) : code.startsWith(parent)))
    const depth = Math.min(...below.map((code) => code.length))
    return below.filter((code) => code.length === depth)
  }
  const total = scaledAmount(totalRow.cells[index]?.text)
  if (!total) return false
  // A table of one row (one unit, no 合计): nothing to add up.
  if (all.length === 0) return true
  if (!fits(total, childrenOf(undefined).map((code) => codes.get(code) as { value: bigint; step: bigint }))) return false
  return all.every((code) => {
    const children = childrenOf(code)
    return children.length === 0 || fits(codes.get(code) as { value: bigint; step: bigint }, children.map((child) => codes.get(child) as { value: bigint; step: bigint }))
  })
}

/** A header level that only says “the total of what is above it”. */
const GENERIC_TOTAL = /^(合计|小计|总计|计)$/

/**
 * The measure of the most specific header level that names one; a generic
 * total (`基本支出/小计`) is the measure of the level above it when that one
 * names a measure (`basic`), else a total.
 */
function levelMeasure(tableId: string, levels: string[]): string | undefined {
  let fallback: string | undefined
  for (let index = levels.length - 1; index >= 0; index--) {
    const level = levels[index] ?? ''
    const measure = normalizeMeasure(tableId, level)
    if (!measure) continue
    if (!GENERIC_TOTAL.test(level)) return measure
    fallback ??= measure
  }
  return fallback
}

/** A “三公” table printed with the items as rows (and funds as columns): the row names the measure. */
/** The funds a “三公” table printed with items as rows gives a column each, and the suffix of their measures. */
const FUND_COLUMNS: readonly [RegExp, string][] = [
  [/一般公共预算/, 'general_budget'],
  [/政府性基金/, 'government_fund'],
  [/国有资本经营/, 'state_capital'],
]
/** The funds of 财政拨款, in the order every template prints them. */
const FUNDS: readonly string[] = FUND_COLUMNS.map(([, fund]) => fund)
/** The parts of a group a bare 小计 may total, when the group's name is printed over the first of them (`财政拨款收入/一般公共预算`). */
const GROUP_PARTS: Partial<Record<string, readonly string[]>> = { fiscal_appropriation: FUNDS }
/** A column that only says “the amount” (its row says of what). */
const AMOUNT_COLUMN = /^(合计|小计|总计|金额|预算数?|决算数?)$/

/**
 * A “三公” table printed with its items as rows (广州: 行政经费, “三公”经费,
 * 其中：因公出国 …) and the funds as columns (合计, 一般公共预算, 政府性基金
 * …): the row names the measure, a fund column adds the fund
 * (`budget_official_reception_general_budget`). Undefined where the column
 * names an item itself (the national template's columns).
 *
 * > | “三公”经费          26.11     26.11     0.00     0.00
 *       ^^^^^^^^^ budget_total in 合计, budget_total_general_budget in 一般公共预算 …
 */
function rowItemMeasure(context: TableContext, label: string, name: string): string | undefined {
  const item = itemMeasure(context, name)
  if (!item) return undefined
  const innermost = headerKey(label.split('/').at(-1) ?? '')
  const fund = FUND_COLUMNS.find(([pattern]) => pattern.test(innermost))
  if (fund) return `${item}_${fund[1]}`
  return AMOUNT_COLUMN.test(innermost) ? item : undefined
}

/** The fund a “三公” column's lowest header level ends with, and what is printed before it there. */
const FUND_SUFFIX = /(一般公共预算|政府性基金预算|国有资本经营预算)$/
const FUND_ORDER = ['一般公共预算', '政府性基金预算', '国有资本经营预算']

/**
 * A “三公” table printing each item over three fund columns (深圳: 总计 /
 * 因公出国(境)费 / 公务接待费 / 公务用车 小计 · 购置费 · 运行维护费, each over
 * 一般公共预算 政府性基金预算 国有资本经营预算): the measure of each column,
 * item and fund (`budget_total_general_budget`). pdftotext prints an item's
 * name over the middle column of its three, so the header stacks it there
 * (`总计政府性基金预算`) or on a group level above one of them: each run of
 * three takes the one item name printed over it, the one on the lowest level
 * when a group name (公务用车购置及运行维护费) stands over it too. Undefined
 * (the columns keep their own measures) unless every run says one item.
 *
 * > |          总计                  因公出国(境)费
 * > |   一般公共预 政府性基金 国有资本经   一般公共预 政府性基金 国有资本经
 *     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ one run: budget_total_general_budget, _government_fund, _state_capital
 */
function fundTripleMeasures(labels: string[]): string[] | undefined {
  if (labels.length < 6 || labels.length % 3 !== 0) return undefined
  const levels = labels.map((label) => label.split('/').map((level) => headerKey(level)))
  const funds = levels.map((path) => FUND_SUFFIX.exec(path.at(-1) ?? '')?.[1])
  if (funds.some((fund, position) => fund !== FUND_ORDER[position % 3])) return undefined
  const measures: string[] = []
  for (let start = 0; start < labels.length; start += 3) {
    const run = levels.slice(start, start + 3)
    // A name glued to its fund on the lowest level, else a name on a level above.
    const lowest = run.map((path) => (path.at(-1) ?? '').replace(FUND_SUFFIX, '')).filter(Boolean)
    const upper = run.flatMap((path) => path.slice(0, -1)).filter(Boolean)
    const names = lowest.length > 0 ? lowest : upper
    if (names.length !== 1) return undefined
    const name = names[0] as string
    let item = normalizeMeasure('three_public_expenses', name)
    // The template's one subtotal is the 公务用车 group's: a 小计 after the table's 总计.
    if (item === 'budget_total' && GENERIC_TOTAL.test(name) && measures.some((measure) => measure.startsWith('budget_total_'))) item = 'budget_vehicles_total'
    if (!item || measures.some((measure) => measure.startsWith(`${item}_`))) return undefined
    measures.push(...FUND_COLUMNS.map(([, fund]) => `${item}_${fund}`))
  }
  return measures
}

/**
 * A “三公” table printing one row per year (`2025 年`, `2026 年`,
 * `增减变化金额`): the earlier year's row holds `prior_` figures, the change
 * row `change`.
 */
function rowYearMeasure(context: TableContext, name: string, measure: string): string {
  if (context.tableId !== 'three_public_expenses' || !measure) return measure
  const key = headerKey(name)
  if (/增减|变化|比上年/.test(key)) return 'change'
  const year = /(\d{4})年/.exec(key)?.[1]
  const fiscalYear = context.doc.metadata.fiscalYear
  return year && fiscalYear !== null && Number(year) < fiscalYear ? `prior_${measure}` : measure
}

function itemMeasure(context: TableContext, name: string): string {
  return context.tableId === 'three_public_expenses' && name ? (normalizeMeasure(context.tableId, headerKey(name)) ?? '') : ''
}

/**
 * What a summary row below its side's carry-over is: a fund's appropriation
 * printed under the income side's `上年结转` is that fund's carry-over, as
 * the 决算 template reads it, and a side's total printed below it (江苏's
 * `收入合计` below `上年结转资金`, whose `当年收入小计` is the year's) totals
 * the carry-over too. The carry-over row may print no figure.
 *
 * > | 一、本年收入          118,773.55
 * > | 二、上年结转           53,509.60
 * > | （一）一般公共预算拨款   9,375.01   ← opening_balance_general_budget
 * > |     收入合计        172,283.15   ← grand_total
 */
function balancePart(afterBalance: Set<Fact['side']>, side: Fact['side'], lineItem: string): string {
  if (lineItem === (side === 'income' ? 'opening_balance' : 'closing_balance')) afterBalance.add(side)
  else if (!afterBalance.has(side)) return lineItem
  else if (lineItem === `${side}_total`) return 'grand_total'
  else if (side === 'income' && /^(general_budget|government_fund|state_capital)_appropriation$/.test(lineItem)) return `opening_balance_${lineItem.replace(/_appropriation$/, '')}`
  return lineItem
}

/**
 * The line item a row label names: the summary tables' items (`本年收入合计`,
 * `年初结转和结余`), the basic-expenditure totals (`人员经费合计`), or `total`
 * for a table's own total row (`合计`, `机关运行经费合计`).
 */
function rowLineItem(tableId: string, side: Fact['side'], name: string): string | undefined {
  if (/summary$/.test(tableId) && side) {
    const item = normalizeLineItem(name, side)
    if (item) return item
  }
  if (tableId === 'general_budget_basic_expenditure') {
    const item = normalizeLineItem(name, 'basic')
    if (item) return item
  }
  if (isTotalLabel(name) || /^.{0,12}(合计|总计)$/.test(compactText(name))) return 'total'
  return undefined
}

/** The code of a second classification on the row, checked and noted as a subject with its printed name. */
function readSecondaryCode(context: TableContext, row: GridRow, group: Panel['secondary'][number], carried: string[]): void {
  const code = rowCode(context, row, group.codes, carried)
  const name = group.labels.map((index) => row.cells[index]?.text ?? '').filter(Boolean).join(' ')
  if (code) subjectFields(context, code, name)
}

/**
 * The code a row prints in its code columns: whole (`2010301`), or split
 * into 类 / 款 / 项 columns (`201 | 06 | 01`), where a blank 类 (or 款) cell
 * takes the one printed above it.
 */
function rowCode(context: TableContext, row: GridRow, columns: number[], carried: string[]): GridCell | undefined {
  const parts = columns.map((index) => row.cells[index])
  const printed = parts.filter((cell): cell is GridCell => Boolean(cell?.text))
  if (printed.length === 0) return undefined
  if (printed.length === 1 && CODE.test(printed[0]?.text ?? '')) {
    const only = printed[0] as GridCell
    // A lone 2-digit 款/项 part of a split code joins the parts carried from above.
    carried.splice(0, carried.length, only.text)
    return only
  }
  const digits: string[] = []
  for (const [position, cell] of parts.entries()) {
    const text = cell?.text ?? ''
    if (text) digits[position] = text
    else if (position < parts.length - 1 && parts.slice(position + 1).some((next) => next?.text)) digits[position] = carried[position] ?? ''
  }
  const joined = digits.join('')
  carried.splice(0, carried.length, ...digits)
  if (!CODE.test(joined)) {
    for (const cell of printed) unplace(context, cell, 'subject-code')
    return undefined
  }
  // The parts are numbers of the text that are no figures: each is listed as a code part.
  for (const cell of printed) unplace(context, cell, 'subject-code')
  const first = printed[0]?.span
  return { text: joined, ...(first ? { span: first } : {}) }
}
