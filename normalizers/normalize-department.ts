import { createHash } from 'node:crypto'
import { z } from 'zod'
import departmentsData from './data/departments.json' with { type: 'json' }
import { foldKey } from '../core/text.ts'

/**
 * The scope of a document's figures: 部门 — the department consolidated
 * (汇总: itself and the units it funds) — or 单位 — one unit alone (本级).
 * A 部门预算 and a 单位预算 of the same body are different totals, so they are
 * different departments of the panel.
 */
export const DEPARTMENT_SCOPES = ['部门', '单位'] as const

/** 部门 (consolidated) or 单位 (one unit). */
export type DepartmentScope = (typeof DEPARTMENT_SCOPES)[number]

const DepartmentEntry = z.object({
  canonical: z.string().min(2),
  region: z.string().min(2).optional(),
  level: z.enum(['province', 'city', 'county']).optional(),
  aliases: z.array(z.string().min(2)),
})
const DepartmentsFile = z.object({ $comment: z.string().optional(), departments: z.array(DepartmentEntry) })

/** A canonical department of the aliases file. */
export type DepartmentEntry = z.infer<typeof DepartmentEntry>

/** Alias key → entry; a key claimed by two entries is a configuration error. */
function loadDepartments(): Map<string, DepartmentEntry> {
  const parsed = DepartmentsFile.safeParse(departmentsData)
  if (!parsed.success) {
    throw new Error(`Invalid normalizers/data/departments.json: ${parsed.error.message}. Each entry needs a canonical name and a list of aliases.`)
  }
  const byKey = new Map<string, DepartmentEntry>()
  for (const entry of parsed.data.departments) {
    for (const name of [entry.canonical, ...entry.aliases]) {
      const key = departmentKey(name)
      const known = byKey.get(key)
      if (known && known !== entry) throw new Error(`normalizers/data/departments.json: \`${name}\` is an alias of both \`${known.canonical}\` and \`${entry.canonical}\`; keep it in one entry`)
      byKey.set(key, entry)
    }
  }
  return byKey
}

/** The comparison key of a department name: white space removed, brackets folded. */
export function departmentKey(name: string): string {
  return foldKey(name)
}

const DEPARTMENTS = loadDepartments()

/** `（汇总）`, `(本级)` … after a name: the scope the document prints. */
const SCOPE_SUFFIX = /\((部门汇总|汇总|单位本级|本级)\)$/

/** A department as the panel knows it: its canonical name, scope and stable id. */
export interface DepartmentIdentity {
  /** The id: the first 16 hex digits of sha256(canonical name, NUL, scope) — the same in every build. */
  departmentId: string
  canonical: string
  scope: DepartmentScope
  /** Region and level the aliases file gives (empty: read them from the name). */
  region: string
  level: string
}

/**
 * The department a printed name stands for, in a scope: the name is folded
 * (white space, a `（汇总）`/`（本级）` suffix, which also says the scope) and
 * looked up in normalizers/data/departments.json; a name not listed is its own
 * canonical name. Undefined for an empty name.
 *
 * `中国共产党江苏省委员会办公厅` → 中共江苏省委办公厅 / 部门;
 * `西安市卫生健康委员会（汇总）` → 西安市卫生健康委员会 / 部门.
 */
export function normalizeDepartment(printed: string, scopeHint: DepartmentScope | '' = ''): DepartmentIdentity | undefined {
  let key = departmentKey(printed)
  let scope: DepartmentScope = scopeHint || '部门'
  const suffix = SCOPE_SUFFIX.exec(key)
  if (suffix) {
    key = key.slice(0, suffix.index)
    scope = /本级/.test(suffix[1] ?? '') ? '单位' : '部门'
  }
  if (key.length < 2) return undefined
  const entry = DEPARTMENTS.get(key)
  const canonical = entry?.canonical ?? printed.replace(/\s+/g, '').slice(0, printed.replace(/\s+/g, '').length - (suffix?.[0].length ?? 0))
  return { departmentId: departmentIdOf(canonical, scope), canonical, scope, region: entry?.region ?? '', level: entry?.level ?? '' }
}

/** The stable id of a canonical department in a scope. */
export function departmentIdOf(canonical: string, scope: DepartmentScope): string {
  return createHash('sha256').update(`${canonical}\0${scope}`).digest('hex').slice(0, 16)
}
