import type { SourceDocument } from '../document.ts'

/**
 * Decode the bytes: a BOM decides (UTF-8, UTF-16 LE/BE, exactly one BOM
 * stripped); otherwise strict UTF-8, then GB18030 (never the `gbk` label:
 * Node 20 mis-decodes 4-byte sequences under it). Decoding is `fatal`, so
 * a wrong guess fails instead of producing U+FFFD.
 */
export function decodeDocument(doc: SourceDocument): void {
  const bytes = doc.bytes
  if (bytes.length === 0) {
    doc.fail('Empty file: nothing to read', { ruleId: 'empty-file' })
    return
  }
  const attempts: { encoding: string; label: string; offset: number; reason: string }[] = []
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) attempts.push({ encoding: 'utf-8', label: 'utf-8', offset: 3, reason: 'UTF-8 byte order mark' })
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) attempts.push({ encoding: 'utf-16le', label: 'utf-16le', offset: 2, reason: 'UTF-16 LE byte order mark' })
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) attempts.push({ encoding: 'utf-16be', label: 'utf-16be', offset: 2, reason: 'UTF-16 BE byte order mark' })
  else {
    attempts.push({ encoding: 'utf-8', label: 'utf-8', offset: 0, reason: 'valid UTF-8 without byte order mark' })
    attempts.push({ encoding: 'gb18030', label: 'gb18030', offset: 0, reason: 'not valid UTF-8; valid GB18030' })
  }
  for (const attempt of attempts) {
    try {
      const text = new TextDecoder(attempt.label, { fatal: true, ignoreBOM: true }).decode(bytes.subarray(attempt.offset))
      if (text.includes('\u0000')) continue
      doc.encoding = attempt.encoding
      doc.encodingReason = attempt.reason
      doc.setText(text)
      if (/锟斤拷|\ufffd{2,}/.test(text)) {
        doc.message('Text is already mojibake (`锟斤拷` or runs of U+FFFD): figures near it may be damaged', { ruleId: 'mojibake' })
      }
      return
    } catch {
      // Not this encoding: try the next.
    }
  }
  doc.fail('Cannot decode the file as UTF-8, UTF-16 or GB18030 text (binary file?)', { ruleId: 'undecodable' })
}
