import { describe, expect, it } from 'vitest'
import { processDocument } from '../../../pipeline/process-document.ts'
import { createDuplicateDetector, fingerprintBytes } from '../../../pipeline/stages/detect-duplicates.ts'
import { documentRow } from '../../../outputs/tables.ts'

/** What `pdftotext -layout` prints for a scanned PDF of three pages: a form feed per page, nothing else. */
const SCAN_TEXT = new TextEncoder().encode('\f\f\f')

describe('a text with no characters (a scanned PDF through pdftotext)', () => {
  it('is a document with status no-text and a message saying it needs OCR', () => {
    const doc = processDocument('scans/a.layout.txt', SCAN_TEXT)
    expect(doc.status).toBe('no-text')
    expect(doc.messages.map((message) => [message.ruleId, message.severity])).toEqual([['no-text-layer', 'fatal']])
    expect(doc.messages[0]?.reason).toContain('OCR')
    expect(doc.facts).toEqual([])
    const row = documentRow(doc)
    expect(row.status).toBe('no-text')
    expect(row.message).toContain('scanned PDF')
  })

  it('is never the duplicate of another empty scan', () => {
    const isDuplicateOf = createDuplicateDetector()
    expect(isDuplicateOf('scans/a.layout.txt', fingerprintBytes(SCAN_TEXT))).toBeUndefined()
    expect(isDuplicateOf('scans/b.layout.txt', fingerprintBytes(new TextEncoder().encode('\f\n\f  \n')))).toBeUndefined()
    expect(isDuplicateOf('scans/c.layout.txt', fingerprintBytes(SCAN_TEXT))).toBeUndefined()
  })

  it('a text with one character is read as usual', () => {
    expect(processDocument('one.txt', new TextEncoder().encode('\f表\f')).status).toBe('ok')
  })
})
