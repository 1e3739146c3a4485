/**
 * Mutants of the seed and corpus documents for the mutation test: what can
 * be done to a document's lines and bytes (as fast-check arbitraries), the
 * bytes of a mutant, and what is wrong with a processed one. Shared by
 * mutation.test.ts and replay-mutant.ts.
 */
import fc from 'fast-check'
import iconv from 'iconv-lite'
import type { SourceDocument } from '../../core/document.ts'
import { accountingHolds, sourceTexts, splitLines } from './helpers.ts'

/** The documents mutants are made from (seeds, and the corpus when present). */
export const SOURCES = sourceTexts()

/** One damage done to the lines of a document. */
export type LineMutation =
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'duplicate'; at: number; count: number }
  | { kind: 'swap'; at: number; other: number }
  | { kind: 'tabs-to-spaces'; at: number; count: number; width: number }
  | { kind: 'spaces-to-tabs'; at: number; count: number }
  | { kind: 'invisible'; at: number; count: number; char: string }
  | { kind: 'page-break'; at: number; page: number }
  | { kind: 'marker'; at: number; count: number; marker: string }

/** Damage done to the bytes, after the lines. */
export type ByteMutation = { kind: 'truncate'; fraction: number } | { kind: 'random-bytes'; at: number; bytes: number[]; overwrite: boolean }

/** A mutated document: which source, what was done to its lines, its line endings and encoding, what was done to its bytes. */
export interface Mutant {
  source: number
  lines: LineMutation[]
  ending: '\n' | '\r\n' | '\r'
  encoding: 'utf-8' | 'utf-8-bom' | 'gb18030' | 'utf-16le' | 'utf-16be'
  bytes: ByteMutation[]
}

// Uniform places in the document (fast-check's default bias to small values would cut most files to nothing).
const position = fc.noBias(fc.integer({ min: 0, max: 9999 })).map((value) => value / 10_000)
const lineMutation: fc.Arbitrary<LineMutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: position, count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: position, count: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: position, other: position }),
  fc.record({ kind: fc.constant('tabs-to-spaces' as const), at: position, count: fc.integer({ min: 1, max: 200 }), width: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('spaces-to-tabs' as const), at: position, count: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('invisible' as const), at: position, count: fc.integer({ min: 1, max: 100 }), char: fc.constantFrom('\ufeff', '\u200b', '\u00a0', '\u3000') }),
  fc.record({ kind: fc.constant('page-break' as const), at: position, page: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('marker' as const), at: position, count: fc.integer({ min: 1, max: 50 }), marker: fc.constantFrom('—', '-', '无', '/', '（12.30）', '－1,234.50', '１２３．４５') }),
)
const byteMutation: fc.Arbitrary<ByteMutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), fraction: position }),
  fc.record({ kind: fc.constant('random-bytes' as const), at: position, bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }), overwrite: fc.boolean() }),
)
/** Any mutant: a source, up to four line mutations, line endings, an encoding, up to two byte mutations. */
export const mutant: fc.Arbitrary<Mutant> = fc.record({
  source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
  lines: fc.array(lineMutation, { minLength: 0, maxLength: 4 }),
  ending: fc.constantFrom('\n' as const, '\r\n' as const, '\r' as const),
  encoding: fc.constantFrom('utf-8' as const, 'utf-8-bom' as const, 'gb18030' as const, 'utf-16le' as const, 'utf-16be' as const),
  bytes: fc.array(byteMutation, { minLength: 0, maxLength: 2 }),
})

/** A line of a mutant and the line of the source it is, unchanged (0-based), or -1 for a line the mutation made or changed. */
export interface MutantLine {
  text: string
  origin: number
}

/** Apply one mutation to lines (positions are fractions of the length, so they fit any document), keeping where each line came from. */
function mutateLines(lines: MutantLine[], mutation: LineMutation): MutantLine[] {
  const at = Math.floor(mutation.at * lines.length)
  const range = (count: number): [number, number] => [at, Math.min(lines.length, at + count)]
  // A line whose text a mutation changes is no longer the source's line.
  const edit = (count: number, change: (text: string) => string): MutantLine[] => {
    const [from, to] = range(count)
    return lines.map((line, index) => {
      if (index < from || index >= to) return line
      const text = change(line.text)
      return text === line.text ? line : { text, origin: -1 }
    })
  }
  const made = (text: string): MutantLine => ({ text, origin: -1 })
  switch (mutation.kind) {
    case 'delete':
      return [...lines.slice(0, at), ...lines.slice(at + mutation.count)]
    case 'duplicate':
      return [...lines.slice(0, at + mutation.count), ...lines.slice(at, at + mutation.count).map((line) => made(line.text)), ...lines.slice(at + mutation.count)]
    case 'swap': {
      const other = Math.floor(mutation.other * lines.length)
      const copy = [...lines]
      if (other === at) return copy
      ;[copy[at], copy[other]] = [made(lines[other]?.text ?? ''), made(lines[at]?.text ?? '')]
      return copy
    }
    case 'tabs-to-spaces':
      return edit(mutation.count, (text) => text.replaceAll('\t', ' '.repeat(mutation.width)))
    case 'spaces-to-tabs':
      return edit(mutation.count, (text) => text.replace(/ {2,}/g, '\t'))
    case 'invisible':
      return edit(mutation.count, (text) => text.replaceAll('\t', `\t${mutation.char}`) + mutation.char)
    case 'page-break':
      return [...lines.slice(0, at), made(`\f- ${mutation.page} -`), made('部门决算（续）'), ...lines.slice(at)]
    case 'marker':
      return edit(mutation.count, (text) => text.replace(/\d+\.\d{2}(?=\t|$)/, mutation.marker))
  }
}

/** The bytes of text in an encoding. */
function encode(text: string, encoding: Mutant['encoding']): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text)
    case 'utf-8-bom':
      return new TextEncoder().encode(`\ufeff${text}`)
    case 'gb18030':
      return new Uint8Array(iconv.encode(text, 'gb18030'))
    case 'utf-16le':
      return new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true }))
    case 'utf-16be':
      return new Uint8Array(iconv.encode(text, 'utf-16be', { addBOM: true }))
  }
}

/** Apply one mutation to bytes. */
function mutateBytes(bytes: Uint8Array, mutation: ByteMutation): Uint8Array {
  if (mutation.kind === 'truncate') return bytes.subarray(0, Math.floor(mutation.fraction * bytes.length))
  const at = Math.floor(mutation.at * bytes.length)
  const inserted = new Uint8Array(mutation.bytes)
  const rest = bytes.subarray(mutation.overwrite ? Math.min(bytes.length, at + inserted.length) : at)
  return new Uint8Array(Buffer.concat([bytes.subarray(0, at), inserted, rest]))
}

/** The lines of a mutant before its bytes are damaged, each with the source line it is (or -1). */
export function mutantLines(value: Mutant): MutantLine[] {
  const source = SOURCES[value.source]?.text ?? ''
  return value.lines.reduce(mutateLines, splitLines(source).map((text, origin) => ({ text, origin })))
}

/** The bytes of a mutant. */
export function mutantBytes(value: Mutant): Uint8Array {
  const lines = mutantLines(value).map((line) => line.text)
  return value.bytes.reduce(mutateBytes, encode(lines.join(value.ending), value.encoding))
}

/** What is wrong with a processed mutant, or undefined. */
export function findProblem(doc: SourceDocument): string | undefined {
  const internal = doc.messages.find((message) => message.ruleId === 'internal-error')
  if (internal) return internal.reason
  const { ok, detail } = accountingHolds(doc)
  if (!ok) return `accounting: ${detail}`
  for (const fact of doc.facts) {
    const raw = doc.slice({ line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column })
    if (raw !== fact.value_raw) return `fact ${fact.table_id}/${fact.measure} at ${fact.line}:${fact.column} slices to ${JSON.stringify(raw)}, not ${JSON.stringify(fact.value_raw)}`
  }
  return undefined
}


/**
 * For each line of a processed mutant (index = line − 1), the 1-based source
 * line it is, or 0: the lines equal to the mutant's text from the start and
 * from the end keep their origin (damaged bytes change what lies between).
 */
export function sourceLines(doc: SourceDocument, lines: readonly MutantLine[]): number[] {
  const map = new Array<number>(doc.lines.length).fill(0)
  let prefix = 0
  while (prefix < doc.lines.length && prefix < lines.length && doc.lines[prefix] === lines[prefix]?.text) {
    map[prefix] = (lines[prefix]?.origin ?? -1) + 1
    prefix++
  }
  for (let fromEnd = 1; fromEnd <= Math.min(doc.lines.length, lines.length) - prefix; fromEnd++) {
    const line = lines[lines.length - fromEnd]
    if (doc.lines[doc.lines.length - fromEnd] !== line?.text) break
    map[doc.lines.length - fromEnd] = (line?.origin ?? -1) + 1
  }
  return map
}

/** The table region holding a line, if any. */
function regionAt(doc: SourceDocument, line: number): SourceDocument['regions'][number] | undefined {
  return doc.regions.find((region) => line >= region.titleLine && line < region.endLine)
}

/** What the survival of a mutant's facts came to: facts compared, facts lost (described), or why the mutant was not compared. */
export interface Survival {
  compared: number
  lost: string[]
  skipped?: string
}

/**
 * Whether the facts of the source away from the mutation survive in the
 * mutant with the same value. A fact is away from the mutation when every
 * line it depends on is in the mutant unchanged and in the same order — for
 * a table fact, its table from the title to the line that ends it; for a
 * prose fact, the three lines before and after it (its clause, unit and
 * qualifiers) — and the mutant still finds the same table around it (or none).
 * A mutant whose layout or kind of document changed, or that could not be
 * read, is not compared: every fact depends on those.
 */
export function survival(source: SourceDocument, doc: SourceDocument, lines: readonly MutantLine[]): Survival {
  if (doc.status !== 'ok') return { compared: 0, lost: [], skipped: `status ${doc.status}` }
  if (doc.layout !== source.layout) return { compared: 0, lost: [], skipped: 'layout' }
  if (doc.metadata.docKind !== source.metadata.docKind) return { compared: 0, lost: [], skipped: 'kind' }
  const image = new Map<number, number>()
  for (const [index, origin] of sourceLines(doc, lines).entries()) if (origin > 0) image.set(origin, index + 1)
  const byPlace = new Map(doc.facts.map((fact) => [`${fact.line}:${fact.column}`, fact]))
  const lost: string[] = []
  let compared = 0
  for (const fact of source.facts) {
    const region = fact.origin === 'table' ? regionAt(source, fact.line) : undefined
    const from = region ? region.titleLine : Math.max(1, fact.line - 3)
    const to = Math.min(source.lines.length, region ? region.endLine : fact.end_line + 3)
    const start = image.get(from)
    let intact = start !== undefined
    for (let line = from + 1; intact && line <= to; line++) intact = image.get(line) === (start as number) + line - from
    if (!intact || start === undefined) continue
    const line = start + fact.line - from
    const around = regionAt(doc, line)
    if (region ? around?.tableId !== region.tableId || around?.titleLine !== start : around !== undefined) continue
    compared++
    const found = byPlace.get(`${line}:${fact.column}`)
    if (found?.value_raw !== fact.value_raw || found.value !== fact.value) {
      lost.push(`${fact.origin} ${fact.table_id}/${fact.subject_code || fact.line_item}/${fact.measure} ${fact.value_raw} = ${fact.value} at source ${fact.line}:${fact.column} (mutant line ${line}): ${found ? `now ${found.value_raw} = ${found.value}` : 'gone'}`)
    }
  }
  return { compared, lost }
}
