import { z } from 'zod'
import lineItemsData from './data/line-items.json' with { type: 'json' }
import { foldKey } from '../core/text.ts'

const Entry = z.object({ key: z.string().min(1), aliases: z.array(z.string().min(1)).min(1) })
const LineItemsFile = z.object({
  income: z.array(Entry),
  expenditure: z.array(Entry),
  basic: z.array(Entry),
  total: z.array(z.string().min(1)),
})

function loadLineItems(): z.infer<typeof LineItemsFile> {
  const parsed = LineItemsFile.safeParse(lineItemsData)
  if (!parsed.success) {
    throw new Error(`Invalid normalizers/data/line-items.json: ${parsed.error.message}. Each entry needs a key and aliases.`)
  }
  return parsed.data
}

const LINE_ITEMS = loadLineItems()

/** Which vocabulary a row label is read with. */
export type LineItemGroup = 'income' | 'expenditure' | 'basic'

const INDEX = new Map<string, Map<string, string>>()
for (const group of ['income', 'expenditure', 'basic'] as const) {
  const map = new Map<string, string>()
  for (const entry of LINE_ITEMS[group]) for (const alias of entry.aliases) map.set(labelKey(alias), entry.key)
  INDEX.set(group, map)
}
const TOTALS = new Set(LINE_ITEMS.total.map(labelKey))

/**
 * The comparison key of a row label: white space removed, brackets folded,
 * the leading ordinal (`一、`, `（一）`, `1.`) stripped.
 */
export function labelKey(text: string): string {
  return foldKey(text)
    .replace(/^(\([一二三四五六七八九十]+\)[、.．]?|[一二三四五六七八九十]+[、.．]|\(\d+\)[、.．]?|\d+[、.．])/, '')
}

/** The canonical line item a row label names in a group (`使用非财政拨款结余` → `non_appropriation_balance_used`). */
export function normalizeLineItem(label: string, group: LineItemGroup): string | undefined {
  return INDEX.get(group)?.get(labelKey(label))
}

/** Whether a row label is a table total (`合计`). */
export function isTotalLabel(label: string): boolean {
  return TOTALS.has(labelKey(label))
}
