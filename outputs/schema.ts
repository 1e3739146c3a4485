/**
 * The data dictionary: every table of `dist/`, its columns in contract order,
 * their types and bilingual descriptions. The writers (CSV, Arrow, Parquet)
 * and `datapackage.json` are all driven from here, so the column order and
 * types cannot drift between formats.
 */
import { DEPARTMENT, DEPARTMENT_FOREIGN_KEY, DEPARTMENT_ID, DOC_ID, DOC_KIND, EXACT_DECIMAL, FACTS_SCHEMA, FISCAL_YEAR, SOURCE_FILE, SUBJECT_SYSTEMS, spanFields, type FieldSchema, type TableSchema } from '../core/fact-schema.ts'

export { FACTS_SCHEMA, type FieldSchema, type TableSchema }
import { CHECK_RULE_NAMES, ROUNDING_RULE } from '../core/registry.ts'

/** Position columns (see spanFields) that may be empty, saying when. */
function optionalSpanFields(what_zh: string, what_en: string, empty_zh: string, empty_en: string): FieldSchema[] {
  return spanFields(what_zh, what_en).map((field) => ({
    ...field,
    nullable: true as const,
    description_zh: `${field.description_zh}；${empty_zh}`,
    description_en: `${field.description_en}; ${empty_en}`,
  }))
}

/** `documents`: one row per source file, with what was found in it. */
export const DOCUMENTS_SCHEMA: TableSchema = {
  name: 'documents',
  title_zh: '源文档',
  title_en: 'Documents',
  description_zh: '每个源文件一行：文件指纹、编码、元数据，以及提取结果的统计',
  description_en: 'One row per source file: its fingerprint, encoding, metadata, and counts of what was extracted',
  primaryKey: ['doc_id'],
  foreignKeys: [DEPARTMENT_FOREIGN_KEY],
  fields: [
    DOC_ID,
    SOURCE_FILE,
    {
      name: 'sha256',
      type: 'string',
      title_zh: 'SHA-256',
      description_zh: '源文件字节的 SHA-256 摘要（十六进制小写）',
      description_en: 'SHA-256 digest of the source file bytes (lowercase hex)',
    },
    {
      name: 'bytes',
      type: 'integer',
      title_zh: '字节数',
      description_zh: '源文件大小（字节）',
      description_en: 'Size of the source file in bytes',
    },
    {
      name: 'status',
      type: 'string',
      title_zh: '状态',
      description_zh: '处理状态：ok＝已处理，failed＝文档无法使用（原因见 message），no-text＝没有文字层（扫描件，需要 OCR）',
      description_en: 'Processing status: ok; failed when the document could not be used (see `message`); no-text when it has no text layer (a scan: it needs OCR)',
      enum: ['ok', 'failed', 'no-text'],
    },
    {
      name: 'layout',
      type: 'string',
      nullable: true,
      title_zh: '版式',
      description_zh: '识别出的文本版式（如制表符分隔、Word 导出）',
      description_en: 'Text layout that was recognised (e.g. tab-separated, Word export)',
    },
    {
      name: 'encoding',
      type: 'string',
      nullable: true,
      title_zh: '字符编码',
      description_zh: '用于解码源文件的字符编码（如 utf-8、gb18030）',
      description_en: 'Character encoding used to decode the file (e.g. utf-8, gb18030)',
    },
    {
      name: 'encoding_reason',
      type: 'string',
      nullable: true,
      title_zh: '编码判定依据',
      description_zh: '选择该编码的依据（如 BOM、UTF-8 校验通过）',
      description_en: 'Why that encoding was chosen (BOM, valid UTF-8, fallback…)',
    },
    DEPARTMENT,
    DEPARTMENT_ID,
    {
      name: 'scope',
      type: 'string',
      nullable: true,
      title_zh: '口径',
      description_zh: '文档数字的口径：部门＝部门汇总（本部门及所属单位），单位＝单位本级；由标题（单位预算）或“编制单位：”行判定，部门名称后的“（汇总）”“（本级）”亦然；未找到部门名称时为空',
      description_en: 'What the figures cover: 部门 — the department consolidated (汇总: itself and the units it funds) — or 单位 — one unit alone (本级); told by the title (单位预算), by `编制单位：` lines, or by a `（汇总）`/`（本级）` after the name; empty when no department name was found',
      enum: ['部门', '单位'],
    },
    {
      name: 'region',
      type: 'string',
      nullable: true,
      title_zh: '地区',
      description_zh: '部门所属地区（省、市、区县）',
      description_en: 'Region the department belongs to (province, city, county)',
    },
    {
      name: 'level',
      type: 'string',
      nullable: true,
      title_zh: '行政级别',
      description_zh: '政府层级（如中央、省、市、县）',
      description_en: 'Level of government (central, provincial, municipal, county…)',
    },
    FISCAL_YEAR,
    DOC_KIND,
    {
      name: 'tables_found',
      type: 'integer',
      title_zh: '识别表数',
      description_zh: '识别出的标准公开表数量（共九张）',
      description_en: 'Number of the nine standard disclosure tables that were found',
    },
    {
      name: 'tables_missing',
      type: 'string',
      nullable: true,
      title_zh: '缺失表',
      description_zh: '未找到的标准表编号，以 ; 分隔',
      description_en: 'Ids of standard tables that were not found, `;`-separated',
    },
    {
      name: 'tables_unrecognised',
      type: 'string',
      nullable: true,
      title_zh: '未识别表',
      description_zh: '找到但无法对应到标准表的表标题，以 ; 分隔',
      description_en: 'Titles of tables found but not matched to a standard table, `;`-separated',
    },
    {
      name: 'facts',
      type: 'integer',
      title_zh: '事实数',
      description_zh: '从该文档提取的事实数量',
      description_en: 'Number of facts extracted from the document',
    },
    {
      name: 'numeric_tokens',
      type: 'integer',
      title_zh: '数值标记数',
      description_zh: '文档全文中的数值标记（数字串）总数，窄栏中折行印出的一个数（如 168,441 下一行 .81）计为一个；恒有 数值标记数 = 事实数 − 无数字事实数 + 未归位数',
      description_en: 'Numeric tokens (digit runs) in the whole text, a number printed in pieces over lines in a narrow cell (168,441 over .81) counted once; always numeric_tokens = facts − marker_facts + unplaced',
    },
    {
      name: 'marker_facts',
      type: 'integer',
      title_zh: '无数字事实数',
      description_zh: '原文不含数字的事实数（如“无”“—”记为 0）',
      description_en: 'Facts whose printed text has no digit (`无`, `—` read as 0)',
    },
    {
      name: 'unplaced',
      type: 'integer',
      title_zh: '未归位数',
      description_zh: '未能成为事实的数值标记数量（见 unplaced 表）',
      description_en: 'Number of numeric tokens that did not become facts (see the unplaced table)',
    },
    {
      name: 'unplaced_amounts',
      type: 'integer',
      title_zh: '未归位金额数',
      description_zh:
        '未能成为事实的金额数：带小数或千位分隔符的数（如 746.90、1,118），行次、栏次、科目编码、年份、日期、序号、表号、页码、文号、评分、名称中的数和约数除外。大于 0 表示可能有数值未被提取，最先值得查看（见 unplaced 表）',
      description_en:
        'Amounts left unplaced: numbers printed with decimals or thousands separators (746.90, 1,118) that became no fact, leaving out those identified as row or column numbers, subject codes, years, dates, ordinals, table, page and document numbers, scores, parts of a name and approximate figures. Above 0, figures may have been missed: the first thing to look at (see the unplaced table)',
    },
    {
      name: 'unplaced_by_reason',
      type: 'string',
      nullable: true,
      title_zh: '未归位原因分布',
      description_zh: '按原因统计的未归位数值，如 “row-number=54;year=38”',
      description_en: 'Unplaced numbers counted by reason, e.g. `row-number=54;year=38`',
    },
    {
      name: 'messages',
      type: 'integer',
      title_zh: '消息数',
      description_zh: '处理该文档时产生的消息数量（见 messages 表）',
      description_en: 'Number of messages raised while processing the document (see the messages table)',
    },
    {
      name: 'checks_failed',
      type: 'integer',
      title_zh: '核对错误数',
      description_zh: '结果为 error 的核对数（见 checks 表）',
      description_en: 'Checks failed with severity error (see the checks table)',
    },
    {
      name: 'checks_warned',
      type: 'integer',
      title_zh: '核对警告数',
      description_zh: '结果为 warning 的核对数（多为尾数误差）',
      description_en: 'Checks failed with severity warning (mostly rounding)',
    },
    {
      name: 'message',
      type: 'string',
      nullable: true,
      title_zh: '主要消息',
      description_zh: '第一条致命消息，若无则为第一条消息；无消息时为空',
      description_en: 'The first fatal message, else the first message; empty when there is none',
    },
  ],
}

/** `subjects`: the classification dictionary facts are normalized against, grown by the codes the documents print. */
export const SUBJECTS_SCHEMA: TableSchema = {
  name: 'subjects',
  title_zh: '收支分类科目',
  title_en: 'Classification subjects',
  description_zh:
    '政府收支分类科目（支出功能分类、部门预算支出经济分类、政府预算支出经济分类）：内置字典的全部科目，加上文档所印而字典未收的科目；每个科目列出文档所印的各种名称及其首次出现的位置。facts 表据此规范科目',
  description_en:
    'Government expenditure classification subjects (functional, departmental economic, government economic): every code of the built-in dictionary, plus every code the documents print with a name that it lacks; for each, the names printed and where each was first seen. Facts are normalized against it',
  // The systems are told apart by the first digit, but the pair keeps the key safe should a code ever appear in two.
  primaryKey: ['system', 'code'],
  fields: [
    {
      name: 'code',
      type: 'string',
      title_zh: '科目编码',
      description_zh: '科目编码（文本，保留前导零）',
      description_en: 'Subject code, as text (leading zeros kept)',
    },
    {
      name: 'name',
      type: 'string',
      title_zh: '科目名称',
      description_zh: '科目规范名称；字典未收的科目为首次出现时所印的名称（去除空白；若该名称被截短而另有文档印出全称，取全称）',
      description_en: 'Canonical subject name; for a code the dictionary lacks, the name printed where it was first seen (white space removed; when that one is cut short and another document prints it whole, the whole one)',
    },
    {
      name: 'system',
      type: 'string',
      title_zh: '科目体系',
      description_zh: '科目体系：functional＝支出功能分类（2 开头），economic＝部门预算支出经济分类（3 开头），government_economic＝政府预算支出经济分类（5 开头）',
      description_en: 'Classification system: functional (支出功能分类, codes 2xx), economic (部门预算支出经济分类, 3xx) or government_economic (政府预算支出经济分类, 5xx)',
      enum: SUBJECT_SYSTEMS,
    },
    {
      name: 'level',
      type: 'string',
      title_zh: '科目级次',
      description_zh: '科目级次（由编码长度而定）：class＝类，section＝款，item＝项',
      description_en: 'Level of the subject, from the length of its code: class (类), section (款) or item (项)',
      enum: ['class', 'section', 'item'],
    },
    {
      name: 'parent',
      type: 'string',
      nullable: true,
      title_zh: '上级科目',
      description_zh: '上级科目编码（编码去掉末两位）；类级科目为空。字典未收的科目，其上级不一定在本表中',
      description_en: 'Code of the parent subject (the code without its last two digits); empty for a class. For a code the dictionary lacks, the parent may not be a row of this table',
    },
    {
      name: 'aliases',
      type: 'string',
      nullable: true,
      title_zh: '别名',
      description_zh: '其他名称，以 ; 分隔：字典所列的旧称、简称，以及文档所印、与规范名称不同的名称（按首次出现的先后）',
      description_en: 'Other names, `;`-separated: former or short names the dictionary lists, then the names documents print that differ from the canonical one (first seen first)',
    },
    {
      name: 'source',
      type: 'string',
      title_zh: '来源',
      description_zh: '科目来源：dictionary＝内置字典，document＝字典未收、由文档所印编码和名称得来',
      description_en: 'Where the subject comes from: dictionary (the built-in dictionary) or document (a code the dictionary lacks, printed with a name in a document)',
      enum: ['dictionary', 'document'],
    },
    {
      name: 'first_doc_id',
      type: 'string',
      nullable: true,
      title_zh: '首见文档',
      description_zh: '首次印有该编码及名称的文档（doc_id 最小者）；本次构建的文档均未印时为空',
      description_en: 'Document where the code was first seen printed with a name (the smallest doc_id); empty when no document of the build prints it',
    },
    {
      name: 'first_line',
      type: 'integer',
      nullable: true,
      title_zh: '首见行号',
      description_zh: '该文档中首次印有该编码的行号（从 1 起）；未见时为空',
      description_en: '1-based line of that document where the code is first printed; empty when not seen',
    },
    {
      name: 'printed_names',
      type: 'string',
      nullable: true,
      title_zh: '所印名称',
      description_zh: '文档所印的各种名称（去除空白；仅空白、括号全半角不同者视为同一名称）及其首次出现位置，格式 名称@doc_id:行号，以 ; 分隔，按首次出现的先后；与字典名称矛盾者不列（见 messages 的 subject-name-mismatch）',
      description_en:
        'Each name printed beside the code (white space removed; names differing only in white space or bracket width are one) with where it was first seen, as `name@doc_id:line`, `;`-separated, first seen first; a name contradicting the dictionary is not listed (it is a `subject-name-mismatch` message)',
    },
  ],
}

/** `unplaced`: numeric tokens that did not become facts, and why. */
export const UNPLACED_SCHEMA: TableSchema = {
  name: 'unplaced',
  title_zh: '未归位数值',
  title_en: 'Unplaced numbers',
  description_zh: '源文件中未能成为事实的数值标记及其原因，用于核对提取的完整性',
  description_en: 'Numeric tokens in the sources that did not become facts, with the reason; for checking that extraction is complete',
  primaryKey: [],
  fields: [
    DOC_ID,
    SOURCE_FILE,
    {
      name: 'table_id',
      type: 'string',
      nullable: true,
      title_zh: '表编号',
      description_zh: '数值所在的标准表编号；不在标准表中时为空',
      description_en: 'Id of the standard table the token is in; empty outside standard tables',
    },
    ...spanFields('数值标记', 'the token'),
    {
      name: 'raw',
      type: 'string',
      title_zh: '原文',
      description_zh: '数值标记（按原文所印）',
      description_en: 'The token as printed',
    },
    {
      name: 'reason',
      type: 'string',
      title_zh: '原因',
      description_zh: '未能成为事实的原因',
      description_en: 'Why the token did not become a fact',
    },
  ],
}

/** `messages`: positioned problems found while processing documents. */
export const MESSAGES_SCHEMA: TableSchema = {
  name: 'messages',
  title_zh: '处理消息',
  title_en: 'Messages',
  description_zh: '处理文档时发现的问题（致命、警告、提示），附源文件位置',
  description_en: 'Problems found while processing documents (fatal, warning, info), with their place in the source',
  primaryKey: [],
  fields: [
    DOC_ID,
    SOURCE_FILE,
    {
      name: 'severity',
      type: 'string',
      title_zh: '严重程度',
      description_zh: '严重程度：fatal＝文档无法使用，error＝文档的一部分未能读取（如无法换算的金额单位），warning＝警告，info＝提示',
      description_en: 'Severity: fatal (the document could not be used), error (part of it could not be read, e.g. a unit that cannot be converted), warning, or info',
      enum: ['fatal', 'error', 'warning', 'info'],
    },
    {
      name: 'rule_id',
      type: 'string',
      title_zh: '规则编号',
      description_zh: '产生该消息的检查规则编号',
      description_en: 'Id of the check that raised the message',
    },
    {
      name: 'reason',
      type: 'string',
      title_zh: '说明',
      description_zh: '消息说明',
      description_en: 'What the message says',
    },
    ...optionalSpanFields('相关文本', 'the text concerned', '消息无位置时为空', 'empty when the message has no place'),
    {
      name: 'actual',
      type: 'string',
      nullable: true,
      title_zh: '实际值',
      description_zh: '实际发现的内容（如有）',
      description_en: 'What was found, when relevant',
    },
    {
      name: 'expected',
      type: 'string',
      nullable: true,
      title_zh: '期望值',
      description_zh: '期望的内容（如有），多个以 ; 分隔',
      description_en: 'What was expected, when relevant; several `;`-separated',
    },
  ],
}

/** Every table of the dataset, in the order they are written and listed. */
/** `checks`: one row per consistency identity evaluated, passes included. */
export const CHECKS_SCHEMA: TableSchema = {
  name: 'checks',
  title_zh: '一致性核对',
  title_en: 'Consistency checks',
  description_zh:
    '对每份文档的表内层级、行内恒等式、平衡关系、跨表关系、说明与表格、说明中的比较用语、标准表是否列示、单元格是否留空、标题中的部门与年度逐项核对的结果（含通过项）；金额单位为元，并给出被核对的实印数值（或所核对文字）在源文件中的位置。rounding 表示差额在尾数误差范围内；核对文字而非金额的行（标题、表是否列示、百分比）金额各栏为空',
  description_en:
    'Every identity evaluated per document (hierarchy, row identities, balance identities, cross-table, prose against table, comparison words of the prose, presence of the standard tables, blank cells, department and year of the headings), passes included; amounts in CNY yuan, with the place in the source file of the printed figure checked (or of the text checked). `rounding` marks a difference within the printing tolerance; a row about printed text rather than an amount (a heading, a table’s presence, a percentage) leaves the amount columns empty',
  primaryKey: ['check_id'],
  fields: [
    { name: 'check_id', type: 'string', title_zh: '核对编号', description_zh: '核对的稳定编号（与结果无关）', description_en: 'Stable id of the check, whatever its outcome' },
    DOC_ID,
    SOURCE_FILE,
    { name: 'rule', type: 'string', title_zh: '规则', description_zh: '判定该行的规则；差额在尾数误差内时为 rounding', description_en: 'Rule that judged the row; `rounding` when the difference is within the printing tolerance', enum: [...CHECK_RULE_NAMES, ROUNDING_RULE] },
    { name: 'base_rule', type: 'string', title_zh: '原始规则', description_zh: '计算该恒等式的规则', description_en: 'Rule that evaluated the identity', enum: CHECK_RULE_NAMES },
    { name: 'severity', type: 'string', title_zh: '严重程度', description_zh: 'error 错误；warning 警告（尾数误差等）；info 通过', description_en: 'Severity: `error`, `warning` (a rounding-sized difference) or `info` (a pass)', enum: ['error', 'warning', 'info'] },
    { name: 'status', type: 'string', title_zh: '结果', description_zh: 'pass 相符；fail 不符', description_en: '`pass` or `fail`', enum: ['pass', 'fail'] },
    { name: 'table_id', type: 'string', nullable: true, title_zh: '表编号', description_zh: '被核对数值所在的表', description_en: 'Table of the printed figure checked' },
    { name: 'subject_code', type: 'string', nullable: true, title_zh: '科目编码', description_zh: '被核对行的科目编码', description_en: 'Subject code of the row checked' },
    { name: 'line_item', type: 'string', nullable: true, title_zh: '行项目', description_zh: '被核对行的标准行项目', description_en: 'Line item of the row checked' },
    { name: 'measure', type: 'string', nullable: true, title_zh: '栏目', description_zh: '被核对的栏目', description_en: 'Measure checked' },
    ...optionalSpanFields(
      '被核对的文字（比较用语、标题），否则为被核对的实印数值（actual，即 fact_ids 中的第一个事实）',
      'the text checked (a comparison word, a heading), else the printed figure checked (`actual`, the first fact of `fact_ids`)',
      '核对既不涉及所印数值也不涉及某处文字时（如未列示的表）为空',
      'empty for a check about neither a printed figure nor a place in the text (a table not printed)',
    ),
    {
      name: 'expected',
      type: 'decimal',
      ...EXACT_DECIMAL,
      nullable: true,
      unit: 'CNY',
      title_zh: '应为',
      description_zh: '由相关数值推算的金额（元）；比较用语核对中为所比较的另一数（如预算数）；核对文字而非金额时（document-metadata、table-presence、blank-cells、百分比）为空',
      description_en: 'What the related figures add up to, CNY yuan; for a comparison word, the other figure compared (the 预算 figure); empty for a check about printed text rather than an amount (document-metadata, table-presence, blank-cells, a percentage)',
    },
    {
      name: 'actual',
      type: 'decimal',
      ...EXACT_DECIMAL,
      nullable: true,
      unit: 'CNY',
      title_zh: '实印',
      description_zh: '所印金额（元）；expected 为空时为空',
      description_en: 'The printed figure, CNY yuan; empty when `expected` is',
    },
    { name: 'difference', type: 'decimal', ...EXACT_DECIMAL, nullable: true, unit: 'CNY', title_zh: '差额', description_zh: '实印减应为（元）；两数不可相减时（如说明文字与表格单位不同）为空', description_en: 'actual − expected, CNY yuan; empty when the two cannot be subtracted (e.g. prose and table in different units)' },
    { name: 'tolerance', type: 'decimal', ...EXACT_DECIMAL, nullable: true, unit: 'CNY', title_zh: '容差', description_zh: '尾数误差可解释的最大差额（元）；差额为空时为空', description_en: 'Largest difference explained by rounding to the printed digits, CNY yuan; empty when difference is' },
    {
      name: 'fact_ids',
      type: 'string',
      nullable: true,
      title_zh: '相关事实',
      description_zh: '参与核对的事实编号，分号分隔，实印者在前；核对不涉及任何数值时（标题、表是否列示）为空',
      description_en: 'Facts involved, `;`-joined, the printed one first; empty for a check about no figure (a heading, a table’s presence)',
    },
    { name: 'message', type: 'string', title_zh: '说明', description_zh: '中英文说明：哪些数、在何处（行:列）、相差多少', description_en: 'Chinese and English: which numbers, where (line:column), by how much' },
  ],
}


const INT32_MIN = -(2 ** 31)
const INT32_MAX = 2 ** 31 - 1
const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?$/

/** The decimal string `text` in canonical form (no sign on zero, no leading or trailing zeros), or undefined when it is not a plain decimal. */
export function canonicalDecimal(text: string): string | undefined {
  const match = DECIMAL_TEXT.exec(text)
  if (!match) return undefined
  const whole = (match[2] ?? '').replace(/^0+(?=\d)/, '')
  const fraction = (match[3] ?? '').replace(/(?<!0)0+$/, '')
  const digits = fraction ? `${whole}.${fraction}` : whole
  return match[1] === '-' && /[1-9]/.test(digits) ? `-${digits}` : digits
}

/** The DECIMAL(precision, scale) of a `decimal` column; throws when the schema does not give it. */
export function decimalTypeOf(field: FieldSchema): { precision: number; scale: number } {
  const { precision, scale } = field
  if (precision === undefined || scale === undefined || !(scale >= 0 && scale <= precision && precision <= 38)) {
    throw new TypeError(`Column \`${field.name}\` is decimal without a valid precision and scale: give it \`...EXACT_DECIMAL\` (core/fact-schema.ts) or its own, scale ≤ precision ≤ 38`)
  }
  return { precision, scale }
}

/**
 * A cell converted to its column's type: text, an integer, or an exact
 * decimal as its canonical decimal text (`11187700`, `-12.3`); null when
 * empty (text: when empty in a `nullable` column). Every writer goes through
 * this so CSV, Arrow and Parquet can never disagree on a value. Throws rather
 * than write a value the column cannot hold exactly: a decimal with more
 * digits than its DECIMAL(precision, scale) is refused, never rounded.
 */
export function typedCell(field: FieldSchema, value: unknown): string | number | null {
  if (value === null || value === undefined) return null
  if (field.type === 'string') {
    // An optional column's empty text is "none": NULL in Arrow and Parquet (an empty field in the CSV either way).
    if (typeof value === 'string') return value === '' && field.nullable ? null : value
    if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value)
    throw new TypeError(`Column \`${field.name}\`: expected text, got ${Object.prototype.toString.call(value)}`)
  }
  // An empty cell in a numeric column is "unknown", as in the CSV it came from.
  if (value === '') return null
  if (field.type === 'integer') {
    const number = typeof value === 'string' && /^[+-]?\d+$/.test(value) ? Number(value) : value
    if (typeof number !== 'number' || !Number.isInteger(number) || number < INT32_MIN || number > INT32_MAX) {
      throw new TypeError(`Column \`${field.name}\`: expected a 32-bit integer, got \`${String(value)}\``)
    }
    return number === 0 ? 0 : number
  }
  // A number is taken at its shortest printing (0.1 + 0.2 is 0.30000000000000004, refused below for its 17 decimals).
  const text = typeof value === 'string' ? canonicalDecimal(value) : typeof value === 'number' || typeof value === 'bigint' ? canonicalDecimal(String(value)) : undefined
  if (text === undefined) throw new TypeError(`Column \`${field.name}\`: \`${String(value)}\` is not a plain decimal number`)
  const { precision, scale } = decimalTypeOf(field)
  const [whole = '', fraction = ''] = text.replace('-', '').split('.')
  if (fraction.length > scale || (whole !== '0' && whole.length > precision - scale)) {
    throw new TypeError(
      `Column \`${field.name}\`: \`${String(value)}\` does not fit DECIMAL(${precision}, ${scale}) (${whole === '0' ? 0 : whole.length} digits before the point, ${fraction.length} after); it is never rounded: widen the column in the schema`,
    )
  }
  return text
}
