/**
 * Damaged files and odd inputs: each gives a clear message (a failed
 * `documents` row when nothing can be read), never an exception, and never
 * a figure that was not printed. Large files are made in a temporary folder
 * and deleted.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, openSync, closeSync, ftruncateSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { MAX_INPUT_BYTES, listInputs, readInput, refusedDocument } from '../../runtime/inputs.ts'
import { documentRow } from '../../outputs/tables.ts'
import { createDuplicateDetector, duplicateDocument, fingerprintBytes } from '../../pipeline/stages/detect-duplicates.ts'
import { CORPUS, hasCorpus } from '../helpers/documents.ts'
import { expectAccounting, expectExactProvenance, meaningAndPlace, ruleIds, runText, seedText, splitLines } from './helpers.ts'

const work = mkdtempSync(join(tmpdir(), 'cn-budget-damaged-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('files that are not text', () => {
  it('an empty file fails with `empty-file`', () => {
    const doc = runText('empty.txt', new Uint8Array())
    expect(doc.status).toBe('failed')
    expect(doc.messages).toMatchObject([{ ruleId: 'empty-file', severity: 'fatal', reason: 'Empty file: nothing to read' }])
    expect(documentRow(doc)).toMatchObject({ status: 'failed', message: 'Empty file: nothing to read', facts: 0 })
  })

  it.skipIf(!hasCorpus() || spawnSync('pdftotext', ['-v']).error !== undefined)('a PDF saved as .txt is read as the PDF it is', () => {
    const doc = runText('report.txt', new Uint8Array(readFileSync(join(CORPUS, 'shanghai-putuo-social-work-dept-2024-final.pdf'))))
    expect(doc.status).toBe('ok')
    expect(doc.encoding).toBe('pdf')
    expect(doc.text).toBe(readFileSync(join(CORPUS, 'shanghai-putuo-social-work-dept-2024-final.layout.txt'), 'utf8'))
    expect(doc.facts.every((fact) => fact.page !== null)).toBe(true)
  })

  it('a .docx (ZIP) and a PNG are named', () => {
    expect(runText('a.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])).messages[0]?.reason).toContain('ZIP archive')
    expect(runText('b.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a])).messages[0]?.reason).toContain('PNG image')
  })

  it('bytes with NUL are binary; random high bytes are undecodable', () => {
    const withNul = runText('nul.txt', new Uint8Array(Array.from({ length: 4096 }, (_, index) => (index * 31) % 256)))
    expect(withNul.messages[0]?.ruleId).toBe('binary-file')
    const high = runText('high.txt', new Uint8Array(Array.from({ length: 4096 }, (_, index) => 0x80 + ((index * 97) % 128))))
    expect(high.status).toBe('failed')
    expect(high.messages[0]?.ruleId).toBe('undecodable')
    expect(high.messages[0]?.reason).toContain('not valid UTF-8, UTF-16 or GB18030')
  })

  it('control characters throughout valid UTF-8 are binary', () => {
    const doc = runText('controls.txt', utf8('\u0001\u0002\u0003abc\u0004\u0005'.repeat(200)))
    expect(doc.messages[0]?.ruleId).toBe('binary-file')
  })
})

describe('truncated files', () => {
  const text = seedText('002')
  const lines = splitLines(text)
  const base = runText('base.txt', text)

  it('cut in the middle of a table row, inside a figure: the rows before keep their facts, the cut is flagged', () => {
    const row = lines.findIndex((line, index) => index > lines.indexOf('支出决算表') && line.startsWith('2010301\t'))
    // `2010301	行政运行	605.61	605.6` (支出决算表) — the second figure cut short.
    const cut = `${lines.slice(0, row).join('\n')}\n${(lines[row] ?? '').slice(0, 25)}`
    expect(cut.endsWith('605.61\t605.6')).toBe(true)
    const doc = runText('cut-row.txt', cut)
    expect(doc.status).toBe('ok')
    const message = doc.messages.find((entry) => entry.ruleId === 'possibly-truncated')
    expect(message?.place).toMatchObject({ line: row + 1, column: 26 })
    // Every fact before the cut line is the same fact at the same place.
    const before = base.facts.filter((fact) => fact.line <= row).map(meaningAndPlace)
    expect(doc.facts.filter((fact) => fact.line <= row).map(meaningAndPlace)).toEqual(before)
    // The tables after the cut are reported missing, not invented.
    expect(doc.messages.filter((entry) => entry.ruleId === 'missing-table').flatMap((entry) => entry.expected)).toContain('appropriation_summary')
    expectExactProvenance(doc)
    expectAccounting(doc)
  })

  it('cut inside a UTF-8 character: read as UTF-8 with the partial character reported (see encodings.test.ts for GB18030 and UTF-16)', () => {
    const end = text.indexOf('决算', 5000) + 1
    const bytes = utf8(text.slice(0, end))
    // The last character, 决, is 3 bytes: keep 2 of them.
    const doc = runText('cut-char.txt', bytes.subarray(0, bytes.length - 1))
    expect(doc.text).toBe(text.slice(0, end - 1))
    expect(doc.encoding).toBe('utf-8')
    expect(ruleIds(doc)).toContain('truncated-character')
  })
})

describe('size limits', () => {
  it(`a file over ${MAX_INPUT_BYTES / 1024 / 1024} MiB (600 MB, sparse) is refused from its size alone, naming the limit`, async () => {
    const file = join(work, 'huge.txt')
    const fd = openSync(file, 'w')
    ftruncateSync(fd, 600 * 1024 * 1024)
    closeSync(fd)
    const before = process.memoryUsage().arrayBuffers
    const started = performance.now()
    const read = await readInput(file)
    expect(performance.now() - started).toBeLessThan(1000)
    // Nothing near the file's size was allocated.
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(16 * 1024 * 1024)
    expect(read.bytes).toBeUndefined()
    expect(read.refusal?.ruleId).toBe('file-too-large')
    expect(read.refusal?.reason).toBe('File too large: 600 MiB is over the limit of 64 MiB (MAX_INPUT_BYTES) for one document; not read')
    const doc = refusedDocument('input/huge.txt', read.refusal ?? { ruleId: 'file-too-large', reason: '' })
    expect(documentRow(doc)).toMatchObject({ doc_id: 'huge', status: 'failed', message: read.refusal?.reason })
    rmSync(file)
  })
})

describe('input paths', () => {
  const inputs = join(work, 'inputs')
  const outside = join(work, 'outside')
  mkdirSync(inputs)
  mkdirSync(outside)
  writeFileSync(join(inputs, 'good.txt'), seedText('004'))
  writeFileSync(join(outside, 'secret.txt'), 'not a budget')
  symlinkSync(join(outside, 'secret.txt'), join(inputs, 'link-out.txt'))
  symlinkSync(join(inputs, 'good.txt'), join(inputs, 'link-in.txt'))
  symlinkSync('../outside/secret.txt', join(inputs, 'relative-out.txt'))
  mkdirSync(join(inputs, 'folder.txt'))

  it('lists the .txt entries of a folder, links included so they can be refused', async () => {
    expect((await listInputs([inputs])).map((file) => file.slice(inputs.length + 1))).toEqual(['folder.txt', 'good.txt', 'link-in.txt', 'link-out.txt', 'relative-out.txt'])
  })

  it('refuses a symbolic link out of the input folder, with a message; follows one that stays inside', async () => {
    const out = await readInput(join(inputs, 'link-out.txt'))
    expect(out.refusal?.ruleId).toBe('outside-inputs')
    expect(out.refusal?.reason).toContain('outside the input folder')
    expect((await readInput(join(inputs, 'relative-out.txt'))).refusal?.ruleId).toBe('outside-inputs')
    expect((await readInput(join(inputs, 'link-in.txt'))).bytes).toEqual(new Uint8Array(readFileSync(join(inputs, 'good.txt'))))
  })

  it('refuses what is not a regular file', async () => {
    expect((await readInput(join(inputs, 'folder.txt'))).refusal).toMatchObject({ ruleId: 'not-a-file' })
    const fifo = join(work, 'pipe.txt')
    try {
      execFileSync('mkfifo', [fifo])
    } catch {
      return
    }
    // Reading a FIFO would block the build: it is refused from its type.
    expect((await readInput(fifo)).refusal).toMatchObject({ ruleId: 'not-a-file' })
  })

  it('a file that vanished is a refusal, not an exception', async () => {
    expect((await readInput(join(work, 'gone.txt'))).refusal).toMatchObject({ ruleId: 'unreadable-file' })
  })

  it('an input that does not exist is the caller’s mistake: it throws, saying which', async () => {
    await expect(listInputs([join(work, 'nowhere')])).rejects.toThrow(/Cannot read input `.*nowhere` \(ENOENT\)/)
  })
})

describe('the same document twice', () => {
  const text = seedText('002')
  const files = {
    'a.txt': utf8(text),
    'b-gb18030.txt': new Uint8Array(iconv.encode(text, 'gb18030')),
    'c-other.txt': utf8(seedText('003')),
    'd-crlf-bom.txt': new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\n/g, '\r\n'))])),
    'e-empty.txt': new Uint8Array(),
  }

  it('has one fingerprint for one text, whatever the encoding, BOM or line breaks', () => {
    expect(fingerprintBytes(files['b-gb18030.txt'])).toBe(fingerprintBytes(files['a.txt']))
    expect(fingerprintBytes(files['d-crlf-bom.txt'])).toBe(fingerprintBytes(files['a.txt']))
    expect(fingerprintBytes(files['c-other.txt'])).not.toBe(fingerprintBytes(files['a.txt']))
    expect(fingerprintBytes(files['e-empty.txt'])).toBeUndefined()
  })

  it('a repeat is a failed documents row naming the first, with its own encoding and no figures', () => {
    const doc = duplicateDocument('twice/b-gb18030.txt', files['b-gb18030.txt'], 'twice/a.txt')
    expect(documentRow(doc)).toMatchObject({ doc_id: 'b-gb18030', status: 'failed', encoding: 'gb18030', facts: 0, unplaced: 0 })
    expect(doc.messages).toMatchObject([{ ruleId: 'duplicate-document', severity: 'fatal', actual: 'twice/a.txt' }])
    expect(doc.messages[0]?.reason).toBe('Duplicate of `twice/a.txt`: same text (read as gb18030), so its figures are taken once, from the first')
  })

  // The build feeds the detector in input order (see guarantees.test.ts for a build with a repeat in GB18030).
  it('the detector answers the first path for a repeated fingerprint only', () => {
    const detect = createDuplicateDetector()
    expect([detect('a', 'x'), detect('b', 'y'), detect('c', 'x'), detect('d', undefined), detect('e', undefined)]).toEqual([undefined, undefined, 'a', undefined, undefined])
  })
})
