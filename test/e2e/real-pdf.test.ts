/**
 * The real PDFs of ../shared/corpus read as PDFs: every figure of four of
 * them (a 决算 with its nine tables, 预算 with tables and with prose only,
 * one with overlapping glyphs) stands in its box as poppler's own crop of
 * the page reads it; and each of the 96 PDFs of real/ gives the same figures
 * as its `.layout.txt` (the text `pdftotext -layout` printed for it), every
 * difference listed. Skipped, saying why, when the corpus or pdftotext is
 * absent.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { processDocument } from '../../pipeline/process-document.ts'
import { crossesPage } from '../../pipeline/stages/locate-boxes.ts'
import { CORPUS, hasCorpus } from '../helpers/documents.ts'
import { cropText, pdfToolMissing } from '../helpers/pdf-crop.ts'
import type { Fact } from '../../core/types.ts'

const missing = !hasCorpus() ? `${CORPUS} is absent` : pdfToolMissing(['pdftotext'])
if (missing) console.log(`test/e2e/real-pdf.test.ts skipped: ${missing}`)

const REAL = join(CORPUS, 'real')

/** A figure's meaning and place in the text: what must not change between the PDF and its layout text. */
function figure(fact: Fact): string {
  return [fact.table_id, fact.side, fact.subject_code || fact.line_item, fact.measure, fact.value, fact.value_raw, `${fact.line}:${fact.column}..${fact.end_line}:${fact.end_column}`].join('|')
}

describe.skipIf(missing !== undefined)('the real PDFs read as PDFs', () => {
  const checked = [
    join(CORPUS, 'shanghai-putuo-social-work-dept-2024-final.pdf'),
    join(REAL, 'js-b79741e9.pdf'),
    join(REAL, 'bj-fcf1d639.pdf'),
    join(REAL, 'cq-d344b1c3.pdf'),
  ]
  for (const path of checked) {
    it(`every figure of ${path.split('/').pop()} is inside its box, as poppler's crop of the page reads it`, () => {
      const doc = processDocument(path, new Uint8Array(readFileSync(path)))
      expect(doc.status).toBe('ok')
      expect(doc.facts.length).toBeGreaterThan(40)
      const outside = doc.facts.filter((fact) => fact.page === null || !cropText(path, fact as Parameters<typeof cropText>[1]).includes(fact.value_raw.replace(/\s+/g, '')))
      expect(outside.map((fact) => `${fact.value_raw} at ${fact.line}:${fact.column}, page ${fact.page} box ${fact.x0} ${fact.y0} ${fact.x1} ${fact.y1}`)).toEqual([])
    }, 300_000)
  }

  it('the 96 PDFs of real/ give the same figures as their .layout.txt, standard tables and all', () => {
    const names = readdirSync(REAL)
      .filter((name) => name.endsWith('.pdf'))
      .sort()
    expect(names).toHaveLength(96)
    const differences: string[] = []
    let standard = 0
    let all = 0
    for (const name of names) {
      const stem = name.slice(0, -'.pdf'.length)
      const viaPdf = processDocument(`real/${name}`, new Uint8Array(readFileSync(join(REAL, name))))
      const viaText = processDocument(`real/${stem}.layout.txt`, new Uint8Array(readFileSync(join(REAL, `${stem}.layout.txt`))))
      if (viaPdf.text !== viaText.text) differences.push(`${stem}: the PDF's text differs from its .layout.txt`)
      const pdfFigures = viaPdf.facts.map(figure)
      const textFigures = viaText.facts.map(figure)
      const onlyPdf = pdfFigures.filter((entry) => !textFigures.includes(entry))
      const onlyText = textFigures.filter((entry) => !pdfFigures.includes(entry))
      for (const entry of onlyPdf) differences.push(`${stem}: only from the PDF: ${entry}`)
      for (const entry of onlyText) differences.push(`${stem}: only from the text: ${entry}`)
      if (pdfFigures.length !== textFigures.length) differences.push(`${stem}: ${pdfFigures.length} figures from the PDF, ${textFigures.length} from the text`)
      standard += viaPdf.facts.filter((fact) => fact.table_id !== '' && fact.table_id !== 'other').length
      all += viaPdf.facts.length
      // A figure printed over a page break (its last digits at the top of the next page) has no one box, and says so.
      const boxless = viaPdf.facts.filter((fact) => fact.page === null && !crossesPage(viaPdf, { line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column }))
      if (boxless.length > 0) differences.push(`${stem}: ${boxless.length} figures without a box`)
    }
    console.log(`real/ as PDFs: ${names.length} PDFs, ${all} figures (${standard} in standard tables), ${differences.length} differences from their .layout.txt`)
    expect(differences).toEqual([])
  }, 900_000)
})
