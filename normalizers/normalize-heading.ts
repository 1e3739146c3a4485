import { z } from 'zod'
import tablesData from './data/tables.json' with { type: 'json' }
import { OTHER_TABLE, TABLE_IDS, type TableId } from '../core/registry.ts'
import { PAD_RUN } from '../core/text.ts'

const PatternEntry = z.object({ pattern: z.string().min(1) })

const TableEntry = z.object({
  id: z.enum(TABLE_IDS),
  number: z.number().int().min(1).max(9),
  title_zh: z.string().min(1),
  budget_title_zh: z.string().min(1),
  aliases: z.array(z.string().min(1)).min(1),
  absence: z
    .object({
      pattern: z.string().min(1),
      money: z.string().min(1).optional(),
      summary_line: z.string().min(1).optional(),
    })
    .optional(),
})

/** A standard table of the 部门决算 (公开01表–公开09表) and the 部门预算 table of the same role. */
export type TableDefinition = z.infer<typeof TableEntry>

const TitleRule = z.object({
  id: z.enum([...TABLE_IDS, OTHER_TABLE]),
  pattern: z.string().min(1),
  qualifier: PatternEntry.optional(),
})

const TablesFile = z.object({
  tables: z.array(TableEntry),
  title_rules: z.array(TitleRule).min(1),
  section_headings: z.array(PatternEntry),
})

function loadTables(): z.infer<typeof TablesFile> {
  const parsed = TablesFile.safeParse(tablesData)
  if (!parsed.success) {
    throw new Error(
      `Invalid normalizers/data/tables.json: ${parsed.error.message}. Fix the entry so that it has id, number (1–9), title_zh, budget_title_zh and aliases (absence: {pattern}, optional); each title rule an id and a pattern (qualifier: {pattern}, optional); section_headings a list of {pattern}.`,
    )
  }
  return parsed.data
}

const DATA = loadTables()
const TABLES = DATA.tables
const TITLE_RULES = DATA.title_rules.map((rule) => ({
  id: rule.id,
  pattern: new RegExp(rule.pattern),
  qualifier: rule.qualifier ? new RegExp(rule.qualifier.pattern) : undefined,
}))
const SECTION_HEADINGS = DATA.section_headings.map((entry) => new RegExp(entry.pattern))
const ABSENCE = new Map(TABLES.flatMap((table) => (table.absence ? [[table.id, new RegExp(table.absence.pattern)] as const] : [])))
const BY_KEY = new Map<string, TableDefinition>()
for (const table of TABLES) for (const alias of table.aliases) BY_KEY.set(headingKey(alias), table)

/** The definition of a table id. */
export function tableDefinition(id: TableId): TableDefinition {
  const table = TABLES.find((entry) => entry.id === id)
  if (!table) throw new Error(`Unknown table id \`${id}\`; expected one of ${TABLE_IDS.join(', ')}`)
  return table
}

/**
 * The comparison key of a heading: no white space, no quotes or bookmarks,
 * brackets folded, so `一般公共预算财政拨款“三公”经费支出决算表` and
 * `[bookmark: X]一般公共预算财政拨款"三公"经费支出决算表` compare equal.
 */
export function headingKey(text: string): string {
  return text
    .replace(/\[bookmark:[^\][]*\]/g, '')
    .replace(PAD_RUN, '')
    .replace(/[“”"'‘’「」『』]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
}

/**
 * The mark that numbers a table, at the start of a key: `公开01表`,
 * `公开表7`, `附表3`, `表5`, `表十一`, with the separator after it (`表5：`,
 * `表1.`). A Chinese numeral after 表 is a number only when nothing but a
 * separator or the end follows (`表一`, not the 一 of `表一般…`).
 */
const LEADING_MARK = /^(?:公开0?(\d{1,2})表|公开表(\d{1,2})|附?表(\d{1,2})|附?表([一二三四五六七八九十]{1,3})(?=[、.．:：]|$))[、.．:：]?/
const CHINESE_DIGITS = '一二三四五六七八九'

/** A Chinese numeral of one to three characters (`七`, `十二`, `二十`) as a number. */
function chineseNumber(text: string): number {
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text]
  const digit = (part: string | undefined): number => CHINESE_DIGITS.indexOf(part ?? '') + 1
  return text.includes('十') ? (tens ? digit(tens) : 1) * 10 + (ones ? digit(ones) : 0) : digit(ones)
}

/**
 * The table number a line starts with (`公开 01 表`, `公开表7`, `表 10`,
 * `表五`, `表5：…`), and the rest of the line after it, or undefined.
 */
export function readTableMark(text: string): { number: number; rest: string } | undefined {
  const key = headingKey(text)
  const match = LEADING_MARK.exec(key)
  if (!match) return undefined
  const digits = match[1] ?? match[2] ?? match[3]
  const number = digits ? Number(digits) : chineseNumber(match[4] ?? '')
  return { number, rest: key.slice(match[0].length) }
}

/**
 * A title's key split into what names the table and what qualifies it: a
 * leading `表N`, `公开NN表`, `附表N` or ordinal (`七、`, `3.`, `（二）`) and a
 * trailing `（续）` dropped; a trailing bracket after 表 (`（按功能分类科目）`,
 * `（一般公共预算）`, `（含转移支付项目）`) is the qualifier. A bare Chinese
 * numeral is an ordinal only with its separator (`一般公共…` starts with 一
 * and is no ordinal).
 */
function titleParts(key: string): { core: string; qualifier: string } {
  const core = key
    .replace(LEADING_MARK, '')
    .replace(/^(?:[0-9]+[、.．:：]|[一二三四五六七八九十]+[、.．:：]|\([一二三四五六七八九十]+\))/, '')
    .replace(/\((?:续|续表)\)$/, '')
  const qualified = /表\(([^()]{1,20})\)$/.exec(core)
  if (!qualified) return { core, qualifier: '' }
  return { core: core.slice(0, qualified.index + 1), qualifier: qualified[1] ?? '' }
}

/**
 * What a title line names: one of the nine standard tables (决算 or 预算
 * wording: `收支预算总表`, `部门支出总体情况表`, `一般公共预算支出功能分类预算表`),
 * `other` for a table that is not one of them (项目支出, 政府采购, 机关运行经费,
 * 绩效 …), or undefined when the title says nothing we know. Exact aliases
 * first (for a title without qualifier), then the ordered rules of
 * tables.json on the title's core (and, where a rule asks, its qualifier:
 * `一般公共预算支出表（按经济分类）` is not the 按功能分类 one), anchored at its
 * end so a department or year prefix does not matter.
 */
export function classifyTableTitle(text: string): TableId | typeof OTHER_TABLE | undefined {
  const key = headingKey(text)
  const { core, qualifier } = titleParts(key)
  const exact = qualifier ? undefined : (BY_KEY.get(key) ?? BY_KEY.get(core))
  if (exact) return exact.id
  return TITLE_RULES.find((rule) => rule.pattern.test(core) && (!rule.qualifier || rule.qualifier.test(qualifier)))?.id
}

/** The standard table a title line names, or undefined (for `other` tables too). */
export function normalizeTableTitle(text: string): TableDefinition | undefined {
  const id = classifyTableTitle(text)
  return id && id !== OTHER_TABLE ? tableDefinition(id) : undefined
}

/**
 * The key two title lines of one table compare by (a title repeated on a
 * continuation page, with or without its number or `（续）`).
 */
export function titleIdentity(text: string): string {
  const { core, qualifier } = titleParts(headingKey(text))
  return qualifier ? `${core}(${qualifier})` : core
}

/**
 * Whether a line looks like the title of some table (standard or not): short,
 * no sentence (`。，；`) or book title (`《财政拨款支出预算表》` cites a table),
 * ending in `表` (or `表（续）`, or `表` and a bracketed qualifier), more than a
 * bare table number, and not a section heading that names the tables of a
 * part (`第二部分 2026年部门预算表`, `2017 年度部门预算表`, `XX局预算公开表`).
 */
export function looksLikeTableTitle(text: string): boolean {
  const key = headingKey(text)
  if (key.length < 4 || key.length > 48 || /[。，；;《》]/.test(key)) return false
  if (!/表(\((续|续表)\))?$/.test(key) && !/表\([^()]{1,20}\)$/.test(key)) return false
  if (titleParts(key).core.length < 3) return false
  return !SECTION_HEADINGS.some((pattern) => pattern.test(key))
}

/**
 * Whether the text of a document says it has no such table to print
 * (`本部门无政府性基金预算`, `2018 年本部门无国有资本经营预算收入`): the
 * `absence` pattern of the table in tables.json, on the text without white
 * space or quotes. Tables without an `absence` pattern are never excused.
 */
export function statesTableAbsent(compactedText: string, id: TableId): boolean {
  return ABSENCE.get(id)?.test(compactedText) ?? false
}

/**
 * The words that name a table's money (`国有资本经营`) and the income line of
 * the summary tables that holds it (`state_capital_appropriation`), from the
 * `absence` entry of tables.json: a document that never names the money
 * prints no such table, and one whose summary prints the line without a
 * figure has none of it.
 */
export function tableMoney(id: TableId): { words?: string; summaryLine?: string } {
  const absence = tableDefinition(id).absence
  return { ...(absence?.money ? { words: absence.money } : {}), ...(absence?.summary_line ? { summaryLine: absence.summary_line } : {}) }
}
