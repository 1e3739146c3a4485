/**
 * The money unit of a table, and where it comes from: what the table prints
 * (`printed`), else what the rest of the document states (`document`: every
 * other table that prints a unit prints the same one, or the prose says
 * `金额单位：万元`), else 万元 assumed (`default`). A unit the pipeline cannot
 * convert (`千美元`) is no unit at all: the table makes no facts.
 */
import type { SourceDocument } from '../core/document.ts'
import type { Fact, TableBlock } from '../core/types.ts'
import { MONEY_UNIT_EXPONENTS } from '../core/text.ts'
import { isMoneyUnit, parseNumber, toYuan } from './parse-amount.ts'

/** The unit assumed when nothing in the document states one: the national templates print 万元. */
export const DEFAULT_UNIT = '万元'

/** The unit a table's figures are read in. */
export interface TableUnit {
  /** The unit applied (a key of MONEY_UNIT_EXPONENTS); undefined when the table prints one the pipeline cannot convert. */
  unit: string | undefined
  /** The unit as printed with the table ('' when none is). */
  raw: string
  basis: Fact['unit_basis']
}

/** A unit line naming a money unit we may not know: a few characters ending in 元 (`千美元`, `人民币万元`), not an organisation (`单位：XX局`). */
const ANY_UNIT_LINE = /(?<![编制预算决填报])(?:金额)?单位\s*[：:]\s*([\p{Script=Han}A-Za-z]{0,4}元)(?![\p{Script=Han}])/u
/** A statement of the money unit outside the tables (`金额单位：万元`, `单位为万元`). */
const STATED_UNIT = /(?<![编制预算决填报])(?:金额)?单位\s*(?:[：:]|为)\s*(百万元|万元|千元|亿元|元)(?![\p{Script=Han}])/u
/** How far below a title its unit line may stand (as pipeline/stages/locate-tables.ts looks). */
const UNIT_WINDOW = 14

/**
 * The unit line printed under a table's title that names a unit the
 * pipeline does not convert (the region finder only takes known ones).
 */
function unknownUnitLine(doc: SourceDocument, block: TableBlock): { raw: string; line: number; index: number } | undefined {
  const titleLine = block.titleSpan.line
  const region = doc.regions.find((entry) => entry.titleLine === titleLine)
  const firstRow = block.rows[0]?.line ?? Number.POSITIVE_INFINITY
  const end = Math.min(region?.endLine ?? doc.lines.length + 1, titleLine + 1 + UNIT_WINDOW, firstRow + 1)
  for (let line = titleLine + 1; line < end; line++) {
    const text = doc.lines[line - 1] ?? ''
    const match = ANY_UNIT_LINE.exec(text)
    const raw = match?.[1]
    if (match && raw && !isMoneyUnit(raw)) return { raw, line, index: match.index + match[0].length - raw.length }
  }
  return undefined
}

/**
 * The unit the document itself states for a table that prints none: the one
 * unit every table printing a unit prints, else a statement outside the
 * tables; undefined when the document says nothing (or disagrees with itself).
 */
export function documentUnit(doc: SourceDocument): { unit: string; why: string } | undefined {
  const printed = new Set(doc.tables.flatMap((table) => (table.unitRaw && isMoneyUnit(table.unitRaw) ? [table.unitRaw] : [])))
  if (printed.size === 1) {
    const unit = [...printed][0] as string
    return { unit, why: `every table of the document that prints a unit prints \`${unit}\`` }
  }
  if (printed.size > 1) return undefined
  const tableLines = new Set<number>()
  for (const region of doc.regions) for (let line = region.titleLine; line < region.endLine; line++) tableLines.add(line)
  const stated = new Set<string>()
  let first: number | undefined
  for (const [index, text] of doc.lines.entries()) {
    if (tableLines.has(index + 1) || !text.includes('单位')) continue
    const match = STATED_UNIT.exec(text)
    if (!match?.[1]) continue
    stated.add(match[1])
    first ??= index + 1
  }
  if (stated.size !== 1) return undefined
  const unit = [...stated][0] as string
  return { unit, why: `the document states \`${unit}\` at line ${first}` }
}

/**
 * The unit of a table's figures, with a message when it is not printed
 * (the unit applied and why) or cannot be converted (an error: its numbers
 * become unplaced `unknown-unit`).
 */
export function resolveUnit(doc: SourceDocument, block: TableBlock): TableUnit {
  const printed = block.unitRaw ?? ''
  if (printed && isMoneyUnit(printed)) return { unit: printed, raw: printed, basis: 'printed' }
  const unknown = printed ? { raw: printed, place: block.unitSpan } : unknownUnitLine(doc, block)
  if (unknown) {
    const place = 'line' in unknown ? doc.span(unknown.line, unknown.index, unknown.raw.length) : unknown.place
    doc.message(`Unexpected unit \`${unknown.raw}\` in \`${block.title}\`, expected one of ${Object.keys(MONEY_UNIT_EXPONENTS).map((unit) => `\`${unit}\``).join(', ')}: its numbers are not figures (unplaced \`unknown-unit\`)`, {
      ruleId: 'unexpected-unit',
      severity: 'error',
      actual: unknown.raw,
      expected: Object.keys(MONEY_UNIT_EXPONENTS),
      ...(place ? { place } : {}),
    })
    return { unit: undefined, raw: unknown.raw, basis: '' }
  }
  const stated = documentUnit(doc)
  const unit = stated?.unit ?? DEFAULT_UNIT
  const why = stated ? `${stated.why} (unit_basis document)` : `nothing in the document states a unit (unit_basis default)`
  doc.message(`Missing unit line in \`${block.title}\`: read in \`${unit}\`, as ${why}`, {
    ruleId: 'missing-unit',
    place: block.titleSpan,
    expected: [unit],
  })
  return { unit, raw: '', basis: stated ? 'document' : 'default' }
}

/**
 * The unit a money fact's printed number was read in: its printed unit, else
 * the one that turns `value_raw` into `value` (a table that printed none was
 * read in the document's unit or 万元), else 万元 for a zero, which any unit
 * reads alike.
 */
export function appliedUnit(fact: Pick<Fact, 'unit_raw' | 'value' | 'value_raw'>): string {
  if (isMoneyUnit(fact.unit_raw)) return fact.unit_raw
  const number = parseNumber(fact.value_raw)
  if (number && number.units !== 0n) {
    for (const unit of Object.keys(MONEY_UNIT_EXPONENTS)) if (toYuan(number, unit) === fact.value) return unit
  }
  return DEFAULT_UNIT
}

/** Figures of one table read in a unit not printed with them: an assumption to list. */
export interface UnitAssumption {
  /** The table's title as printed. */
  title: string
  tableId: string
  basis: 'document' | 'default'
  /** The unit applied. */
  unit: string
  facts: number
  /** Line of the table's first such figure. */
  line: number
}

/** The assumptions behind a document's figures: per table that printed no unit, the unit applied, why, and how many figures. */
export function unitAssumptions(facts: readonly Fact[]): UnitAssumption[] {
  const byTable = new Map<string, UnitAssumption>()
  for (const fact of facts) {
    if (fact.unit_basis !== 'document' && fact.unit_basis !== 'default') continue
    const key = `${fact.table_id}|${fact.table_title_raw}|${fact.unit_basis}`
    const known = byTable.get(key)
    const unit = /[1-9]/.test(fact.value) ? appliedUnit(fact) : undefined
    if (known) {
      known.facts++
      known.line = Math.min(known.line, fact.line)
      if (unit && known.unit === '') known.unit = unit
    } else byTable.set(key, { title: fact.table_title_raw, tableId: fact.table_id, basis: fact.unit_basis, unit: unit ?? '', facts: 1, line: fact.line })
  }
  return [...byTable.values()].map((entry) => ({ ...entry, unit: entry.unit || DEFAULT_UNIT })).sort((a, b) => a.line - b.line)
}
