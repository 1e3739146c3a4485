/**
 * A parent row equals the sum of its children: 项 → 款 → 类 → 合计 in the
 * functional tables, and economic class → item (301 ← 30101 …) in the
 * basic-expenditure table.
 */
import type { Fact } from '../../core/types.ts'
import { buildCheckRow, checkableFacts, codeTerm, splitUnits } from './check-helpers.ts'
import type { CheckRow } from '../../core/types.ts'
import type { CheckRule } from './check-helpers.ts'
import { OTHER_TABLE } from '../../core/registry.ts'

/** Tables whose rows are not a code hierarchy (summaries list classes only; their totals are balance identities). */
const NOT_HIERARCHICAL = new Set<string>(['income_expenditure_summary', 'appropriation_summary', 'three_public_expenses'])

const FUNCTIONAL_CODE = /^\d{3}(?:\d{2}){0,2}$/
const ECONOMIC_CODE = /^3\d{2}(?:\d{2})?$/

/** Key of the `合计` row among parents. */
const TOTAL = ''

/**
 * The nearest printed ancestor of a code: a 项 whose 款 row is missing
 * belongs to its 类, so a table that skips a level still adds up.
 */
function findParentCode(code: string, present: ReadonlyMap<string, Fact>): string | undefined {
  const candidates = code.length === 7 ? [code.slice(0, 5), code.slice(0, 3)] : code.length === 5 ? [code.slice(0, 3)] : []
  return candidates.find((candidate) => present.has(candidate))
}

/**
 * Pair every parent printed in one table, side and measure (one unit's rows
 * of a consolidated table) with its printed children; `unit` is the unit's
 * name row, the 合计 of its rows.
 */
function groupChildrenByParent(facts: Fact[], economic: boolean, unit?: Fact): { parent: Fact; children: Fact[] }[] {
  const byCode = new Map<string, Fact>()
  const coded: Fact[] = []
  let total: Fact | undefined = economic ? undefined : unit
  for (const fact of facts) {
    if (!fact.subject_code) {
      if (!economic && fact.line_item === 'total') total ??= fact
      continue
    }
    const shape = economic ? ECONOMIC_CODE : FUNCTIONAL_CODE
    if (fact.subject_system !== (economic ? 'economic' : 'functional') || !shape.test(fact.subject_code)) continue
    coded.push(fact)
    if (!byCode.has(fact.subject_code)) byCode.set(fact.subject_code, fact)
  }
  const rows = rowsInOrder(coded)
  if (rows.length > byCode.size) return groupRepeatedBlocks(rows, economic ? undefined : total)
  const children = new Map<string, Fact[]>()
  for (const [code, fact] of byCode) {
    const parent = findParentCode(code, byCode)
    // The 合计 row is the parent of whatever has no printed ancestor; the
    // economic table has no 合计 over classes (人员/公用经费 are row identities).
    const key = parent ?? (economic || !total ? undefined : TOTAL)
    if (key === undefined) continue
    const list = children.get(key)
    if (list) list.push(fact)
    else children.set(key, [fact])
  }
  const pairs: { parent: Fact; children: Fact[] }[] = []
  for (const [key, list] of children) {
    const parent = key === TOTAL ? total : byCode.get(key)
    if (parent) pairs.push({ parent, children: list })
  }
  return pairs
}

/**
 * The coded rows of one measure in reading order, one fact per row: the
 * first where a row gave the measure twice (two columns read into one
 * measure, or a wrapped cell on the line below its code).
 */
function rowsInOrder(coded: Fact[]): Fact[] {
  const rows: Fact[] = []
  for (const fact of [...coded].sort((a, b) => a.line - b.line || a.column - b.column)) {
    if (rows.at(-1)?.subject_code !== fact.subject_code) rows.push(fact)
  }
  return rows
}

/**
 * A table that prints a code more than once lists it in blocks, one per
 * crossed class or unit: a row's parent is the nearest row above it with
 * its ancestor code, so each block adds up on its own.
 *
 * > | 301        工资福利支出   501        机关工资福利支出      1,478.92
 * > | 301   01    基本工资      501   01    工资奖金津补贴          369.90
 * > | 301        工资福利支出   505        对事业单位经常性补助  24,027.62
 * > | 301   07    绩效工资      505   01    工资福利支出         4,241.05
 *       ^^^^^^^^ 30107 counts for the 301 of its own block (505), not the first 301
 */
function groupRepeatedBlocks(ordered: Fact[], total: Fact | undefined): { parent: Fact; children: Fact[] }[] {
  const children = new Map<Fact | undefined, Fact[]>()
  const latest = new Map<string, Fact>()
  for (const fact of ordered) {
    const code = fact.subject_code
    // A new 类 (or 款) row opens a block: the items of the block before it are no one's parents any more.
    for (const key of [...latest.keys()]) if (key.length > code.length && key.startsWith(code)) latest.delete(key)
    latest.set(code, fact)
    const candidates = code.length === 7 ? [code.slice(0, 5), code.slice(0, 3)] : code.length === 5 ? [code.slice(0, 3)] : []
    const ancestor = candidates.map((candidate) => latest.get(candidate)).find((entry) => entry !== undefined)
    const parent = ancestor ?? total
    if (!parent) continue
    const list = children.get(parent)
    if (list) list.push(fact)
    else children.set(parent, [fact])
  }
  return [...children].flatMap(([parent, list]) => (parent ? [{ parent, children: list }] : []))
}

/** A parent code equals the sum of its children present in the same table and measure. */
export const checkHierarchy: CheckRule = (facts, given) => {
  const { usable, context } = checkableFacts(facts, given)
  const groups = new Map<string, Fact[]>()
  for (const fact of usable) {
    if (NOT_HIERARCHICAL.has(fact.table_id)) continue
    // A column of one of the nine whose header names no measure: which figures are one column's, the measure does not say.
    if (!fact.measure && fact.table_id !== OTHER_TABLE) continue
    const key = `${fact.table_id}|${fact.side}|${fact.measure}`
    const list = groups.get(key)
    if (list) list.push(fact)
    else groups.set(key, [fact])
  }
  const rows: CheckRow[] = []
  for (const group of groups.values()) {
    const economic = group[0]?.table_id === 'general_budget_basic_expenditure'
    const units = splitUnits(group)
    for (const { unit, facts } of units) {
      const pairs = groupChildrenByParent(facts, economic, unit)
      for (const { parent, children } of pairs) {
        const name = parent.subject_code || (parent === unit ? parent.label_raw : '合计')
        const code = parent.subject_code || 'total'
        // A code printed once per block is checked once per block: its line keeps the check ids apart; the same
        // code in each unit of a consolidated table: the unit's row does.
        const repeated = pairs.filter((pair) => pair.parent.subject_code === parent.subject_code).length > 1
        const key = repeated ? `${code}@${parent.line}` : code
        rows.push(
          buildCheckRow(context, {
            rule: 'hierarchy',
            key: units.length > 1 ? `${unit?.line ?? 0}:${key}` : key,
            actual: codeTerm(parent),
            addends: children.map(codeTerm),
            zh: { actual: `${name} ${parent.measure_raw || parent.measure}`, expected: '下级合计' },
            en: { actual: `${parent.subject_code || 'total'} ${parent.measure}`, expected: 'children sum' },
          }),
        )
      }
    }
  }
  return rows
}
