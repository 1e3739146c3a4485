/**
 * The lines of a table that carry cells, collected over the regions of one
 * table: page furniture (unit, `部门：` and year lines of the title block,
 * page numbers and running titles at a page break), a title repeated on a
 * continuation page and everything from the `注：` note on left out.
 */
import type { SourceDocument } from '../../core/document.ts'
import type { TableRegion } from '../../core/types.ts'
import { PAD_RUN, trimPadding } from '../../core/text.ts'
import { isRuleLine } from '../cells.ts'
import { tokenizeLine } from './tokens.ts'
import { joinDigitsOverPageBreak, joinWrappedAmounts } from './wrapped-amounts.ts'
import type { Token } from './tokens.ts'

/** A line of a table that carries cells, with the page it is on. */
export interface LayoutLine {
  line: number
  tokens: Token[]
  /** The line opens a new page (a form feed before it). */
  pageBreak: boolean
  page: number
}

const NOTE = /^注\s*(?:\d+\s*)?[：:.、]/
const UNIT_LINE = /单位\s*[：:]|^(?:编制)?部门\s*[：:]|公开\s*0?\d{1,2}\s*表/
const EXPLANATION = /^说明\s*[：:]/
/** The year printed in a table's title block (`2020 年度`, `（2024年）`). */
const YEAR_LINE = /^[（(]?\s*\d{4}\s*年度?\s*[）)]?$/
/** A page number: `- 12 -`, `12`, `第 3 页`, or with its digits spaced between dashes (`— 1 0 —`, 重庆). */
const PAGE_NUMBER = /^(?:[-—–]\s*)?\d{1,3}(?:\s*[-—–])?$|^[-—–]\s*\d(?: \d){1,3}\s*[-—–]$|^第\s*\d+\s*页|^共\s*\d+\s*页/
const RUNNING_TITLE = /部门决算|部门预算|[决预]算表$/
/** A list number opening a title or label (`一、`, `（二）`). */
export const ENUMERATION = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/

/** A title as compared across pages: no blanks, no list number, no `（续）`. */
function titleKey(text: string): string {
  return text.replace(PAD_RUN, '').replace(ENUMERATION, '').replace(/[（(]续[）)]$/, '')
}

/** Whether region `next` is the same table as `region`, continued under a repeated title. */
export function continues(region: TableRegion, next: TableRegion): boolean {
  return region.endLine === next.titleLine && region.tableId === next.tableId && titleKey(region.title) === titleKey(next.title)
}

/** Whether the next line with text after `line` opens a new page. */
function nextOpensPage(doc: SourceDocument, line: number, endLine: number): boolean {
  for (let next = line + 1; next <= Math.min(endLine, doc.lines.length); next++) {
    const text = doc.lines[next - 1] ?? ''
    if (text.includes('\f')) return true
    if (trimPadding(text)) return false
  }
  // The last line of the table: a page number there ends the page.
  return true
}

/**
 * The lines of a table that carry cells: without the unit, `部门：` and
 * year lines of its title block, `说明：` lines, page numbers and running titles of a page break,
 * a repeated title, and nothing from the `注：` note on; amounts wrapped
 * in narrow cells joined from their pieces (wrapped-amounts.ts).
 */
export function collectLines(doc: SourceDocument, regions: TableRegion[]): LayoutLine[] {
  const lines: LayoutLine[] = []
  let page = 0
  const titles = new Set(regions.map((region) => titleKey(region.title)))
  for (const [index, region] of regions.entries()) {
    let pendingBreak = index > 0
    for (let line = region.startLine; line < region.endLine; line++) {
      const raw = doc.lines[line - 1] ?? ''
      if (raw.includes('\f')) pendingBreak = true
      const text = trimPadding(raw)
      if (!text) continue
      if (NOTE.test(text)) break
      const tokens = tokenizeLine(raw, line)
      const hasAmount = tokens.some((token) => token.kind !== 'text')
      if (UNIT_LINE.test(text) && !hasAmount) continue
      if (EXPLANATION.test(text) || YEAR_LINE.test(text) || isRuleLine(text) || titles.has(titleKey(text))) continue
      if (pendingBreak && !hasAmount && RUNNING_TITLE.test(text)) continue
      if (PAGE_NUMBER.test(text) && (pendingBreak || nextOpensPage(doc, line, region.endLine))) continue
      if (pendingBreak) page++
      lines.push({ line, tokens, pageBreak: pendingBreak, page })
      pendingBreak = false
    }
  }
  return joinDigitsOverPageBreak(joinWrappedAmounts(lines))
}
