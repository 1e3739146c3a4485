/**
 * The registry of every code the pipeline writes: message rule ids, the
 * reasons a number is left unplaced, and the check rules. The output
 * schema's enums, the report, `inspect` and docs/CODES.md all read from here,
 * so a new code is added in one place and its meaning travels with it.
 */

/** Canonical table ids (the data contract), in 公开表 order. */
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

/** The table id of a table that is not one of the nine (项目支出, 政府采购, 绩效 …): its figures are facts all the same. */
export const OTHER_TABLE = 'other'

/** One code: what it means, in Chinese and English, as the report and `inspect` print it. */
export interface CodeEntry {
  zh: string
  en: string
}

/** Message rule ids (`messages.rule_id`): a problem found in a document, and what it means. */
export const MESSAGE_CODES = {
  'ambiguous-column': { zh: '数值所在栏目无法确定（续页无表头，或两个数值落在同一栏）', en: 'Figures whose column the reader cannot tell (a page continued without its header, neither the figures\' order nor the table\'s sums tell; or two figures in one cell): not placed' },
  'binary-file': { zh: '不是文本文件', en: 'Not a text file (an image, archive, Office file or other binary)' },
  'damaged-pdf': { zh: 'PDF 文件损坏或不完整', en: 'A PDF that cannot be read: damaged, cut short (no `%%EOF`), or not a PDF at all' },
  'duplicate-document': { zh: '与另一文档内容相同', en: 'Same text as another document of the build' },
  'empty-file': { zh: '空文件', en: 'Empty file: nothing to read' },
  'encrypted-pdf': { zh: 'PDF 已加密，需要密码', en: 'An encrypted PDF that cannot be read without its password' },
  'file-too-large': { zh: '文件过大', en: 'File larger than the pipeline reads' },
  'internal-error': { zh: '流水线内部错误', en: 'A stage failed on this document (a bug); the other documents go on' },
  'invalid-bytes': { zh: '无效字节', en: 'Bytes invalid in the detected encoding, read as U+FFFD' },
  'line-too-long': { zh: '行过长', en: 'A line longer than the pipeline reads' },
  'malformed-subject-code': { zh: '科目编码格式有误', en: 'A code-shaped cell that no classification has: a class 1xx, 4xx or 6xx–9xx, an economic code of 7 digits, a level numbered 00' },
  'missing-department': { zh: '未找到部门名称', en: 'No department name found in the text or sources.csv' },
  'missing-fiscal-year': { zh: '未找到财政年度', en: 'No fiscal year found in the text or sources.csv' },
  'missing-table': {
    zh: '缺少标准表',
    en: "A standard table the document kind should print is missing, and the text neither says it has none of its money nor leaves it out of its 目录 (the `table-presence` check lists the same)",
  },
  'missing-unit': { zh: '表格未标明金额单位', en: "A table prints no unit line: read in the unit the rest of the document states (unit_basis document), else 万元 (unit_basis default)" },
  'no-text-layer': { zh: '没有文字层（扫描件），需要 OCR', en: 'No text layer (a scanned PDF): it needs OCR before its figures can be read' },
  'not-a-file': { zh: '不是普通文件', en: 'Not a regular file (a folder, device, socket or pipe)' },
  mojibake: { zh: '乱码', en: 'Damaged text: many characters are neither Chinese, Latin nor punctuation' },
  'outside-inputs': { zh: '链接指向输入目录之外', en: 'A symbolic link to a file outside the input folder' },
  'pdf-box-not-found': { zh: 'PDF 中未找到数值的位置', en: 'Figures of a PDF whose box on the page could not be found (their page and box columns are empty)' },
  'pdf-reader-missing': { zh: '未安装 pdftotext（poppler-utils）', en: "A PDF cannot be read: poppler's pdftotext is not installed" },
  'possibly-truncated': { zh: '文件可能被截断', en: 'The file ends in a number without a line break: it may have been cut short' },
  'prose-unit-split': { zh: '说明文字中金额单位被拆开', en: 'A money unit in the prose is split by white space' },
  'subject-name-mismatch': { zh: '科目名称与编码不符', en: 'The printed subject name does not match its code' },
  'tables-not-printed': {
    zh: '目录列有表格但正文未列示（表格在附件中或为图片）',
    en: 'A 决算 or 预算 that prints none of its tables: the table of contents lists them, or an `附件：…报表` line says they are in an attachment (often images); no table figures come out',
  },
  'truncated-character': { zh: '文件末尾字符不完整', en: 'The file ends in the middle of a character' },
  undecodable: { zh: '无法解码', en: 'The bytes are not valid UTF-8, UTF-16 or GB18030 text' },
  'unexpected-column-count': { zh: '列数与表头不符', en: 'A row has more or fewer cells than the header' },
  'unexpected-unit': { zh: '未知金额单位', en: 'A unit line names a unit the pipeline cannot convert (千美元 …): an error; the table makes no facts, its numbers are unplaced `unknown-unit`' },
  'unknown-layout': { zh: '无法识别表格版式', en: 'No extractor recognises the layout of the tables' },
  'unknown-subject-code': { zh: '未知科目编码且未印名称', en: 'A well-formed subject code the dictionary does not know, printed without a name (info: a code printed with a name is a subject of its own)' },
  'unlabelled-row': { zh: '行无标签', en: 'A row of figures without a label' },
  'unparsed-amount': { zh: '金额无法解析', en: 'Text in an amount column that is not a number' },
  'unreadable-file': { zh: '无法读取文件', en: 'The file could not be read' },
  'unrecognised-header': { zh: '表头无法识别', en: 'A column header the pipeline does not know' },
  'unrecognised-row': { zh: '行标签无法识别', en: 'A row label the pipeline does not know' },
  'unrecognised-table': { zh: '表无法识别', en: 'A table that is not one of the standard ones' },
  'unrecognised-table-layout': { zh: '表格版式无法识别', en: 'A standard table whose columns could not be read' },
  'unsupported-encoding': { zh: '不支持的编码', en: 'An encoding the pipeline does not read (UTF-32)' },
} as const satisfies Record<string, CodeEntry>

/** A message rule id. */
export type MessageCode = keyof typeof MESSAGE_CODES

/** A reason a numeric token is not a figure (`unplaced.reason`). */
export interface UnplacedReasonEntry extends CodeEntry {
  /** Whether the number sits in a table where a figure was expected: worth a look, shown first. */
  attention: boolean
}

/** Unplaced reasons (`unplaced.reason`): why a number printed in a document is not a figure. */
export const UNPLACED_REASONS = {
  'row-number': { zh: '行次', en: 'row number', attention: false },
  'column-number': { zh: '栏次', en: 'column number', attention: false },
  'subject-code': { zh: '科目编码', en: 'subject code', attention: false },
  year: { zh: '年份', en: 'year', attention: false },
  date: { zh: '日期', en: 'date', attention: false },
  ordinal: { zh: '序号', en: 'ordinal', attention: false },
  'table-number': { zh: '表号', en: 'table number', attention: false },
  'page-number': { zh: '页码', en: 'page number', attention: false },
  'document-number': { zh: '文号', en: 'document number', attention: false },
  score: { zh: '评分', en: 'score', attention: false },
  'prose-money': { zh: '说明文字中的金额', en: 'money in running text', attention: false },
  'prose-percent': { zh: '说明文字中的百分比', en: 'percentage in running text', attention: false },
  'prose-number': { zh: '说明文字中的其他数', en: 'other whole number in running text', attention: false },
  'prose-amount': { zh: '说明文字中未标单位的金额', en: 'an amount (decimals or thousands separators) in running text with no unit after it', attention: false },
  approximate: { zh: '约数', en: 'approximate figure in running text (约, 左右, 以上)', attention: false },
  name: { zh: '名称中的数', en: 'number inside a quoted name', attention: false },
  'table-text': { zh: '表内文字中的数', en: 'a whole number in table text that no cell took (a count, a code in a remark …)', attention: true },
  indicator: { zh: '百分比或绩效指标值', en: 'a percentage, or a performance indicator value or threshold, in a table cell (`100%`, `≥90%`, `>1 年`): a rate or target, not a money figure', attention: false },
  'cell-text': { zh: '表格文字单元格中的数', en: 'a whole number inside the words of a text cell of a table (a count, a date or a list number in a 绩效目标 sentence)', attention: false },
  'table-amount': { zh: '表内未成为数值的金额', en: 'an amount (decimals or thousands separators) on a table line that no cell took: a figure the readers missed', attention: true },
  'unlabelled-row': { zh: '无行标签的数', en: 'figures without a row label', attention: true },
  'unrecognised-row': { zh: '行标签无法识别', en: 'unrecognised row label', attention: true },
  'unrecognised-table': { zh: '表无法识别', en: 'table not recognised', attention: true },
  'unrecognised-table-layout': { zh: '表格版式无法识别', en: 'a standard table whose columns could not be read', attention: false },
  'unmapped-column': { zh: '栏目无法对应', en: 'a figure in a column no header names', attention: false },
  'ambiguous-column': { zh: '数值栏目无法确定', en: 'a figure whose column the reader cannot tell (a page continued without its header, neither its order nor the table\'s sums tell; or two figures in one cell)', attention: true },
  'unparsed-amount': { zh: '金额无法解析', en: 'text in an amount column that is not a number', attention: false },
  'unknown-unit': { zh: '金额单位无法换算', en: 'a figure of a table whose printed unit the pipeline cannot convert (千美元 …)', attention: true },
} as const satisfies Record<string, UnplacedReasonEntry>

/** An unplaced reason. */
export type UnplacedReason = keyof typeof UNPLACED_REASONS

/** The reasons worth a look (a number in a table that should have been a figure). */
export const ATTENTION_REASONS: ReadonlySet<string> = new Set(Object.entries(UNPLACED_REASONS).flatMap(([reason, entry]) => (entry.attention ? [reason] : [])))

/** Reasons that say a number is no amount (a label, a year, a date, a score, part of a name) or an approximate one: the rest of the unplaced amounts are figures not read. */
export const NOT_AMOUNT_REASONS: ReadonlySet<string> = new Set([
  'row-number',
  'column-number',
  'subject-code',
  'year',
  'date',
  'ordinal',
  'table-number',
  'page-number',
  'document-number',
  'score',
  'approximate',
  'name',
])

/** Whether a printed number looks like an amount: decimals or thousands separators (`746.90`, `1,118`). */
export function isAmountToken(raw: string): boolean {
  return /[0-9０-９][.．,，][0-9０-９]/.test(raw)
}

/** The line the report and `inspect` print for an unplaced reason (`行次 row number`). */
export function describeUnplacedReason(reason: string): string {
  const entry = (UNPLACED_REASONS as Record<string, UnplacedReasonEntry | undefined>)[reason]
  return entry ? `${entry.zh} ${entry.en}${entry.attention ? ' — worth a look' : ''}` : ''
}

/** Check rules (`checks.base_rule`), one file each under pipeline/checks/, in the order they run. */
export const CHECK_RULES = {
  hierarchy: { zh: '上级科目等于下级科目之和', en: 'A parent subject equals the sum of its children' },
  'row-identity': { zh: '行内合计等于各栏之和', en: "A row's total equals its parts" },
  'balance-identity': { zh: '收支平衡', en: 'Income and expenditure totals balance' },
  'cross-table': { zh: '表间一致', en: 'The same figure agrees across tables' },
  'prose-vs-table': { zh: '说明与表格一致', en: 'A figure the prose restates agrees with the table' },
  'prose-comparison': {
    zh: '说明中的比较用语与所比较的数字一致',
    en: 'A comparison word of the prose (大于, 小于, 持平 …) or a printed change (增加 X万元, 下降 X%) agrees with the two figures it relates, within the rounding of the printed digits',
  },
  'table-presence': {
    zh: '标准表均已列示，或空表、缺表已说明原因',
    en: 'Every standard table is printed with figures, or missing or empty with the statement the template asks for (本部门无…收支，故本表为空表); a table the 目录 lists but the text does not print is an error',
  },
  'blank-cells': {
    zh: '说明中列明的数在表中对应单元格不为空',
    en: 'A figure the prose states is printed in its table: the cell it restates is not blank (the row printed, the cell empty) nor 0 or `—`',
  },
  'document-metadata': {
    zh: '标题中的部门与年度与文档一致，无占位符',
    en: "Headings and table titles print the document's own department and fiscal year: no placeholder (`XX局`, `XXX`, `××`), no other year of the document's kind, no other department",
  },
} as const satisfies Record<string, CodeEntry>

/** A check rule name. */
export type CheckRuleName = keyof typeof CHECK_RULES

/** The check rule names, in the order they run. */
export const CHECK_RULE_NAMES = Object.keys(CHECK_RULES) as CheckRuleName[]

/** What a failing check's rule becomes when the difference is within the printing tolerance. */
export const ROUNDING_RULE = 'rounding'
