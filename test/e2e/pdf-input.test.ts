/**
 * PDFs as inputs: a seed printed to PDF (headless chromium, as
 * seeds-via-pdf.test.ts prints it) is read as the text `pdftotext -layout`
 * prints for it, every figure with its page and a box that poppler's own
 * crop (`pdftotext -x -y -W -H`) finds it in; a scan of it (pdftoppm pages
 * wrapped back into a PDF by img2pdf) has no text; an encrypted and a
 * truncated copy fail alone; a build of them all is byte-identical twice.
 *
 * Needs chromium, poppler-utils, img2pdf and qpdf (`make pdf-tools`);
 * skipped with the reason printed when one is missing.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import { build } from '../../runtime/build.ts'
import { explainFact } from '../../runtime/commands/explain.ts'
import { pdfSeedPaths, pdfToolsMissing, printSeedPdfs, type SeedPdf } from '../../scripts/render-seed-pdf.ts'
import { parseCsvRecords } from '../helpers/csv.ts'
import { ROOT } from '../helpers/documents.ts'
import { cropText, pdfToolMissing } from '../helpers/pdf-crop.ts'
import type { Fact } from '../../core/types.ts'

const missing = pdfToolsMissing() ?? pdfToolMissing(['pdftotext', 'pdftoppm', 'img2pdf', 'qpdf'])
if (missing) console.log(`test/e2e/pdf-input.test.ts skipped: ${missing}`)

/** What a fact says and where in the text, without the file it came from. */
function meaningAndSpan(fact: Fact): string {
  return [fact.fact_id, fact.table_id, fact.side, fact.line_item, fact.subject_code, fact.measure, fact.value, fact.value_raw, fact.line, fact.column, fact.end_line, fact.end_column].join('|')
}

describe.skipIf(missing !== undefined)('a PDF input', () => {
  let seed: SeedPdf
  let bytes: Uint8Array
  let folder: string

  beforeAll(async () => {
    const path = pdfSeedPaths().find((entry) => entry.includes('003_')) as string
    ;[seed] = (await printSeedPdfs([path])) as [SeedPdf]
    bytes = new Uint8Array(readFileSync(seed.pdfPath))
    folder = mkdtempSync(join(tmpdir(), 'cn-budget-pdf-input-'))
    mkdirSync(join(folder, 'in'))
    writeFileSync(join(folder, 'in', 'a-good.pdf'), bytes)
    // A scan: the first two pages rendered to images and wrapped back into a PDF, twice (two scans of as many pages are not duplicates).
    execFileSync('pdftoppm', ['-r', '40', '-f', '1', '-l', '2', '-gray', '-png', seed.pdfPath, join(folder, 'page')])
    const pages = readdirSync(folder).filter((name) => name.startsWith('page') && name.endsWith('.png')).sort().map((name) => join(folder, name))
    execFileSync('img2pdf', ['--nodate', '-o', join(folder, 'in', 'b-scan.pdf'), ...pages])
    execFileSync('img2pdf', ['--nodate', '-o', join(folder, 'in', 'c-scan-again.pdf'), ...pages.slice().reverse()])
    // Encrypted with a user password: nothing can be read without it.
    execFileSync('qpdf', ['--encrypt', 'secret', 'owner', '256', '--', seed.pdfPath, join(folder, 'in', 'd-encrypted.pdf')])
    writeFileSync(join(folder, 'in', 'e-truncated.pdf'), bytes.subarray(0, Math.floor(bytes.length / 2)))
    writeFileSync(join(folder, 'in', 'f-not-a-pdf.pdf'), '<html><body>404 Not Found</body></html>\n')
  }, 180_000)

  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true })
  })

  it('is read as the text pdftotext -layout prints, with the facts of that text, each with its page and box', () => {
    const viaPdf = processDocument('pdf/003.pdf', bytes)
    expect(viaPdf.status).toBe('ok')
    expect(viaPdf.encoding).toBe('pdf')
    expect(viaPdf.encodingReason).toMatch(/^PDF: its text layer as poppler's `pdftotext -layout` prints it \(poppler [\d.]+\), \d+ pages$/)
    expect(viaPdf.text).toBe(seed.layoutText)
    // The same facts, at the same lines and columns, as the layout text read as text (doc ids aside: same name).
    const viaText = processDocument('pdf/003.txt', new TextEncoder().encode(seed.layoutText))
    expect(viaPdf.facts.map(meaningAndSpan)).toEqual(viaText.facts.map(meaningAndSpan))
    expect(viaText.facts.every((fact) => fact.page === null && fact.x0 === null)).toBe(true)
    expect(viaPdf.facts.length).toBeGreaterThan(200)
    expect(viaPdf.messages.filter((message) => message.ruleId === 'pdf-box-not-found')).toEqual([])
    for (const fact of viaPdf.facts) {
      expect(fact.page, `${fact.fact_id} ${fact.value_raw} at ${fact.line}:${fact.column}`).not.toBeNull()
      expect(Number(fact.x0)).toBeLessThan(Number(fact.x1))
      expect(Number(fact.y0)).toBeLessThan(Number(fact.y1))
    }
  })

  it('puts every figure in a box where poppler’s own crop of the page finds it', () => {
    const doc = processDocument('pdf/003.pdf', bytes)
    const misplaced = doc.facts.filter((fact) => !cropText(seed.pdfPath, fact as Parameters<typeof cropText>[1]).includes(fact.value_raw.replace(/\s+/g, '')))
    expect(misplaced.map((fact) => `${fact.value_raw} at ${fact.line}:${fact.column} page ${fact.page}`)).toEqual([])
  }, 300_000)

  it('explain prints the page, the box and the poppler command that shows what is in it', () => {
    const doc = processDocument('pdf/003.pdf', bytes)
    const fact = doc.facts.find((entry) => entry.origin === 'table') as Fact
    const text = explainFact(doc, fact, 1)
    expect(text).toContain(`  page      ${fact.page} of `)
    expect(text).toContain(`box x0 ${fact.x0} y0 ${fact.y0} x1 ${fact.x1} y1 ${fact.y1}`)
    expect(text).toMatch(/check {5}pdftotext -f \d+ -l \d+ -x \d+ -y \d+ -W \d+ -H \d+ pdf\/003\.pdf -/)
    expect(text).toContain(`> ${fact.line} │`)
  })

  it('a scan has no text: status no-text with the OCR message, never a duplicate of another scan', () => {
    const doc = processDocument('in/b-scan.pdf', new Uint8Array(readFileSync(join(folder, 'in', 'b-scan.pdf'))))
    expect(doc.status).toBe('no-text')
    expect(doc.messages.map((message) => [message.ruleId, message.severity])).toEqual([['no-text-layer', 'fatal']])
    expect(doc.messages[0]?.reason).toBe("No text layer: the PDF's 2 pages hold no characters, as a scanned PDF's do; it needs OCR before its figures can be read")
  })

  it('an encrypted PDF, a truncated one and a .pdf that is no PDF fail, each with its reason', () => {
    const run = (name: string) => processDocument(`in/${name}`, new Uint8Array(readFileSync(join(folder, 'in', name))))
    const encrypted = run('d-encrypted.pdf')
    expect(encrypted.status).toBe('failed')
    expect(encrypted.messages[0]).toMatchObject({ ruleId: 'encrypted-pdf', severity: 'fatal' })
    expect(encrypted.messages[0]?.reason).toMatch(/^Encrypted PDF: it cannot be read without its password/)
    const truncated = run('e-truncated.pdf')
    expect(truncated.status).toBe('failed')
    expect(truncated.messages[0]).toMatchObject({ ruleId: 'damaged-pdf', severity: 'fatal' })
    expect(truncated.messages[0]?.reason).toMatch(/^Truncated PDF: the file does not end with `%%EOF`/)
    const html = run('f-not-a-pdf.pdf')
    expect(html.status).toBe('failed')
    expect(html.messages[0]?.reason).toMatch(/^Not a PDF: the file is named \.pdf but does not start with `%PDF-`/)
  })

  it('builds a folder of them: the good PDF with its boxes, every bad one a documents row of its own; report.html links figures to their page; the same bytes twice', async () => {
    const out = join(folder, 'out')
    const again = join(folder, 'again')
    const result = await build({ inputs: [join(folder, 'in')], out, root: ROOT, cache: false, workers: 1 })
    expect(result).toMatchObject({ documents: 6, failed: 3, noText: 2 })
    const documents = parseCsvRecords(readFileSync(join(out, 'documents.csv'), 'utf8'))
    expect(documents.map((row) => [row.doc_id, row.status, row.encoding])).toEqual([
      ['a-good', 'ok', 'pdf'],
      ['b-scan', 'no-text', 'pdf'],
      ['c-scan-again', 'no-text', 'pdf'],
      ['d-encrypted', 'failed', ''],
      ['e-truncated', 'failed', ''],
      ['f-not-a-pdf', 'failed', ''],
    ])
    const facts = parseCsvRecords(readFileSync(join(out, 'facts.csv'), 'utf8'))
    expect(facts.length).toBeGreaterThan(200)
    expect(facts.every((row) => row.doc_id === 'a-good' && /^\d+$/.test(row.page ?? '') && row.x0 !== '' && row.y1 !== '')).toBe(true)
    expect(documents[0]?.sha256).toBe(execFileSync('sha256sum', [join(folder, 'in', 'a-good.pdf')], { encoding: 'utf8' }).split(' ')[0])
    const report = readFileSync(join(out, 'report.html'), 'utf8')
    const link = /href="([^"]*a-good\.pdf)#page=(\d+)"/.exec(report)
    expect(link, 'a link to a page of the PDF').not.toBeNull()
    // The link is relative to report.html and leads to the input.
    expect(readFileSync(join(out, link?.[1] as string))).toEqual(Buffer.from(bytes))

    await build({ inputs: [join(folder, 'in')], out: again, root: ROOT, cache: false, workers: 0 })
    for (const name of readdirSync(out).filter((entry) => /\.(csv|arrow|parquet|html|json)$/.test(entry))) {
      expect(readFileSync(join(again, name)).equals(readFileSync(join(out, name))), `${name} differs between two builds`).toBe(true)
    }
  }, 300_000)
})
