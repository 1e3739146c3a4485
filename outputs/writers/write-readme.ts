/**
 * `dist/README.md`: the data dictionary as a page to read — every table and
 * column in Chinese and English, and the caveats a reader needs before using
 * the numbers. Generated from the same schemas as `datapackage.json`, so it
 * cannot drift from the files; deterministic (no dates, no counts that vary).
 */
import { writeFile } from 'node:fs/promises'
import type { FieldSchema, TableSchema } from '../schema.ts'
import { CSV_GUARD_NOTE } from './csv-cell.ts'

/** The spreadsheet options a build used (`build --labels zh`, `--unit wan`), which change how its CSVs read. */
export interface ReadmeOptions {
  labels?: 'en' | 'zh'
  unit?: 'yuan' | 'wan'
}

/** Text safe inside a Markdown table cell: no pipes breaking the row, no line breaks. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').split('\n').map((part) => part.trim()).join(' ')
}

/** What a reader of a build made with options must know first. */
function optionNotes(options: ReadmeOptions): string[] {
  const notes: string[] = []
  if (options.labels === 'zh') {
    notes.push(
      '- 本次构建使用了 `--labels zh`：CSV 表头为下表“中文名”一栏（Arrow、Parquet 与 datapackage.json 仍用英文列名）。',
      '  Built with `--labels zh`: CSV headers are the 中文名 column below (Arrow, Parquet and datapackage.json keep the English names).',
    )
  }
  if (options.unit === 'wan') {
    notes.push(
      '- 本次构建使用了 `--unit wan`：CSV 中单位为 CNY 的金额列以万元计，至少两位小数，由整数元精确换算（Arrow、Parquet 仍以元计）。facts 表的 value 列除外：它也含百分比等其他单位（见 unit 列），保持原单位。',
      '  Built with `--unit wan`: in the CSVs, money columns (unit CNY) are in 万元 (10,000 yuan) with at least two decimals, converted exactly from the yuan (Arrow and Parquet stay in yuan). Except `facts.value`, which also holds percentages and other units (see its `unit` column) and stays as stored.',
    )
  }
  return notes.length > 0 ? ['## 构建选项 Build options', '', ...notes, ''] : []
}

const CAVEATS = `## 使用须知 Caveats

- **金额精确 Exact amounts.** 金额按所印小数精确换算为人民币元（\`1118.77\` 万元 → \`11187700\`），从不经过浮点运算；空白单元格不是数值，所印 \`0.00\` 是，\`无\`、\`—\`、\`-\` 记为 0 并保留原文。小数列在 Arrow 与 Parquet 中为精确的 DECIMAL(38, 6)（Parquet：FIXED_LEN_BYTE_ARRAY(16)，逻辑类型 DECIMAL），不是浮点数；CSV 中为原样的十进制文本。放不下的数值会使构建报错，从不舍入。
  Amounts are the printed decimals scaled exactly to CNY yuan, never through floating point; a blank cell is not a figure, a printed \`0.00\` is, and \`无\`/\`—\`/\`-\` are figures of value 0 with their raw text kept. Decimal columns are exact DECIMAL(38, 6) in Arrow and Parquet (Parquet: FIXED_LEN_BYTE_ARRAY(16), logical type DECIMAL), not floating point, so \`sum(value)\` in DuckDB is exact; the CSV has the plain decimal text. A value that does not fit stops the build; it is never rounded.
- **单位 Units: \`unit_raw\` 与 \`unit_basis\`.** \`unit_raw\` 只记所印单位（表的“单位：万元”行，或说明文字中数值后的单位），未印时为空，从不补写。\`unit_basis\` 说明换算所用单位的来源：\`printed\` 所印；\`document\` 该表未印单位，按本文档其他表格一致所印的单位（或说明文字所述“金额单位：万元”）换算；\`default\` 文档未说明单位，推定为万元。\`document\` 与 \`default\` 是推定，\`report.html\` 与 \`inspect\` 列为 assumption，\`messages\` 有 \`missing-unit\`。所印单位无法换算（如“千美元”）的表不产生事实：其数值列入 \`unplaced\`，原因 \`unknown-unit\`，并有一条 error 消息。
  \`unit_raw\` is only the unit printed (the table's unit line, or the unit after a prose figure), empty when none is: never filled in. \`unit_basis\` says where the unit a figure was read in comes from: \`printed\`; \`document\` (the table prints none; the unit every other table of the document prints, or the one its prose states, was applied); \`default\` (the document states no unit: 万元 assumed). \`document\` and \`default\` are assumptions, listed as such by \`report.html\` and \`inspect\`, with a \`missing-unit\` message. A table whose printed unit cannot be converted (\`千美元\`) makes no facts: its numbers are in \`unplaced\` with reason \`unknown-unit\`, and an error message says so.
- **出处 Provenance.** \`facts\` 的每个数值都指向 \`source_file\` 中的 \`line:column..end_line:end_column\`（从 1 开始，按 Unicode 码位计列，结束位置指向最后一个字符之后），该处文本恰为 \`value_raw\`。\`report.html\` 可直接查看每个数值所在的原文行。
  Every figure in \`facts\` points at \`line:column..end_line:end_column\` in \`source_file\` (1-based, columns in Unicode code points, the end just past the last character); the text there is exactly \`value_raw\`. \`report.html\` shows each figure in its source line.
- **核对未通过 What a check failure means.** \`checks\` 表逐项核对所印数字之间应有的恒等关系：合计等于各项之和（hierarchy）、同一行内各栏之和（row-identity）、收支平衡（balance-identity：收入合计＋年初结转和结余＝支出合计＋年末结转和结余）、不同表所印的同一数（cross-table）。\`status = fail\` 且 \`severity = error\` 表示所印数字对不上，且差额超出尾数误差：或者公开文本本身有误（印错、漏印），或者本流程读错了某个数——请按 \`message\` 中的行:列查看原文。核对未通过不代表资金去向不明。
  \`checks\` evaluates identities the printed figures must satisfy: a total equals the sum of its parts (hierarchy), the columns of a row add up (row-identity), income and expenditure balance (balance-identity), the same figure printed in two tables agrees (cross-table). \`status = fail\` with \`severity = error\` means the printed numbers do not add up beyond rounding: either the publication itself is wrong (a typo, a missing line) or the pipeline misread a figure — look at the source at the line:column given in \`message\`. A failed check does not mean money is unaccounted for.
- **尾数误差 rounding.** 以万元印两位小数的每个数最多有 ±50 元的舍入误差，多个数相加时误差累积。差额不超过容差（\`tolerance\`＝参与核对的数的个数 × 末位半个单位）时，该行规则记为 \`rounding\`、严重程度为 \`warning\`：这是印刷精度所致，不是错误。
  Each figure printed to 0.01 万元 may be off by up to ±50 yuan from rounding, and sums of rounded figures add these up. A difference within \`tolerance\` (number of figures × half a unit of the last printed digit) is recorded with rule \`rounding\` and severity \`warning\`: it comes from the printing precision, not a mistake.
- **未归位数值 unplaced.** 源文本中的每个数字串要么是一个事实（\`facts\`），要么列入 \`unplaced\` 并说明原因，因此 \`numeric_tokens = facts − marker_facts + unplaced\` 对每份文档成立。多数原因无关数据：\`row-number\` 行次、\`column-number\` 栏次、\`subject-code\` 科目编码、\`year\` 年份、\`date\` 日期、\`ordinal\` 序号、\`table-number\` 表号、\`page-number\` 页码、\`document-number\` 文号、\`score\` 评分、\`indicator\` 表中的百分比或绩效指标值（≥90%）、\`cell-text\` 表格文字单元格句子中的数（完成2项）；\`prose-money\`、\`prose-percent\`、\`prose-number\` 是说明文字中的数（尚未全部提取为事实）。表格中的 \`unlabelled-row\`（无行标签）、\`unrecognised-row\`（行标签无法识别）、\`unrecognised-table\`（表无法识别）、\`table-amount\`（表内未成为数值的金额）、\`unknown-unit\`（单位无法换算）和 \`table-text\` 则可能意味着有数值未被提取，值得查看；带小数或千位分隔符的数从不归入笼统原因（说明文字中无单位的记为 \`prose-amount\`）。\`documents.unplaced_amounts\` 统计未成为事实的金额数，应最先查看。
  Every numeric token of the text is either a fact or listed in \`unplaced\` with a reason, so \`numeric_tokens = facts − marker_facts + unplaced\` holds per document. Most reasons are not data: row and column numbers, subject codes, years, dates, ordinals, table, page and document numbers, scores, percentages and indicator thresholds in a table (\`indicator\`: ≥90%), whole numbers inside the sentence of a text cell (\`cell-text\`: 完成2项); \`prose-*\` are numbers in running text (not all extracted yet). In a table, \`unlabelled-row\`, \`unrecognised-row\`, \`unrecognised-table\`, \`table-amount\` (an amount no cell took), \`unknown-unit\` (a unit that cannot be converted) and \`table-text\` may mean a figure was not extracted and are worth a look; a number with decimals or separators is never given a catch-all reason (in the prose without a unit it is \`prose-amount\`). \`documents.unplaced_amounts\` counts the amounts that became no fact: look there first.
- **宽表 Wide tables.** \`summary\`、\`expenditure_by_function\`、\`three_public\`、\`basic_expenditure_by_economic\` 由 \`facts\` 整理而成，每个数都等于 facts 中某个事实的 \`value\`；文档未印的数为空，不是 0。科目表含类、款、项三级，相互包含：求和时只取同一级次（\`subject_level\`）。
  The wide tables are arranged from \`facts\`: every value is the \`value\` of one fact; a figure the document does not print is empty, not 0. Functional and economic codes come in nested levels (class ⊃ section ⊃ item): sum over one \`subject_level\` only.
- **空值 Empty cells.** 类型一栏注明“可空 optional”的列可以为空：CSV 中为空字段，Arrow 与 Parquet 中为 NULL（DuckDB、pandas 可用 \`is null\` / \`isna()\` 查找），不是空字符串；其他列从不为空。
  Columns marked “可空 optional” in the type column may be empty: an empty field in the CSV, NULL in Arrow and Parquet (so \`is null\` in DuckDB, \`isna()\` in pandas find them), never an empty string; the other columns are never empty.
- **CSV.** UTF-8 带 BOM（Excel 可直接打开中文），RFC 4180；编码类列是文本，保留前导零。${CSV_GUARD_NOTE.zh}。
  UTF-8 with BOM (Excel opens the Chinese correctly), RFC 4180; code columns are text and keep their leading zeros. ${CSV_GUARD_NOTE.en}.
`

/** A column's type as the reader meets it in Arrow and Parquet: `decimal(38, 6)` for decimals. */
function typeName(field: FieldSchema): string {
  return field.type === 'decimal' && field.precision !== undefined ? `decimal(${field.precision}, ${field.scale ?? 0})` : field.type
}

/** The Markdown section of one table: titles, descriptions, key and a row per column. */
function tableSection(schema: TableSchema): string[] {
  const unit = (field: FieldSchema): string => field.unit ?? ''
  const values = (field: FieldSchema): string => (field.enum ? ` 取值 Values: ${field.enum.map((value) => `\`${value}\``).join(', ')}.` : '')
  return [
    // An explicit anchor: renderers derive heading ids from CJK text differently.
    `<a id="table-${schema.name}"></a>`,
    '',
    `### \`${schema.name}\` — ${schema.title_zh} ${schema.title_en}`,
    '',
    `${schema.description_zh}。`,
    '',
    `${schema.description_en}.`,
    '',
    `文件 Files: \`${schema.name}.csv\`, \`${schema.name}.arrow\`, \`${schema.name}.parquet\`. ` +
      (schema.primaryKey.length > 0 ? `主键 Key: ${schema.primaryKey.map((name) => `\`${name}\``).join(' + ')}.` : '无主键 No key.'),
    '',
    '| 列 column | 中文名 | 类型 type | 单位 unit | 说明 | description |',
    '|---|---|---|---|---|---|',
    ...schema.fields.map(
      (field) =>
        `| \`${field.name}\` | ${cell(field.title_zh)} | ${typeName(field)}${field.nullable ? '，可空 optional' : ''} | ${unit(field)} | ${cell(field.description_zh)} | ${cell(field.description_en + values(field))} |`,
    ),
    '',
  ]
}

/** The README text for the tables of `schemas`, noting the CSV options the build used. */
export function buildReadme(schemas: readonly TableSchema[], options: ReadmeOptions = {}): string {
  const lines = [
    '# 中国政府部门预决算公开数据 Chinese government department budgets and final accounts',
    '',
    '<!-- Generated by pipeline/writers/write-readme.ts from the data dictionary at every build; edit the schemas, not this file. -->',
    '',
    '由政府部门预算、决算公开文本提取的规范化数据集：每个数值精确到人民币元，并指向其在源文件中的行与列。',
    '',
    'A normalized dataset extracted from the published text of Chinese government department budgets (部门预算) and final accounts (部门决算): every figure is exact, in CNY yuan, and points at the line and column of the source file it came from.',
    '',
    ...optionNotes(options),
    '## 文件 Files',
    '',
    '每张表有三种格式：`.csv`（UTF-8 带 BOM，可用 Excel 打开）、`.arrow`（Apache Arrow IPC 文件）、`.parquet`（DuckDB、pandas、pyarrow）。`datapackage.json` 以 Frictionless Data Package 格式描述全部表和列；`report.html` 是可直接在浏览器中打开的报告（无需联网）。',
    '',
    'Every table comes as `.csv` (UTF-8 with BOM, opens in Excel), `.arrow` (Apache Arrow IPC file) and `.parquet` (DuckDB, pandas, pyarrow). `datapackage.json` describes every table and column as a Frictionless Data Package; `report.html` is a report to open in a browser (works offline).',
    '',
    '`parquet/facts/fiscal_year=…/part-….parquet` 另按年度分区保存 facts（Hive 风格，DuckDB、Spark 可把多次构建当作一个数据集读取）。',
    '',
    '`parquet/facts/fiscal_year=…/part-….parquet` holds facts again, partitioned by year (Hive style), so DuckDB or Spark read the outputs of several builds as one dataset.',
    '',
    '| 表 table | 名称 | title | 说明 |',
    '|---|---|---|---|',
    ...schemas.map((schema) => `| [\`${schema.name}\`](#table-${schema.name}) | ${cell(schema.title_zh)} | ${cell(schema.title_en)} | ${cell(schema.description_zh)} |`),
    '',
    CAVEATS,
    '## 表与列 Tables and columns',
    '',
    ...schemas.flatMap(tableSection),
  ]
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`
}

/** Write `dist/README.md` for the tables of `schemas`; noting the spreadsheet options the build used. */
export async function writeReadme(path: string, schemas: readonly TableSchema[], options: ReadmeOptions = {}): Promise<void> {
  await writeFile(path, buildReadme(schemas, options), 'utf8')
}
