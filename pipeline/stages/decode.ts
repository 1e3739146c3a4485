import type { SourceDocument } from '../../core/document.ts'
import { type MessageCode } from '../../core/registry.ts'

/** Encodings the pipeline reads, as recorded in `documents.encoding`. */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030'

/** A problem found while decoding, at a UTF-16 offset of the decoded text (converted to line:column by the stage). */
export interface DecodeProblem {
  ruleId: MessageCode
  reason: string
  severity: 'warning' | 'info'
  /** UTF-16 offset in the decoded text where the problem is, and its length. */
  offset?: number
  length?: number
  actual?: string
}

/** The text of a file and how it was read. */
export interface DecodedText {
  text: string
  encoding: TextEncodingName
  /** Why that encoding (`documents.encoding_reason`). */
  reason: string
  problems: DecodeProblem[]
}

/** Why a file could not be read as text. */
export interface DecodeFailure {
  ruleId: MessageCode
  reason: string
}

/** A way to read the bytes: an encoding from an offset (past a BOM), and why it is a candidate. */
interface Candidate {
  encoding: TextEncodingName
  offset: number
  reason: string
}

/** Share of decoded characters that may be replaced (invalid bytes) before the file is taken for binary. */
const MAX_INVALID_SHARE = 0.01
/** Share of unlikely characters (see `implausibleShare`) above which UTF-16 text is taken for shifted. */
const MAX_IMPLAUSIBLE_SHARE = 0.1
/** Invalid byte sequences reported one by one; the rest are counted in the last message. */
const MAX_REPORTED_PLACES = 10
/** Bytes looked at to tell UTF-16 without BOM and binary files from text. */
const SNIFF_BYTES = 64 * 1024

/** File signatures of formats people download instead of text, with what to do. */
const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], what: 'a PDF file: convert it to text first (`pdftotext -layout FILE.pdf`)' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (.docx, .xlsx, .zip): save the document as plain text first' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], what: 'an old Office file (.doc, .xls): save it as plain text first' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive: decompress it first' },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'an RTF file: save it as plain text first' },
]

/**
 * Decode the bytes of a document: a byte order mark decides (UTF-8, UTF-16
 * LE/BE, exactly one BOM stripped); otherwise UTF-16 when zero bytes say so,
 * else UTF-8, then GB18030 (never the `gbk` label: Node 20 mis-decodes
 * 4-byte sequences under it). Each decoder is `fatal`, so a wrong guess
 * fails instead of producing U+FFFD; a file cut inside a character keeps its
 * encoding and reports the cut; a few invalid bytes in otherwise good text
 * are reported place by place; anything else is not text.
 */
export function decodeBytes(bytes: Uint8Array): DecodedText | DecodeFailure {
  if (bytes.length === 0) return { ruleId: 'empty-file', reason: 'Empty file: nothing to read' }
  const signature = SIGNATURES.find((entry) => entry.bytes.every((byte, index) => bytes[index] === byte))
  if (signature) return { ruleId: 'binary-file', reason: `Not a text file: this is ${signature.what}` }
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { ruleId: 'unsupported-encoding', reason: 'UTF-32 text is not supported: save the file as UTF-8' }
  }
  const candidates = candidatesOf(bytes)
  if (candidates.length === 0) {
    return { ruleId: 'binary-file', reason: 'Not a text file: it contains NUL bytes (a binary file, or UTF-16/UTF-32 without byte order mark that could not be recognised)' }
  }
  for (const candidate of candidates) {
    const body = bytes.subarray(candidate.offset)
    if (body.length === 0) return { ruleId: 'empty-file', reason: `Empty file: only a ${describe(candidate.encoding)} byte order mark` }
    const whole = decodeStrict(candidate.encoding, body)
    if (whole !== undefined) return finish(whole, candidate, candidate.reason, [])
    // A file cut inside a multi-byte character: everything before the cut is valid.
    for (let cut = 1; cut <= 3 && cut < body.length; cut++) {
      const prefix = decodeStrict(candidate.encoding, body.subarray(0, body.length - cut))
      if (prefix === undefined) continue
      const tail = [...body.subarray(body.length - cut)].map((byte) => byte.toString(16).padStart(2, '0')).join(' ')
      return finish(prefix, candidate, `${candidate.reason}; the file ends inside a character`, [
        {
          ruleId: 'truncated-character',
          reason: `The file ends in the middle of a ${describe(candidate.encoding)} character: its last ${cut} byte${cut > 1 ? 's' : ''} (${tail}) ${cut > 1 ? 'were' : 'was'} dropped; the file was probably cut short`,
          severity: 'warning',
          offset: prefix.length,
          length: 0,
          actual: tail,
        },
      ])
    }
  }
  return decodeDamaged(bytes, candidates)
}

/**
 * The decode stage: the text of the document (see `decodeBytes`), its
 * encoding and why, and positioned messages for what decoding found
 * (a cut character, invalid bytes, text that is already mojibake).
 */
export function decodeDocument(doc: SourceDocument): void {
  const decoded = decodeBytes(doc.bytes)
  if (!('text' in decoded)) {
    doc.fail(decoded.reason, { ruleId: decoded.ruleId })
    return
  }
  doc.encoding = decoded.encoding
  doc.encodingReason = decoded.reason
  doc.setText(decoded.text)
  if (!hasText(decoded.text)) {
    // pdftotext of a scanned PDF prints a form feed per page and nothing else.
    doc.message('No text: the file holds only blank lines and page breaks, as the text of a scanned PDF does; it needs OCR before its figures can be read', {
      ruleId: 'no-text-layer',
      severity: 'fatal',
    })
    doc.status = 'no-text'
    return
  }
  const places = lineStarts(decoded.text)
  for (const problem of decoded.problems) {
    doc.message(problem.reason, {
      ruleId: problem.ruleId,
      severity: problem.severity,
      ...(problem.offset !== undefined ? { place: placeOf(doc, places, problem.offset, problem.length ?? 0) } : {}),
      ...(problem.actual !== undefined ? { actual: problem.actual } : {}),
    })
  }
}

/** Whether a decoded text has any character besides padding and page breaks. */
export function hasText(text: string): boolean {
  return /[^\s\u200b]/.test(text)
}

/** Whether decoding produced text (as opposed to a failure). */
export function isDecodedText(result: DecodedText | DecodeFailure): result is DecodedText {
  return 'text' in result
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte)
}

function describe(encoding: TextEncodingName): string {
  return { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE', gb18030: 'GB18030' }[encoding]
}

/** The encodings to try, in order, with why each is a candidate. */
function candidatesOf(bytes: Uint8Array): Candidate[] {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return [
      { encoding: 'utf-8', offset: 3, reason: 'UTF-8 byte order mark' },
      // A wrong BOM in front of GBK text (some editors add one on save).
      { encoding: 'gb18030', offset: 3, reason: 'UTF-8 byte order mark, but the text after it is not UTF-8; valid GB18030' },
    ]
  }
  if (startsWith(bytes, [0xff, 0xfe])) return [{ encoding: 'utf-16le', offset: 2, reason: 'UTF-16 LE byte order mark' }]
  if (startsWith(bytes, [0xfe, 0xff])) return [{ encoding: 'utf-16be', offset: 2, reason: 'UTF-16 BE byte order mark' }]
  const utf16 = sniffUtf16(bytes)
  if (utf16) return [{ encoding: utf16, offset: 0, reason: `no byte order mark; zero bytes mostly at ${utf16 === 'utf-16le' ? 'odd' : 'even'} offsets, as in ${describe(utf16)} text` }]
  // A NUL byte never occurs in UTF-8 or GB18030 text: a binary file.
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return []
  return [
    { encoding: 'utf-8', offset: 0, reason: 'valid UTF-8 without byte order mark' },
    { encoding: 'gb18030', offset: 0, reason: 'not valid UTF-8; valid GB18030' },
  ]
}

/**
 * UTF-16 without BOM: ASCII characters (digits, tabs, line breaks, which
 * budget tables are full of) have a zero byte, always on the same side.
 */
function sniffUtf16(bytes: Uint8Array): TextEncodingName | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length, SNIFF_BYTES) & ~1)
  if (sample.length < 4) return undefined
  let even = 0
  let odd = 0
  for (let index = 0; index < sample.length; index++) {
    if (sample[index] !== 0) continue
    if (index % 2 === 0) even++
    else odd++
  }
  const pairs = sample.length / 2
  // The other side has zeros too, but few: CJK characters at U+xx00 (一 is U+4E00).
  if (odd >= pairs * 0.05 && even * 4 < odd) return 'utf-16le'
  if (even >= pairs * 0.05 && odd * 4 < even) return 'utf-16be'
  return undefined
}

/** The text, or undefined when the bytes are not valid in that encoding. */
function decodeStrict(encoding: TextEncodingName, bytes: Uint8Array): string | undefined {
  try {
    // ignoreBOM keeps a second BOM as text: exactly one (the one at the offset) is stripped.
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return undefined
  }
}

/**
 * Bytes no candidate reads without error: the candidate with the fewest
 * invalid sequences, when they are few (a damaged text file, each bad place
 * reported); otherwise the file is not text.
 */
function decodeDamaged(bytes: Uint8Array, candidates: Candidate[]): DecodedText | DecodeFailure {
  let best: { candidate: Candidate; text: string; invalid: number[] } | undefined
  for (const candidate of candidates) {
    const text = new TextDecoder(candidate.encoding, { fatal: false, ignoreBOM: true }).decode(bytes.subarray(candidate.offset))
    // Printed U+FFFD in valid text is mojibake, counted separately; here every U+FFFD counts, which only favours the other candidate.
    const invalid = replacementOffsets(text)
    if (!best || invalid.length < best.invalid.length) best = { candidate, text, invalid }
  }
  if (best && (best.candidate.encoding === 'utf-16le' || best.candidate.encoding === 'utf-16be')) {
    // Invalid UTF-16 after a BOM: surrogates out of pairs, most often because a byte was lost or added.
    if (best.invalid.length > Math.max(3, best.text.length * MAX_INVALID_SHARE) || implausibleShare(best.text) > MAX_IMPLAUSIBLE_SHARE) return shiftedUtf16(best.candidate.encoding, best.text)
  }
  if (!best || best.invalid.length > Math.max(3, best.text.length * MAX_INVALID_SHARE) || controlShare(best.text) > MAX_INVALID_SHARE) {
    return { ruleId: 'undecodable', reason: 'Not a text file: the bytes are not valid UTF-8, UTF-16 or GB18030 text (a binary or badly damaged file)' }
  }
  const { candidate, text, invalid } = best
  const problems: DecodeProblem[] = invalid.slice(0, MAX_REPORTED_PLACES).map((offset) => ({
    ruleId: 'invalid-bytes',
    reason: `Invalid ${describe(candidate.encoding)} bytes, read as U+FFFD: a figure here may be damaged`,
    severity: 'warning',
    offset,
    length: 1,
  }))
  if (invalid.length > MAX_REPORTED_PLACES) {
    problems.push({ ruleId: 'invalid-bytes', reason: `${invalid.length - MAX_REPORTED_PLACES} more places with invalid ${describe(candidate.encoding)} bytes`, severity: 'warning' })
  }
  const reason = `${describe(candidate.encoding)} with ${invalid.length} invalid byte sequence${invalid.length === 1 ? '' : 's'} (the fewest of the encodings tried)`
  return finish(text, candidate, reason, problems)
}

/** UTF-16 offsets of U+FFFD in a text. */
function replacementOffsets(text: string): number[] {
  const offsets: number[] = []
  for (let index = text.indexOf('\ufffd'); index >= 0; index = text.indexOf('\ufffd', index + 1)) offsets.push(index)
  return offsets
}

/** Share of C0 control characters other than tab, line breaks and form feed: high in binary files. */
function controlShare(text: string): number {
  const sample = text.slice(0, SNIFF_BYTES)
  let controls = 0
  for (let index = 0; index < sample.length; index++) {
    const code = sample.charCodeAt(index)
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) controls++
  }
  return sample.length === 0 ? 0 : controls / sample.length
}

/**
 * Share of characters a budget document does not use (Hangul, Yi, private
 * use, rare scripts): UTF-16 read one byte off, after a byte was lost or
 * added, is still valid UTF-16 but such characters throughout.
 */
function implausibleShare(text: string): number {
  let counted = 0
  let implausible = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code <= 0x20) continue
    counted++
    const plausible =
      code <= 0x052f ||
      (code >= 0x2000 && code <= 0x2bff) ||
      (code >= 0x2e80 && code <= 0x30ff) ||
      (code >= 0x3200 && code <= 0x9fff) ||
      (code >= 0xd800 && code <= 0xdfff) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      code >= 0xff00
    if (!plausible) implausible++
  }
  return counted === 0 ? 0 : implausible / counted
}

/** The failure of UTF-16 text read one byte off from some point on. */
function shiftedUtf16(encoding: TextEncodingName, text: string): DecodeFailure {
  const share = Math.round(implausibleShare(text) * 100)
  return {
    ruleId: 'undecodable',
    reason: `Damaged ${describe(encoding)} text: ${share}% of the characters are not Chinese, Latin or punctuation (a byte lost or added shifts every character after it); save the file again`,
  }
}

/** The decoded text with the checks every encoding shares: NUL and control characters, shifted UTF-16, mojibake, a figure cut at the end. */
function finish(text: string, candidate: Candidate, reason: string, problems: DecodeProblem[]): DecodedText | DecodeFailure {
  if (text.length === 0) return { ruleId: 'empty-file', reason: 'Empty file: nothing to read' }
  if (candidate.encoding !== 'utf-8' && candidate.encoding !== 'gb18030' && (implausibleShare(text) > MAX_IMPLAUSIBLE_SHARE || text.includes('\u0000'))) return shiftedUtf16(candidate.encoding, text)
  if (text.includes('\u0000') || controlShare(text) > MAX_INVALID_SHARE) {
    return { ruleId: 'binary-file', reason: `Not a text file: valid ${describe(candidate.encoding)} bytes, but full of control characters (a binary file)` }
  }
  // U+FFFD made by the decoder itself is reported as invalid bytes, not as mojibake.
  const found = [...problems, ...(problems.some((problem) => problem.ruleId === 'invalid-bytes') ? [] : mojibakeProblems(text))]
  // No line break at the end and a digit last: the file may have been cut inside a figure.
  if (problems.length === 0 && /[0-9０-９]$/.test(text)) {
    found.push({
      ruleId: 'possibly-truncated',
      reason: 'The file ends in a number without a line break: it may have been cut short, and its last figure with it',
      severity: 'warning',
      offset: text.length,
      length: 0,
    })
  }
  return { text, encoding: candidate.encoding, reason, problems: found }
}

/**
 * Text that was already damaged before it was saved: `锟斤拷` (U+FFFD
 * written as UTF-8 and read as GBK) and U+FFFD itself.
 */
function mojibakeProblems(text: string): DecodeProblem[] {
  const first = Math.min(...[text.indexOf('锟斤拷'), text.indexOf('\ufffd')].filter((index) => index >= 0))
  if (!Number.isFinite(first)) return []
  const count = (text.match(/锟斤拷|\ufffd+/g) ?? []).length
  return [
    {
      ruleId: 'mojibake',
      reason: `Text is already mojibake (\`锟斤拷\` or U+FFFD, ${count} place${count === 1 ? '' : 's'}): characters were lost before the file was saved, and figures near them may be damaged`,
      severity: 'warning',
      offset: first,
      length: text.startsWith('锟斤拷', first) ? 3 : 1,
    },
  ]
}

/** UTF-16 offsets where each line starts, for the line terminators `SourceDocument.setText` splits on. */
function lineStarts(text: string): number[] {
  const starts = [0]
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (code === 0x0a) starts.push(index + 1)
    else if (code === 0x0d) {
      if (text.charCodeAt(index + 1) === 0x0a) index++
      starts.push(index + 1)
    }
  }
  return starts
}

/** The span of `length` UTF-16 units at a text offset. */
function placeOf(doc: SourceDocument, starts: number[], offset: number, length: number): ReturnType<SourceDocument['span']> {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((starts[middle] ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  return doc.span(low + 1, offset - (starts[low] ?? 0), length)
}
