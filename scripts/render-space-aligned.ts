/**
 * Render the tab-separated seeds as `pdftotext -layout` prints such tables,
 * for the space-aligned extractor's tests: every tab-separated line of a
 * table becomes columns padded to a common width (a CJK character is one
 * column), two blanks apart, amounts right-aligned, text left-aligned; a long
 * name after a code is wrapped onto lines above and below its code line.
 * Other lines are kept as they are.
 *
 * Run: `npx tsx scripts/render-space-aligned.ts` → test/fixtures/space-aligned/<seed>.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SourceDocument } from '../core/document.ts'
import { findTableRegions } from '../pipeline/stages/locate-tables.ts'
import { parseNumber } from '../normalizers/parse-amount.ts'
import { PAD_RUN, trimPadding } from '../core/text.ts'

const ROOT = resolve(import.meta.dirname, '..')
const OUTPUT = join(ROOT, 'test', 'fixtures', 'space-aligned')
/** Seeds with tab-separated tables (by file-name prefix). */
const SEED_PREFIXES = ['001', '002', '003']
/** Blanks between two columns: the fewest pdftotext prints between cells. */
const GAP = 2
/** Longest name printed on one line; longer names wrap. */
const WRAP = 10
const CODE = /^(?:2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)$/

/** The cells of a tab-separated line: padding trimmed, inner runs of blanks made one space. */
export function tabCells(line: string): string[] {
  return line.split('\t').map((cell) => trimPadding(cell).replace(PAD_RUN, ' '))
}

function width(text: string): number {
  return Array.from(text).length
}

function isAmount(text: string): boolean {
  return parseNumber(text) !== undefined
}

/** Pieces of at most WRAP characters, as a PDF cell wraps a long name. */
function wrap(text: string): string[] {
  const chars = Array.from(text)
  const pieces: string[] = []
  for (let start = 0; start < chars.length; start += WRAP) {
    const piece = chars.slice(start, start + WRAP).join('').trim()
    if (piece) pieces.push(piece)
  }
  return pieces
}

/** How one table is printed: column widths and which columns hold codes. */
interface TableLayout {
  widths: number[]
  codeColumns: Set<number>
}

/** The pieces a cell prints: a long name after a code wraps, anything else is one piece. */
function piecesOf(cells: string[], index: number, layout: Pick<TableLayout, 'codeColumns'>): string[] {
  const text = cells[index] ?? ''
  const code = cells[index - 1] ?? ''
  if (layout.codeColumns.has(index - 1) && CODE.test(code) && width(text) > WRAP && !isAmount(text)) return wrap(text)
  return [text]
}

function layoutTable(rows: string[][]): TableLayout {
  const codeColumns = new Set<number>()
  for (const cells of rows) {
    for (const [index, cell] of cells.entries()) {
      const next = cells[index + 1] ?? ''
      if (CODE.test(cell) && next && !isAmount(next)) codeColumns.add(index)
    }
  }
  const widths: number[] = []
  for (const cells of rows) {
    for (let index = 0; index < cells.length; index++) {
      const widest = Math.max(0, ...piecesOf(cells, index, { codeColumns }).map(width))
      widths[index] = Math.max(widths[index] ?? 0, widest)
    }
  }
  return { widths, codeColumns }
}

/**
 * The piece of a wrapped cell printed `offset` lines from its code line:
 * pdftotext centres a cell's lines on the row, so an odd count puts the
 * middle piece on the code line, an even count splits above and below.
 */
function pieceAt(pieces: string[], offset: number): string {
  const half = Math.floor(pieces.length / 2)
  if (pieces.length % 2 === 1) return pieces[offset + half] ?? ''
  if (offset === 0) return ''
  return pieces[offset < 0 ? offset + half : offset + half - 1] ?? ''
}

function renderRow(cells: string[], layout: TableLayout): string[] {
  const pieces = layout.widths.map((_, index) => piecesOf(cells, index, layout))
  const half = Math.max(0, ...pieces.map((entry) => Math.floor(entry.length / 2)))
  const lines: string[] = []
  for (let offset = -half; offset <= half; offset++) {
    const parts = layout.widths.map((columnWidth, index) => {
      const text = pieceAt(pieces[index] ?? [''], offset)
      const pad = ' '.repeat(Math.max(0, columnWidth - width(text)))
      const isCode = layout.codeColumns.has(index) && CODE.test(text)
      return isAmount(text) && !isCode ? pad + text : text + pad
    })
    lines.push(parts.join(' '.repeat(GAP)).trimEnd())
  }
  return lines
}

/** A seed's text with its tab-separated table lines printed space-aligned. */
export function renderSpaceAligned(path: string, text: string): string {
  const doc = new SourceDocument(path, new TextEncoder().encode(text))
  doc.setText(text)
  const regions = findTableRegions(doc)
  const tableOf = new Map<number, number>()
  const rows = regions.map(() => [] as string[][])
  for (const [index, region] of regions.entries()) {
    for (let line = region.startLine; line < region.endLine; line++) {
      const raw = doc.lines[line - 1] ?? ''
      if (!raw.includes('\t')) continue
      tableOf.set(line, index)
      rows[index]?.push(tabCells(raw))
    }
  }
  const layouts = rows.map(layoutTable)
  const output: string[] = []
  for (const [index, raw] of doc.lines.entries()) {
    const table = tableOf.get(index + 1)
    const layout = table === undefined ? undefined : layouts[table]
    if (layout) output.push(...renderRow(tabCells(raw), layout))
    else output.push(raw)
  }
  return output.join('\n')
}

function main(): void {
  mkdirSync(OUTPUT, { recursive: true })
  const seeds = readdirSync(join(ROOT, 'seeds'))
    .filter((name) => name.endsWith('.txt') && SEED_PREFIXES.some((prefix) => name.startsWith(prefix)))
    .sort()
  for (const name of seeds) {
    const text = readFileSync(join(ROOT, 'seeds', name), 'utf8')
    writeFileSync(join(OUTPUT, name), renderSpaceAligned(`seeds/${name}`, text))
    console.log(`test/fixtures/space-aligned/${name}`)
  }
}

// Only when run as a script, so the rendering can be imported without writing files.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main()
