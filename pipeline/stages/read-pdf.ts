/**
 * A PDF read with poppler's `pdftotext` (Debian's poppler-utils): the text
 * the pipeline reads is what `pdftotext -layout` prints (columns aligned by
 * spaces, a form feed after each page), and the words of
 * `pdftotext -bbox-layout` (each with its box on the page) are aligned to
 * that text, so every stretch of it knows where it stands on its page.
 * Both run as subprocesses on the bytes (standard input), so the bytes
 * hashed are the bytes read.
 */
import { spawnSync } from 'node:child_process'
import type { PdfRun, PdfText, PdfWord } from '../../core/types.ts'
import type { MessageCode } from '../../core/registry.ts'

/** What reading a PDF gave: its layout text and word geometry, or why it could not be read. */
export type PdfRead = { text: string; pdf: PdfText; failure?: undefined } | { failure: { ruleId: MessageCode; reason: string } }

/** Longest a pdftotext run may take on one PDF before the document fails (a disclosure takes well under a second). */
const PDFTOTEXT_TIMEOUT_MS = 120_000
/** Most of pdftotext's output read (its text of a 64 MiB PDF is far less). */
const MAX_OUTPUT_BYTES = 512 * 1024 * 1024
/** Bytes at the start of a file where `%PDF-` may stand (readers accept a little junk before it). */
const HEADER_WINDOW = 1024
/** Bytes at the end of a file where `%%EOF` stands in a complete PDF (the spec's readers look this far). */
const TRAILER_WINDOW = 1024

/** Whether the bytes are a PDF: `%PDF-` within the first KiB. */
export function isPdf(bytes: Uint8Array): boolean {
  return indexOfAscii(bytes.subarray(0, HEADER_WINDOW), '%PDF-') >= 0
}

/**
 * Read a PDF: its text as `pdftotext -layout` prints it, and the words of
 * `pdftotext -bbox-layout` aligned to that text. A file cut short (no
 * `%%EOF` at its end), one poppler cannot open (damaged, or encrypted with a
 * password) or a missing pdftotext is a failure with a message that says so.
 */
export function readPdf(bytes: Uint8Array): PdfRead {
  if (indexOfAscii(bytes.subarray(Math.max(0, bytes.length - TRAILER_WINDOW)), '%%EOF') < 0) {
    return {
      failure: {
        ruleId: 'damaged-pdf',
        reason: 'Truncated PDF: the file does not end with `%%EOF`, so it was cut short (an interrupted download?); download it again',
      },
    }
  }
  const layout = runPdftotext(['-layout'], bytes)
  if ('failure' in layout) return layout
  const text = layout.stdout
  // A scan has no characters: no words to place (the decode stage says it needs OCR).
  if (!/[^\s\f]/.test(text)) return { text, pdf: { pages: countPages(text), runs: new Map(), unaligned: 0 } }
  const bbox = runPdftotext(['-bbox-layout'], bytes)
  if ('failure' in bbox) return bbox
  return { text, pdf: alignWords(text, parseBboxLayout(bbox.stdout)) }
}

/** The version poppler's pdftotext reports (`22.12.0`), or undefined when it is not installed. */
export function popplerVersion(): string | undefined {
  if (cachedVersion === null) {
    const run = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' })
    cachedVersion = run.error ? undefined : /pdftotext version (\S+)/.exec(`${run.stderr}${run.stdout}`)?.[1]
  }
  return cachedVersion
}

let cachedVersion: string | undefined | null = null

/** Run pdftotext with `args` on the bytes; its UTF-8 output, or the failure of the document. */
function runPdftotext(args: string[], bytes: Uint8Array): { stdout: string } | { failure: { ruleId: MessageCode; reason: string } } {
  const run = spawnSync('pdftotext', [...args, '-enc', 'UTF-8', '-eol', 'unix', '-', '-'], { input: bytes, maxBuffer: MAX_OUTPUT_BYTES, timeout: PDFTOTEXT_TIMEOUT_MS })
  const error = run.error as NodeJS.ErrnoException | undefined
  if (error?.code === 'ENOENT') {
    return { failure: { ruleId: 'pdf-reader-missing', reason: "Cannot read a PDF: poppler's `pdftotext` is not installed (Debian: `apt-get install poppler-utils`, or `make pdf-tools`)" } }
  }
  if (error) return { failure: { ruleId: 'damaged-pdf', reason: `pdftotext ${args.join(' ')} did not finish (${error.code ?? error.message}): a damaged or pathological PDF` } }
  const stderr = run.stderr.toString('utf8')
  const problems = [...new Set(stderr.split('\n').map((line) => line.trim()).filter(Boolean))].slice(0, 3).join('; ')
  if (/Incorrect password|encrypted/i.test(stderr) || run.status === 3) {
    return { failure: { ruleId: 'encrypted-pdf', reason: `Encrypted PDF: it cannot be read without its password (${problems || `pdftotext exit ${run.status}`}); ask the publisher for an unprotected copy` } }
  }
  if (run.status !== 0) {
    return { failure: { ruleId: 'damaged-pdf', reason: `Damaged PDF: poppler cannot open it (${problems || `pdftotext exit ${run.status}`})` } }
  }
  return { stdout: run.stdout.toString('utf8') }
}

/** Pages of a layout text: pdftotext ends each with a form feed. */
function countPages(text: string): number {
  let pages = 0
  for (let index = text.indexOf('\f'); index >= 0; index = text.indexOf('\f', index + 1)) pages++
  return pages
}

/** Where an ASCII string first occurs in bytes, or -1. */
function indexOfAscii(bytes: Uint8Array, needle: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle, 0, 'latin1')
}

/** A line of a page as `-bbox-layout` prints it: its words in order, and its top-left corner and height to order lines as `-layout` does. */
export interface BboxLine {
  words: PdfWord[]
  yMin: number
  xMin: number
  height: number
}

/** The characters poppler escapes in `-bbox` output. */
const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'" }

/**
 * The lines of each page of `pdftotext -bbox-layout` output, each with its
 * words (text unescaped, coordinates as printed).
 *
 * > |           <word xMin="110.040000" yMin="604.771750" xMax="166.013500" yMax="620.642000">9819.98</word>
 */
export function parseBboxLayout(html: string): BboxLine[][] {
  const pages: BboxLine[][] = []
  let lines: BboxLine[] | undefined
  let line: BboxLine | undefined
  const pattern = /<page\b|<line\b|<\/line>|<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" yMax="([^"]*)">([^<]*)<\/word>/g
  for (let match = pattern.exec(html); match; match = pattern.exec(html)) {
    const token = match[0]
    if (token === '<page') {
      lines = []
      pages.push(lines)
    } else if (token === '<line') {
      line = { words: [], yMin: Number.POSITIVE_INFINITY, xMin: Number.POSITIVE_INFINITY, height: 0 }
    } else if (token === '</line>') {
      if (line && lines && line.words.length > 0) lines.push(line)
      line = undefined
    } else if (line) {
      const [, xMin = '', yMin = '', xMax = '', yMax = '', raw = ''] = match
      const text = raw.replace(/&(?:amp|lt|gt|quot|apos);/g, (entity) => ENTITIES[entity] ?? entity)
      line.words.push({ page: pages.length, text, xMin, yMin, xMax, yMax })
      line.yMin = Math.min(line.yMin, Number(yMin))
      line.xMin = Math.min(line.xMin, Number(xMin))
      line.height = Math.max(line.height, Number(yMax) - Number(yMin))
    }
  }
  return pages
}

/**
 * Align the words of each page to the layout text. `-layout` prints each
 * line of `-bbox-layout` as one fragment — its words in order, a space
 * between two where the PDF has one — placed by its position: fragments
 * ordered by their top, those on one baseline by their left edge. So at
 * each word of the layout text the fragment printed there is a line of the
 * page whose words spell the text from there on; of the lines that do, the
 * one highest on the page, and of those on about the same height the
 * leftmost (the same text can stand in many cells: `0.00`).
 */
export function alignWords(text: string, pages: BboxLine[][]): PdfText {
  const runs = new Map<number, PdfRun[]>()
  let unaligned = 0
  let pageIndex = 0
  let index = new LineIndex(pages[0] ?? [])
  const lines = text.split(/\r\n|\r|\n/)
  for (let number = 1; number <= lines.length; number++) {
    const line = lines[number - 1] as string
    let position = 0
    while (position < line.length) {
      const char = line[position]
      if (char === '\f') {
        pageIndex++
        index = new LineIndex(pages[pageIndex] ?? [])
        position++
        continue
      }
      if (char === ' ') {
        position++
        continue
      }
      let tokenEnd = position
      while (tokenEnd < line.length && line[tokenEnd] !== ' ' && line[tokenEnd] !== '\f') tokenEnd++
      const found = index.take(line, position, tokenEnd)
      if (!found) {
        unaligned += tokenEnd - position
        position = tokenEnd
        continue
      }
      const lineRuns = runs.get(number) ?? []
      if (lineRuns.length === 0) runs.set(number, lineRuns)
      let at = position
      for (const [order, word] of found.line.words.entries()) {
        if (order > 0) while (line[at] === ' ') at++
        lineRuns.push({ start: at, end: at + word.text.length, word, from: 0, to: word.text.length })
        at += word.text.length
      }
      position = at
    }
  }
  return { pages: pages.length, runs, unaligned }
}

/** Where a fragment's words end in `line` when they spell it from `start`, or -1. */
function matchEnd(line: string, start: number, words: readonly PdfWord[]): number {
  let at = start
  for (const [order, word] of words.entries()) {
    if (order > 0) while (line[at] === ' ') at++
    if (word.text.length === 0 || !line.startsWith(word.text, at)) return -1
    at += word.text.length
  }
  return at
}

/** The lines of one page not yet placed, by the text of their first word, each list top to bottom, then left to right. */
class LineIndex {
  readonly #byFirstWord = new Map<string, BboxLine[]>()
  readonly #placed = new Set<BboxLine>()
  readonly #longestWord: number

  constructor(lines: readonly BboxLine[]) {
    let longest = 0
    for (const line of [...lines].sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)) {
      const first = line.words[0]?.text ?? ''
      longest = Math.max(longest, first.length)
      const list = this.#byFirstWord.get(first)
      if (list) list.push(line)
      else this.#byFirstWord.set(first, [line])
    }
    this.#longestWord = longest
  }

  /** The line printed at `start` of `line` (whose token ends at `tokenEnd`), marked placed; undefined when none spells the text there. */
  take(line: string, start: number, tokenEnd: number): { line: BboxLine; end: number } | undefined {
    const matches: { line: BboxLine; end: number }[] = []
    // The first word is the token or a prefix of it (words printed without a space between them).
    for (let length = Math.min(tokenEnd - start, this.#longestWord); length >= 1; length--) {
      const list = this.#byFirstWord.get(line.slice(start, start + length))
      if (!list) continue
      let top: number | undefined
      for (const candidate of list) {
        if (this.#placed.has(candidate)) continue
        // Lists are ordered by top: past the first match's height, no later candidate can be on its row.
        if (top !== undefined && candidate.yMin > top) break
        const end = matchEnd(line, start, candidate.words)
        if (end < 0) continue
        matches.push({ line: candidate, end })
        top ??= candidate.yMin + candidate.height / 2
      }
    }
    if (matches.length === 0) return undefined
    // A fragment ends where the text has a space: one that ends inside a token (`1` of `1000`) is taken only when no other spells the text.
    const whole = matches.filter((match) => match.end >= line.length || line[match.end] === ' ' || line[match.end] === '\f')
    const fitting = whole.length > 0 ? whole : matches
    const highest = Math.min(...fitting.map((match) => match.line.yMin))
    const tolerance = Math.max(...fitting.filter((match) => match.line.yMin === highest).map((match) => match.line.height)) / 2
    const row = fitting.filter((match) => match.line.yMin <= highest + tolerance)
    row.sort((a, b) => a.line.xMin - b.line.xMin || b.end - a.end)
    const chosen = row[0] as { line: BboxLine; end: number }
    this.#placed.add(chosen.line)
    return chosen
  }
}
