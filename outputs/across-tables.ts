/**
 * The tables across documents, made once at the end of a build from the
 * documents' parts (across-documents.ts), never from text:
 *
 * - `departments`: one row per department (canonical name × scope);
 * - `panel`: department × table × subject code / line item × measure, one
 *   column per (doc_kind, fiscal_year) with the value and the fact ids
 *   behind it — grouped and pivoted with arquero;
 * - `budget_vs_final`: a 预算 against the 决算 of the same department, year
 *   and scope (from the panel), and the budget/actual pairs a 决算 prints
 *   itself (“三公” 预算数 / 决算数);
 * - `year_over_year`: each panel cell against the same cell of the
 *   department's previous year with one.
 *
 * Money stays decimal text; differences and rates are exact BigInt
 * arithmetic (decimal-math.ts), rates rounded once.
 */
import * as aq from 'arquero'
import type { FieldSchema, TableSchema } from './schema.ts'
import { DOCUMENTS_SCHEMA } from './schema.ts'
import { DEPARTMENT_FOREIGN_KEY, DEPARTMENT_ID, DOC_KIND, EXACT_DECIMAL, FISCAL_YEAR } from '../core/fact-schema.ts'
import { lookupSubject } from '../normalizers/normalize-subject.ts'
import { percentOf, subtractDecimals } from './decimal-math.ts'
import type { AcrossIndex, DocumentAcross } from './across-documents.ts'

/** Decimals of `execution_rate` and `change_rate` (percent), rounded half away from zero. */
export const RATE_DECIMALS = 2

/** A column shared with `documents`, so it means the same thing in every table. */
function documentField(name: string): FieldSchema {
  const field = DOCUMENTS_SCHEMA.fields.find((entry) => entry.name === name)
  if (!field) throw new Error(`documents has no column \`${name}\``)
  return field
}

/** A money column: exact CNY yuan. */
function moneyField(name: string, title_zh: string, description_zh: string, description_en: string, nullable = true): FieldSchema {
  return { name, type: 'decimal', ...(nullable ? { nullable: true as const } : {}), ...EXACT_DECIMAL, unit: 'CNY', title_zh, description_zh: `${description_zh}（元，精确）`, description_en: `${description_en} (CNY yuan, exact)` }
}

/** A list of fact ids. */
function factIdsField(name: string, what_zh: string, what_en: string, nullable = false): FieldSchema {
  return {
    name,
    type: 'string',
    ...(nullable ? { nullable: true as const } : {}),
    title_zh: `${what_zh}事实编号`,
    description_zh: `${what_zh}所依据的 facts 表 fact_id，以 ; 分隔（同一数值在文档中印出多次时列出每一次）`,
    description_en: `fact_id of every facts row behind ${what_en}, ;-separated (a figure printed more than once lists each printing)`,
  }
}

/** A column of another table that is never empty here (a row across documents always has its department, year and kind). */
function required(field: FieldSchema): FieldSchema {
  const { nullable: _optional, ...rest } = field
  return rest
}

const DEPARTMENT_ID_FIELD = required(DEPARTMENT_ID)
const SCOPE_FIELD = required(documentField('scope'))
const CANONICAL_FIELD: FieldSchema = {
  name: 'department',
  type: 'string',
  title_zh: '部门',
  description_zh: '部门规范名称（normalizers/data/departments.json 归并别名；未列出的名称即其本身，去除空白）',
  description_en: 'Canonical name of the department (aliases folded by normalizers/data/departments.json; a name not listed is itself, white space removed)',
}

/** The department columns each table across documents opens with. */
const DEPARTMENT_FIELDS: FieldSchema[] = [DEPARTMENT_ID_FIELD, CANONICAL_FIELD, SCOPE_FIELD]

/** The key of a panel row after the department: table, side, subject and line item, measure. */
const KEY_FIELDS: FieldSchema[] = [
  { name: 'table_id', type: 'string', title_zh: '表编号', description_zh: '数值所在的标准表（见 facts.table_id）', description_en: 'Standard table of the figures (see facts.table_id)' },
  { name: 'side', type: 'string', nullable: true, title_zh: '收支', description_zh: '收入（income）或支出（expenditure），见 facts.side', description_en: 'income or expenditure (see facts.side)' },
  { name: 'subject_code', type: 'string', nullable: true, title_zh: '科目编码', description_zh: '分类科目编码（文本）；合计等行为空', description_en: 'Classification subject code (text); empty for totals and other line items' },
  { name: 'subject_name', type: 'string', nullable: true, title_zh: '科目名称', description_zh: '科目规范名称（字典未收的科目为所印名称）', description_en: 'Canonical subject name (the printed one for a code the dictionary lacks)' },
  { name: 'line_item', type: 'string', nullable: true, title_zh: '行项目', description_zh: '无科目编码的行的规范键（如 total 合计），见 facts.line_item', description_en: 'Canonical key of a row without a subject code (e.g. total), see facts.line_item' },
  { name: 'measure', type: 'string', title_zh: '栏目', description_zh: '栏目规范键（如 total、basic、project），见 facts.measure', description_en: 'Canonical column key (e.g. total, basic, project), see facts.measure' },
]

/** `departments`: one row per department over the documents. */
export const DEPARTMENTS_SCHEMA: TableSchema = {
  name: 'departments',
  title_zh: '部门',
  title_en: 'Departments',
  description_zh: '每个部门一行（规范名称×口径）：编号在重建之间不变，列出各文档所印的名称、地区、级别、口径及其文档与年度。facts 与 documents 的 department_id 连接此表',
  description_en: 'One row per department (canonical name × scope): an id stable across rebuilds, the names the documents print, region, level, scope, and its documents and years. facts and documents join it on department_id',
  primaryKey: ['department_id'],
  fields: [
    ...DEPARTMENT_FIELDS,
    { name: 'names_printed', type: 'string', title_zh: '所印名称', description_zh: '各文档所印的部门名称（去除空白，去重排序），以 ; 分隔', description_en: 'The names the documents print (white space removed, distinct, sorted), ;-separated' },
    { ...documentField('region'), description_zh: '部门所属地区（省、市、区县）：取自名称，或 departments.json', description_en: 'Region (province, city, county): from the name, or departments.json' },
    documentField('level'),
    { name: 'documents', type: 'integer', title_zh: '文档数', description_zh: '该部门的文档数（重复文档不计）', description_en: 'Documents of the department (duplicates not counted)' },
    { name: 'doc_ids', type: 'string', title_zh: '文档编号', description_zh: '该部门各文档的 doc_id，以 ; 分隔', description_en: 'doc_id of each of its documents, ;-separated' },
    { name: 'fiscal_years', type: 'string', nullable: true, title_zh: '年度', description_zh: '其文档所属的财政年度（去重排序），以 ; 分隔；未印年度的文档不计', description_en: 'Fiscal years of its documents (distinct, sorted), ;-separated; documents printing no year are not counted' },
    { name: 'doc_kinds', type: 'string', nullable: true, title_zh: '文档类型', description_zh: '其文档的类型（budget、final_accounts），以 ; 分隔', description_en: 'Kinds of its documents (budget, final_accounts), ;-separated' },
  ],
}

/** `panel` without its period columns (see panelSchema). */
export const PANEL_SCHEMA: TableSchema = {
  name: 'panel',
  title_zh: '跨年度面板',
  title_en: 'Panel across years',
  description_zh:
    '部门×表×科目（或行项目）×栏目一行，每个（文档类型, 年度）一栏数值（如 budget_2019、final_accounts_2020，元），一栏其所依据的 fact_id（如 budget_2019_fact_ids）。由 facts 表分组透视而来（arquero），不读原文；同一格的数值在文档中印出多次而不一致时为空（fact_ids 仍列出）。未印年度或类型的文档不在此表。行由 department_id、table_id、side、subject_code、line_item、measure 唯一确定（其中可为空，故不声明主键）',
  description_en:
    'One row per department × table × subject code (or line item) × measure; one column per (doc_kind, fiscal_year) with the value (e.g. budget_2019, final_accounts_2020; CNY yuan) and one with the fact ids behind it (e.g. budget_2019_fact_ids). Grouped and pivoted from facts with arquero, never from the text; a cell whose figure is printed more than once with different values is empty (its fact_ids still list them). Documents with no year or kind are not in it. A row is unique by department_id, table_id, side, subject_code, line_item, measure (some may be empty, so no primary key is declared)',
  // Unique by department_id, table_id, side, subject_code, line_item, measure — not declared a primary key, since side, subject_code and line_item may be empty.
  primaryKey: [],
  foreignKeys: [DEPARTMENT_FOREIGN_KEY],
  fields: [...DEPARTMENT_FIELDS, ...KEY_FIELDS],
}

/** A period of the panel: `budget_2019`. */
export interface PanelPeriod {
  docKind: string
  fiscalYear: number
}

/** The column name of a period. */
export function periodColumn(period: PanelPeriod): string {
  return `${period.docKind}_${period.fiscalYear}`
}

/** The panel's schema for the periods present: its key, then per period the value and its fact ids. */
export function panelSchema(periods: readonly PanelPeriod[]): TableSchema {
  const kindZh = (kind: string): string => (kind === 'budget' ? '预算' : '决算')
  return {
    ...PANEL_SCHEMA,
    fields: [
      ...PANEL_SCHEMA.fields,
      ...periods.flatMap((period) => [
        moneyField(periodColumn(period), `${period.fiscalYear}年${kindZh(period.docKind)}`, `${period.fiscalYear} 年${kindZh(period.docKind)}所印数值；未印时为空`, `Value printed in the ${period.fiscalYear} ${period.docKind}; empty when not printed`),
        factIdsField(`${periodColumn(period)}_fact_ids`, `${period.fiscalYear} 年${kindZh(period.docKind)}数值`, `the ${period.fiscalYear} ${period.docKind} value`, true),
      ]),
    ],
  }
}

/** The periods named by a panel header (its columns after the key), in order: how a reader of dist/ gets the schema back. */
export function panelSchemaOfHeader(header: readonly string[]): TableSchema {
  const periods = header.flatMap((name) => {
    const match = /^(budget|final_accounts)_(\d{4})$/.exec(name)
    return match ? [{ docKind: match[1] ?? '', fiscalYear: Number(match[2]) }] : []
  })
  return panelSchema(periods)
}

/** `budget_vs_final`: budget against final accounts. */
export const BUDGET_VS_FINAL_SCHEMA: TableSchema = {
  name: 'budget_vs_final',
  title_zh: '预算与决算对比',
  title_en: 'Budget against final accounts',
  description_zh: `三类行：source=documents，同一部门（同口径）同一年度既有部门预算又有部门决算时，支出表（expenditure_by_function、general_budget_expenditure）每个功能科目及合计行的 total/basic/project 预算数与决算数；source=printed，决算自身印出的预算数与决算数（“三公”经费表；line_item 为项目键，如 total、official_reception，measure 为 amount）；source=prose，决算情况说明同一句所印的预算数与决算数（“一般公共服务支出年初预算为684.08万元，支出决算为1345.98万元”）。差额＝决算−预算（精确）；执行率＝决算÷预算×100，四舍五入（远离零）保留 ${RATE_DECIMALS} 位小数，预算为 0 时为空。行由 department_id、fiscal_year、source、table_id、subject_code、line_item、measure 唯一确定`,
  description_en: `Three kinds of rows: source=documents — where a department (same scope) has both a budget and final accounts of one year, the budget and final figure of the expenditure tables (expenditure_by_function, general_budget_expenditure) per functional code and total row, for total/basic/project; source=printed — the budgeted and actual figures a final account prints itself (the “three public” table; line_item is the item key, e.g. total, official_reception, and measure is amount); source=prose — a budget and actual figure a final account’s explanations print in one sentence (一般公共服务支出年初预算为684.08万元，支出决算为1345.98万元). difference = final − budget (exact); execution_rate = final ÷ budget × 100, rounded half away from zero to ${RATE_DECIMALS} decimals, empty when the budget is 0. A row is unique by department_id, fiscal_year, source, table_id, subject_code, line_item, measure`,
  // Unique by department_id, fiscal_year, source, table_id, subject_code, line_item, measure (some may be empty: no declared primary key).
  primaryKey: [],
  foreignKeys: [DEPARTMENT_FOREIGN_KEY],
  fields: [
    ...DEPARTMENT_FIELDS,
    required(FISCAL_YEAR),
    { name: 'source', type: 'string', title_zh: '来源', description_zh: 'documents＝预算文档与决算文档配对；printed＝决算“三公”经费表自印的预算数与决算数；prose＝决算情况说明同一句所印的预算数（年初预算）与决算数（table_id 为空）', description_en: 'documents: a budget document paired with the final accounts; printed: the budget and actual a final account’s “three public” table prints; prose: a budget (年初预算) and actual figure a final account’s explanations print in one sentence (table_id empty)', enum: ['documents', 'printed', 'prose'] },
    ...KEY_FIELDS.map((field) => (field.name === 'table_id' ? { ...field, nullable: true as const, description_zh: '数值所在的标准表（见 facts.table_id）；source=prose 时为空', description_en: 'Standard table of the figures (see facts.table_id); empty for source=prose' } : field)),
    moneyField('budget', '预算数', '预算数', 'Budgeted', false),
    moneyField('final', '决算数', '决算数（实际支出）', 'Final (actually spent)', false),
    moneyField('difference', '差额', '决算数−预算数', 'final − budget', false),
    { name: 'execution_rate', type: 'decimal', nullable: true, ...EXACT_DECIMAL, unit: '%', title_zh: '执行率', description_zh: `决算数÷预算数×100，四舍五入保留 ${RATE_DECIMALS} 位小数；预算数为 0 时为空`, description_en: `final ÷ budget × 100, rounded half away from zero to ${RATE_DECIMALS} decimals; empty when the budget is 0` },
    factIdsField('budget_fact_ids', '预算数', 'the budget'),
    factIdsField('final_fact_ids', '决算数', 'the final figure'),
  ],
}

/** `year_over_year`: each panel cell against the department's previous year. */
export const YEAR_OVER_YEAR_SCHEMA: TableSchema = {
  name: 'year_over_year',
  title_zh: '同比',
  title_en: 'Year over year',
  description_zh: `同一部门（同口径）同类文档的面板每格与其此前最近一个有数年度对比：变化＝本年−上年（精确），变化率＝变化÷上年×100，四舍五入保留 ${RATE_DECIMALS} 位小数，上年为 0 时为空；previous_year 可能不是上一年（中间年度未印）。行由 department_id、doc_kind、table_id、side、subject_code、line_item、measure、fiscal_year 唯一确定`,
  description_en: `Each panel cell of a department (same scope, same kind of document) against its latest earlier year with a value: change = value − previous (exact), change_rate = change ÷ previous × 100 rounded half away from zero to ${RATE_DECIMALS} decimals, empty when the previous is 0; previous_year may be more than one year back (a year in between not printed). A row is unique by department_id, doc_kind, table_id, side, subject_code, line_item, measure, fiscal_year`,
  // Unique by department_id, doc_kind, table_id, side, subject_code, line_item, measure, fiscal_year (some may be empty: no declared primary key).
  primaryKey: [],
  foreignKeys: [DEPARTMENT_FOREIGN_KEY],
  fields: [
    ...DEPARTMENT_FIELDS,
    required(DOC_KIND),
    ...KEY_FIELDS,
    required(FISCAL_YEAR),
    { name: 'previous_year', type: 'integer', title_zh: '对比年度', description_zh: '此前最近一个有数的年度', description_en: 'The latest earlier year with a value' },
    moneyField('value', '本年数', '本年数值', 'Value of the year', false),
    moneyField('previous_value', '上年数', '对比年度数值', 'Value of previous_year', false),
    moneyField('change', '变化', '本年数−上年数', 'value − previous_value', false),
    { name: 'change_rate', type: 'decimal', nullable: true, ...EXACT_DECIMAL, unit: '%', title_zh: '变化率', description_zh: `变化÷上年数×100，四舍五入保留 ${RATE_DECIMALS} 位小数；上年数为 0 时为空`, description_en: `change ÷ previous_value × 100, rounded half away from zero to ${RATE_DECIMALS} decimals; empty when previous_value is 0` },
    factIdsField('fact_ids', '本年数', 'the value'),
    factIdsField('previous_fact_ids', '上年数', 'the previous value'),
  ],
}

/** Code-unit order, the same in every locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Distinct values, sorted. */
function distinct(values: Iterable<string>): string[] {
  return [...new Set(values)].filter(Boolean).sort(compareText)
}

/** The most common non-empty value (ties: the first in order). */
function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>()
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0] ?? ''
}

/** The documents of each department, by department id (sorted). */
function byDepartment(index: AcrossIndex): Map<string, DocumentAcross[]> {
  const groups = new Map<string, DocumentAcross[]>()
  for (const doc of [...index.documents].sort((a, b) => compareText(a.docId, b.docId) || compareText(a.path, b.path))) {
    const group = groups.get(doc.departmentId)
    if (group) group.push(doc)
    else groups.set(doc.departmentId, [doc])
  }
  return new Map([...groups].sort(([a], [b]) => compareText(a, b)))
}

/** The `departments` rows. */
export function departmentRows(index: AcrossIndex): Record<string, unknown>[] {
  return [...byDepartment(index)].map(([id, docs]) => ({
    department_id: id,
    department: docs[0]?.canonical ?? '',
    scope: docs[0]?.scope ?? '',
    names_printed: distinct(docs.map((doc) => doc.department.replace(/\s+/g, ''))).join(';'),
    region: mostCommon(docs.map((doc) => doc.region)),
    level: mostCommon(docs.map((doc) => doc.level)),
    documents: docs.length,
    doc_ids: docs.map((doc) => doc.docId).join(';'),
    fiscal_years: distinct(docs.flatMap((doc) => (doc.fiscalYear === null ? [] : [String(doc.fiscalYear)]))).join(';'),
    doc_kinds: distinct(docs.map((doc) => doc.docKind)).join(';'),
  }))
}

/** The key columns of a panel row. */
const KEY = ['department_id', 'table_id', 'side', 'subject_code', 'line_item', 'measure'] as const

/** A panel row: its key, department name and scope, subject name, and per period column its value and fact ids. */
export type PanelRow = Record<string, string | null>

/** The panel: its periods (sorted by year, then kind) and rows (sorted by key). */
export interface Panel {
  periods: PanelPeriod[]
  rows: PanelRow[]
}

const panels = new WeakMap<AcrossIndex, Panel>()

/**
 * The panel of the documents gathered: their table figures grouped by
 * department, key and period — a cell's value is its figures' value when
 * they agree (empty when they do not), its fact ids all of them — then
 * pivoted to one column per period (arquero). Made once per index.
 */
export function panelOf(index: AcrossIndex): Panel {
  const known = panels.get(index)
  if (known) return known
  const names = new Map<string, { canonical: string; scope: string }>()
  const facts: Record<string, string>[] = []
  for (const doc of index.documents) {
    names.set(doc.departmentId, { canonical: doc.canonical, scope: doc.scope })
    if (doc.fiscalYear === null || !doc.docKind) continue
    const period = periodColumn({ docKind: doc.docKind, fiscalYear: doc.fiscalYear })
    for (const [factId, tableId, side, subjectCode, subjectName, lineItem, measure, value] of doc.facts) {
      facts.push({ department_id: doc.departmentId, table_id: tableId, side, subject_code: subjectCode, subject_name: subjectName, line_item: lineItem, measure, period, value, fact_id: factId })
    }
  }
  const periods = distinct(facts.map((fact) => fact.period ?? ''))
    .map((column) => {
      const match = /^(.*)_(\d{4})$/.exec(column)
      return { docKind: match?.[1] ?? '', fiscalYear: Number(match?.[2]) }
    })
    .sort((a, b) => a.fiscalYear - b.fiscalYear || compareText(a.docKind, b.docKind))
  if (facts.length === 0) {
    const empty = { periods, rows: [] }
    panels.set(index, empty)
    return empty
  }
  const cells = aq
    .from(facts)
    .groupby([...KEY, 'period'])
    .rollup({ values: aq.op.array_agg_distinct('value'), ids: aq.op.array_agg('fact_id'), subject_name: aq.op.min('subject_name') })
    // A figure printed twice with two values is no one value: the cell stays empty, its fact ids say where to look.
    .derive({ value: aq.escape((d: { values: string[] }) => (d.values.length === 1 ? (d.values[0] ?? null) : null)), fact_ids: aq.escape((d: { ids: string[] }) => [...d.ids].sort(compareText).join(';')) })
  const wide = cells
    .groupby([...KEY])
    .pivot('period', { value: (d: { value: string }) => aq.op.any(d.value), ids: (d: { fact_ids: string }) => aq.op.any(d.fact_ids), name: (d: { subject_name: string }) => aq.op.min(d.subject_name) })
    .objects() as Record<string, string | null | undefined>[]
  const rows = wide.map((row): PanelRow => {
    const department = names.get(row.department_id ?? '')
    const code = row.subject_code ?? ''
    const printedName = periods.map((period) => row[`name_${periodColumn(period)}`]).find((name) => name) ?? ''
    const out: PanelRow = {
      department_id: row.department_id ?? '',
      department: department?.canonical ?? '',
      scope: department?.scope ?? '',
      table_id: row.table_id ?? '',
      side: row.side ?? '',
      subject_code: code,
      subject_name: code ? (lookupSubject(code)?.name ?? printedName) : '',
      line_item: row.line_item ?? '',
      measure: row.measure ?? '',
    }
    for (const period of periods) {
      const column = periodColumn(period)
      out[column] = row[`value_${column}`] ?? null
      out[`${column}_fact_ids`] = row[`ids_${column}`] ?? null
    }
    return out
  })
  rows.sort((a, b) => {
    for (const key of KEY) {
      const order = compareText(a[key] ?? '', b[key] ?? '')
      if (order !== 0) return order
    }
    return 0
  })
  const panel = { periods, rows }
  panels.set(index, panel)
  return panel
}

/** Tables and measures a 预算 and a 决算 both print per functional code: what budget_vs_final pairs. */
const PAIRED_TABLES = new Set(['expenditure_by_function', 'general_budget_expenditure'])
const PAIRED_MEASURES = new Set(['total', 'basic', 'project'])

/** The row columns shared by budget_vs_final and year_over_year: department and key. */
function keyColumns(row: PanelRow): Record<string, unknown> {
  return {
    department_id: row.department_id,
    department: row.department,
    scope: row.scope,
    table_id: row.table_id,
    side: row.side,
    subject_code: row.subject_code,
    subject_name: row.subject_name,
    line_item: row.line_item,
    measure: row.measure,
  }
}

/** The `budget_vs_final` rows, from the panel. */
export function budgetVsFinalRows(index: AcrossIndex): Record<string, unknown>[] {
  const { periods, rows } = panelOf(index)
  const years = [...new Set(periods.map((period) => period.fiscalYear))]
  const out: Record<string, unknown>[] = []
  const pair = (row: PanelRow, fiscalYear: number, source: string, budget: string, final: string, budgetIds: string, finalIds: string, overrides: Record<string, unknown> = {}): void => {
    out.push({
      ...keyColumns(row),
      ...overrides,
      fiscal_year: fiscalYear,
      source,
      budget,
      final,
      difference: subtractDecimals(final, budget),
      execution_rate: percentOf(final, budget, RATE_DECIMALS) ?? null,
      budget_fact_ids: budgetIds,
      final_fact_ids: finalIds,
    })
  }
  // A budget and the final accounts of the same year: the same cell in two columns.
  for (const row of rows) {
    if (!PAIRED_TABLES.has(row.table_id ?? '') || !PAIRED_MEASURES.has(row.measure ?? '')) continue
    if (!row.subject_code?.startsWith('2') && row.line_item !== 'total') continue
    for (const year of years) {
      const budget = row[`budget_${year}`]
      const final = row[`final_accounts_${year}`]
      if (budget && final) pair(row, year, 'documents', budget, final, row[`budget_${year}_fact_ids`] ?? '', row[`final_accounts_${year}_fact_ids`] ?? '')
    }
  }
  // What a 决算 prints itself: the “三公” table's 预算数 (budget_X) beside its 决算数 (actual_X).
  const byKey = new Map(rows.map((row) => [`${row.department_id}\0${row.table_id}\0${row.side}\0${row.measure}`, row]))
  for (const row of rows) {
    if (row.table_id !== 'three_public_expenses' || !row.measure?.startsWith('budget_') || row.subject_code || row.line_item) continue
    const item = row.measure.slice('budget_'.length)
    const actual = byKey.get(`${row.department_id}\0${row.table_id}\0${row.side}\0actual_${item}`)
    if (!actual) continue
    for (const year of years) {
      const budget = row[`final_accounts_${year}`]
      const final = actual[`final_accounts_${year}`]
      if (budget && final) pair(row, year, 'printed', budget, final, row[`final_accounts_${year}_fact_ids`] ?? '', actual[`final_accounts_${year}_fact_ids`] ?? '', { line_item: item, measure: 'amount' })
    }
  }
  // What a 决算's explanations print in one sentence: `年初预算为684.08万元，支出决算为1345.98万元`.
  const panelRow = (doc: DocumentAcross, subjectCode: string, lineItem: string): PanelRow => ({
    department_id: doc.departmentId,
    department: doc.canonical,
    scope: doc.scope,
    table_id: '',
    side: '',
    subject_code: subjectCode,
    subject_name: subjectCode ? (lookupSubject(subjectCode)?.name ?? '') : '',
    line_item: lineItem,
    measure: 'amount',
  })
  const prosePaired = new Set<string>()
  for (const doc of [...index.documents].sort((a, b) => compareText(a.docId, b.docId))) {
    if (doc.fiscalYear === null || doc.docKind !== 'final_accounts') continue
    for (const [subjectCode, lineItem, budgetId, budget, actualId, actual] of doc.prosePairs) {
      // Two 决算 of one department and year (two files that differ) print the pair twice: the first is kept.
      const key = `${doc.departmentId}\0${doc.fiscalYear}\0${subjectCode}\0${lineItem}`
      if (prosePaired.has(key)) continue
      prosePaired.add(key)
      pair(panelRow(doc, subjectCode, lineItem), doc.fiscalYear, 'prose', budget, actual, budgetId, actualId)
    }
  }
  return out.sort(
    (a, b) =>
      compareText(String(a.department_id), String(b.department_id)) ||
      Number(a.fiscal_year) - Number(b.fiscal_year) ||
      compareText(String(a.source), String(b.source)) ||
      compareText(String(a.table_id), String(b.table_id)) ||
      compareText(String(a.subject_code), String(b.subject_code)) ||
      compareText(String(a.line_item), String(b.line_item)) ||
      compareText(String(a.measure), String(b.measure)),
  )
}

/** The `year_over_year` rows: every panel cell with a value against the latest earlier year of the same kind with one. */
export function yearOverYearRows(index: AcrossIndex): Record<string, unknown>[] {
  const { periods, rows } = panelOf(index)
  const out: Record<string, unknown>[] = []
  for (const docKind of ['budget', 'final_accounts']) {
    const years = periods.filter((period) => period.docKind === docKind).map((period) => period.fiscalYear)
    for (const row of rows) {
      let previous: number | undefined
      for (const year of years) {
        const value = row[`${docKind}_${year}`]
        if (!value) continue
        const before = previous === undefined ? undefined : row[`${docKind}_${previous}`]
        if (previous !== undefined && before) {
          out.push({
            ...keyColumns(row),
            doc_kind: docKind,
            fiscal_year: year,
            previous_year: previous,
            value,
            previous_value: before,
            change: subtractDecimals(value, before),
            change_rate: percentOf(subtractDecimals(value, before), before, RATE_DECIMALS) ?? null,
            fact_ids: row[`${docKind}_${year}_fact_ids`] ?? '',
            previous_fact_ids: row[`${docKind}_${previous}_fact_ids`] ?? '',
          })
        }
        previous = year
      }
    }
  }
  const order = ['department_id', 'doc_kind', ...KEY.slice(1)]
  return out.sort((a, b) => {
    for (const key of order) {
      const byKey = compareText(String(a[key]), String(b[key]))
      if (byKey !== 0) return byKey
    }
    return Number(a.fiscal_year) - Number(b.fiscal_year)
  })
}
