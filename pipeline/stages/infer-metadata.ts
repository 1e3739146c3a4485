import type { SourceDocument } from '../../core/document.ts'
import { PAD_RUN } from '../../core/text.ts'
import { normalizeDepartment, type DepartmentScope } from '../../normalizers/normalize-department.ts'

const YEAR_KIND = /((?:19|20)\d{2})\s*年度?\s*(?:(?:部门|单位)\s*)?(决算|预算)/
const DEPARTMENT_LINE = /^\s*(?:编制|预算主管)?部门\s*[：:]\s*(\S.*)?$/
/** `编制单位：X`, `预算单位：X`: a unit's own document (单位预算), never `单位：万元`. */
const UNIT_LINE = /^\s*(?:编制|预算)单位\s*[：:]\s*(\S.*)?$/
const PLACEHOLDER = /^(XX|ＸＸ|xx)\s*单位$/

/**
 * Find department, fiscal year and kind (决算 or 预算) in the text. What the
 * text says wins over metadata given outside it (sources.csv).
 */
export function inferMetadata(doc: SourceDocument): void {
  const lines = doc.lines
  const head = lines.slice(0, 40).join('\n')
  // The title says what the document is; the first 40 lines may quote the other kind (`2025年决算数`) before it.
  const title = titleOf(lines)
  const kind = /决算/.test(title) ? 'final_accounts' : /预算/.test(title) ? 'budget' : /决算/.test(head) ? 'final_accounts' : /预算/.test(head) ? 'budget' : countKind(doc.text)
  // The title's year first (`2026 年度苏州市水务局单位预算公开` names the department between year and kind), then the first `2020年度部门决算`.
  const yearMatch = TITLE_YEAR.exec(title) ?? YEAR_KIND.exec(head) ?? YEAR_KIND.exec(doc.text)
  const unitName = departmentFromLines(lines, UNIT_LINE)
  const department = departmentFromLines(lines, DEPARTMENT_LINE) || unitName || departmentFromTitle(lines) || departmentFromProse(doc.text) || departmentFromSubjects(lines)
  const printed = department || doc.givenMetadata.department || ''
  // A unit's own document says so in its title (`区级单位预算`) or names itself on `编制单位：` lines.
  const scope: DepartmentScope = /单位\s*(预算|决算)/.test(titleLines(lines)) || (unitName !== '' && unitName === department) ? '单位' : '部门'
  const identity = normalizeDepartment(printed, scope)
  const canonical = identity?.canonical ?? ''
  doc.metadata = {
    department: printed,
    departmentId: identity?.departmentId ?? '',
    departmentCanonical: canonical,
    scope: identity?.scope ?? '',
    fiscalYear: yearMatch ? Number(yearMatch[1]) : (doc.givenMetadata.fiscalYear ?? null),
    docKind: kind || doc.givenMetadata.docKind || '',
    // The printed name first (it may name a county the canonical one leaves out), then the canonical name, then the aliases file.
    region: doc.givenMetadata.region ?? (inferRegion(printed) || inferRegion(canonical) || identity?.region || ''),
    level: doc.givenMetadata.level ?? (inferLevel(printed) || inferLevel(canonical) || identity?.level || ''),
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

/** The most common department named on `部门：X` lines (table headers), or on the lines of another pattern (`编制单位：X`). */
function departmentFromLines(lines: string[], pattern: RegExp): string {
  const counts = new Map<string, number>()
  for (const line of lines) {
    const match = pattern.exec(line.replace(/^\t/, ''))
    if (!match) continue
    const name = cleanName((match[1] ?? '').replace(/公开\s*\d+\s*表.*/, '').replace(/(金额)?单位\s*[：:].*/, '').replace(/^部门\s*[：:]/, ''))
    if (!name || PLACEHOLDER.test(name)) continue
    counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? ''
}

/**
 * The title page: the lines up to the one that ends the title with the kind
 * (`部门决算`, `部门预算`, `预算公开`, `部门预算情况说明`), joined, years and
 * the kind taken out: `株洲市荷塘区人民政府办公` + `室部门决算`;
 * `江苏省委办公厅2019年度部门预算公开`; `2018 年度江苏省高级` + ` 人民法院预算公开`;
 * `2026 年深圳市公安局（本级）部门预` + `算`. Page numbers (`- 1 -`) are
 * skipped; a part heading (`第一部分 2026 年度部门预算情况说明`) names no one.
 */
function departmentFromTitle(lines: string[]): string {
  const parts: string[] = []
  for (const line of lines.slice(0, 15)) {
    const text = line.trim()
    if (!text || /^[-－—\s\d]+$/.test(text)) continue
    if (/^目\s*录$/.test(text)) break
    parts.push(text)
    const joined = parts.join('').replace(/\s+/g, '')
    if (TITLE_END.test(joined)) {
      const name = cleanName(joined.replace(/(?:19|20)\d{2}年?度?/g, '').replace(TITLE_END, ''))
      return /^第[一二三四五六七八九十\d]+部分/.test(name) || name.length < 3 ? '' : name
    }
  }
  return ''
}

/** The kind that ends a title, maybe with `公开` or `情况（的）说明`; taken out of the joined title to leave the name. */
const TITLE_END = /(?:部门|单位)?(?:决算|预算)(?:信息)?(?:公开)?(?:情况的?说明)?$/

/** A year in a title: `2026 年度`, `2017年`, `2026 部门预算`. */
const TITLE_YEAR = /((?:19|20)\d{2})\s*(?:年|部门|单位)/

/** The title: the first lines up to the one that names the kind (`预算`, `决算`); empty when none of the first six does. */
function titleOf(lines: string[]): string {
  const parts: string[] = []
  for (const text of titleLines(lines).split('\n')) {
    parts.push(text)
    if (/预算|决算/.test(text)) return parts.join('\n')
  }
  return ''
}

/** The first lines of the title page (before `目录`, at most six), joined: where a title says what the document is. */
function titleLines(lines: string[]): string {
  const parts: string[] = []
  for (const line of lines.slice(0, 40)) {
    const text = line.trim()
    if (!text) continue
    if (/^目\s*录$/.test(text) || parts.length === 6) break
    parts.push(text)
  }
  return parts.join('\n')
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

/**
 * The department as the subject of the explanations, when no title or
 * header names it: the most common name opening a line before a year or
 * `本年`, seen at least twice.
 *
 * > |   江苏省政协办公厅 2019 年度财政拨款收、支预算 13,297.11
 *         ^^^^^^^^^^^^^^^^
 */
function departmentFromSubjects(lines: string[]): string {
  const counts = new Map<string, number>()
  for (const line of lines) {
    const match = PROSE_SUBJECT.exec(line)
    if (!match?.[1]) continue
    counts.set(match[1], (counts.get(match[1]) ?? 0) + 1)
  }
  const [name, count] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0] ?? ['', 0]
  return count >= 2 ? name : ''
}

/** A name ending in an organ's suffix at the start of a line, then a year or `本年`. */
const PROSE_SUBJECT = /^\s*([^\s\d，。、：:；;（）()“”]{3,30}(?:厅|局|院|委员会|办公室|办事处|联络处|中心|部|会|所|站|队))\s*(?:(?:19|20)\d{2}\s*年度?|本年)/

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
