/**
 * The document's own metadata printed consistently in its headings and
 * table titles:
 * - no placeholder where the department belongs (a template left unfilled):
 *
 * > | 第一部分 上海市 XX 局概况
 *                   ^^
 * - every heading or title that names the document's own kind with a year
 *   (`2024年度部门决算`, `2024年收支预算总表`) names the document's fiscal
 *   year; other kinds (`2023年决算数` in a 预算, `一般公共预算`) and
 *   years without the kind are not the document's year and are not judged;
 * - a table title that names a department before its year names the
 *   document's department, not another one.
 * One row per finding, at the heading; one pass for the year and one for
 * the department when headings naming them were judged without finding.
 */
import type { CheckRow } from '../../core/types.ts'
import type { Fact } from '../../core/types.ts'
import { headingKey, readTableMark } from '../../normalizers/normalize-heading.ts'
import { displayWidth } from '../../core/text.ts'
import type { CheckDocument } from './check-helpers.ts'
import { buildTextRow } from './check-helpers.ts'

/** A placeholder for a name: `XX`, `XXX`, `ＸＸ`, `××`, `○○` (not inside a Latin word). */
const PLACEHOLDER = /(?<![A-Za-z])(?:[XＸ]{2,}|[xｘ]{2,}|×{2,}|○{2,}|＊{2,}|\*{2,})(?![A-Za-z])/

/**
 * A year naming the document's kind: `2024年度部门决算`, `2024 年收支预算总表`,
 * the year, then words without a digit, then 决算 or 预算 — not the 预算 of
 * a kind of money (一般公共预算, 政府性基金预算, 国有资本经营预算). The words
 * between exclude 决 and 预, so a match is found in linear time.
 */
const YEAR_KIND = /((?:19|20)\d{2})年度?([^0-9决预]{0,30}?)(决算|预算)/g

/** The 预算 of a kind of money, not of the document. */
const MONEY_KIND_BEFORE = /(?:公共|基金|经营|财政专户|社保基金)$/

/** Departments end in one of these (`上海市XX局`, `…办公室`, `…委员会`). */
const DEPARTMENT_SUFFIX = /(?:局|厅|委员会|委|办公室|办|院|处|中心|部|会|所|站|队|馆|校|署|室|社|团|庭|宫|园|台)$/

/** The most characters a heading line has (a sentence is longer). */
const MAX_HEADING = 50

/** A section marker a heading starts with: `第一部分`, `一、`, `（二）`, `3.`. */
const SECTION_MARKER = /^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.．]|\([一二三四五六七八九十]+\)|\d{1,2}[、.．](?!\d))/

/** The `部门：` line of a table header, which names the department. */
const DEPARTMENT_LINE = /^(?:编制)?(?:单位|部门)(?:名称)?[:：]/

/** Lines of the cover: before the table of contents or the first section. */
const COVER_LINES = 20

/**
 * A line that reads as a heading or title, as its key: short, no sentence
 * punctuation, and a heading by its place — on the cover, after a section
 * marker, a table header's `部门：` line, or a line standing alone between
 * blank lines (a wrapped sentence's short lines have neighbours).
 */
function headingText(lines: readonly string[], index: number, fullWidth: number): string | undefined {
  const key = headingKey(lines[index] ?? '')
  if (key.length < 2 || key.length > MAX_HEADING || /[。，；,;]/.test(key)) return undefined
  // A row of a table (figures in columns) is no heading.
  if (/\d\.\d/.test(key)) return undefined
  if (DEPARTMENT_LINE.test(key)) return key
  if (/[：:、]/.test(key)) return undefined
  // Double-spaced text leaves a wrapped line alone too, but a wrapped line fills the width.
  const alone = (lines[index - 1] ?? '').trim() === '' && (lines[index + 1] ?? '').trim() === '' && displayWidth((lines[index] ?? '').trim()) < 0.8 * fullWidth
  return index < COVER_LINES || SECTION_MARKER.test(key) || alone ? key : undefined
}

/** The width of a full line of running text: the 90th percentile of the widths of the document's lines. */
function fullLineWidth(lines: readonly string[]): number {
  const widths = lines.flatMap((line) => {
    const text = line.trim()
    return text ? [displayWidth(text)] : []
  })
  widths.sort((a, b) => a - b)
  return widths[Math.floor(widths.length * 0.9)] ?? 0
}

/** A department name as compared: no 中共 prefix, no `（本级）`, no white space. */
function departmentKey(name: string): string {
  return headingKey(name).replace(/^中共/, '').replace(/\(本级\)$/, '')
}

/** Whether two department names name the same department (one is the other with or without its region). */
function sameDepartment(a: string, b: string): boolean {
  const left = departmentKey(a)
  const right = departmentKey(b)
  return left.includes(right) || right.includes(left)
}

/** Check the document's headings and table titles against its metadata. */
export function checkDocumentMetadata(_facts: Fact[], _checkable?: unknown, document?: CheckDocument): CheckRow[] {
  if (!document || document.lines.length === 0) return []
  const { docId, metadata } = document
  const kindWord = metadata.docKind === 'final_accounts' ? '决算' : metadata.docKind === 'budget' ? '预算' : ''
  const titleLines = new Set(document.regions.map((region) => region.titleLine))
  const fullWidth = fullLineWidth(document.lines)
  const rows: CheckRow[] = []
  let years = 0
  let yearsJudged = 0
  let departments = 0
  let departmentsJudged = 0
  for (const [index, line] of document.lines.entries()) {
    const number = index + 1
    const key = titleLines.has(number) ? headingKey(line) : headingText(document.lines, index, fullWidth)
    if (key === undefined) continue
    const start = line.length - line.trimStart().length
    const place = { line: number, column: start + 1, endLine: number, endColumn: line.trimEnd().length + 1 }
    const shown = line.trim()
    const placeholder = PLACEHOLDER.exec(key)
    if (placeholder) {
      rows.push(
        buildTextRow({
          docId,
          rule: 'document-metadata',
          key: `placeholder:${number}`,
          failed: true,
          measure: 'department',
          place,
          zh: `标题“${shown}”（${number}:${start + 1}）含占位符“${placeholder[0]}”，部门名称未填写`,
          en: `Placeholder \`${placeholder[0]}\` in the heading \`${shown}\` at ${number}:${start + 1}: the department's name was not filled in`,
        }),
      )
    }
    if (kindWord && metadata.fiscalYear !== null) {
      for (const match of key.matchAll(YEAR_KIND)) {
        const [, year = '', between = '', kind = ''] = match
        // `2025年预算数` heads a column of another year's figures (上年, 上年决算数), not the document's year.
        const column = key[(match.index ?? 0) + match[0].length] === '数'
        if (kind !== kindWord || column || MONEY_KIND_BEFORE.test(`${key.slice(0, match.index)}${year}年${between}`)) continue
        yearsJudged++
        if (Number(year) === metadata.fiscalYear) continue
        years++
        rows.push(
          buildTextRow({
            docId,
            rule: 'document-metadata',
            key: `year:${number}:${match.index}`,
            failed: true,
            measure: 'fiscal_year',
            place,
            zh: `标题“${shown}”（${number}:${start + 1}）的年度为 ${year}，文档为 ${metadata.fiscalYear} 年度${kindWord}`,
            en: `The heading \`${shown}\` at ${number}:${start + 1} names ${year}, the document is the ${kindWord} of ${metadata.fiscalYear}`,
          }),
        )
      }
    }
    if (titleLines.has(number) && metadata.department) {
      // A department named before the year: `上海市XX局2024年度收入支出决算总表`.
      const rest = readTableMark(key)?.rest ?? key
      const prefix = /^(.{2,40}?)(?:19|20)\d{2}年/.exec(rest)?.[1] ?? ''
      if (prefix && DEPARTMENT_SUFFIX.test(prefix) && !PLACEHOLDER.test(prefix)) {
        departmentsJudged++
        if (!sameDepartment(prefix, metadata.department)) {
          departments++
          rows.push(
            buildTextRow({
              docId,
              rule: 'document-metadata',
              key: `department:${number}`,
              failed: true,
              severity: 'warning',
              measure: 'department',
              place,
              zh: `表标题“${shown}”（${number}:${start + 1}）所列部门“${prefix}”与文档部门“${metadata.department}”不同`,
              en: `The table title \`${shown}\` at ${number}:${start + 1} names the department \`${prefix}\`, the document is of \`${metadata.department}\``,
            }),
          )
        }
      }
    }
  }
  const pass = (aspect: string, zh: string, en: string): CheckRow => buildTextRow({ docId, rule: 'document-metadata', key: `${aspect}:all`, failed: false, measure: aspect, zh, en })
  // No placeholder is no finding, not a judgement worth a row: every document with text would have one.
  if (years === 0 && yearsJudged > 0) rows.push(pass('fiscal_year', `${yearsJudged} 处标题年度均为 ${metadata.fiscalYear}`, `All ${yearsJudged} headings that name the document's kind name ${metadata.fiscalYear}`))
  if (departments === 0 && departmentsJudged > 0) rows.push(pass('department', `${departmentsJudged} 个表标题的部门均为“${metadata.department}”`, `All ${departmentsJudged} table titles that name a department name \`${metadata.department}\``))
  return rows
}
