/**
 * The facts table's schema, which is also the `Fact` type: a fact is a row of
 * `dist/facts`, so its fields, their types and enums are declared once here
 * and the type is derived from them. The other tables' schemas (outputs/)
 * share the column definitions below.
 */
import { OTHER_TABLE, TABLE_IDS } from './registry.ts'

/** One column of a table: its name, storage type and bilingual description. */
export interface FieldSchema {
  name: string
  /** `string` is text even when it looks numeric (classification codes); `decimal` is an exact number printed back as written. */
  type: 'string' | 'integer' | 'decimal'
  /** Unit of every value of the column, when the column has a single one. */
  unit?: string
  /**
   * A `decimal` column's DECIMAL(precision, scale) in Arrow and Parquet:
   * digits in all, and after the point. A value with more is refused, never
   * rounded. Required on every `decimal` column.
   */
  precision?: number
  scale?: number
  description_zh: string
  description_en: string
  title_zh: string
  /** The closed set of values the contract allows (an empty cell is also allowed: it means "not known"). */
  enum?: readonly string[]
  /**
   * The column is optional: its cell may be empty (an empty CSV field; NULL in
   * Arrow and Parquet, so `is null` finds it). A column without it is never
   * empty (datapackage.json: `required`).
   */
  nullable?: true
}

/** One table of the dataset: its name (file stem), titles, description, key and columns. */
export interface TableSchema {
  name: string
  title_zh: string
  title_en: string
  description_zh: string
  description_en: string
  /** Columns that identify a row; empty when the table has no natural key. */
  primaryKey: readonly string[]
  /** Columns that point at rows of another table (datapackage.json `foreignKeys`); an empty cell points at none. */
  foreignKeys?: readonly { fields: readonly string[]; reference: { resource: string; fields: readonly string[] } }[]
  fields: readonly FieldSchema[]
}

/**
 * DECIMAL(38, 6), the type of every decimal column (money in yuan, and the
 * percentages and counts `facts.value` also holds). Measured on the seeds and
 * the real corpus (103 documents, 69,381 facts, 12,855 checks): yuan carry at
 * most 2 decimals (万元 printed with 6 decimals would be 2 decimals of yuan;
 * 元 printed with 2 is 2), percentages 3 (`0.004%`), check tolerances 3 (half
 * a unit of a 元 figure printed with 2 decimals: 0.005 per figure), and at most
 * 13 digits before the point. 6 decimals leave room for 元 printed with 4 and
 * 万元 printed with 10; 32 digits before the point hold any sum of yuan, and
 * 38 is the most a 128-bit decimal holds (Parquet: FIXED_LEN_BYTE_ARRAY(16)).
 */
export const EXACT_DECIMAL = { precision: 38, scale: 6 } as const

export const DOC_KINDS = ['final_accounts', 'budget'] as const

/**
 * Where the unit a figure was read in comes from: printed with it (the
 * table's unit line, the unit after a prose figure), stated elsewhere in the
 * same document, or assumed (万元) because the document states none.
 */
export const UNIT_BASES = ['printed', 'document', 'default'] as const

/**
 * The classifications a subject code belongs to, told by its first digit:
 * 支出功能分类 (2xx), 部门预算支出经济分类 (3xx) and 政府预算支出经济分类 (5xx,
 * which 预算 print beside the 3xx codes).
 */
export const SUBJECT_SYSTEMS = ['functional', 'economic', 'government_economic'] as const

/** A classification of subject codes. */
export type SubjectSystem = (typeof SUBJECT_SYSTEMS)[number]

// Shared column definitions, so that the same column means the same thing in every table.
export const DOC_ID = {
  name: 'doc_id',
  type: 'string',
  title_zh: '文档编号',
  description_zh: '源文档的稳定编号（由文件内容导出），连接 documents 表',
  description_en: 'Stable id of the source document (derived from its content); joins the documents table',
} as const satisfies FieldSchema
export const SOURCE_FILE = {
  name: 'source_file',
  type: 'string',
  title_zh: '源文件',
  description_zh: '源文件相对于仓库根目录的路径（以 / 分隔）',
  description_en: 'Path of the source file relative to the repository root (`/`-separated)',
} as const satisfies FieldSchema
export const FISCAL_YEAR = {
  name: 'fiscal_year',
  type: 'integer',
  nullable: true,
  title_zh: '财政年度',
  description_zh: '文档所属财政年度（公历年）；无法确定时为空',
  description_en: 'Fiscal (calendar) year the document covers; empty when it could not be determined',
} as const satisfies FieldSchema
export const DOC_KIND = {
  name: 'doc_kind',
  type: 'string',
  nullable: true,
  title_zh: '文档类型',
  description_zh: '文档类型：final_accounts＝部门决算，budget＝部门预算；无法确定时为空',
  description_en: 'Kind of document: final_accounts (部门决算, final accounts) or budget (部门预算); empty when unknown',
  enum: DOC_KINDS,
} as const satisfies FieldSchema
export const DEPARTMENT = {
  name: 'department',
  type: 'string',
  nullable: true,
  title_zh: '部门',
  description_zh: '编报部门名称（按文档所印）；无法确定时为空',
  description_en: 'Name of the reporting department, as printed in the document; empty when it could not be determined',
} as const satisfies FieldSchema

export const DEPARTMENT_ID = {
  name: 'department_id',
  type: 'string',
  nullable: true,
  title_zh: '部门编号',
  description_zh: '跨文档的部门编号：规范名称（按 normalizers/data/departments.json 归并别名）与口径（部门＝汇总，单位＝本级）的 sha256 前 16 位十六进制，重建不变；连接 departments 表；未找到部门名称时为空',
  description_en: 'The department across documents: first 16 hex digits of sha256 of its canonical name (aliases folded by normalizers/data/departments.json) and scope (部门 consolidated, 单位 one unit), the same in every build; joins the departments table; empty when no department name was found',
} as const satisfies FieldSchema

/** Position columns of a span in the source (shared by facts, unplaced, messages). */
export function spanFields(what_zh: string, what_en: string) {
  return [
    {
      name: 'line',
      type: 'integer',
      title_zh: '起始行',
      description_zh: `${what_zh}在源文件中的起始行号（从 1 开始）`,
      description_en: `1-based line in the source file where ${what_en} starts`,
    },
    {
      name: 'column',
      type: 'integer',
      title_zh: '起始列',
      description_zh: `${what_zh}的起始列号（从 1 开始，按 Unicode 码位计数）`,
      description_en: `1-based column where ${what_en} starts, counted in Unicode code points`,
    },
    {
      name: 'end_line',
      type: 'integer',
      title_zh: '结束行',
      description_zh: `${what_zh}的结束行号（从 1 开始）`,
      description_en: `1-based line where ${what_en} ends`,
    },
    {
      name: 'end_column',
      type: 'integer',
      title_zh: '结束列',
      description_zh: `${what_zh}最后一个字符之后的列号（按 Unicode 码位计数），line:column..end_line:end_column 恰好界定该文本`,
      description_en: `Column just past the last character of ${what_en} (Unicode code points), so line:column..end_line:end_column delimits it exactly`,
    },
  ] as const satisfies readonly FieldSchema[]
}

/**
 * Where a figure of a PDF stands on its page: the page and the box whose
 * text is the figure, in PDF points from the page's top-left corner, as
 * poppler's `pdftotext -bbox` reports word boxes; empty for text inputs.
 */
export function boxFields() {
  const corner = <N extends string>(name: N, zh: string, en: string) =>
    ({
      name,
      type: 'decimal',
      ...EXACT_DECIMAL,
      nullable: true,
      unit: 'pt',
      title_zh: zh,
      description_zh: `PDF 源文件中数值原文所在框的${zh}（单位：点，1/72 英寸，原点为页面左上角，与 pdftotext -bbox 相同）；文本源文件为空`,
      description_en: `${en} of the box holding value_raw on its PDF page, in points (1/72 inch) from the page's top-left corner, as pdftotext -bbox reports; empty for text inputs`,
    }) as const
  return [
    {
      name: 'page',
      type: 'integer',
      nullable: true,
      title_zh: '页码',
      description_zh: 'PDF 源文件中数值所在的页码（从 1 开始）；文本源文件为空',
      description_en: '1-based page of the PDF source file the figure is printed on; empty for text inputs',
    },
    corner('x0', '左边界', 'Left edge'),
    corner('y0', '上边界', 'Top edge'),
    corner('x1', '右边界', 'Right edge'),
    corner('y1', '下边界', 'Bottom edge'),
  ] as const satisfies readonly FieldSchema[]
}

/** `facts`: one figure per row, with its meaning and its exact place in the source. */
/** A table's `department_id` points at a row of `departments` (datapackage.json `foreignKeys`). */
export const DEPARTMENT_FOREIGN_KEY = { fields: ['department_id'], reference: { resource: 'departments', fields: ['department_id'] } } as const

export const FACTS_SCHEMA = {
  name: 'facts',
  title_zh: '数据事实',
  title_en: 'Facts',
  description_zh: '从公开文本中提取的每一个数值：其含义（表、收支、科目、栏目）、规范化数值，以及在源文件中的精确位置',
  description_en: 'Every figure extracted from the disclosures: what it means (table, side, subject, column), its normalized value, and its exact place in the source file',
  primaryKey: ['fact_id'],
  foreignKeys: [
    { fields: ['doc_id'], reference: { resource: 'documents', fields: ['doc_id'] } },
    DEPARTMENT_FOREIGN_KEY,
  ],
  fields: [
    {
      name: 'fact_id',
      type: 'string',
      title_zh: '事实编号',
      description_zh: '事实的稳定编号（由其来源信息计算的哈希），重新构建时不变',
      description_en: 'Stable id of the fact (a hash of its provenance); unchanged across rebuilds',
    },
    DOC_ID,
    SOURCE_FILE,
    FISCAL_YEAR,
    DOC_KIND,
    DEPARTMENT,
    DEPARTMENT_ID,
    {
      name: 'origin',
      type: 'string',
      title_zh: '来源形式',
      description_zh: '数值来源：table＝表格单元格，prose＝正文叙述',
      description_en: 'Where the figure came from: table (a table cell) or prose (running text)',
      enum: ['table', 'prose'],
    },
    {
      name: 'table_id',
      type: 'string',
      nullable: true,
      title_zh: '表编号',
      description_zh: '九张公开表中的规范表编号（决算与预算同一角色的表同一编号）；其他表格为 other；正文中的数值为空',
      description_en: 'Canonical id of the standard disclosure table (one of nine; a 预算 table and a 决算 table playing the same role share it); `other` for any other table (项目支出, 政府采购, 绩效 …); empty for figures from prose',
      enum: [...TABLE_IDS, OTHER_TABLE],
    },
    {
      name: 'side',
      type: 'string',
      nullable: true,
      title_zh: '收支',
      description_zh: '收入（income）或支出（expenditure）；不适用时为空',
      description_en: 'Income or expenditure side of the table; empty when not applicable',
      enum: ['income', 'expenditure'],
    },
    {
      name: 'line_item',
      type: 'string',
      nullable: true,
      title_zh: '项目',
      description_zh: '非科目行的规范项目键（如合计、年初结转和结余）；科目行为空',
      description_en: 'Canonical key of a row that is not a classification subject (totals, carry-overs…); empty on subject rows',
    },
    {
      name: 'subject_system',
      type: 'string',
      nullable: true,
      title_zh: '科目体系',
      description_zh: '科目体系：functional＝支出功能分类（2 开头），economic＝部门预算支出经济分类（3 开头），government_economic＝政府预算支出经济分类（5 开头）；非科目行为空',
      description_en: 'Classification system of the subject: functional (支出功能分类, codes 2xx), economic (部门预算支出经济分类, 3xx) or government_economic (政府预算支出经济分类, 5xx); empty on rows without a subject',
      enum: SUBJECT_SYSTEMS,
    },
    {
      name: 'subject_code',
      type: 'string',
      nullable: true,
      title_zh: '科目编码',
      description_zh: '政府收支分类科目编码（文本，保留前导零，如 2010301）',
      description_en: 'Government revenue/expenditure classification code, as text (leading zeros kept, e.g. 2010301)',
    },
    {
      name: 'subject_name',
      type: 'string',
      nullable: true,
      title_zh: '科目名称',
      description_zh: '科目在分类字典中的规范名称；字典未收的编码为本文档所印名称（去除空白）',
      description_en: 'Canonical name of the subject in the classification dictionary; for a code the dictionary lacks, the name this document prints (white space removed)',
    },
    {
      name: 'label_raw',
      type: 'string',
      nullable: true,
      title_zh: '行标签原文',
      description_zh: '行标签（按原文所印）',
      description_en: 'Row label as printed',
    },
    {
      name: 'measure',
      type: 'string',
      nullable: true,
      title_zh: '栏目',
      description_zh: '栏目的规范键（如 total、basic、project）；datapackage.json 的 categories 列出每个键及其中文名称；prior_ 开头的键为上年数（如 prior_total 上年预算数合计）',
      description_en: 'Canonical key of the column (measure), e.g. total, basic, project; datapackage.json lists every key with its Chinese title (categories); a key starting prior_ is the previous year\'s column (prior_total: last year\'s budget total)',
    },
    {
      name: 'measure_raw',
      type: 'string',
      nullable: true,
      title_zh: '栏目原文',
      description_zh: '栏目表头（按原文所印）',
      description_en: 'Column header as printed',
    },
    {
      name: 'value',
      type: 'decimal',
      ...EXACT_DECIMAL,
      unit: 'CNY',
      title_zh: '数值',
      description_zh: '数值（金额为人民币元，精确）；非金额数值（如百分比、人数）的单位见 unit 列',
      description_en: 'The figure: money in CNY yuan, exact; figures that are not money (percentages, counts) carry their own unit in the `unit` column',
    },
    {
      name: 'unit',
      type: 'string',
      title_zh: '单位',
      description_zh: 'value 的单位：CNY＝人民币元（另有 percent、count 等）',
      description_en: 'Unit of `value`: CNY (yuan), or percent, count… for figures that are not money',
    },
    {
      name: 'value_raw',
      type: 'string',
      title_zh: '数值原文',
      description_zh: '数值（按原文所印，未换算）',
      description_en: 'The figure as printed, before conversion',
    },
    {
      name: 'unit_raw',
      type: 'string',
      nullable: true,
      title_zh: '单位原文',
      description_zh: '表中或数值旁所印的单位（如 万元、元）；未印单位时为空（见 unit_basis）',
      description_en: 'Unit printed for the table or next to the prose figure (e.g. 万元 = 10,000 yuan, 元 = yuan); empty when none is printed (see unit_basis)',
    },
    {
      name: 'unit_basis',
      type: 'string',
      title_zh: '单位依据',
      description_zh:
        '换算所用金额单位的依据：printed＝该表或该数值旁印有单位（即 unit_raw）；document＝该表未印单位，按本文档其他表格一致所印的单位（或说明文字所述单位）换算；default＝文档未说明单位，推定为万元。document 与 default 均为推定，见 messages 中的 missing-unit',
      description_en:
        'Where the unit the figure was read in comes from: printed (the table or the prose prints it next to the figure: unit_raw); document (the table prints none, and the unit every other table of the document prints, or the one its prose states, was applied); default (the document states no unit: 万元 was assumed). document and default are assumptions: see missing-unit in messages',
      enum: UNIT_BASES,
    },
    ...spanFields('数值原文', 'value_raw'),
    ...boxFields(),
    {
      name: 'column_label',
      type: 'string',
      nullable: true,
      title_zh: '栏目路径',
      description_zh: '数值所在栏目的表头路径（按原文所印，各级以 / 连接，如 基本支出/人员经费）；正文中的数值为空',
      description_en: 'Header path of the column the figure is in, as printed, levels joined with `/` (e.g. 基本支出/人员经费); empty for figures from prose',
    },
    {
      name: 'table_title_raw',
      type: 'string',
      nullable: true,
      title_zh: '表标题原文',
      description_zh: '数值所在表格的标题（按原文所印）',
      description_en: 'Title of the table the figure is in, as printed',
    },
    {
      name: 'row_number',
      type: 'string',
      nullable: true,
      title_zh: '行次',
      description_zh: '该行所印的行次（文本）；未印行次时为空',
      description_en: 'Row number (行次) printed on the row, as text; empty when none is printed',
    },
    {
      name: 'section',
      type: 'string',
      nullable: true,
      title_zh: '章节',
      description_zh: '说明文字中数值所在的章节路径（如“第三部分 > 七、… > （二）…”）；表格数值为空',
      description_en: 'Section path of a prose figure (e.g. `第三部分 > 七、… > （二）…`); empty for table figures',
    },
    {
      name: 'sentence',
      type: 'string',
      nullable: true,
      title_zh: '所在句子',
      description_zh: '说明文字中包含该数值的句子；表格数值为空',
      description_en: 'The sentence holding a prose figure; empty for table figures',
    },
    {
      name: 'label',
      type: 'string',
      nullable: true,
      title_zh: '数值名称',
      description_zh: '说明文字中指称该数值的短语（如“公务接待费”）；表格数值为空',
      description_en: 'The phrase naming a prose figure (e.g. `公务接待费`); empty for table figures',
    },
    {
      name: 'table_fact_id',
      type: 'string',
      nullable: true,
      title_zh: '对应表格事实',
      description_zh: '说明文字数值所复述的表格数值的 fact_id（同一文档、同一项目）；无对应时为空',
      description_en: 'fact_id of the table figure a prose figure restates (same document, same item); empty when none',
    },
  ],
} as const satisfies TableSchema

/** The value type of a column in memory: its enum (or empty), text as a string ('' when empty: the writers make it NULL where the column is optional), a number for integers and a decimal string for decimals (null where the column is optional). */
type ValueOf<F extends FieldSchema> = F extends { enum: readonly (infer E extends string)[] }
  ? E | ''
  : F['type'] extends 'string'
    ? string
    : F extends { nullable: true }
      ? (F['type'] extends 'integer' ? number : string) | null
      : F['type'] extends 'integer'
        ? number
        : string

/** The row type a table schema describes. */
export type RowOf<S extends { fields: readonly FieldSchema[] }> = { -readonly [F in S['fields'][number] as F['name']]: ValueOf<F> }

/** One figure with its provenance: a row of `dist/facts`. */
export type Fact = RowOf<typeof FACTS_SCHEMA>
