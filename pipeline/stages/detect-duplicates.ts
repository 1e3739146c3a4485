import { createHash } from 'node:crypto'
import { SourceDocument } from '../../core/document.ts'
import { identify } from '../process-document.ts'
import { decodeBytes, decodeDocument, hasText, isDecodedText } from './decode.ts'

/**
 * The fingerprint of a document's text: SHA-256 of the decoded text with
 * line breaks as LF, so the same report saved in UTF-8 and in GB18030, with
 * or without BOM, with CRLF or LF, is recognised as one document.
 */
export function fingerprintText(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n?/g, '\n')).digest('hex')
}

/** The fingerprint of a file's bytes decoded as the decode stage reads them, or undefined when they are not text. */
export function fingerprintBytes(bytes: Uint8Array): string | undefined {
  const decoded = decodeBytes(bytes)
  // Files without text (scans) are all alike and none is a duplicate of another.
  return isDecodedText(decoded) && hasText(decoded.text) ? fingerprintText(decoded.text) : undefined
}

/**
 * A detector fed documents in input order: for a text seen before it
 * answers the path of the first document that had it, else remembers this
 * one and answers undefined.
 */
export function createDuplicateDetector(): (path: string, fingerprint: string | undefined) => string | undefined {
  const firstByFingerprint = new Map<string, string>()
  return (path, fingerprint) => {
    if (fingerprint === undefined) return undefined
    const first = firstByFingerprint.get(fingerprint)
    if (first !== undefined) return first
    firstByFingerprint.set(fingerprint, path)
    return undefined
  }
}

/**
 * The `documents` row of a document whose text repeats an earlier one's:
 * identified and decoded (so its own sha256 and encoding show), not
 * processed again — its figures are the first's — and failed with a
 * message naming the first.
 */
export function duplicateDocument(path: string, bytes: Uint8Array, firstPath: string): SourceDocument {
  const doc = new SourceDocument(path, bytes)
  identify(doc)
  decodeDocument(doc)
  doc.fail(`Duplicate of \`${firstPath}\`: same text${doc.encoding ? ` (read as ${doc.encoding})` : ''}, so its figures are taken once, from the first`, {
    ruleId: 'duplicate-document',
    actual: firstPath,
  })
  return doc
}
