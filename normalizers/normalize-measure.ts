import { z } from 'zod'
import measuresData from './data/measures.json' with { type: 'json' }
import { foldKey } from '../core/text.ts'

const MeasureEntry = z.object({ measure: z.string().min(1), patterns: z.array(z.string().min(1)).min(1) })
const MeasureTitle = z.object({ zh: z.string().min(1), en: z.string().min(1) })
const MeasuresFile = z.object({
  tables: z.record(z.string(), z.array(MeasureEntry)),
  /** What each measure key means, in Chinese and English: datapackage.json lists them. */
  titles: z.record(z.string().regex(/^[a-z][a-z_]*$/), MeasureTitle),
})

function loadMeasures(): z.infer<typeof MeasuresFile> {
  const parsed = MeasuresFile.safeParse(measuresData)
  if (!parsed.success) {
    throw new Error(`Invalid normalizers/data/measures.json: ${parsed.error.message}. Each entry needs a measure key and at least one pattern.`)
  }
  for (const entries of Object.values(parsed.data.tables)) {
    for (const entry of entries) {
      for (const pattern of entry.patterns) new RegExp(pattern)
      if (!parsed.data.titles[entry.measure]) throw new Error(`Invalid normalizers/data/measures.json: measure \`${entry.measure}\` has no entry in \`titles\` (its Chinese and English title).`)
    }
  }
  return parsed.data
}

const MEASURES = loadMeasures()

/**
 * Every measure key with its Chinese and English title, in the order of the
 * data file. A key `prior_X` (a 预算's previous-year column) is X of the
 * year before, and is not listed separately.
 */
export const MEASURE_TITLES: Readonly<Record<string, { zh: string; en: string }>> = MEASURES.titles
const COMPILED = new Map<string, { measure: string; patterns: RegExp[] }[]>(
  Object.entries(MEASURES.tables).map(([table, entries]) => [
    table,
    entries.map((entry) => ({ measure: entry.measure, patterns: entry.patterns.map((pattern) => new RegExp(pattern)) })),
  ]),
)

/** The comparison key of a header cell: white space removed, brackets folded. */
export function headerKey(text: string): string {
  return foldKey(text)
}

/**
 * The canonical measure a column header names in a table
 * (`本年收入合 计` in 收入决算表 → `total`), or undefined.
 */
export function normalizeMeasure(tableId: string, headerText: string): string | undefined {
  const key = headerKey(headerText)
  if (!key) return undefined
  for (const entry of COMPILED.get(tableId) ?? []) {
    if (entry.patterns.some((pattern) => pattern.test(key))) return entry.measure
  }
  return undefined
}

/** The “三公” items in the order of the national template. */
export const THREE_PUBLIC_ITEMS = [
  'total',
  'overseas_travel',
  'vehicles_total',
  'vehicle_purchase',
  'vehicle_operation',
  'official_reception',
] as const

/** Chinese names of the “三公” items, for `measure_raw` when the header does not say. */
export const THREE_PUBLIC_ITEM_NAMES: Record<(typeof THREE_PUBLIC_ITEMS)[number], string> = {
  total: '合计',
  overseas_travel: '因公出国（境）费',
  vehicles_total: '公务用车购置及运行费',
  vehicle_purchase: '公务用车购置费',
  vehicle_operation: '公务用车运行费',
  official_reception: '公务接待费',
}
