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
import type { SourceDocument } from '../core/document.ts'
import type { Fact, GridCell, GridRow, TableBlock } from '../core/types.ts'
import { OTHER_TABLE, type TableId } from '../core/registry.ts'
import { compactText } from '../core/text.ts'
import { isTotalLabel, normalizeLineItem } from './normalize-line-item.ts'
import { headerKey, normalizeMeasure } from './normalize-measure.ts'
import { findSubjectByName } from './normalize-subject.ts'
import { resolveUnit } from './normalize-unit.ts'
import { parseNumber } from './parse-amount.ts'
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
type ColumnRole = 'code' | 'label' | 'number' | 'value' | 'empty'

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
  /** A summary's income rows below `上年结转` (`（一）一般公共预算拨款`) are its parts by fund. */
  afterOpening?: boolean
}

const CODE_HEADER = /编码|代码|^科目$|^类$|^款$|^项$/
const NUMBER_HEADER = /^(栏次|行次|序号)$/
const LABEL_HEADER = /名称|项目|^科目$|单位$|内容|用途/
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
  const roles = labels.map((label, index) => columnRole(label, data, index))
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
  if (tableId === 'income_by_function') for (const panel of panels) fundsAfterSubtotal(panel, data, valueColumn)
  for (const row of data) {
    for (const [position, panel] of panels.entries()) {
      readPanelRow(context, row, panel, valueColumn, carried[position] as string[][])
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

/** The role of a column, from its header and the cells it holds. */
function columnRole(label: string, data: GridRow[], index: number): ColumnRole {
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
  if (LABEL_HEADER.test(key) && texts >= amounts) return 'label'
  if (codes > 0 && codes >= amounts && codes >= texts && !/[金额数计]/.test(key)) return 'code'
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
function readPanelRow(context: TableContext, row: GridRow, panel: Panel, valueColumn: (index: number) => ValueColumn, carried: string[][]): void {
  for (const [position, group] of panel.secondary.entries()) readSecondaryCode(context, row, group, carried[position + 1] as string[])
  const values = panel.values.map((index) => row.cells[index])
  const present = values.filter((cell): cell is GridCell => Boolean(cell?.text))
  for (const index of panel.numbers) {
    const cell = row.cells[index]
    if (cell?.text) unplace(context, cell, 'row-number')
  }
  const code = rowCode(context, row, panel.codes, carried[0] as string[])
  const nameCells = panel.labels.map((index) => row.cells[index]).filter((cell): cell is GridCell => Boolean(cell?.text))
  let name = nameCells.map((cell) => cell.text).join(' ')
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
  if (present.length === 0) return
  let fields: Omit<RowFact, 'side' | 'measure' | 'measure_raw'>
  if (codeCell) {
    fields = { line_item: '', label_raw: name, ...subjectFields(context, codeCell, name) }
  } else if (name && rowLineItem(context.tableId, panel.side, name)) {
    fields = { line_item: openingPart(panel, rowLineItem(context.tableId, panel.side, name) ?? ''), subject_system: '', subject_code: '', subject_name: '', label_raw: name }
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
  for (const [position, index] of panel.values.entries()) {
    const cell = values[position]
    if (!cell?.text) continue
    const column = valueColumn(index)
    pushFact(context, cell, {
      ...fields,
      side: panel.side,
      // A measure the table's structure gives, or a “三公” item's, is not the row's to change (a row called 合计); its year is.
      measure: (column.structural || threePublicItem(context, column.measure) ? undefined : rowItemMeasure(context, column.label, name)) ?? rowYearMeasure(context, name, column.measure || itemMeasure(context, name)),
      measure_raw: column.key,
      column_label: column.label,
    })
  }
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
function fundsAfterSubtotal(panel: Panel, data: readonly GridRow[], valueColumn: (index: number) => ValueColumn): void {
  const start = panel.values.findIndex((index) => valueColumn(index).measure === 'fiscal_appropriation')
  if (start < 0) return
  const after = panel.values.slice(start + 1)
  const subtotal = panel.values[start] as number
  const amount = (row: GridRow, index: number): bigint | undefined => {
    const text = row.cells[index]?.text ?? ''
    if (!text.trim()) return 0n
    const number = parseNumber(text)
    return number ? number.units * 10n ** BigInt(6 - Math.min(6, number.scale)) : undefined
  }
  const rows = data.filter((row) => Boolean(row.cells[subtotal]?.text.trim()))
  const fits = (count: number): boolean =>
    count <= after.length &&
    rows.some((row) => (amount(row, subtotal) ?? 0n) !== 0n) &&
    rows.every((row) => {
      const parts = after.slice(0, count).map((index) => amount(row, index))
      const total = amount(row, subtotal)
      return total !== undefined && parts.every((part) => part !== undefined) && parts.reduce<bigint>((sum, part) => sum + (part ?? 0n), 0n) === total
    })
  const [three, two] = [fits(3), fits(2)]
  if (!three && !two) return
  const named = two ? 2 : 3
  for (const [position, index] of after.entries()) {
    const column = valueColumn(index)
    // A column the header left unnamed stays so: its figures may come from two columns the page printed apart.
    if (position < named) column.measure = column.measure ? (FUNDS[position] as string) : ''
    else if (FUNDS.includes(column.measure)) column.measure = ''
  }
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
 * A fund's appropriation printed under the income side's `上年结转` is
 * that fund's carry-over, as the 决算 template reads it:
 *
 * > | 二、上年结转           53,509.60
 * > | （一）一般公共预算拨款   9,375.01   ← opening_balance_general_budget
 */
function openingPart(panel: Panel, lineItem: string): string {
  if (panel.side !== 'income') return lineItem
  if (lineItem === 'opening_balance') panel.afterOpening = true
  else if (panel.afterOpening && /^(general_budget|government_fund|state_capital)_appropriation$/.test(lineItem)) return `opening_balance_${lineItem.replace(/_appropriation$/, '')}`
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
