import type { SourceDocument } from '../../core/document.ts'
import type { TableRegion } from '../../core/types.ts'
import { looksLikeTableTitle, normalizeTableTitle } from '../../normalizers/normalize-heading.ts'
import { trimPadding } from '../../core/text.ts'

const PART_HEADING = /^\s*第[一二三四五六七八九十]+部分/
const UNIT = /(?:金额)?单位\s*[：:]\s*(百万元|万元|千元|亿元|元)/
const TABLE_NUMBER = /公开\s*0?(\d{1,2})\s*表/
/** How far below a title its unit line or header may stand. */
const CONFIRM_WINDOW = 14

/**
 * Find the tables of a document by their titles. A title counts only when a
 * unit line, a `公开NN表` mark or a header follows closely, so tables of
 * contents and prose that mention a table are not taken for tables.
 */
export function findTableRegions(doc: SourceDocument): TableRegion[] {
  const lines = doc.lines
  const starts: TableRegion[] = []
  for (let index = 0; index < lines.length; index++) {
    const raw = lines[index] ?? ''
    const text = trimPadding(raw)
    if (!text || text.startsWith('- ') || !looksLikeTableTitle(text)) continue
    // `部门：XX    公开01表` ends in 表 too, but it is the table's own mark line.
    if (TABLE_NUMBER.test(text) || UNIT.test(text) || /^(编制)?(部门|单位)\s*[：:]/.test(text)) continue
    if (!isConfirmedTitle(lines, index)) continue
    const definition = normalizeTableTitle(text)
    // A table continued after a page break repeats its title (often with `（续）`): same table, one region.
    if (definition && starts.at(-1)?.tableId === definition.id) continue
    const offset = raw.indexOf(text)
    starts.push({
      tableId: definition?.id,
      title: text,
      titleSpan: doc.span(index + 1, offset, text.length),
      titleLine: index + 1,
      startLine: index + 2,
      endLine: lines.length + 1,
    })
  }

  for (const [position, region] of starts.entries()) {
    const next = starts[position + 1]
    let end = next ? next.titleLine : lines.length + 1
    for (let line = region.startLine; line < end; line++) {
      if (PART_HEADING.test(lines[line - 1] ?? '')) {
        end = line
        break
      }
    }
    region.endLine = end
    for (let line = region.startLine; line < Math.min(end, region.startLine + CONFIRM_WINDOW); line++) {
      const text = lines[line - 1] ?? ''
      const unit = UNIT.exec(text)
      if (unit && region.unitRaw === undefined) {
        const unitText = unit[1] ?? ''
        region.unitRaw = unitText
        region.unitSpan = doc.span(line, unit.index + unit[0].length - unitText.length, unitText.length)
      }
      const number = TABLE_NUMBER.exec(text)
      if (number && region.tableNumber === undefined) region.tableNumber = Number(number[1])
    }
  }
  // A standalone heading that ends in 表 with nothing under it (`XX局2024年度部门决算表`) is not a table.
  return starts.filter((region) => region.tableId !== undefined || region.endLine - region.startLine > 1)
}

function isConfirmedTitle(lines: string[], index: number): boolean {
  for (let line = index + 1; line < Math.min(lines.length, index + 1 + CONFIRM_WINDOW); line++) {
    const text = lines[line] ?? ''
    if (UNIT.test(text) || TABLE_NUMBER.test(text)) return true
    if (/科目编码|栏\s*次|行\s*次/.test(text)) return true
    const trimmed = trimPadding(text)
    if (trimmed && !trimmed.startsWith('- ') && looksLikeTableTitle(trimmed) && normalizeTableTitle(trimmed)) return false
  }
  return false
}
