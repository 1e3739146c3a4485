import { z } from 'zod'
import proseData from './data/prose-labels.json' with { type: 'json' }
import { TABLE_IDS } from '../core/types.ts'
import type { Fact, TableId } from '../core/types.ts'
import { isMoneyUnit } from './parse-amount.ts'
import { allSubjects, findSubjectByName, nameMatchesSubject, normalizeSubjectName, type Subject } from './normalize-subject.ts'
import { THREE_PUBLIC_ITEMS } from './normalize-measure.ts'
import { matchAllOf, PAD_RUN, foldKey, isPadCode } from '../core/text.ts'

/**
 * Reading figures out of running text: units, measure cues, the phrase that
 * names a figure, and the canonical key (line item, 三公 item, subject) that
 * phrase stands for, all driven by `data/prose-labels.json`.
 */

const FILE = 'normalizers/data/prose-labels.json'

function isRegex(source: string): boolean {
  try {
    new RegExp(source)
    return true
  } catch {
    return false
  }
}

const Regex = z.string().min(1).refine(isRegex, 'a valid regular expression')
const TableIdSchema = z.enum(TABLE_IDS)
const UnitKindSchema = z.enum(['money', 'percent', 'count'])
const MeasureSchema = z.enum(['amount', 'budget', 'actual', 'change', 'share', 'rate', 'count', 'target', 'threshold', 'prior_year'])

const LinkSpecSchema = z.object({
  table_id: TableIdSchema,
  side: z.enum(['income', 'expenditure']).optional(),
  line_item: z.string().min(1).optional(),
  measure: z.string().min(1).optional(),
  sections: z.array(TableIdSchema).min(1).optional(),
  prose_measures: z.array(MeasureSchema).min(1).optional(),
  doc_kinds: z.array(z.enum(['final_accounts', 'budget'])).min(1).optional(),
})

const ProseLabelsFile = z.object({
  units: z.object({
    money: z.array(z.string().min(1)).min(1),
    percent: z.array(z.string().min(1)).min(1),
    count: z.array(z.string().min(1)).min(1),
  }),
  count_unit_exclusions: z.array(z.string().min(2)),
  approximate: z.object({ before: z.array(z.string().min(1)), between: z.array(z.string().min(1)), after: z.array(z.string().min(1)) }),
  threshold_after: z.array(z.string().min(1)),
  neutral_terms: z.array(z.string().min(2)),
  measures: z.array(z.object({ measure: MeasureSchema, units: z.array(UnitKindSchema).min(1), cues: z.array(Regex).min(1) })).min(1),
  prior_year: Regex,
  comparison: Regex,
  label_cleanup: z.object({
    leading: z.array(Regex),
    connectors: z.array(Regex),
    trailing: z.array(Regex),
    generic: z.array(z.string().min(1)),
    heading_not_a_label: Regex,
  }),
  sections: z.array(z.object({ table_id: TableIdSchema, patterns: z.array(z.string().min(1)).min(1) })),
  no_link_parts: z.array(z.string().min(1)),
  three_public: z.object({
    context: Regex,
    items: z.array(z.object({ line_item: z.enum(THREE_PUBLIC_ITEMS), patterns: z.array(Regex).min(1) })).min(1),
    links: z.array(LinkSpecSchema),
  }),
  line_items: z.array(
    z.object({
      line_item: z.string().regex(/^[a-z_]+$/, 'a snake_case key'),
      side: z.enum(['income', 'expenditure']),
      aliases: z.array(z.string().min(1)).min(1),
      doc_kinds: z.array(z.enum(['final_accounts', 'budget'])).min(1).optional(),
      links: z.array(LinkSpecSchema),
    }),
  ),
  subject_links: z.object({ functional: z.array(LinkSpecSchema), economic: z.array(LinkSpecSchema) }),
})

type ProseLabelsData = z.infer<typeof ProseLabelsFile>

/** Where a prose figure may find the table figure it restates; `{item}` in `measure` stands for the 三公 item. */
export type LinkSpec = z.infer<typeof LinkSpecSchema>

/** The measure scheme of prose figures (documented in pipeline/stages/extract-prose.ts and prose-labels.json). */
export type ProseMeasure = z.infer<typeof MeasureSchema>

/** What kind of figure a unit makes. */
export type UnitKind = z.infer<typeof UnitKindSchema>

function loadProseLabels(): ProseLabelsData {
  const parsed = ProseLabelsFile.safeParse(proseData)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; ')
    throw new Error(`Invalid ${FILE}: ${problems}. See the \`$comment\` entries of the file for the expected shape.`)
  }
  const data = parsed.data
  for (const unit of data.units.money) {
    if (!isMoneyUnit(unit)) throw new Error(`Invalid ${FILE}: money unit \`${unit}\` cannot be converted to yuan; add it to parse-amount.ts or remove it.`)
  }
  const seen = new Map<string, string>()
  for (const entry of data.line_items) {
    // An alias may stand in a second entry only for other documents (its doc_kinds).
    const scope = entry.doc_kinds?.join(',') ?? ''
    for (const alias of entry.aliases) {
      const key = `${proseLabelKey(alias)}|${scope}`
      const other = seen.get(key)
      if (other) throw new Error(`Invalid ${FILE}: alias \`${alias}\` of ${entry.line_item}/${entry.side} is already an alias of ${other}; keep it in one entry.`)
      seen.set(key, `${entry.line_item}/${entry.side}`)
    }
  }
  return data
}

/** Comparison key of a label: white space removed, brackets folded, level markers （类）（款）（项） removed. */
export function proseLabelKey(text: string): string {
  return foldKey(text)
    .replace(/\([类款项]\)/g, '')
}

const DATA = loadProseLabels()
const WHITE = '\\s*'

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A unit pattern that tolerates white space between its characters (`万 元`). */
function unitSource(unit: string): string {
  return Array.from(unit).map(escapeRegex).join(WHITE)
}

const UNIT_KINDS = (['money', 'percent', 'count'] as const).flatMap((kind) => DATA.units[kind].map((unit) => ({ kind, unit })))
// Longest first, so 人次 wins over 人 and 万元 over 元.
UNIT_KINDS.sort((a, b) => b.unit.length - a.unit.length)
const UNIT_PATTERN = new RegExp(`${WHITE}(${DATA.approximate.between.map(escapeRegex).join('|')})?${WHITE}(?:${UNIT_KINDS.map((entry) => `(${unitSource(entry.unit)})`).join('|')})`, 'y')
const FOLDED_UNITS = new Map(UNIT_KINDS.map((entry) => [entry.unit, entry]))
const COUNT_EXCLUSIONS = new Set(DATA.count_unit_exclusions)

/** A unit read after a printed number. */
export interface UnitMatch {
  kind: UnitKind
  /** The unit with white space removed (`万元`, `人次`, `%`). */
  unit: string
  /** UTF-16 index in the text where the unit starts and ends. */
  start: number
  end: number
  /** `多`/`余` between number and unit: the figure is a lower bound, not exact. */
  approximate: boolean
}

/**
 * The unit printed right after a number ending at `from`, if any: money,
 * percent or count. A count unit that begins a longer word (`项` of `项目`,
 * `人` of `人员`) is not a unit.
 */
export function matchProseUnit(text: string, from: number): UnitMatch | undefined {
  UNIT_PATTERN.lastIndex = from
  const match = UNIT_PATTERN.exec(text)
  if (!match) return undefined
  const index = match.slice(2).findIndex((group) => group !== undefined)
  const printed = match[index + 2]
  if (index < 0 || printed === undefined) return undefined
  const unit = printed.replace(PAD_RUN, '')
  const entry = FOLDED_UNITS.get(unit)
  if (!entry) return undefined
  const end = match.index + match[0].length
  const start = end - printed.length
  if (entry.kind === 'count') {
    const word = `${unit.slice(-1)}${text.slice(end, end + 2)}`
    if ([...COUNT_EXCLUSIONS].some((excluded) => word.startsWith(excluded))) return undefined
  }
  return { kind: entry.kind, unit, start, end, approximate: match[1] !== undefined }
}

/** Whether the text just before a number marks it as approximate (`近30家`, `约`). */
export function isApproximateBefore(textBefore: string): boolean {
  const compact = textBefore.replace(/(?<!\s)\s+$/, '')
  return DATA.approximate.before.some((word) => compact.endsWith(word))
}

/** Whether the text just after a unit marks the figure as approximate (`150人左右`). */
export function isApproximateAfter(textAfter: string): boolean {
  const compact = textAfter.replace(/^\s+/, '')
  return DATA.approximate.after.some((word) => compact.startsWith(word))
}

/** The threshold qualifier right after a unit (`50万元以上`), with its printed length including leading space. */
export function matchThreshold(textAfter: string): { cue: string; length: number } | undefined {
  const leading = /^\s*/.exec(textAfter)?.[0].length ?? 0
  const rest = textAfter.slice(leading)
  const cue = DATA.threshold_after.find((word) => rest.startsWith(word))
  return cue ? { cue, length: leading + cue.length } : undefined
}

/** A measure cue found in the text before a figure. */
export interface MeasureCue {
  measure: ProseMeasure
  /** The cue as printed, white space removed (`完成年初预算的`, `减少`, `占`). */
  cue: string
  /** Position in the compact (white-space-free) text. */
  start: number
  end: number
}

const MEASURE_CUES = DATA.measures.map((entry) => ({
  measure: entry.measure,
  units: new Set<UnitKind>(entry.units),
  patterns: entry.cues.map((cue) => new RegExp(cue, 'g')),
}))
const TRAILING_CUES = DATA.measures.flatMap((entry) => entry.cues.map((cue) => new RegExp(`(?:${cue})$`)))

/** Text with white space removed, and where each remaining character was. */
export interface CompactText {
  text: string
  at: number[]
}

/** Remove white space, remembering positions, so cues and labels match across `2024 年`-style spacing. */
export function compactText(raw: string): CompactText {
  let text = ''
  const at: number[] = []
  for (let index = 0; index < raw.length; index++) {
    if (isPadCode(raw.charCodeAt(index))) continue
    text += raw[index]
    at.push(index)
  }
  return { text, at }
}

/** Hide fund names (`一般公共预算`) that contain cue words, keeping positions. */
function neutralize(text: string): string {
  let result = text
  for (const term of DATA.neutral_terms) result = result.split(term).join('＿'.repeat(term.length))
  return result
}

/**
 * The measure cue nearest before a figure (largest end, then longest), among
 * the cues that fit its unit: `比年初预算数减少` → change (`减少`),
 * `完成年初预算的` → rate. Cue words inside fund names (`一般公共预算`) do not
 * count. Positions are in `compactText(lead).text`.
 */
export function findMeasureCue(lead: string, unit: UnitKind): MeasureCue | undefined {
  const compact = compactText(lead).text
  const searchable = neutralize(compact)
  let best: MeasureCue | undefined
  for (const entry of MEASURE_CUES) {
    if (!entry.units.has(unit)) continue
    for (const pattern of entry.patterns) {
      pattern.lastIndex = 0
      for (const match of matchAllOf(searchable, pattern)) {
        if (!match[0]) continue
        const start = match.index
        const end = start + match[0].length
        if (!best || end > best.end || (end === best.end && start < best.start)) best = { measure: entry.measure, cue: compact.slice(start, end), start, end }
      }
    }
  }
  return best
}

const PRIOR_YEAR = new RegExp(DATA.prior_year)
const COMPARISON = new RegExp(DATA.comparison)

/**
 * A comparison with an earlier period (`比 2019 年`, `较去年`) in the text
 * before a figure: the figure after it is that period's, not this one's.
 * Positions are UTF-16 indexes in `lead`.
 */
export function findPriorYear(lead: string): { cue: string; start: number; end: number } | undefined {
  const compact = compactText(lead)
  const match = PRIOR_YEAR.exec(compact.text)
  if (!match) return undefined
  const start = compact.at[match.index] ?? 0
  const end = (compact.at[match.index + match[0].length - 1] ?? start) + 1
  return { cue: match[0], start, end }
}

const LEADING = DATA.label_cleanup.leading.map((source) => new RegExp(source))
const CONNECTORS = new RegExp(DATA.label_cleanup.connectors.join('|'), 'g')
/** A phrase ending in a subject path's last level (`…（款）`, `…（项）`). */
const SUBJECT_PATH_END = /[（(][款项][）)]$/
/** The marker after a subject path's class name. */
const CLASS_MARKER = /[（(]类[）)]/
const TRAILING = DATA.label_cleanup.trailing.map((source) => new RegExp(source))
const TRAILING_AND_CUES = [...TRAILING, ...TRAILING_CUES]
const GENERIC = new Set(DATA.label_cleanup.generic)
const HEADING_NOT_A_LABEL = new RegExp(DATA.label_cleanup.heading_not_a_label)

/** The phrase naming a figure, as printed and as compared. */
export interface ProseLabel {
  /** As printed (white space kept). */
  raw: string
  /** White space and level markers removed, `…费支出` read as `…费`. */
  label: string
}

/** The comparable form of a printed label: `一般公共服务（类）支出` → `一般公共服务支出`, `公务接待费支出` → `公务接待费`. */
export function cleanProseLabel(raw: string): string {
  return raw
    .replace(/\[bookmark:[^\][]*\]/g, '')
    .replace(PAD_RUN, '')
    .replace(/[（(][类款项][）)]/g, '')
    .replace(/费支出$/, '费')
}

/** Options for reading a label out of the text before a figure. */
export interface LabelOptions {
  /** The chosen measure cue (in compact coordinates of the lead), removed from the phrase. */
  cue?: MeasureCue | undefined
  /** The department's name, which often opens a sentence and names no figure. */
  department?: string
}

/**
 * The phrase naming a figure, from the text between the previous clause
 * boundary and the number: the cue words, comparisons, time and subject
 * phrases (`2020年度`, `本单位`, `截至…日`), connectors (`其中`, `主要用于`,
 * `安排`) and possessives (`…的`) are peeled off.
 *
 * > | 2024年一般公共预算拨款安排“三公”经费预算数为2.7万元
 *                             ^^^^^^^^ label (cue 预算数为 removed)
 */
export function extractProseLabel(lead: string, options: LabelOptions = {}): ProseLabel {
  const compact = compactText(lead)
  const text = compact.text
  // Work on a character mask so that the printed phrase can be cut back out of `lead`.
  const keep = new Array<boolean>(text.length).fill(true)
  const cue = options.cue
  if (cue) for (let index = cue.start; index < cue.end; index++) keep[index] = false
  let start = 0
  let end = text.length
  const visible = (): string => {
    let result = ''
    for (let index = start; index < end; index++) if (keep[index]) result += text[index]
    return result
  }
  const indexOfVisible = (offset: number): number => {
    let seen = 0
    for (let index = start; index < end; index++) {
      if (!keep[index]) continue
      if (seen === offset) return index
      seen++
    }
    return end
  }
  const comparison = COMPARISON.exec(visible())
  if (comparison) end = indexOfVisible(comparison.index)
  const department = options.department ? options.department.replace(PAD_RUN, '') : ''
  for (let changed = true; changed && start < end; ) {
    changed = false
    const current = visible()
    for (const pattern of TRAILING_AND_CUES) {
      const match = pattern.exec(current)
      if (match && match[0] && match.index > 0) {
        end = indexOfVisible(match.index)
        changed = true
        break
      }
    }
  }
  // A subject path `X（类）Y（款）Z（项）` ending the phrase names the figure whole: the 安排, 的 and 为 inside its names
  // (`其他政府性基金及对应专项债务收入安排的支出（款）`) are no place to cut it. Its length, counted from the end.
  const pathLength = ((current: string): number => {
    const marker = SUBJECT_PATH_END.test(current) ? CLASS_MARKER.exec(current) : null
    return marker ? current.length - marker.index : 0
  })(visible())
  const outsidePath = (current: string, index: number): boolean => index < current.length - pathLength
  // The part after the last connector names the figure: `包括用于基本工资`, `安排“三公”经费`.
  {
    const current = visible()
    let last: { index: number; length: number } | undefined
    CONNECTORS.lastIndex = 0
    for (const match of matchAllOf(current, CONNECTORS)) if (match[0] && outsidePath(current, match.index)) last = { index: match.index, length: match[0].length }
    if (last && last.index + last.length < current.length) start = indexOfVisible(last.index + last.length)
  }
  // `X为Y`: X names the figure, Y qualifies it (`机关运行经费为当年一般公共预算财政拨款4万元`); not the 为 of 作为, 认为 ….
  {
    const current = visible()
    const match = /(?<![作行认成因以称])为/.exec(current)
    if (match && match.index >= 2 && match.index < current.length - 1 && outsidePath(current, match.index)) end = indexOfVisible(match.index)
  }
  {
    const current = visible()
    const index = pathLength < current.length ? current.lastIndexOf('的', current.length - pathLength - 1) : -1
    if (index >= 0 && current.length - index - 1 >= 2) start = indexOfVisible(index + 1)
  }
  for (let changed = true; changed && start < end; ) {
    changed = false
    const current = visible()
    if (department && current.startsWith(department)) {
      start = indexOfVisible(department.length)
      changed = true
      continue
    }
    for (const pattern of LEADING) {
      const match = pattern.exec(current)
      if (match && match[0]) {
        start = indexOfVisible(match[0].length)
        changed = true
        break
      }
    }
  }
  for (let changed = true; changed && start < end; ) {
    changed = false
    const current = visible()
    for (const pattern of TRAILING) {
      const match = pattern.exec(current)
      if (match && match[0] && match.index > 0) {
        end = indexOfVisible(match.index)
        changed = true
        break
      }
    }
  }
  const label = visible()
  if (!label || /^[\p{P}\p{S}]+$/u.test(label)) return { raw: '', label: '' }
  // The printed phrase runs from the first to the last kept character; a cue inside it stays printed in `raw`.
  let first = start
  while (first < end && !keep[first]) first++
  let last = end - 1
  while (last > first && !keep[last]) last--
  const raw = lead.slice(compact.at[first] ?? 0, (compact.at[last] ?? 0) + 1)
  return { raw, label: cleanProseLabel(label) }
}

/** Whether a label says nothing on its own (`支出`, `金额`), so that the figure is named by the one before it. */
export function isGenericLabel(label: string): boolean {
  return !label || GENERIC.has(label)
}

/**
 * The label a heading gives to the figures under it, if it names an item
 * (`1、一般公共服务支出（类）…行政运行（项）`, `（1）基本支出`) rather than a topic
 * (`…情况说明`).
 */
export function headingLabel(title: string): ProseLabel | undefined {
  const trimmed = title.replace(/(?<![。；;：:\s])[。；;：:\s]+$/, '')
  if (!trimmed || HEADING_NOT_A_LABEL.test(trimmed)) return undefined
  const label = extractProseLabel(trimmed)
  return label.label && !HEADING_NOT_A_LABEL.test(label.label) ? label : undefined
}

const SECTIONS = DATA.sections

/** The standard table a section of the 情况说明 explains, from its heading titles (most specific pattern first). */
export function sectionTable(titles: readonly string[]): TableId | undefined {
  const path = titles.join('>').replace(/[\s“”"]+/g, '')
  return SECTIONS.find((entry) => entry.patterns.some((pattern) => path.includes(pattern)))?.table_id
}

/** Whether a part (`第五部分 附件`) holds appendices whose figures are not restatements of the tables. */
export function isNoLinkPart(title: string): boolean {
  return DATA.no_link_parts.some((word) => title.includes(word))
}

const THREE_PUBLIC_CONTEXT = new RegExp(DATA.three_public.context)
const THREE_PUBLIC = DATA.three_public.items.map((entry) => ({ lineItem: entry.line_item, patterns: entry.patterns.map((pattern) => new RegExp(pattern)) }))

/** Whether text (section path, paragraph) is about the “三公” expenses. */
export function isThreePublicContext(text: string): boolean {
  return THREE_PUBLIC_CONTEXT.test(text)
}

type LineItemEntry = ProseLabelsData['line_items'][number]

/** Line-item entries by alias, those limited to some documents (doc_kinds) first. */
const LINE_ITEMS = new Map<string, LineItemEntry[]>()
for (const entry of DATA.line_items) {
  for (const alias of entry.aliases) {
    const key = proseLabelKey(alias)
    LINE_ITEMS.set(key, [...(LINE_ITEMS.get(key) ?? []), entry].sort((a, b) => Number(isScoped(b)) - Number(isScoped(a))))
  }
}

function isScoped(entry: LineItemEntry): boolean {
  return entry.doc_kinds !== undefined
}

/** The entry of an alias that fits the document (`收入` of `收入预算…` in a 预算 is 收入总计). */
function lineItemOf(text: string, context: ProseLabelContext): LineItemEntry | undefined {
  return LINE_ITEMS.get(proseLabelKey(text))?.find(
    (entry) => !entry.doc_kinds || (context.docKind !== undefined && context.docKind !== '' && entry.doc_kinds.includes(context.docKind)),
  )
}

/** The canonical key a prose label stands for, with where its table figure may be. */
export interface ProseKey {
  kind: 'line_item' | 'three_public' | 'subject'
  line_item: string
  side: Fact['side']
  subject?: Subject
  links: LinkSpec[]
}

/** A subject row of the document's own tables, to resolve names the dictionary lacks. */
export interface TableSubject {
  code: string
  name: string
}

/** Context for `normalizeProseLabel`. */
export interface ProseLabelContext {
  /** The figure stands in a “三公” section or paragraph: 公务接待费 is the 三公 item, not economic code 30217. */
  threePublic: boolean
  /** Subject rows of the document's tables (code and printed name). */
  tableSubjects?: readonly TableSubject[]
  /** The document's kind, for entries limited to some documents. */
  docKind?: 'final_accounts' | 'budget' | ''
}

const CHILDREN = new Map<string, Subject[]>()
for (const subject of allSubjects()) {
  const list = CHILDREN.get(subject.parent)
  if (list) list.push(subject)
  else CHILDREN.set(subject.parent, [subject])
}

/** The class subject a printed class name stands for (`社会保障和就业` → 208). */
function findClass(name: string): Subject | undefined {
  // `社会保障和就业` names class 208 without its 支出; `其他` is too short to name 229 其他支出.
  return findSubjectByName(name, 'functional', 'class') ?? ([...name].length >= 4 ? findSubjectByName(`${name}支出`, 'functional', 'class') : undefined)
}

/** A child of `parent` named `name`, from the dictionary or else from the document's own table rows. */
function findChild(parent: string, name: string, context: ProseLabelContext): Subject | TableSubject | undefined {
  const fromDictionary = (CHILDREN.get(parent) ?? []).filter((subject) => nameMatchesSubject(name, subject))
  if (fromDictionary.length === 1) return fromDictionary[0]
  const key = normalizeSubjectName(name)
  const fromTables = (context.tableSubjects ?? []).filter(
    (row) => row.code.length === parent.length + 2 && row.code.startsWith(parent) && normalizeSubjectName(row.name) === key,
  )
  return fromTables.length >= 1 && fromTables.every((row) => row.code === fromTables[0]?.code) ? fromTables[0] : undefined
}

/**
 * A subject named by its path `X（类）Y（款）Z（项）`, as the 情况说明 heads its
 * paragraphs; undefined when a level is named that neither the dictionary
 * nor the document's tables know.
 */
export function findSubjectByPath(text: string, context: ProseLabelContext): Subject | undefined {
  // Letter-spaced as a justified line prints it (`支 出 （款 ） 机 关 …`): the markers and names read without their blanks.
  const parts = text.replace(/\[bookmark:[^\][]*\]/g, '').split(/[（(] ?([类款项]) ?[）)]/)
  if (parts.length < 3) return undefined
  const names: string[] = []
  for (let index = 0; index + 1 < parts.length; index += 2) names.push((parts[index] ?? '').replace(/^\s*(?:[（(][一二三四五六七八九十\d]+[）)][、．.]?|[一二三四五六七八九十\d]+(?:、|[.．](?!\d)))?/, '').replace(/(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])/g, '').trim())
  const [className, ...rest] = names
  if (!className) return undefined
  let current: Subject | TableSubject | undefined = findClass(className)
  for (const name of rest) {
    if (!current || !name) break
    current = findChild(current.code, name, context)
  }
  if (!current) return undefined
  const subject = allSubjects().find((entry) => entry.code === current.code)
  if (subject) return subject
  // Known only from the document's tables: keep its printed name.
  return { code: current.code, name: current.name, system: 'functional', level: current.code.length === 5 ? 'section' : 'item', parent: current.code.slice(0, -2), aliases: [] }
}

/**
 * The canonical key of a prose label: a 三公 item in a 三公 context, a summary
 * line item (`本年收入合计` → income_total), a functional class or path
 * (`一般公共服务（类）支出` → 201), or an economic item (`基本工资` → 30101).
 */
export function normalizeProseLabel(raw: string, label: string, context: ProseLabelContext): ProseKey | undefined {
  if (!label) return undefined
  if (context.threePublic) {
    const item = THREE_PUBLIC.find((entry) => entry.patterns.some((pattern) => pattern.test(label)))
    if (item) return { kind: 'three_public', line_item: item.lineItem, side: 'expenditure', links: DATA.three_public.links }
  }
  const entry = lineItemOf(raw, context) ?? lineItemOf(label, context)
  if (entry) return { kind: 'line_item', line_item: entry.line_item, side: entry.side, links: entry.links }
  const byPath = findSubjectByPath(raw, context)
  if (byPath) return subjectKey(byPath)
  if ([...label].length < 2) return undefined
  const subject = findClass(label) ?? findSubjectByName(label, 'economic') ?? findSubjectByName(`${label}费`, 'economic')
  return subject ? subjectKey(subject) : undefined
}

function subjectKey(subject: Subject): ProseKey {
  return { kind: 'subject', line_item: '', side: 'expenditure', subject, links: subject.system === 'functional' ? DATA.subject_links.functional : DATA.subject_links.economic }
}
