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

/** Apply one mutation to lines (positions are fractions of the length, so they fit any document). */
function mutateLines(lines: string[], mutation: LineMutation): string[] {
  const at = Math.floor(mutation.at * lines.length)
  const range = (count: number): [number, number] => [at, Math.min(lines.length, at + count)]
  switch (mutation.kind) {
    case 'delete':
      return [...lines.slice(0, at), ...lines.slice(at + mutation.count)]
    case 'duplicate':
      return [...lines.slice(0, at + mutation.count), ...lines.slice(at, at + mutation.count), ...lines.slice(at + mutation.count)]
    case 'swap': {
      const other = Math.floor(mutation.other * lines.length)
      const copy = [...lines]
      ;[copy[at], copy[other]] = [lines[other] ?? '', lines[at] ?? '']
      return copy
    }
    case 'tabs-to-spaces': {
      const [from, to] = range(mutation.count)
      return lines.map((line, index) => (index >= from && index < to ? line.replaceAll('\t', ' '.repeat(mutation.width)) : line))
    }
    case 'spaces-to-tabs': {
      const [from, to] = range(mutation.count)
      return lines.map((line, index) => (index >= from && index < to ? line.replace(/ {2,}/g, '\t') : line))
    }
    case 'invisible': {
      const [from, to] = range(mutation.count)
      return lines.map((line, index) => (index >= from && index < to ? line.replaceAll('\t', `\t${mutation.char}`) + mutation.char : line))
    }
    case 'page-break':
      return [...lines.slice(0, at), `\f- ${mutation.page} -`, '部门决算（续）', ...lines.slice(at)]
    case 'marker': {
      const [from, to] = range(mutation.count)
      return lines.map((line, index) => (index >= from && index < to ? line.replace(/\d+\.\d{2}(?=\t|$)/, mutation.marker) : line))
    }
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

/** The bytes of a mutant. */
export function mutantBytes(value: Mutant): Uint8Array {
  const source = SOURCES[value.source]?.text ?? ''
  const lines = value.lines.reduce(mutateLines, splitLines(source))
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

