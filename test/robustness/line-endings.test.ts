import { describe, expect, it } from 'vitest'
import { expectAccounting, expectExactProvenance, meaning, meaningAndPlace, meanings, runText, sourceTexts, splitLines } from './helpers.ts'

/** Line terminators a file may use: all LF, all CRLF (Windows), all CR (old Mac), or a mix (files pasted together). */
const ENDINGS: { name: string; join: (lines: string[]) => string }[] = [
  { name: 'CRLF', join: (lines) => lines.join('\r\n') },
  { name: 'CR', join: (lines) => lines.join('\r') },
  { name: 'mixed LF, CRLF and CR', join: (lines) => lines.map((line, index) => (index === lines.length - 1 ? line : `${line}${['\r\n', '\n', '\r'][index % 3]}`)).join('') },
]

/** Invisible or blank characters that copies from Word, web pages and PDF converters leave inside rows. */
const PADDING = ['\ufeff', '\u200b', '\u00a0', '\u3000']

/**
 * Put padding characters at every cell boundary of the tab-separated rows
 * (after each tab, before each tab but a leading one, at the end of the line), cycling through
 * BOM, zero-width space, NBSP and ideographic space.
 */
function padCells(line: string, seed: number): string {
  if (!line.includes('\t')) return line
  let count = seed
  const next = (): string => PADDING[count++ % PADDING.length] ?? ''
  // A Word export's line starts with its tab: nothing goes before it.
  return `${line.split('\t').map((cell, index) => (index === 0 ? (cell ? `${cell}${next()}` : '') : `${next()}${cell}${next()}`)).join('\t')}${next()}`
}

describe('line endings: the same facts at the same lines and columns', () => {
  for (const { name, text } of sourceTexts()) {
    const base = runText(name, text)
    for (const ending of ENDINGS) {
      it(`${name} with ${ending.name}`, () => {
        const lines = splitLines(text)
        const doc = runText(`${name}.${ending.name}`, ending.join(lines))
        expect(doc.lines).toEqual(lines)
        expect(doc.facts.map(meaningAndPlace)).toEqual(base.facts.map(meaningAndPlace))
        expect(doc.unplaced.map((entry) => `${entry.line}:${entry.column}:${entry.raw}:${entry.reason}`)).toEqual(
          base.unplaced.map((entry) => `${entry.line}:${entry.column}:${entry.raw}:${entry.reason}`),
        )
        expectExactProvenance(doc)
      })
    }
  }
})

describe('BOM, zero-width space, NBSP and U+3000 inside rows: the same facts, spans exact on the padded text', () => {
  for (const { name, text } of sourceTexts().filter((entry) => entry.text.includes('\t'))) {
    it(name, () => {
      const base = runText(name, text)
      const padded = splitLines(text)
        .map((line, index) => padCells(line, index))
        .join('\n')
      const doc = runText(`${name}.padded`, padded)
      expect(meanings(doc)).toEqual(meanings(base))
      expect(doc.layout).toBe(base.layout)
      // The padding moved the figures: each span still delimits exactly the raw figure in the padded line.
      expectExactProvenance(doc)
      expectAccounting(doc)
      const moved = doc.facts.find((fact) => fact.column !== base.facts.find((other) => meaning(other) === meaning(fact))?.column)
      expect(moved).toBeDefined()
    })
  }

  it('a space-aligned document with padding at the ends of its lines', () => {
    const corpus = sourceTexts().find((entry) => entry.name.includes('putuo'))
    if (!corpus) return
    const base = runText(corpus.name, corpus.text)
    const padded = splitLines(corpus.text)
      .map((line, index) => (line.trim() ? `${line}${PADDING[index % PADDING.length]}` : line))
      .join('\n')
    const doc = runText(`${corpus.name}.padded`, padded)
    expect(meanings(doc)).toEqual(meanings(base))
    expectExactProvenance(doc)
  })
})
