/**
 * The hand-typed figures of test/fixtures/real-typed/*.tsv against what the
 * space-aligned reader grids: per figure, the row's code and label, the
 * column's header path and the raw text, compared on what the reader owns
 * (not on measures, which the normalizer maps).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { SourceDocument } from '../../core/document.ts'
import { compactText } from '../../core/text.ts'
import type { GridRow, TableBlock } from '../../core/types.ts'
import { spaceAlignedExtractor } from '../../extractors/space-aligned/index.ts'
import { parseNumber, ZERO_MARKERS } from '../../normalizers/parse-amount.ts'
import { findTableRegions } from '../../pipeline/stages/locate-tables.ts'
import { CORPUS, ROOT } from './documents.ts'

/** The folder of the typed tables. */
export const TYPED = join(ROOT, 'test', 'fixtures', 'real-typed')

/** One typed table: where it is printed and its figures. */
export interface TypedTable {
  family: string
  /** Path of the `.layout.txt` under the shared corpus. */
  source: string
  /** The title as printed (table number included). */
  title: string
  figures: Figure[]
}

/** One figure: row code, row label, column header path, raw text. */
export interface Figure {
  code: string
  label: string
  column: string
  raw: string
}

/** The typed tables, from their `# source:` and `# table title as printed:` comments. */
export function typedTables(): TypedTable[] {
  return readdirSync(TYPED)
    .filter((name) => name.endsWith('.tsv'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(TYPED, name), 'utf8')
      const comment = (key: string) => new RegExp(`^# ${key}:\\s*(\\S+)`, 'm').exec(text)?.[1] ?? ''
      const title = /^# table title as printed:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? ''
      const rows = text.split('\n').filter((line) => line && !line.startsWith('#'))
      const figures = rows.slice(1).map((line) => {
        const [code = '', label = '', column = '', raw = ''] = line.split('\t')
        return { code, label: compactText(label), column: compactText(column), raw }
      })
      return { family: name.replace(/\.tsv$/, ''), source: comment('source').replace(/\.pdf$/, '.layout.txt'), title, figures }
    })
}

/** Whether the corpus file of a typed table is present. */
export function hasSource(table: TypedTable): boolean {
  return existsSync(join(CORPUS, table.source))
}

/** A document as the extractor sees it: decoded, regions found. */
export function loadCorpusDocument(source: string): SourceDocument {
  const path = join(CORPUS, source)
  const bytes = new Uint8Array(readFileSync(path))
  const doc = new SourceDocument(path, bytes)
  doc.setText(new TextDecoder().decode(bytes))
  doc.regions = findTableRegions(doc)
  return doc
}

const CODE = /^\d{3}(?:\d{2}){0,2}$/

function isAmount(text: string): boolean {
  return parseNumber(text) !== undefined || ZERO_MARKERS.has(text)
}

/**
 * The figures of a gridded table: every amount cell of a data row, with the
 * nearest text cell to its left as the row label (the item of its panel),
 * the code cell before that label, and the column's header path.
 */
export function gridFigures(block: TableBlock): Figure[] {
  const labels = block.columnLabels ?? []
  const figures: Figure[] = []
  let data = false
  for (const row of block.rows) {
    data ||= isDataRow(row)
    if (!data) continue
    for (const [index, cell] of row.cells.entries()) {
      if (!cell.text || !isAmount(cell.text) || CODE.test(cell.text)) continue
      let label = ''
      let code = ''
      for (let left = index - 1; left >= 0; left--) {
        const text = row.cells[left]?.text ?? ''
        if (!text) continue
        if (!label && !isAmount(text) && !CODE.test(text)) label = compactText(text)
        else if (CODE.test(text)) {
          code = text
          break
        } else if (label && !CODE.test(text)) break
      }
      figures.push({ code, label, column: compactText(labels[index] ?? ''), raw: cell.text })
    }
  }
  return figures
}

function isDataRow(row: GridRow): boolean {
  return row.cells.some((cell) => cell.text && (isAmount(cell.text) || CODE.test(cell.text))) && !row.cells.every((cell) => !cell.text || /^\d{1,2}$/.test(cell.text) || !isAmount(cell.text))
}

/** The block of a typed table: the one with the longest title that the printed title holds. */
export function typedBlock(blocks: TableBlock[], table: TypedTable): TableBlock | undefined {
  const printed = compactText(table.title)
  const candidates = blocks.filter((block) => block.rows.length > 0 && printed.includes(compactText(block.title)))
  return candidates.sort((a, b) => compactText(b.title).length - compactText(a.title).length)[0]
}

/**
 * Make sure the typed table has a region of its own: where the title finder
 * (not the reader under test) does not yet take its title for one, cut the
 * region holding its title line there, as that finder would.
 */
export function ensureRegion(doc: SourceDocument, table: TypedTable): void {
  const printed = compactText(table.title)
  if (doc.regions.some((region) => printed.includes(compactText(region.title)) && compactText(region.title).length >= printed.length - 8)) return
  const index = doc.lines.findIndex((line) => {
    const text = compactText(line)
    return text.length >= 6 && printed.endsWith(text)
  })
  if (index < 0) return
  const titleLine = index + 1
  const at = doc.regions.findIndex((region) => region.titleLine < titleLine && region.endLine > titleLine)
  const container = doc.regions[at]
  if (!container) return
  const raw = doc.lines[index] ?? ''
  const title = raw.trim()
  const region = { ...container, title, titleSpan: doc.span(titleLine, raw.indexOf(title), title.length), titleLine, startLine: titleLine + 1 }
  const unit = doc.lines.slice(titleLine, titleLine + 4).map((line, offset) => ({ line: titleLine + 1 + offset, match: /单位\s*[：:]\s*(万元|元)/.exec(line) })).find((entry) => entry.match)
  if (unit?.match) {
    region.unitRaw = unit.match[1] as string
    const text = doc.lines[unit.line - 1] ?? ''
    region.unitSpan = doc.span(unit.line, text.lastIndexOf(region.unitRaw), region.unitRaw.length)
  }
  container.endLine = titleLine
  doc.regions.splice(at + 1, 0, region)
}

/** Grid a typed table's document and return the block's figures (undefined when no block matches). */
export function readTypedTable(table: TypedTable): Figure[] | undefined {
  const doc = loadCorpusDocument(table.source)
  ensureRegion(doc, table)
  const blocks = spaceAlignedExtractor.extract(doc)
  const block = typedBlock(blocks, table)
  return block ? gridFigures(block) : undefined
}

/** A figure as one comparable line. */
export function figureKey(figure: Figure): string {
  return [figure.code, figure.label, figure.column, figure.raw].join('\t')
}

/** Typed figures missing from the grid and grid figures not typed (multisets). */
export function compareFigures(typed: Figure[], actual: Figure[]): { missing: string[]; extra: string[] } {
  const counts = new Map<string, number>()
  for (const figure of actual) counts.set(figureKey(figure), (counts.get(figureKey(figure)) ?? 0) + 1)
  const missing: string[] = []
  for (const figure of typed) {
    const key = figureKey(figure)
    const count = counts.get(key) ?? 0
    if (count > 0) counts.set(key, count - 1)
    else missing.push(key)
  }
  const extra = [...counts.entries()].flatMap(([key, count]) => Array.from({ length: count }, () => key))
  return { missing, extra }
}
