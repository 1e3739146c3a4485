import { describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { documentRow } from '../../outputs/tables.ts'
import { decodeBytes } from '../../pipeline/stages/decode.ts'
import { expectAccounting, expectExactProvenance, meaningAndPlace, ruleIds, runText, seedText, sourceTexts, splitLines } from './helpers.ts'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const concat = (...parts: Uint8Array[]): Uint8Array => new Uint8Array(Buffer.concat(parts))
const BOM_UTF8 = new Uint8Array([0xef, 0xbb, 0xbf])

/** Each encoding the pipeline reads: the bytes of a text in it, and what `documents` must record. */
const ENCODINGS: { name: string; encode: (text: string) => Uint8Array; encoding: string; reason: string }[] = [
  { name: 'UTF-8 without BOM', encode: utf8, encoding: 'utf-8', reason: 'valid UTF-8 without byte order mark' },
  { name: 'UTF-8 with BOM', encode: (text) => concat(BOM_UTF8, utf8(text)), encoding: 'utf-8', reason: 'UTF-8 byte order mark' },
  { name: 'GB18030 without BOM', encode: (text) => iconv.encode(text, 'gb18030'), encoding: 'gb18030', reason: 'not valid UTF-8; valid GB18030' },
  { name: 'UTF-16 LE with BOM', encode: (text) => iconv.encode(text, 'utf-16le', { addBOM: true }), encoding: 'utf-16le', reason: 'UTF-16 LE byte order mark' },
  { name: 'UTF-16 BE with BOM', encode: (text) => iconv.encode(text, 'utf-16be', { addBOM: true }), encoding: 'utf-16be', reason: 'UTF-16 BE byte order mark' },
  {
    name: 'UTF-16 LE without BOM',
    encode: (text) => iconv.encode(text, 'utf-16le'),
    encoding: 'utf-16le',
    reason: 'no byte order mark; zero bytes mostly at odd offsets, as in UTF-16 LE text',
  },
]

describe('every encoding gives the same facts, at the same places, as the UTF-8 seed', () => {
  for (const { name, text } of sourceTexts()) {
    describe(name, () => {
      const base = runText(name, text)
      for (const variant of ENCODINGS) {
        it(variant.name, () => {
          const doc = runText(`${name}.${variant.encoding}`, variant.encode(text))
          expect(doc.status).toBe('ok')
          expect(documentRow(doc)).toMatchObject({ encoding: variant.encoding, encoding_reason: variant.reason })
          expect(doc.text).toBe(text)
          expect(doc.facts.map(meaningAndPlace)).toEqual(base.facts.map(meaningAndPlace))
          expect(doc.unplaced.length).toBe(base.unplaced.length)
          expectExactProvenance(doc)
          expectAccounting(doc)
        })
      }
    })
  }
})

describe('byte order marks', () => {
  const text = seedText('002')

  it('strips exactly one BOM: a second one is text, and the facts do not move', () => {
    const base = runText('base.txt', text)
    const doc = runText('two-boms.txt', concat(BOM_UTF8, BOM_UTF8, utf8(text)))
    expect(doc.encoding).toBe('utf-8')
    expect(doc.lines[0]).toBe(`\ufeff${base.lines[0]}`)
    expect(doc.facts.map(meaningAndPlace)).toEqual(base.facts.map(meaningAndPlace))
  })

  it('a file that is only a BOM is empty', () => {
    const doc = runText('bom-only.txt', BOM_UTF8)
    expect(doc.status).toBe('failed')
    expect(ruleIds(doc)).toEqual(['empty-file'])
  })

  it('refuses UTF-32 with a message saying what to do', () => {
    const doc = runText('utf32.txt', new Uint8Array([0xff, 0xfe, 0x00, 0x00, 0x31, 0x00, 0x00, 0x00]))
    expect(doc.status).toBe('failed')
    expect(doc.messages[0]).toMatchObject({ ruleId: 'unsupported-encoding', severity: 'fatal' })
    expect(doc.messages[0]?.reason).toContain('save the file as UTF-8')
  })
})

describe('GB18030', () => {
  it('decodes 4-byte sequences (characters outside GBK) exactly, which the `gbk` label gets wrong', () => {
    // 㐀 (U+3400) and 𠮷 (U+20BB7) are 4-byte sequences in GB18030.
    const text = `${seedText('002')}\n部门：测试㐀𠮷局\n`
    const bytes = iconv.encode(text, 'gb18030')
    const decoded = decodeBytes(new Uint8Array(bytes))
    expect(decoded).toMatchObject({ encoding: 'gb18030', text })
  })
})

describe('text that is already mojibake', () => {
  const lines = splitLines(seedText('002'))
  const prose = lines.findIndex((line) => line.startsWith('第一部分'))

  it('`锟斤拷` is reported at its place, and the figures stay', () => {
    const damaged = [...lines.slice(0, prose), `概况锟斤拷锟斤拷说明`, ...lines.slice(prose + 1)].join('\n')
    const doc = runText('kunkinkao.txt', damaged)
    const message = doc.messages.find((entry) => entry.ruleId === 'mojibake')
    expect(message?.place).toEqual({ line: prose + 1, column: 3, endLine: prose + 1, endColumn: 6 })
    expect(message?.reason).toContain('2 places')
    expect(doc.facts.length).toBe(runText('base.txt', seedText('002')).facts.length)
  })

  it('runs of U+FFFD are reported', () => {
    const damaged = [...lines.slice(0, prose), `概况\ufffd\ufffd\ufffd说明`, ...lines.slice(prose + 1)].join('\n')
    const doc = runText('fffd.txt', damaged)
    expect(doc.messages.find((entry) => entry.ruleId === 'mojibake')?.place).toMatchObject({ line: prose + 1, column: 3 })
  })
})

describe('damaged bytes', () => {
  const text = seedText('002')
  const base = runText('base.txt', text)

  it('a UTF-8 file cut inside its last character stays UTF-8 (not GB18030 mojibake), the partial character reported', () => {
    const bytes = utf8(text)
    // The seed ends in `。` (3 bytes): cut after its first byte.
    const doc = runText('cut.txt', bytes.subarray(0, bytes.length - 2))
    expect(doc.encoding).toBe('utf-8')
    expect(doc.encodingReason).toBe('valid UTF-8 without byte order mark; the file ends inside a character')
    const message = doc.messages.find((entry) => entry.ruleId === 'truncated-character')
    expect(message?.actual).toBe('e3')
    const last = doc.lines.length
    expect(message?.place).toMatchObject({ line: last, column: [...(doc.lines[last - 1] ?? '')].length + 1 })
    expect(doc.text).toBe(text.slice(0, -1))
    expect(doc.facts.map(meaningAndPlace)).toEqual(base.facts.map(meaningAndPlace))
  })

  it('a GB18030 file cut inside a character stays GB18030', () => {
    const bytes = new Uint8Array(iconv.encode(text, 'gb18030'))
    const doc = runText('cut-gb.txt', bytes.subarray(0, bytes.length - 1))
    expect(doc.encoding).toBe('gb18030')
    expect(ruleIds(doc)).toContain('truncated-character')
    expect(doc.facts.map(meaningAndPlace)).toEqual(base.facts.map(meaningAndPlace))
  })

  it('a UTF-16 file with an odd number of bytes loses only its last byte', () => {
    const bytes = new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true }))
    const doc = runText('cut-16.txt', bytes.subarray(0, bytes.length - 1))
    expect(doc.encoding).toBe('utf-16le')
    expect(ruleIds(doc)).toContain('truncated-character')
  })

  it('UTF-16 with a byte lost in the middle (every later character shifted) fails with a message, instead of giving mojibake', () => {
    const bytes = new Uint8Array(iconv.encode(text, 'utf-16le', { addBOM: true }))
    const doc = runText('shifted-16.txt', new Uint8Array(Buffer.concat([bytes.subarray(0, 2001), bytes.subarray(2002)])))
    expect(doc.status).toBe('failed')
    expect(doc.messages[0]).toMatchObject({ ruleId: 'undecodable', severity: 'fatal' })
    expect(doc.messages[0]?.reason).toMatch(/^Damaged UTF-16 LE text: \d+% of the characters are not Chinese, Latin or punctuation/)
  })

  it('a few invalid bytes in UTF-8 text: read as UTF-8, each place reported', () => {
    const lines = splitLines(text)
    const prose = lines.findIndex((line) => line.startsWith('第一部分'))
    const before = utf8(`${lines.slice(0, prose).join('\n')}\n第一`)
    const after = utf8(`${lines.slice(prose).join('\n').slice(2)}`)
    const doc = runText('invalid.txt', concat(before, new Uint8Array([0xff]), after))
    expect(doc.status).toBe('ok')
    expect(doc.encoding).toBe('utf-8')
    expect(doc.encodingReason).toBe('UTF-8 with 1 invalid byte sequence (the fewest of the encodings tried)')
    expect(doc.messages.find((entry) => entry.ruleId === 'invalid-bytes')?.place).toEqual({ line: prose + 1, column: 3, endLine: prose + 1, endColumn: 4 })
    expect(doc.facts.map(meaningAndPlace)).toEqual(base.facts.map(meaningAndPlace))
  })
})
