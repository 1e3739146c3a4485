/**
 * What every rule needs: exact decimal arithmetic on yuan strings, the
 * rounding tolerance of printed figures, and one way to turn an identity into
 * a check row with a stable id and a message readable on its own.
 */
import { createHash } from 'node:crypto'
import { formatDecimal, parseNumber } from '../../normalizers/parse-amount.ts'
import type { Fact } from '../../core/types.ts'
import type { CheckRow, CheckSeverity, Span, TableRegion, Unplaced } from '../../core/types.ts'
import type { DocMetadata, DocumentData } from '../../core/document.ts'
import type { CheckRuleName } from '../../core/registry.ts'
import { MONEY_UNIT_EXPONENTS } from '../../core/text.ts'
import { OTHER_TABLE } from '../../core/registry.ts'
import { appliedUnit, DEFAULT_UNIT } from '../../normalizers/normalize-unit.ts'

/** A decimal as an integer of units of 10^-scale (`-12.3` → -123n, scale 1). */
export interface Decimal {
  units: bigint
  scale: number
}

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/

/** Parse a fact value (`"11187700"`, `"-1230"`, `"0.5"`) exactly; undefined for anything else. */
export function parseDecimal(value: string): Decimal | undefined {
  const match = DECIMAL.exec(value)
  if (!match) return undefined
  const [, sign = '', whole = '0', fraction = ''] = match
  const units = BigInt(whole + fraction) * (sign ? -1n : 1n)
  return { units, scale: fraction.length }
}

/** Parse a value that must be a decimal; a non-decimal here is a caller's bug. */
function toDecimal(value: string): Decimal {
  const decimal = parseDecimal(value)
  if (!decimal) throw new Error(`Not a decimal value \`${value}\`; expected digits with an optional sign and fraction`)
  return decimal
}

/** The units of a decimal at a larger scale. */
function unitsAt(decimal: Decimal, scale: number): bigint {
  return decimal.units * 10n ** BigInt(scale - decimal.scale)
}

/** Exact sum of decimal strings (`[]` sums to `"0"`). */
export function sumValues(values: readonly string[]): string {
  const decimals = values.map(toDecimal)
  const scale = Math.max(0, ...decimals.map((decimal) => decimal.scale))
  const units = decimals.reduce((total, decimal) => total + unitsAt(decimal, scale), 0n)
  return formatDecimal(units, scale)
}

/** Exact `a − b` of decimal strings. */
export function subtractValues(a: string, b: string): string {
  const left = toDecimal(a)
  const right = toDecimal(b)
  const scale = Math.max(left.scale, right.scale)
  return formatDecimal(unitsAt(left, scale) - unitsAt(right, scale), scale)
}

/** Compare decimal strings numerically: -1, 0 or 1. */
export function compareValues(a: string, b: string): -1 | 0 | 1 {
  const left = toDecimal(a)
  const right = toDecimal(b)
  const scale = Math.max(left.scale, right.scale)
  const difference = unitsAt(left, scale) - unitsAt(right, scale)
  return difference === 0n ? 0 : difference < 0n ? -1 : 1
}

/** Absolute value of a decimal string. */
export function absValue(value: string): string {
  return value.startsWith('-') ? value.slice(1) : value
}


/** Exponent of a money unit (`万元` → 4). */
function unitExponent(unit: string): number {
  return MONEY_UNIT_EXPONENTS[unit] ?? MONEY_UNIT_EXPONENTS[DEFAULT_UNIT] ?? 4
}

/** The table a fact was printed in, for what its figures share (decimals, unit). */
function tableKey(fact: Fact): string {
  return `${fact.table_id}|${fact.unit_raw}|${fact.unit_basis}|${fact.unit_raw ? '' : fact.table_title_raw}`
}

/** Decimals printed in a raw amount (`951.38` → 2, `20` → 0), undefined for `无`, `—` …. */
function printedDecimals(valueRaw: string): number | undefined {
  return parseNumber(valueRaw)?.scale
}

/** What rows need to know about the whole document's facts. */
export interface CheckContext {
  /** Most decimals printed in a table, per table (`tableKey`). */
  tableDecimals: Map<string, number>
  /** Decimals printed in each fact's raw amount (parsed once: every row of a fact asks again). */
  factDecimals: Map<Fact, number | undefined>
  /** The unit a table that printed none was read in, from its non-zero figures (a zero reads alike in every unit). */
  tableUnits: Map<string, string>
}

/** The context of one document's facts. */
export function createCheckContext(facts: readonly Fact[]): CheckContext {
  const tableDecimals = new Map<string, number>()
  const factDecimals = new Map<Fact, number | undefined>()
  const tableUnits = new Map<string, string>()
  for (const fact of facts) {
    const decimals = printedDecimals(fact.value_raw)
    factDecimals.set(fact, decimals)
    if (decimals === undefined) continue
    const key = tableKey(fact)
    tableDecimals.set(key, Math.max(tableDecimals.get(key) ?? 0, decimals))
    if (fact.unit === 'CNY' && !fact.unit_raw && !tableUnits.has(key) && /[1-9]/.test(fact.value)) tableUnits.set(key, appliedUnit(fact))
  }
  return { tableDecimals, factDecimals, tableUnits }
}

/** The unit a fact's printed number was read in: printed, or what its table (or its own value) shows; 万元 when nothing tells. */
export function unitOf(context: CheckContext, fact: Fact): string {
  if (fact.unit_raw && MONEY_UNIT_EXPONENTS[fact.unit_raw] !== undefined) return fact.unit_raw
  return context.tableUnits.get(tableKey(fact)) ?? appliedUnit(fact)
}

/** Decimals printed in a fact's raw amount, from the context when it knows the fact. */
function decimalsOf(context: CheckContext, fact: Fact): number | undefined {
  return context.factDecimals.has(fact) ? context.factDecimals.get(fact) : printedDecimals(fact.value_raw)
}

/** A whole amount printed with thousands separators (`22,118,861`). */
const ROUNDED_WHOLE = /^\s*-?\d{1,3}(?:,\d{3})+\s*$/

/**
 * Decimals of the last printed digit of a fact. The table's maximum wins over
 * the fact's own: Excel exports print `20` and `12.1` for 20.00 and 12.10 in a
 * table of two decimals, and taking `20` at face value would make 5000 yuan
 * of tolerance out of a trimmed zero. A whole number printed with thousands
 * separators is the exception: a number format rounded it.
 */
function lastDigitDecimals(context: CheckContext, fact: Fact): number {
  const own = decimalsOf(context, fact)
  // A whole number with thousands separators was formatted (`#,##0`), not trimmed: General never prints `,`, so
  // `22,118,861` beside `22,118,861.34`-style figures is that figure rounded to the unit.
  if (own === 0 && ROUNDED_WHOLE.test(fact.value_raw)) return 0
  const table = context.tableDecimals.get(tableKey(fact))
  if (own === undefined && table === undefined) return 2
  return Math.max(own ?? 0, table ?? 0)
}

/** Half a unit of the last printed digit of a fact in the unit it was read in, in yuan (`951.38` 万元 → `"50"`). */
export function halfUnitOf(context: CheckContext, fact: Fact): string {
  // 0.5 × 10^(exponent − decimals) = 5 × 10^-(decimals + 1 − exponent)
  return formatDecimal(5n, lastDigitDecimals(context, fact) + 1 - unitExponent(unitOf(context, fact)))
}

/** Format yuan in a money unit with `decimals` decimals, more only for a sub-digit remainder (`9313800`, 万元, 2 → `931.38`). */
export function formatInUnit(value: string, unit: string, decimals: number): string {
  const decimal = toDecimal(value)
  let units = decimal.units
  let scale = decimal.scale + unitExponent(unit)
  if (scale < decimals) {
    units *= 10n ** BigInt(decimals - scale)
    scale = decimals
  }
  // Yuan shifted into 万元 carry zeros past the printed decimals; drop only those.
  while (scale > decimals && scale > 0 && units % 10n === 0n) {
    units /= 10n
    scale--
  }
  const negative = units < 0n
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0')
  const whole = digits.slice(0, digits.length - scale)
  const fraction = digits.slice(digits.length - scale)
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`
}

/** Facts a rule can add up: from tables, with a decimal value. */
export function selectCheckableFacts(facts: readonly Fact[]): Fact[] {
  // Tables outside the nine share the id `other` and have no known identities: they are not checked.
  return facts.filter((fact) => fact.origin === 'table' && fact.table_id !== '' && fact.table_id !== OTHER_TABLE && DECIMAL.test(fact.value))
}

/** What every rule starts from, made once per document by `runChecks`: the checkable facts and their context. */
export interface CheckableFacts {
  usable: Fact[]
  context: CheckContext
}

/** The checkable facts of one document's facts and their context (given by `runChecks`, else made here). */
export function checkableFacts(facts: readonly Fact[], given?: CheckableFacts): CheckableFacts {
  if (given) return given
  const usable = selectCheckableFacts(facts)
  return { usable, context: createCheckContext(usable) }
}

/** The first fact matching all given fields (documents print a figure once; a repeat is not a second addend). */
export function findFact(facts: readonly Fact[], where: Partial<Fact>): Fact | undefined {
  const entries = Object.entries(where) as [keyof Fact, Fact[keyof Fact]][]
  return facts.find((fact) => entries.every(([key, value]) => fact[key] === value))
}

/** A figure in a check: the fact and how to name it in each language. */
export interface CheckTerm {
  fact: Fact
  zh: string
  en: string
}

/** A term named by its subject code, or its line item (`合计` / `total`). */
export function codeTerm(fact: Fact): CheckTerm {
  const en = fact.subject_code || fact.line_item
  const zh = fact.subject_code || (fact.line_item === 'total' ? '合计' : fact.label_raw || fact.line_item)
  return { fact, zh, en }
}

/** A term named by its column (`财政拨款收入` / `fiscal_appropriation`). */
export function measureTerm(fact: Fact): CheckTerm {
  return { fact, zh: fact.measure_raw || fact.measure, en: fact.measure }
}

/** A term named by its printed row label (`本年收入合计` / `income_total`). */
export function lineTerm(fact: Fact): CheckTerm {
  return { fact, zh: fact.label_raw || fact.line_item, en: fact.line_item }
}

/** An identity to judge: a printed figure against the sum of others. */
export interface CheckSpec {
  rule: CheckRuleName
  /** What is checked, unique within rule, table and measure (`20103`, `income:grand_total`). */
  key: string
  /** The printed figure being checked; its table, code, line item and measure label the row. */
  actual: CheckTerm
  /** The figures whose sum the actual should equal. */
  addends: CheckTerm[]
  /** How to name the actual and the sum, per language (`20103 财政拨款收入` / `下级合计`). */
  zh: { actual: string; expected: string }
  en: { actual: string; expected: string }
  /** Cap the severity of a failure (for figures comparable only in general). */
  maxSeverity?: 'warning'
  /** Said after the numbers, per language. */
  note?: { zh: string; en: string }
}

/** Stable id of a check: the same identity has the same id whatever its outcome. */
export function computeCheckId(docId: string, rule: CheckRuleName, tableId: string, key: string, measure: string): string {
  return createHash('sha256').update([docId, rule, tableId, key, measure].join('|')).digest('hex').slice(0, 16)
}

/** Where a term was printed: `2010301 at 127:15`. */
function placeOf(term: CheckTerm): string {
  return `${term.en} at ${term.fact.line}:${term.fact.column}`
}

/**
 * Judge an identity and make its row: equal is a pass; a difference within
 * half a unit of the last printed digit per figure (parent and addends alike)
 * is a `rounding` warning, since the documents warn 金额单位转换时可能存在尾数误差;
 * anything bigger fails with the rule's own name.
 */
export function buildCheckRow(context: CheckContext, spec: CheckSpec): CheckRow {
  const { actual, addends } = spec
  const expected = sumValues(addends.map((term) => term.fact.value))
  const difference = subtractValues(actual.fact.value, expected)
  const tolerance = sumValues([actual, ...addends].map((term) => halfUnitOf(context, term.fact)))
  const equal = compareValues(difference, '0') === 0
  const rounding = !equal && compareValues(absValue(difference), tolerance) <= 0
  const severity: CheckSeverity = equal ? 'info' : rounding || spec.maxSeverity === 'warning' ? 'warning' : 'error'
  const unit = unitOf(context, actual.fact)
  const decimals = lastDigitDecimals(context, actual.fact)
  const inUnit = (value: string): string => formatInUnit(value, unit, decimals)
  // An addend already named by `spec.zh.expected` needs no listing.
  const named = addends.length === 1 && addends[0]?.zh === spec.zh.expected
  const figures = !named ? ` (${addends.map((term) => `${term.zh} ${term.fact.value_raw}`).join(' + ')})` : ''
  const count = addends.length + 1
  const zh = [
    `${spec.zh.actual} ${actual.fact.value_raw} ${equal ? '=' : '≠'} ${spec.zh.expected} ${inUnit(expected)}${figures}`,
    equal ? '' : `，相差 ${inUnit(difference)}`,
    rounding ? `，在尾数误差范围 ±${inUnit(tolerance)} 内（${count} 个数 × 末位半个单位）` : '',
    spec.note ? `；${spec.note.zh}` : '',
  ].join('')
  const en = [
    `${spec.en.actual}: printed ${actual.fact.value}, ${spec.en.expected} ${expected}, ${equal ? 'equal' : `off by ${difference}`}`,
    rounding ? ` — within the rounding tolerance ${tolerance} (${count} figures × half a unit of the last printed digit), rule ${spec.rule}` : '',
    spec.note ? ` (${spec.note.en})` : '',
    `; ${[actual, ...addends].map(placeOf).join(', ')}`,
  ].join('')
  return {
    check_id: computeCheckId(actual.fact.doc_id, spec.rule, actual.fact.table_id, spec.key, actual.fact.measure),
    doc_id: actual.fact.doc_id,
    rule: rounding ? 'rounding' : spec.rule,
    base_rule: spec.rule,
    severity,
    status: equal ? 'pass' : 'fail',
    table_id: actual.fact.table_id,
    subject_code: actual.fact.subject_code,
    line_item: actual.fact.line_item,
    measure: actual.fact.measure,
    expected,
    actual: actual.fact.value,
    difference,
    tolerance,
    fact_ids: [actual, ...addends].map((term) => term.fact.fact_id).join(';'),
    message: `${zh} · ${en}`,
  }
}

/**
 * What a rule may read of the document beyond its facts: its lines, its
 * metadata, the tables found by their titles, and the prose figures the
 * prose reader could not tie to a table cell. A `SourceDocument` is one; a
 * rule that needs the text evaluates nothing without it.
 */
export interface CheckDocument {
  readonly docId: string
  readonly lines: readonly string[]
  readonly metadata: Readonly<Pick<DocMetadata, 'department' | 'fiscalYear' | 'docKind'>>
  readonly layout: string
  readonly regions: readonly TableRegion[]
  readonly data: Readonly<Pick<DocumentData, 'unlinkedFigures'>>
  /** Numbers of the text that are no facts, with their reason (`ambiguous-column`: a row's figure whose column is not known). */
  readonly unplaced?: readonly Pick<Unplaced, 'line' | 'end_line' | 'reason' | 'table_id'>[]
}

/** A rule: the facts of ONE document in, one row per identity it could evaluate out; `runChecks` gives the checkable facts it selected once for all rules, and the document when it has one. */
export type CheckRule = (facts: Fact[], checkable?: CheckableFacts, document?: CheckDocument) => CheckRow[]

/** A check row about printed text rather than figures (a heading, a sentence, a table's presence): no amounts, a place of its own. */
export function buildTextRow(spec: {
  docId: string
  rule: CheckRuleName
  key: string
  failed: boolean
  severity?: CheckSeverity
  tableId?: CheckRow['table_id']
  subjectCode?: string
  lineItem?: string
  measure?: string
  factIds?: readonly string[]
  place?: Span
  zh: string
  en: string
}): CheckRow {
  const row: CheckRow = {
    check_id: computeCheckId(spec.docId, spec.rule, spec.tableId ?? '', spec.key, spec.measure ?? ''),
    doc_id: spec.docId,
    rule: spec.rule,
    base_rule: spec.rule,
    severity: spec.failed ? (spec.severity ?? 'error') : 'info',
    status: spec.failed ? 'fail' : 'pass',
    table_id: spec.tableId ?? '',
    subject_code: spec.subjectCode ?? '',
    line_item: spec.lineItem ?? '',
    measure: spec.measure ?? '',
    expected: '',
    actual: '',
    difference: '',
    tolerance: '',
    fact_ids: (spec.factIds ?? []).join(';'),
    message: `${spec.zh} · ${spec.en}`,
  }
  if (spec.place) row.place = spec.place
  return row
}

/** An amount cell (`2,614.19`, `0.00`, and `.97` where a narrow column wrapped `890.97`). */
const AMOUNT_CELL = /^[\d,]*\.\d{2}$/

/** Whether a table line prints an amount other than zero. */
export function printsNonZeroAmount(line: string): boolean {
  return line.split(/\s+/).some((token) => AMOUNT_CELL.test(token) && /[1-9]/.test(token))
}

/** Most lines after a table's last row where its note (`注：本表本年无发生额`) is printed. */
const NOTE_LINES = 8

/** A table region's lines and the lines after it up to the next table's title (at most `NOTE_LINES`): its notes and wrapped cells. */
export function regionLines(lines: readonly string[], region: TableRegion, regions: readonly TableRegion[]): readonly string[] {
  const next = Math.min(...regions.filter((entry) => entry.titleLine >= region.endLine).map((entry) => entry.titleLine), region.endLine + NOTE_LINES)
  return lines.slice(region.titleLine - 1, next - 1)
}

/** The rows of one unit of a consolidated table: its name row (none before the first) and its figures. */
export interface UnitRows {
  unit: Fact | undefined
  facts: Fact[]
}

/**
 * A consolidated 部门's table, one column of it, cut into its units: each
 * unit prints its name on a row of its own and then its codes, the same
 * codes as the next unit's. A column whose codes do not repeat is one unit.
 *
 * > | 深圳市人力资源和社会保障局（本级）      150,489.93
 * > |          205      教育支出          13,184.10
 * > | 深圳鹏城技师学院                      29,083.29
 * > |          205      教育支出          24,476.79
 *      ^^^^^^^^^^^^^^^^ a name row with no code: the rows below it are its unit's
 */
export function splitUnits(facts: readonly Fact[]): UnitRows[] {
  const codes = facts.flatMap((fact) => (fact.subject_code ? [fact.subject_code] : []))
  if (new Set(codes).size === codes.length) return [{ unit: undefined, facts: [...facts] }]
  const units: UnitRows[] = [{ unit: undefined, facts: [] }]
  for (const fact of [...facts].sort((a, b) => a.line - b.line || a.column - b.column)) {
    const current = units.at(-1) as UnitRows
    // The first figure of a name row is its unit's 合计; others on that row stay in it.
    if (!fact.subject_code && !fact.line_item && fact.label_raw && fact.line !== current.unit?.line) units.push({ unit: fact, facts: [fact] })
    else current.facts.push(fact)
  }
  return units
}
