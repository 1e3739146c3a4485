import { z } from 'zod'
import tablesData from './data/tables.json' with { type: 'json' }
import { TABLE_IDS, type TableId } from '../core/types.ts'
import { PAD_RUN } from '../core/text.ts'

const TableEntry = z.object({
  id: z.enum(TABLE_IDS),
  number: z.number().int().min(1).max(9),
  title_zh: z.string().min(1),
  aliases: z.array(z.string().min(1)).min(1),
})

/** A standard table of the 部门决算 (公开01表–公开09表). */
export type TableDefinition = z.infer<typeof TableEntry>

function loadTables(): TableDefinition[] {
  const parsed = z.object({ tables: z.array(TableEntry) }).safeParse(tablesData)
  if (!parsed.success) {
    throw new Error(`Invalid normalizers/data/tables.json: ${parsed.error.message}. Fix the entry so that it has id, number (1–9), title_zh and aliases.`)
  }
  return parsed.data.tables
}

const TABLES = loadTables()
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
 * The standard table a title line names, or undefined. The line may carry an
 * ordinal (`七、`), a `附表N`/`表N` prefix, or a department/year prefix
 * (`XX局2024年度部门决算表` is not a table title and gives undefined).
 */
export function normalizeTableTitle(text: string): TableDefinition | undefined {
  const key = headingKey(text)
  const exact = BY_KEY.get(key)
  if (exact) return exact
  const stripped = key.replace(/^(附表|表)?[0-9一二三四五六七八九十]+[、.:：]?/, '').replace(/\((续|续表)\)$/, '')
  return BY_KEY.get(stripped)
}

/** Whether a line looks like the title of some table (standard or not): short and ending in `表`. */
export function looksLikeTableTitle(text: string): boolean {
  const key = headingKey(text)
  return key.length >= 4 && key.length <= 40 && /表(\((续|续表)\))?$/.test(key) && !/[。，；]/.test(key)
}
