import type { SourceDocument } from '../../core/document.ts'
import { PAD_RUN } from '../../core/text.ts'

const YEAR_KIND = /((?:19|20)\d{2})\s*年度?\s*(?:(?:部门|单位)\s*)?(决算|预算)/
const DEPARTMENT_LINE = /^\s*(?:编制)?部门\s*[：:]\s*(\S.*)?$/
const PLACEHOLDER = /^(XX|ＸＸ|xx)\s*单位$/

/**
 * Find department, fiscal year and kind (决算 or 预算) in the text. What the
 * text says wins over metadata given outside it (sources.csv).
 */
export function inferMetadata(doc: SourceDocument): void {
  const lines = doc.lines
  const head = lines.slice(0, 40).join('\n')
  const kind = /决算/.test(head) ? 'final_accounts' : /预算/.test(head) ? 'budget' : countKind(doc.text)
  const yearMatch = YEAR_KIND.exec(head) ?? YEAR_KIND.exec(doc.text)
  const department = departmentFromLines(lines) || departmentFromTitle(lines) || departmentFromProse(doc.text)
  doc.metadata = {
    department: department || doc.givenMetadata.department || '',
    fiscalYear: yearMatch ? Number(yearMatch[1]) : (doc.givenMetadata.fiscalYear ?? null),
    docKind: kind || doc.givenMetadata.docKind || '',
    region: doc.givenMetadata.region ?? inferRegion(department),
    level: doc.givenMetadata.level ?? inferLevel(department),
  }
  if (!doc.metadata.department) doc.message('Department not found in the text (no `部门：` line or title)', { ruleId: 'missing-department' })
  if (doc.metadata.fiscalYear === null) doc.message('Fiscal year not found in the text', { ruleId: 'missing-fiscal-year' })
}

function countKind(text: string): 'final_accounts' | 'budget' | '' {
  const finals = text.match(/部门决算/g)?.length ?? 0
  const budgets = text.match(/部门预算/g)?.length ?? 0
  if (finals === 0 && budgets === 0) return ''
  return finals >= budgets ? 'final_accounts' : 'budget'
}

/** The most common department named on `部门：X` lines (table headers). */
function departmentFromLines(lines: string[]): string {
  const counts = new Map<string, number>()
  for (const line of lines) {
    const match = DEPARTMENT_LINE.exec(line.replace(/^\t/, ''))
    if (!match) continue
    const name = cleanName((match[1] ?? '').replace(/公开\s*\d+\s*表.*/, '').replace(/(金额)?单位\s*[：:].*/, '').replace(/^部门\s*[：:]/, ''))
    if (!name || PLACEHOLDER.test(name)) continue
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? ''
}

/** The title page: the lines before `部门决算`/`部门预算`, joined (`株洲市荷塘区人民政府办公` + `室部门决算`). */
function departmentFromTitle(lines: string[]): string {
  const parts: string[] = []
  for (const line of lines.slice(0, 15)) {
    const text = line.trim()
    if (!text) continue
    if (/^目\s*录$/.test(text)) break
    parts.push(text)
    if (/部门(决算|预算)\s*$/.test(text)) {
      const joined = parts.join('').replace(/\s+/g, '')
      return cleanName(joined.replace(/(?:19|20)\d{2}年度?/g, '').replace(/部门(决算|预算)$/, ''))
    }
  }
  return ''
}

/** A budget in prose only: `纳入2024年怀化市人民政府驻上海联络处部门预算编制范围`. */
function departmentFromProse(text: string): string {
  // From each `纳入` on, over a bounded slice: an unanchored search over the whole text is quadratic on damaged input.
  for (let at = text.indexOf('纳入'); at >= 0; at = text.indexOf('纳入', at + 2)) {
    const match = /^纳入\s{0,4}(?:19|20)\d{2}\s{0,4}年度?\s{0,4}(\S.{3,39}?)部门(?:预算|决算)/.exec(text.slice(at, at + 80))
    if (match) return cleanName(match[1] ?? '')
  }
  return ''
}

function cleanName(text: string): string {
  return text.replace(PAD_RUN, '').replace(/(?<![：:，,。])[：:，,。]+$/, '')
}

/**
 * The administrative area a department belongs to, from the start of its
 * name: `湖南省…` → 湖南省, `株洲市荷塘区…` → 株洲市荷塘区, `中共上海市普陀区委…` → 上海市普陀区.
 */
export function inferRegion(department: string): string {
  const name = department.replace(/^中共/, '')
  const match = /^([^省市]{2,3}省)?([^省市区县]{2,4}?市)?([^省市区县]{2,4}?(?:区|县))?/.exec(name)
  return match?.[0] ?? ''
}

/** Government level from the department name: province, city or county (区/县). */
export function inferLevel(department: string): string {
  const region = inferRegion(department)
  if (/(区|县)$/.test(region)) return 'county'
  // The four municipalities are province-level.
  if (/^(北京|天津|上海|重庆)市$/.test(region)) return 'province'
  if (/市$/.test(region)) return 'city'
  if (/省$/.test(region)) return 'province'
  return ''
}
