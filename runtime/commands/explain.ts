import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import type { SourceDocument } from '../../core/document.ts'
import type { Fact } from '../../core/types.ts'
import { formatWan } from '../../outputs/format-amount.ts'
import { tableDefinition } from '../../normalizers/normalize-heading.ts'
import { lookupSubject } from '../../normalizers/normalize-subject.ts'
import { isMoneyUnit, parseNumber, toYuan } from '../../normalizers/parse-amount.ts'
import { appliedUnit } from '../../normalizers/normalize-unit.ts'
import { TABLE_IDS, type TableId } from '../../core/types.ts'
import { processInputs } from './inspect.ts'
import type { Command } from './types.ts'
import { MONEY_UNIT_EXPONENTS, charWidth } from '../../core/text.ts'

/** Columns a tab advances to: terminals put tab stops every 8, but 4 keeps table rows on screen. */
const TAB_WIDTH = 4

/**
 * A source line as a terminal shows it (tabs expanded) and the display
 * column where each code point starts, so a caret line can stand exactly
 * under a span given in code-point columns.
 */
export function displayLine(text: string): { shown: string; starts: number[] } {
  let shown = ''
  const starts: number[] = []
  let column = 0
  for (const char of text) {
    starts.push(column)
    if (char === '\t') {
      const next = (Math.floor(column / TAB_WIDTH) + 1) * TAB_WIDTH
      shown += ' '.repeat(next - column)
      column = next
    } else {
      shown += char
      column += charWidth(char.codePointAt(0) ?? 0)
    }
  }
  starts.push(column)
  return { shown, starts }
}

/**
 * The source lines around a span with a gutter of line numbers and a caret
 * line (`^^^^`) under the spanned text on each of its lines.
 */
export function excerptWithCaret(lines: readonly string[], span: { line: number; column: number; endLine: number; endColumn: number }, context: number): string {
  const first = Math.max(1, span.line - context)
  const last = Math.min(lines.length, span.endLine + context)
  const gutter = String(last).length
  const out: string[] = []
  for (let line = first; line <= last; line++) {
    const { shown, starts } = displayLine(lines[line - 1] ?? '')
    const marked = line >= span.line && line <= span.endLine
    out.push(`${marked ? '>' : ' '} ${String(line).padStart(gutter)} │ ${shown}`)
    if (!marked) continue
    const from = line === span.line ? span.column - 1 : 0
    const to = line === span.endLine ? span.endColumn - 1 : starts.length - 1
    const start = starts[Math.min(from, starts.length - 1)] ?? 0
    const end = starts[Math.min(to, starts.length - 1)] ?? start
    out.push(`  ${' '.repeat(gutter)} │ ${' '.repeat(start)}${'^'.repeat(Math.max(1, end - start))}`)
  }
  return out.join('\n')
}


/** How the printed text became the value: parsed, scaled by the unit, recomputed to show it agrees. */
function normalisation(fact: Fact): string[] {
  const lines: string[] = []
  const parsed = parseNumber(fact.value_raw)
  if (!parsed) {
    lines.push(`  raw      \`${fact.value_raw}\` — printed without digits, read as ${fact.value} (a zero marker)`)
    return lines
  }
  // A table that prints no unit was read in an assumed one (unit_basis): say which, and that it is assumed.
  const unit = fact.unit === 'CNY' ? appliedUnit(fact) : fact.unit_raw
  const assumed = fact.unit_basis && fact.unit_basis !== 'printed' ? ` (not printed: assumed, unit_basis ${fact.unit_basis})` : ''
  lines.push(`  raw      \`${fact.value_raw}\`${unit ? ` in ${unit}${assumed}` : ''}`)
  if (fact.unit === 'CNY' && isMoneyUnit(unit)) {
    const exponent = MONEY_UNIT_EXPONENTS[unit]
    const recomputed = toYuan(parsed, unit)
    const factor = exponent === undefined ? '' : ` × 10^${exponent}`
    lines.push(`  value    ${fact.value} yuan (CNY) = ${fact.value_raw}${factor}${recomputed === fact.value ? '' : ` — recomputed ${recomputed}, differs!`}`)
    lines.push(`  in 万元  ${formatWan(fact.value)}`)
  } else {
    lines.push(`  value    ${fact.value} ${fact.unit}`)
  }
  return lines
}

/** What the fact is: document, table, row (code → name), column. */
function identity(doc: SourceDocument, fact: Fact): string[] {
  const lines = [
    `  document  ${doc.docId}  ${[doc.metadata.department, doc.metadata.fiscalYear, doc.metadata.docKind].filter((part) => part !== null && part !== '').join(' ')}`,
    `  source    ${fact.source_file}:${fact.line}:${fact.column}..${fact.end_line}:${fact.end_column}${doc.pdf ? ' (of its text as `pdftotext -layout` prints it: `inspect --text`)' : ''}`,
  ]
  if (fact.page !== null) {
    lines.push(`  page      ${fact.page} of ${doc.pdf?.pages ?? '?'}, box x0 ${fact.x0} y0 ${fact.y0} x1 ${fact.x1} y1 ${fact.y1} (PDF points from the top-left corner)`)
    lines.push(`  check     ${cropCommand(fact)}`)
  } else if (doc.pdf) lines.push('  page      (its box on the page was not found)')
  if (fact.table_id) {
    const title = (TABLE_IDS as readonly string[]).includes(fact.table_id) ? tableDefinition(fact.table_id as TableId).title_zh : ''
    lines.push(`  table     ${fact.table_id} ${title} (printed \`${fact.table_title_raw}\`)${fact.row_number ? `, row number ${fact.row_number}` : ''}`)
  }
  if (fact.section) lines.push(`  section   ${fact.section}`)
  if (fact.sentence) lines.push(`  sentence  ${fact.sentence}`)
  if (fact.subject_code) {
    const subject = lookupSubject(fact.subject_code)
    const parent = subject?.parent ? lookupSubject(subject.parent) : undefined
    const where = subject ? `${subject.system}, ${subject.level}${parent ? `, under ${parent.code} ${parent.name}` : ''}` : 'not in the dictionary'
    lines.push(`  row       ${fact.subject_code} → ${fact.subject_name || subject?.name || '?'} (${where}); printed \`${fact.label_raw}\``)
  } else if (fact.line_item || fact.label) {
    const printed = fact.label_raw || fact.label
    lines.push(`  row       ${fact.line_item || fact.label}${printed && printed !== (fact.line_item || fact.label) ? `; printed \`${printed}\`` : ''}`)
  }
  lines.push(`  column    ${fact.measure}${fact.measure_raw ? `; printed \`${fact.measure_raw}\`` : ''}`)
  if (fact.table_fact_id) lines.push(`  restates  table fact ${fact.table_fact_id}`)
  return lines
}

/** The poppler command that prints what stands in a PDF fact's box (whole points, widened by one). */
function cropCommand(fact: Fact): string {
  const x = Math.floor(Number(fact.x0) - 1)
  const y = Math.floor(Number(fact.y0) - 1)
  const width = Math.ceil(Number(fact.x1) + 1) - x
  const height = Math.ceil(Number(fact.y1) + 1) - y
  return `pdftotext -f ${fact.page} -l ${fact.page} -x ${x} -y ${y} -W ${width} -H ${height} ${fact.source_file} -`
}

/** The checks a fact takes part in: as the printed figure checked, or as a part of what it should equal. */
function checkLines(doc: SourceDocument, fact: Fact): string[] {
  const checks = doc.checks.filter((check) => check.fact_ids.split(';').includes(fact.fact_id))
  const lines = [`Checks: ${checks.length}`]
  for (const check of checks) {
    const role = check.fact_ids.split(';')[0] === fact.fact_id ? 'printed figure' : 'a part'
    const outcome = check.status === 'pass' ? 'pass' : check.severity === 'error' ? 'FAIL' : 'fail within rounding'
    lines.push(`  ${outcome.padEnd(4)} ${check.base_rule} ${check.table_id} ${check.subject_code || check.line_item} ${check.measure} — this fact is ${role}; expected ${check.expected}, printed ${check.actual}, difference ${check.difference}  [${check.check_id}]`)
    lines.push(`       ${check.message}`)
    lines.push(`       fact_ids ${check.fact_ids}`)
  }
  return lines
}

/** The whole explanation of a fact of a processed document. */
export function explainFact(doc: SourceDocument, fact: Fact, context = 5): string {
  const span = { line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column }
  return [
    `Fact ${fact.fact_id}`,
    ...identity(doc, fact),
    '',
    excerptWithCaret(doc.lines, span, context),
    '',
    'Normalisation',
    ...normalisation(fact),
    '',
    ...checkLines(doc, fact),
  ].join('\n')
}

/** `explain`: where a fact comes from, how it was read, and what it is checked against. */
export const explainCommand: Command = {
  usage: `cn-budget-etl explain FACT_ID [--input DIR_OR_FILE ...] [--context N]

  Finds the fact (a unique prefix of its id is enough) by processing the inputs
  (default: seeds) and prints the source lines around it (--context lines, default 5)
  with the figure marked, how it was normalised (raw → value, unit, code → name)
  and the checks it takes part in. For a figure of a PDF: also its page, its box
  (PDF points from the page's top-left corner) and the pdftotext command that
  prints what stands in that box.`,
  async run(args, context) {
    const { values, positionals } = parseArgs({
      args,
      options: { input: { type: 'string', multiple: true }, context: { type: 'string' } },
      allowPositionals: true,
    })
    const [wanted, ...extra] = positionals
    const lines = values.context === undefined ? 5 : Number(values.context)
    if (!wanted || extra.length > 0 || !Number.isInteger(lines) || lines < 0) {
      context.stderr.write(`Usage: ${this.usage}\n`)
      return 2
    }
    const inputs = values.input?.length ? values.input : [resolve(context.root, 'seeds')]
    const documents = await processInputs(inputs, context.root)
    const matches = documents.flatMap((doc) => doc.facts.filter((fact) => fact.fact_id.startsWith(wanted)).map((fact) => ({ doc, fact })))
    const exact = matches.filter(({ fact }) => fact.fact_id === wanted)
    const found = exact.length === 1 ? exact : matches
    if (found.length === 0) {
      context.stderr.write(`No fact \`${wanted}\` in ${documents.length} document(s) of ${inputs.join(', ')}\n`)
      return 1
    }
    if (found.length > 1) {
      context.stderr.write(`\`${wanted}\` is the start of ${found.length} fact ids; give more characters:\n${found.map(({ doc, fact }) => `  ${fact.fact_id}  ${doc.docId} ${fact.table_id} ${fact.subject_code || fact.line_item} ${fact.measure}`).join('\n')}\n`)
      return 1
    }
    const [{ doc, fact }] = found as [{ doc: SourceDocument; fact: Fact }]
    context.stdout.write(`${explainFact(doc, fact, lines)}\n`)
    return 0
  },
}
