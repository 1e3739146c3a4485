import { z } from 'zod'
import tablesData from './data/tables.json' with { type: 'json' }
import { OTHER_TABLE, TABLE_IDS, type TableId } from '../core/registry.ts'
import { PAD_RUN } from '../core/text.ts'

const TableEntry = z.object({
  id: z.enum(TABLE_IDS),
  number: z.number().int().min(1).max(9),
  title_zh: z.string().min(1),
  aliases: z.array(z.string().min(1)).min(1),
})

/** A standard table of the 部门决算 (公开01表–公开09表). */
export type TableDefinition = z.infer<typeof TableEntry>

const TitleRule = z.object({
  id: z.enum([...TABLE_IDS, OTHER_TABLE]),
  pattern: z.string().min(1),
})

const TablesFile = z.object({ tables: z.array(TableEntry), title_rules: z.array(TitleRule).min(1) })

function loadTables(): z.infer<typeof TablesFile> {
  const parsed = TablesFile.safeParse(tablesData)
  if (!parsed.success) {
    throw new Error(`Invalid normalizers/data/tables.json: ${parsed.error.message}. Fix the entry so that it has id, number (1–9), title_zh and aliases; each title rule an id and a pattern.`)
  }
  return parsed.data
}

const DATA = loadTables()
const TABLES = DATA.tables
const TITLE_RULES = DATA.title_rules.map((rule) => ({ id: rule.id, pattern: new RegExp(rule.pattern) }))
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
 * A title's key without what numbers or continues it: a leading `表N`,
 * `公开NN表`, `附表N` or ordinal (`七、`, `3.`) and a trailing `（续）`. A bare
 * Chinese numeral is an ordinal only with its separator (`一般公共…` starts
 * with 一 and is no ordinal).
 */
function titleCore(key: string): string {
  return key.replace(/^((附表|公开|表)[0-9一二三四五六七八九十]+[、.:：]?|[0-9]+[、.:：]?|[一二三四五六七八九十]+[、.:：])/, '').replace(/\((续|续表)\)$/, '')
}

/**
 * What a title line names: one of the nine standard tables (决算 or 预算
 * wording: `收支预算总表`, `部门支出总体情况表`, `一般公共预算支出功能分类预算表`),
 * `other` for a table that is not one of them (项目支出, 政府采购, 机关运行经费,
 * 绩效 …), or undefined when the title says nothing we know. Exact aliases
 * first, then the ordered rules of tables.json on the title's core, anchored
 * at its end so a department or year prefix does not matter.
 */
export function classifyTableTitle(text: string): TableId | typeof OTHER_TABLE | undefined {
  const key = headingKey(text)
  const core = titleCore(key)
  const exact = BY_KEY.get(key) ?? BY_KEY.get(core)
  if (exact) return exact.id
  return TITLE_RULES.find((rule) => rule.pattern.test(core))?.id
}

/** The standard table a title line names, or undefined (for `other` tables too). */
export function normalizeTableTitle(text: string): TableDefinition | undefined {
  const id = classifyTableTitle(text)
  return id && id !== OTHER_TABLE ? tableDefinition(id) : undefined
}

/** Whether a line looks like the title of some table (standard or not): short and ending in `表`. */
export function looksLikeTableTitle(text: string): boolean {
  const key = headingKey(text)
  return key.length >= 4 && key.length <= 40 && /表(\((续|续表)\))?$/.test(key) && !/[。，；]/.test(key)
}
