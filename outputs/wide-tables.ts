/**
 * Wide tables for people with a spreadsheet: one row per document, per
 * functional code, per “三公” item, per economic code, with the figures side
 * by side. They are views of `facts` (nothing here reads the source text):
 * every value is the `value` of one table fact, and a test recomputes them.
 */
import type { SourceDocument } from '../core/document.ts'
import type { FieldSchema, TableSchema } from './schema.ts'
import { DOCUMENTS_SCHEMA } from './schema.ts'
import { EXACT_DECIMAL } from '../core/fact-schema.ts'
import type { Fact, TableId } from '../core/types.ts'
import { classifySubjectCode, lookupSubject } from '../normalizers/normalize-subject.ts'
import { THREE_PUBLIC_ITEM_NAMES, THREE_PUBLIC_ITEMS } from '../normalizers/normalize-measure.ts'

/** A column shared with `documents`, so it means the same thing in every table. */
function documentField(name: string): FieldSchema {
  const field = DOCUMENTS_SCHEMA.fields.find((entry) => entry.name === name)
  if (!field) throw new Error(`documents has no column \`${name}\``)
  return field
}

/** A money column: exact CNY yuan from one fact. */
function moneyField(name: string, title_zh: string, description_zh: string, description_en: string): FieldSchema {
  return {
    name,
    type: 'decimal',
    nullable: true,
    ...EXACT_DECIMAL,
    unit: 'CNY',
    title_zh,
    description_zh: `${description_zh}（元，精确）；文档未印此数时为空`,
    description_en: `${description_en} (CNY yuan, exact); empty when the document does not print it`,
  }
}

/** The document a row of a wide table is from: its id and file, and the department, year and kind of document, so a row reads alone. */
const DOCUMENT_FIELDS: FieldSchema[] = ['doc_id', 'source_file', 'department', 'fiscal_year', 'doc_kind'].map(documentField)

const SOURCE_LINE: FieldSchema = {
  name: 'source_line',
  type: 'integer',
  title_zh: '源文件行',
  description_zh: '该行第一个数值在源文件中的行号（从 1 开始）；每个数值的精确位置见 facts 表',
  description_en: '1-based line in source_file of the first figure of the row; the exact place of every figure is in the facts table',
}

const SUBJECT_LEVEL_ENUM = ['class', 'section', 'item'] as const

/** Code, name, level and parent of a classification subject. */
function subjectFields(system_zh: string, system_en: string): FieldSchema[] {
  return [
    {
      name: 'subject_code',
      type: 'string',
      title_zh: '科目编码',
      description_zh: `${system_zh}科目编码（文本，保留前导零）`,
      description_en: `${system_en} classification code, as text (leading zeros kept)`,
    },
    {
      name: 'subject_name',
      type: 'string',
      title_zh: '科目名称',
      description_zh: '科目在分类字典（subjects 表）中的规范名称',
      description_en: 'Canonical name of the subject in the classification dictionary (subjects table)',
    },
    {
      name: 'subject_level',
      type: 'string',
      title_zh: '科目级次',
      description_zh: '科目级次：class＝类，section＝款，item＝项。不同级次相互包含，按列求和时只取同一级次',
      description_en: 'Level of the subject: class (类), section (款) or item (项). Levels contain each other: sum a column over one level only',
      enum: SUBJECT_LEVEL_ENUM,
    },
    {
      name: 'subject_parent',
      type: 'string',
      nullable: true,
      title_zh: '上级科目',
      description_zh: '上级科目编码；类级科目为空',
      description_en: 'Code of the parent subject; empty for a class',
    },
  ]
}

/** `summary`: one row per document with its headline figures. */
export const SUMMARY_SCHEMA: TableSchema = {
  name: 'summary',
  title_zh: '部门概况',
  title_en: 'Summary',
  description_zh: '每份文档一行：部门、年度、收入支出合计、基本支出与项目支出、年初年末结转和结余、“三公”经费预算数与决算数、核对错误数；金额为人民币元，均取自 facts 表',
  description_en: 'One row per document: department, year, income and expenditure totals, basic and project expenditure, opening and closing balances, the “three public” expenses budgeted and spent, and failed checks; amounts in CNY yuan, all taken from the facts table',
  primaryKey: ['doc_id'],
  fields: [
    documentField('doc_id'),
    documentField('source_file'),
    documentField('department'),
    documentField('region'),
    documentField('level'),
    documentField('fiscal_year'),
    documentField('doc_kind'),
    moneyField('income_total', '本年收入合计', '收入支出决算总表“本年收入合计”', 'Total income of the year (收入支出决算总表, 本年收入合计)'),
    moneyField('expenditure_total', '本年支出合计', '收入支出决算总表“本年支出合计”', 'Total expenditure of the year (收入支出决算总表, 本年支出合计)'),
    moneyField('basic_expenditure', '基本支出', '支出决算表合计行“基本支出”：保障机构运转的人员经费和公用经费', 'Basic expenditure: staff and running costs (支出决算表, total row, 基本支出)'),
    moneyField('project_expenditure', '项目支出', '支出决算表合计行“项目支出”：为完成特定任务的支出', 'Project expenditure: spending on specific tasks (支出决算表, total row, 项目支出)'),
    moneyField('opening_balance', '年初结转和结余', '收入支出决算总表“年初结转和结余”', 'Balance carried over into the year (收入支出决算总表, 年初结转和结余)'),
    moneyField('closing_balance', '年末结转和结余', '收入支出决算总表“年末结转和结余”', 'Balance carried over to the next year (收入支出决算总表, 年末结转和结余)'),
    moneyField('three_public_budget_total', '“三公”经费预算数合计', '“三公”经费支出决算表预算数合计', '“Three public” expenses (travel abroad, official vehicles, official reception): budgeted total'),
    moneyField('three_public_budget_overseas_travel', '因公出国（境）费预算数', '“三公”经费支出决算表预算数“因公出国（境）费”', '“Three public” expenses budgeted for official travel abroad'),
    moneyField('three_public_budget_vehicles', '公务用车购置及运行费预算数', '“三公”经费支出决算表预算数“公务用车购置及运行费”', '“Three public” expenses budgeted for buying and running official vehicles'),
    moneyField('three_public_budget_reception', '公务接待费预算数', '“三公”经费支出决算表预算数“公务接待费”', '“Three public” expenses budgeted for official reception'),
    moneyField('three_public_actual_total', '“三公”经费决算数合计', '“三公”经费支出决算表决算数合计', '“Three public” expenses: actual total spent'),
    moneyField('three_public_actual_overseas_travel', '因公出国（境）费决算数', '“三公”经费支出决算表决算数“因公出国（境）费”', '“Three public” expenses actually spent on official travel abroad'),
    moneyField('three_public_actual_vehicles', '公务用车购置及运行费决算数', '“三公”经费支出决算表决算数“公务用车购置及运行费”', '“Three public” expenses actually spent on buying and running official vehicles'),
    moneyField('three_public_actual_reception', '公务接待费决算数', '“三公”经费支出决算表决算数“公务接待费”', '“Three public” expenses actually spent on official reception'),
    {
      ...documentField('checks_failed'),
      description_zh: '结果为 error 的核对数：所印数字之间的恒等关系（如合计＝各项之和）不成立且超出尾数误差，详见 checks 表',
      description_en: 'Checks failed with severity error: an identity between printed figures (e.g. total = sum of its parts) does not hold beyond rounding; see the checks table',
    },
  ],
}

/** `expenditure_by_function`: document × functional code, total / basic / project side by side. */
export const EXPENDITURE_BY_FUNCTION_SCHEMA: TableSchema = {
  name: 'expenditure_by_function',
  title_zh: '按功能分类的支出',
  title_en: 'Expenditure by functional classification',
  description_zh: '每份文档的支出决算表中每个支出功能分类科目一行：支出合计、基本支出、项目支出（元）。合计行不在此表（见 summary）；科目在表中重复印出时每栏取第一次所印的数，全部数值见 facts 表',
  description_en: 'One row per functional classification code of each document’s expenditure table (支出决算表): total, basic and project expenditure (CNY yuan). The total row is not here (see summary); for a code printed twice each column keeps its first printed figure, every figure is in the facts table',
  primaryKey: ['doc_id', 'table_id', 'subject_code'],
  fields: [
    ...DOCUMENT_FIELDS,
    {
      name: 'table_id',
      type: 'string',
      title_zh: '表编号',
      description_zh: '数值所在的标准表：expenditure_by_function＝支出决算表',
      description_en: 'Standard table the figures come from: expenditure_by_function (支出决算表)',
      enum: ['expenditure_by_function'],
    },
    ...subjectFields('支出功能分类', 'Functional'),
    moneyField('total', '支出合计', '本年支出合计', 'Total expenditure of the year'),
    moneyField('basic', '基本支出', '基本支出（人员经费和公用经费）', 'Basic expenditure (staff and running costs)'),
    moneyField('project', '项目支出', '项目支出', 'Project expenditure'),
    SOURCE_LINE,
  ],
}

/** `three_public`: document × “三公” item, budget and actual side by side. */
export const THREE_PUBLIC_SCHEMA: TableSchema = {
  name: 'three_public',
  title_zh: '“三公”经费',
  title_en: '“Three public” expenses',
  description_zh: '每份文档“三公”经费支出决算表的每个项目一行：预算数与决算数（元）。两栏都未印的项目不列出',
  description_en: 'One row per item of each document’s “three public” expenses table (三公经费: travel abroad, official vehicles, official reception): budget and actual (CNY yuan). Items with neither printed are left out',
  primaryKey: ['doc_id', 'item'],
  fields: [
    ...DOCUMENT_FIELDS,
    {
      name: 'item',
      type: 'string',
      title_zh: '项目',
      description_zh: '项目键：total 合计；overseas_travel 因公出国（境）费；vehicles_total 公务用车购置及运行费（＝购置费＋运行费）；vehicle_purchase 公务用车购置费；vehicle_operation 公务用车运行费；official_reception 公务接待费',
      description_en: 'Item: total; overseas_travel (因公出国（境）费); vehicles_total (公务用车购置及运行费 = purchase + operation); vehicle_purchase; vehicle_operation; official_reception (公务接待费)',
      enum: THREE_PUBLIC_ITEMS,
    },
    {
      name: 'item_name',
      type: 'string',
      title_zh: '项目名称',
      description_zh: '项目的中文名称',
      description_en: 'Chinese name of the item',
    },
    moneyField('budget', '预算数', '预算数', 'Amount budgeted'),
    moneyField('actual', '决算数', '决算数（实际支出）', 'Amount actually spent'),
    SOURCE_LINE,
  ],
}

/** `basic_expenditure_by_economic`: document × economic code, amount. */
export const BASIC_EXPENDITURE_BY_ECONOMIC_SCHEMA: TableSchema = {
  name: 'basic_expenditure_by_economic',
  title_zh: '按经济分类的基本支出',
  title_en: 'Basic expenditure by economic classification',
  description_zh: '每份文档一般公共预算财政拨款基本支出决算表中每个经济分类科目一行（元）。人员经费合计、公用经费合计不在此表；科目重复印出时取第一次所印的数',
  description_en: 'One row per economic classification code of each document’s basic expenditure table (一般公共预算财政拨款基本支出决算表), CNY yuan. The staff and running cost totals are not here; a code printed twice keeps its first printed figure',
  primaryKey: ['doc_id', 'subject_code'],
  fields: [
    ...DOCUMENT_FIELDS,
    ...subjectFields('支出经济分类', 'Economic'),
    moneyField('amount', '决算数', '决算数', 'Amount spent'),
    SOURCE_LINE,
  ],
}

/** Money facts printed in a table of the document, in printed order. */
function tableFacts(doc: SourceDocument, tableId: TableId): Fact[] {
  return doc.facts
    .filter((fact) => fact.origin === 'table' && fact.table_id === tableId && fact.unit === 'CNY')
    .sort((a, b) => a.line - b.line || a.column - b.column)
}

/** The value of the first printed fact matching `where`, or null when the document has none. */
function firstValue(facts: readonly Fact[], where: (fact: Fact) => boolean): string | null {
  return facts.find(where)?.value ?? null
}

/** The `summary` row of a document. */
export function summaryRows(doc: SourceDocument): Record<string, unknown>[] {
  const summary = tableFacts(doc, 'income_expenditure_summary')
  const expenditure = tableFacts(doc, 'expenditure_by_function')
  const threePublic = tableFacts(doc, 'three_public_expenses')
  const lineItem = (side: Fact['side'], key: string): string | null =>
    firstValue(summary, (fact) => fact.side === side && fact.line_item === key && fact.measure === 'amount')
  const totalRow = (measure: string): string | null => firstValue(expenditure, (fact) => fact.line_item === 'total' && !fact.subject_code && fact.measure === measure)
  const threePublicValue = (measure: string): string | null => firstValue(threePublic, (fact) => fact.measure === measure)
  return [
    {
      doc_id: doc.docId,
      source_file: doc.path,
      department: doc.metadata.department,
      region: doc.metadata.region,
      level: doc.metadata.level,
      fiscal_year: doc.metadata.fiscalYear,
      doc_kind: doc.metadata.docKind,
      income_total: lineItem('income', 'income_total'),
      expenditure_total: lineItem('expenditure', 'expenditure_total'),
      basic_expenditure: totalRow('basic'),
      project_expenditure: totalRow('project'),
      opening_balance: lineItem('income', 'opening_balance'),
      closing_balance: lineItem('expenditure', 'closing_balance'),
      three_public_budget_total: threePublicValue('budget_total'),
      three_public_budget_overseas_travel: threePublicValue('budget_overseas_travel'),
      three_public_budget_vehicles: threePublicValue('budget_vehicles_total'),
      three_public_budget_reception: threePublicValue('budget_official_reception'),
      three_public_actual_total: threePublicValue('actual_total'),
      three_public_actual_overseas_travel: threePublicValue('actual_overseas_travel'),
      three_public_actual_vehicles: threePublicValue('actual_vehicles_total'),
      three_public_actual_reception: threePublicValue('actual_official_reception'),
      checks_failed: doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length,
    },
  ]
}

/** The values of DOCUMENT_FIELDS for a document. */
function documentColumns(doc: SourceDocument): Record<string, unknown> {
  return { doc_id: doc.docId, source_file: doc.path, department: doc.metadata.department, fiscal_year: doc.metadata.fiscalYear, doc_kind: doc.metadata.docKind }
}

/** Facts grouped by subject code in printed order (the first printing of each code opens its group). */
function groupByCode(facts: readonly Fact[]): Map<string, Fact[]> {
  const groups = new Map<string, Fact[]>()
  for (const fact of facts) {
    const group = groups.get(fact.subject_code)
    if (group) group.push(fact)
    else groups.set(fact.subject_code, [fact])
  }
  return groups
}

/** Code, canonical name, level and parent of a subject code. */
function subjectColumns(code: string, printedName: string): Record<string, unknown> {
  const shape = classifySubjectCode(code)
  return {
    subject_code: code,
    subject_name: lookupSubject(code)?.name ?? printedName,
    subject_level: shape?.level ?? '',
    subject_parent: shape?.parent ?? '',
  }
}

/** The `expenditure_by_function` rows of a document: one per functional code of 支出决算表. */
export function expenditureByFunctionRows(doc: SourceDocument): Record<string, unknown>[] {
  const measures = ['total', 'basic', 'project']
  const facts = tableFacts(doc, 'expenditure_by_function').filter(
    (fact) => fact.subject_system === 'functional' && fact.subject_code !== '' && measures.includes(fact.measure),
  )
  return [...groupByCode(facts)].map(([code, group]) => ({
    ...documentColumns(doc),
    table_id: 'expenditure_by_function',
    ...subjectColumns(code, group[0]?.subject_name ?? ''),
    ...Object.fromEntries(measures.map((measure) => [measure, firstValue(group, (fact) => fact.measure === measure)])),
    source_line: group[0]?.line ?? null,
  }))
}

/** The `three_public` rows of a document: one per item printed in the “三公” table, in the standard item order. */
export function threePublicRows(doc: SourceDocument): Record<string, unknown>[] {
  const facts = tableFacts(doc, 'three_public_expenses')
  return THREE_PUBLIC_ITEMS.flatMap((item) => {
    const itemFacts = facts.filter((fact) => fact.measure === `budget_${item}` || fact.measure === `actual_${item}`)
    if (itemFacts.length === 0) return []
    return [
      {
        ...documentColumns(doc),
        item,
        item_name: THREE_PUBLIC_ITEM_NAMES[item],
        budget: firstValue(itemFacts, (fact) => fact.measure === `budget_${item}`),
        actual: firstValue(itemFacts, (fact) => fact.measure === `actual_${item}`),
        source_line: itemFacts[0]?.line ?? null,
      },
    ]
  })
}

/** The `basic_expenditure_by_economic` rows of a document: one per economic code of the basic expenditure table. */
export function basicExpenditureByEconomicRows(doc: SourceDocument): Record<string, unknown>[] {
  const facts = tableFacts(doc, 'general_budget_basic_expenditure').filter(
    (fact) => fact.subject_system === 'economic' && fact.subject_code !== '' && fact.measure === 'amount',
  )
  return [...groupByCode(facts)].map(([code, group]) => ({
    ...documentColumns(doc),
    ...subjectColumns(code, group[0]?.subject_name ?? ''),
    amount: group[0]?.value ?? null,
    source_line: group[0]?.line ?? null,
  }))
}

/** The wide tables as output tables (schema + rows per document), in the order they are listed after the long tables. */
export const WIDE_TABLES: { schema: TableSchema; rowsOf: (doc: SourceDocument) => Record<string, unknown>[] }[] = [
  { schema: SUMMARY_SCHEMA, rowsOf: summaryRows },
  { schema: EXPENDITURE_BY_FUNCTION_SCHEMA, rowsOf: expenditureByFunctionRows },
  { schema: THREE_PUBLIC_SCHEMA, rowsOf: threePublicRows },
  { schema: BASIC_EXPENDITURE_BY_ECONOMIC_SCHEMA, rowsOf: basicExpenditureByEconomicRows },
]
