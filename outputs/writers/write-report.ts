/**
 * `dist/report.html`: one static page to look at what the build understood —
 * per document the tables found, the figures, the failed checks with their
 * differences, the unplaced numbers, three charts, and the source lines the
 * figures come from, each figure linked to its line. Everything is inline
 * (CSS, SVG, a few lines of JS) and a Content-Security-Policy forbids any
 * request, so it opens from disk without a network. Deterministic: the same
 * documents give the same bytes (no dates, stable order).
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { once } from 'node:events'
import { pipeline } from 'node:stream/promises'
import type { SourceDocument } from '../../core/document.ts'
import type { CheckRow } from '../../core/types.ts'
import type { Fact, TableId, Unplaced } from '../../core/types.ts'
import { TABLE_IDS } from '../../core/types.ts'
import { formatWan, groupYuan } from '../format-amount.ts'
import { expenditureByFunctionRows, summaryRows, threePublicRows } from '../wide-tables.ts'
import { tableDefinition } from '../../normalizers/normalize-heading.ts'
import { lookupSubject } from '../../normalizers/normalize-subject.ts'
import { unitAssumptions } from '../../normalizers/normalize-unit.ts'
import { ATTENTION_REASONS, describeUnplacedReason } from '../../core/registry.ts'
import { charWidth } from '../../core/text.ts'

/** Lines of context shown above and below each line a figure, check or message points at. */
const CONTEXT_LINES = 2

const COLORS = { class: '#4c78a8', basic: '#4c78a8', project: '#f58518', budget: '#b7c4d6', actual: '#e45756' }

/** Text safe in HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** A yuan amount as 万元 for display; empty for a missing one. */
export function wan(yuan: unknown): string {
  return typeof yuan === 'string' && yuan !== '' ? formatWan(yuan) : ''
}

/**
 * The key of a document in the page's ids: its doc_id without white space
 * (ids may hold any other character), so a document's section reads the same
 * whatever its position and can be rendered, and cached, on its own.
 */
export function documentKey(docId: string): string {
  // Also no characters that would need escaping in an attribute or a URL fragment.
  return docId.replace(/[\s"'<>&#%]/g, '_')
}

/** The id of a shown source line of a document. */
function lineId(key: string, line: number): string {
  return `src-${key}-L${line}`
}

/** The label of a row a fact or check is on: code and canonical name, or the line item key. */
function rowLabel(subjectCode: string, lineItem: string): string {
  if (subjectCode) return `${subjectCode} ${lookupSubject(subjectCode)?.name ?? ''}`.trim()
  return lineItem
}

/** The Chinese title of a standard table id (empty ids stay empty). */
function tableTitle(id: string): string {
  return (TABLE_IDS as readonly string[]).includes(id) ? tableDefinition(id as TableId).title_zh : id
}

// ——— charts ———

/** One bar of a chart: an amount in yuan, where it was printed, and what it is. */
export interface Bar {
  yuan: string
  href: string
  title: string
}

/** One row of a chart: a label and a bar per series (missing when not printed). */
export interface ChartRow {
  label: string
  bars: (Bar | undefined)[]
}

/** The series of a chart: legend label and colour. */
export interface Series {
  label: string
  color: string
}

const CHART = { width: 360, labelWidth: 128, valueWidth: 54, barHeight: 13, rowGap: 8, top: 26 }

/** A label that fits the label column: long subject names are cut, the full text stays in the tooltip. */
function shortLabel(text: string): string {
  const chars = Array.from(text)
  return chars.length > 11 ? `${chars.slice(0, 10).join('')}…` : text
}

/**
 * A horizontal bar chart as inline SVG: `stacked` puts a row's series end to
 * end (parts of a whole), `grouped` one under the other (to compare them).
 * Bar lengths are geometry, so floating point is fine here; the amounts
 * printed beside the bars are the exact decimals.
 */
export function barChart(title: string, series: Series[], rows: ChartRow[], mode: 'stacked' | 'grouped'): string {
  if (rows.length === 0) {
    return `<figure class="chart empty"><figcaption>${escapeHtml(title)}</figcaption><p class="none">文档未印此表 · not printed in this document</p></figure>`
  }
  const plot = CHART.width - CHART.labelWidth - CHART.valueWidth
  const amount = (bar: Bar | undefined): number => Math.max(0, Number(bar?.yuan ?? 0))
  const extent = (row: ChartRow): number => (mode === 'stacked' ? row.bars.reduce((sum, bar) => sum + amount(bar), 0) : Math.max(...row.bars.map(amount)))
  const max = Math.max(1, ...rows.map(extent))
  const rowHeight = (mode === 'stacked' ? CHART.barHeight : CHART.barHeight * series.length) + CHART.rowGap
  const height = CHART.top + rows.length * rowHeight + 4
  const parts: string[] = []
  // Legend along the top.
  let legendX = CHART.labelWidth
  for (const entry of series) {
    parts.push(`<rect class="key" x="${legendX}" y="6" width="10" height="10" fill="${entry.color}"/><text x="${legendX + 14}" y="15" class="legend">${escapeHtml(entry.label)}</text>`)
    legendX += 24 + Array.from(entry.label).reduce((width, char) => width + (charWidth(char.codePointAt(0) ?? 0) === 2 ? 12 : 6.5), 0)
  }
  rows.forEach((row, rowIndex) => {
    const y = CHART.top + rowIndex * rowHeight
    const labelY = y + (rowHeight - CHART.rowGap) / 2 + 4
    parts.push(`<text x="${CHART.labelWidth - 8}" y="${labelY}" class="label" text-anchor="end"><title>${escapeHtml(row.label)}</title>${escapeHtml(shortLabel(row.label))}</text>`)
    let x = CHART.labelWidth
    row.bars.forEach((bar, index) => {
      const color = series[index]?.color ?? '#888'
      const barY = mode === 'stacked' ? y : y + index * CHART.barHeight
      const width = (amount(bar) / max) * plot
      if (bar) {
        const rect = `<rect class="bar" x="${x.toFixed(1)}" y="${barY}" width="${Math.max(width, 0.5).toFixed(1)}" height="${CHART.barHeight - 2}" fill="${color}"><title>${escapeHtml(bar.title)}</title></rect>`
        parts.push(`<a href="#${bar.href}">${rect}</a>`)
        if (mode === 'grouped') parts.push(`<text x="${(x + width + 4).toFixed(1)}" y="${barY + CHART.barHeight - 4}" class="value">${wan(bar.yuan)}</text>`)
      }
      if (mode === 'stacked') x += width
    })
    if (mode === 'stacked') {
      const total = row.bars.reduce((sum, bar) => sum + BigInt(bar?.yuan && /^-?\d+$/.test(bar.yuan) ? bar.yuan : '0'), 0n)
      parts.push(`<text x="${(x + 4).toFixed(1)}" y="${y + CHART.barHeight - 4}" class="value">${formatWan(total.toString())}</text>`)
    }
  })
  return `<figure class="chart"><figcaption>${escapeHtml(title)} <small>万元</small></figcaption><svg viewBox="0 0 ${CHART.width} ${height}" width="100%" role="img" aria-label="${escapeHtml(title)}">${parts.join('')}</svg></figure>`
}

/** The three charts of a document: expenditure by functional class, basic vs project, 三公 budget vs actual. */
function documentCharts(doc: SourceDocument, factAt: (line: number | null | undefined) => string): string {
  const byFunction = expenditureByFunctionRows(doc).filter((row) => row.subject_level === 'class')
  const href = (line: unknown): string => factAt(typeof line === 'number' ? line : null)
  const bar = (yuan: unknown, line: unknown, title: string): Bar | undefined =>
    typeof yuan === 'string' ? { yuan, href: href(line), title: `${title}: ${wan(yuan)} 万元 = ${groupYuan(yuan)} 元` } : undefined
  const classRows: ChartRow[] = byFunction.map((row) => {
    const label = `${String(row.subject_code)} ${String(row.subject_name)}`
    return { label, bars: [bar(row.total, row.source_line, `${label} 支出合计`)] }
  })
  const summary = summaryRows(doc)[0] ?? {}
  const totalLine = doc.facts.find((fact) => fact.table_id === 'expenditure_by_function' && fact.line_item === 'total')?.line
  const splitRows: ChartRow[] = [
    ...(summary.basic_expenditure !== null || summary.project_expenditure !== null
      ? [{ label: '合计 total', bars: [bar(summary.basic_expenditure, totalLine, '合计 基本支出'), bar(summary.project_expenditure, totalLine, '合计 项目支出')] }]
      : []),
    ...byFunction.map((row) => {
      const label = `${String(row.subject_code)} ${String(row.subject_name)}`
      return { label, bars: [bar(row.basic, row.source_line, `${label} 基本支出`), bar(row.project, row.source_line, `${label} 项目支出`)] }
    }),
  ].filter((row) => row.bars.some(Boolean))
  const threeRows: ChartRow[] = threePublicRows(doc).map((row) => ({
    label: String(row.item_name),
    bars: [bar(row.budget, row.source_line, `${String(row.item_name)} 预算数`), bar(row.actual, row.source_line, `${String(row.item_name)} 决算数`)],
  }))
  return `<div class="charts">${[
    barChart('支出功能分类（类） Expenditure by functional class', [{ label: '支出合计 total', color: COLORS.class }], classRows, 'stacked'),
    barChart('基本支出与项目支出 Basic vs project', [
      { label: '基本支出 basic', color: COLORS.basic },
      { label: '项目支出 project', color: COLORS.project },
    ], splitRows, 'stacked'),
    barChart('“三公”经费 预算与决算 Three public expenses, budget vs actual', [
      { label: '预算数 budget', color: COLORS.budget },
      { label: '决算数 actual', color: COLORS.actual },
    ], threeRows, 'grouped'),
  ].join('')}</div>`
}

// ——— per-document sections ———

/** A link to the source line of a place, shown as `line:column`. */
function placeLink(key: string, line: number, column: number): string {
  return `<a class="place" href="#${lineId(key, line)}">${line}:${column}</a>`
}

/** The chips of the nine standard tables: found (with its line), missing; then tables found but not recognised. */
function tablesFound(doc: SourceDocument, key: string): string {
  const chips = TABLE_IDS.map((id) => {
    const region = doc.regions.find((entry) => entry.tableId === id)
    const count = doc.facts.filter((fact) => fact.table_id === id).length
    const name = escapeHtml(tableDefinition(id).title_zh)
    return region
      ? `<a class="chip found" href="#${lineId(key, region.titleLine)}" title="${escapeHtml(id)} · line ${region.titleLine}">✓ ${name} <b>${count}</b></a>`
      : `<span class="chip missing" title="${escapeHtml(id)}">✗ ${name}</span>`
  })
  const unrecognised = doc.regions
    .filter((region) => !region.tableId)
    .map((region) => `<a class="chip unknown" href="#${lineId(key, region.titleLine)}">? ${escapeHtml(region.title)}</a>`)
  return `<div class="chips">${[...chips, ...unrecognised].join('')}</div>`
}

/** What the report says of a document none of whose checks ran: not that they pass. */
const NO_CHECKS = '未做任何核对：文档中没有核对所需的数值 No checks ran: the document has none of the figures the checks compare.'

/** The failed checks of a document (errors first, then rounding warnings) with their numbers and source places. */
function failedChecks(doc: SourceDocument, key: string, facts: Map<string, Fact>): string {
  const failed = doc.checks.filter((check) => check.status === 'fail').sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1))
  if (doc.checks.length === 0) return `<p class="none">${NO_CHECKS}</p>`
  if (failed.length === 0) return `<p class="ok">所有核对均通过 All ${doc.checks.length} checks pass.</p>`
  // A check about printed text (a heading, a table's presence) has no amounts.
  const amount = (yuan: string): string => (yuan === '' ? '—' : `<span class="yuan">${escapeHtml(yuan)}</span> 元<br><small>${wan(yuan)} 万元</small>`)
  // The printed figure first, then a few of the figures it is compared with; the message names them all.
  const places = (check: CheckRow): string => {
    const links = check.fact_ids.split(';').flatMap((id) => {
      const fact = facts.get(id)
      return fact ? [placeLink(key, fact.line, fact.column)] : []
    })
    const [printed, ...others] = links
    const shown = others.slice(0, 5).join(' ')
    const more = others.length > 5 ? ` <small>+${others.length - 5}</small>` : ''
    return `${printed ? `<b>${printed}</b>` : ''}${shown ? `<br><small>${shown}${more}</small>` : ''}`
  }
  const rows = failed.map(
    (check) => `<tr class="check ${check.severity}" id="check-${escapeHtml(check.check_id)}">
<td><span class="badge ${check.severity}">${check.severity === 'error' ? '错误 error' : check.rule === 'rounding' ? '尾数 rounding' : '警告 warning'}</span><br><small>${escapeHtml(check.base_rule)}</small></td>
<td>${escapeHtml(tableTitle(check.table_id))}<br><small>${escapeHtml(check.table_id)}</small></td>
<td class="row-label">${escapeHtml(rowLabel(check.subject_code, check.line_item))}</td>
<td>${escapeHtml(check.measure)}</td>
<td class="num">${amount(check.actual)}</td>
<td class="num">${amount(check.expected)}</td>
<td class="num diff">${amount(check.difference)}</td>
<td class="num">${escapeHtml(check.tolerance)}</td>
<td class="places">${places(check)}</td>
</tr>
<tr class="check-message ${check.severity}"><td colspan="9">${escapeHtml(check.message)}</td></tr>`,
  )
  return `<table class="checks"><thead><tr><th>规则 rule</th><th>表 table</th><th>行 row</th><th>栏 measure</th><th>实印 printed</th><th>应为 expected</th><th>差额 difference</th><th>容差 tolerance 元</th><th>出处 source</th></tr></thead><tbody>${rows.join('\n')}</tbody></table>`
}

/** Unplaced numbers counted by reason, those inside tables flagged, with their first places. */
function unplacedByReason(doc: SourceDocument, key: string, shown: Set<number>): string {
  if (doc.unplaced.length === 0) return '<p class="ok">无 None.</p>'
  const byReason = new Map<string, Unplaced[]>()
  for (const entry of doc.unplaced) {
    const list = byReason.get(entry.reason)
    if (list) list.push(entry)
    else byReason.set(entry.reason, [entry])
  }
  const rows = [...byReason.entries()]
    .sort(([a, listA], [b, listB]) => Number(ATTENTION_REASONS.has(b)) - Number(ATTENTION_REASONS.has(a)) || listB.length - listA.length || (a < b ? -1 : 1))
    .map(([reason, list]) => {
      const first = [...list]
        .sort((a, b) => a.line - b.line || a.column - b.column)
        .slice(0, 6)
        .map((entry) =>
          shown.has(entry.line)
            ? `${placeLink(key, entry.line, entry.column)} <code>${escapeHtml(entry.raw)}</code>`
            : `<span class="place">${entry.line}:${entry.column}</span> <code>${escapeHtml(entry.raw)}</code>`,
        )
        .join(' · ')
      return `<tr class="${ATTENTION_REASONS.has(reason) ? 'attention' : ''}"><td><code>${escapeHtml(reason)}</code></td><td class="num">${list.length}</td><td>${escapeHtml(describeUnplacedReason(reason))}</td><td class="examples">${first}${list.length > 6 ? ' …' : ''}</td></tr>`
    })
  return `<table class="unplaced"><thead><tr><th>原因 reason</th><th>数量 count</th><th>含义 meaning</th><th>位置 first places</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
}

/**
 * Stands for the path from the report's folder to the folder `source_file`
 * is relative to: parts are made (and cached) before the report's place is
 * known, so the sink puts the path in as it writes them.
 */
export const SOURCE_ROOT_MARK = '\u0001source-root\u0001'

/** A link to the page of a PDF figure (`file.pdf#page=N`, which PDF viewers open at that page), or nothing for a text input. */
function pageLink(fact: Fact): string {
  if (fact.page === null) return ''
  const href = `${SOURCE_ROOT_MARK}/${fact.source_file.split('/').map(encodeURIComponent).join('/')}#page=${fact.page}`
  return ` <a class="place" href="${escapeHtml(href)}" title="${escapeHtml(`page ${fact.page}, box ${fact.x0} ${fact.y0} ${fact.x1} ${fact.y1}`)}">p.${fact.page}</a>`
}

/** Every figure of the document, grouped by table, each linked to its source line (and a PDF figure to its page). */
function figureList(doc: SourceDocument, key: string): string {
  const groups = new Map<string, Fact[]>()
  for (const fact of [...doc.facts].sort((a, b) => a.line - b.line || a.column - b.column)) {
    const group = fact.table_id || 'prose'
    const list = groups.get(group)
    if (list) list.push(fact)
    else groups.set(group, [fact])
  }
  const sections = [...groups.entries()].map(([table, facts]) => {
    const rows = facts.map(
      (fact) =>
        `<tr id="fact-${escapeHtml(fact.fact_id)}"><td class="row-label">${escapeHtml(rowLabel(fact.subject_code, fact.line_item) || fact.label || fact.label_raw)}</td><td>${escapeHtml(fact.measure)}</td><td class="num"><a href="#${lineId(key, fact.line)}">${escapeHtml(fact.value_raw)}</a></td><td>${escapeHtml(fact.unit_raw)}</td><td class="num">${escapeHtml(fact.value)}</td><td>${placeLink(key, fact.line, fact.column)}${pageLink(fact)}</td><td><code>${escapeHtml(fact.fact_id)}</code></td></tr>`,
    )
    return `<h4>${escapeHtml(tableTitle(table))} <small>${escapeHtml(table)} · ${facts.length}</small></h4><table class="facts"><thead><tr><th>行 row</th><th>栏 measure</th><th>原文 printed</th><th>单位</th><th>数值 value (${escapeHtml(facts[0]?.unit || 'CNY')})</th><th>出处</th><th>fact_id</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
  })
  if (sections.length === 0) return ''
  return `<details class="figures"><summary>全部数值 All ${doc.facts.length} figures</summary>${sections.join('')}</details>`
}

/** The lines worth showing: those of figures, table titles, messages and unplaced numbers in tables, with context. */
function shownLines(doc: SourceDocument): Set<number> {
  const anchors = new Set<number>()
  const addRange = (from: number, to: number): void => {
    for (let line = from; line <= to; line++) anchors.add(line)
  }
  for (const fact of doc.facts) addRange(fact.line, fact.end_line)
  for (const region of doc.regions) anchors.add(region.titleLine)
  for (const message of doc.messages) if (message.place) addRange(message.place.line, message.place.endLine)
  for (const entry of doc.unplaced) if (ATTENTION_REASONS.has(entry.reason)) addRange(entry.line, entry.end_line)
  const shown = new Set<number>()
  for (const line of anchors) {
    for (let near = line - CONTEXT_LINES; near <= line + CONTEXT_LINES; near++) if (near >= 1 && near <= doc.lines.length) shown.add(near)
  }
  return shown
}

/** A marked stretch of one source line, in code-point columns. */
interface Mark {
  from: number
  to: number
  className: string
  title: string
  href?: string
}

/** Longest stretch of a line the page shows: a megabyte-long line (a damaged file) must not make a megabyte of HTML per mark. */
const MAX_SHOWN_CHARS = 2000

/** One source line with its figures and unplaced numbers marked; past MAX_SHOWN_CHARS it is cut, and says so. */
function renderLine(text: string, marks: Mark[]): string {
  // Code points, but only of the start: MAX_SHOWN_CHARS code points lie within twice as many UTF-16 units.
  const chars = Array.from(text.length > MAX_SHOWN_CHARS * 2 ? text.slice(0, MAX_SHOWN_CHARS * 2) : text)
  const cut = chars.length > MAX_SHOWN_CHARS || text.length > MAX_SHOWN_CHARS * 2
  const end = Math.min(chars.length, MAX_SHOWN_CHARS)
  let html = ''
  let at = 0
  for (const mark of [...marks].sort((a, b) => a.from - b.from)) {
    if (mark.from < at || mark.from >= end) continue
    const to = Math.min(mark.to, end)
    html += escapeHtml(chars.slice(at, mark.from).join(''))
    const inner = escapeHtml(chars.slice(mark.from, to).join(''))
    const attributes = `class="${mark.className}" title="${escapeHtml(mark.title)}"`
    html += mark.href ? `<a ${attributes} href="#${mark.href}">${inner}</a>` : `<span ${attributes}>${inner}</span>`
    at = to
  }
  html += escapeHtml(chars.slice(at, end).join(''))
  return cut ? `${html}<span class="cut"> … (line cut at ${MAX_SHOWN_CHARS} characters)</span>` : html
}

/** The source lines of a document that figures point at, in context, escaped, each with an anchor; gaps shown as ⋯. */
function sourceExcerpt(doc: SourceDocument, key: string, shown: Set<number>): string {
  const marks = new Map<number, Mark[]>()
  const addMark = (line: number, endLine: number, column: number, endColumn: number, mark: Omit<Mark, 'from' | 'to'>): void => {
    for (let at = line; at <= endLine; at++) {
      // A span going on to the next line marks this one to its end (renderLine clamps).
      const entry: Mark = { ...mark, from: at === line ? column - 1 : 0, to: at === endLine ? endColumn - 1 : Number.MAX_SAFE_INTEGER }
      const list = marks.get(at)
      if (list) list.push(entry)
      else marks.set(at, [entry])
    }
  }
  for (const fact of doc.facts) {
    addMark(fact.line, fact.end_line, fact.column, fact.end_column, {
      className: 'fig',
      title: `${fact.table_id || 'prose'} · ${rowLabel(fact.subject_code, fact.line_item) || fact.label} · ${fact.measure} = ${fact.value} ${fact.unit === 'CNY' ? '元' : fact.unit}`,
      href: `fact-${fact.fact_id}`,
    })
  }
  for (const entry of doc.unplaced) {
    if (!shown.has(entry.line)) continue
    addMark(entry.line, entry.end_line, entry.column, entry.end_column, { className: `unplaced${ATTENTION_REASONS.has(entry.reason) ? ' attention' : ''}`, title: `unplaced: ${entry.reason}` })
  }
  const lines = [...shown].sort((a, b) => a - b)
  const html: string[] = []
  let previous = 0
  for (const line of lines) {
    if (line !== previous + 1) html.push('<span class="gap">⋯</span>')
    const id = lineId(key, line)
    html.push(`<span class="line" id="${id}"><a class="no" href="#${id}">${line}</a>${renderLine(doc.lines[line - 1] ?? '', marks.get(line) ?? [])}</span>`)
    previous = line
  }
  if (html.length === 0) return ''
  return `<div class="source-wrap"><h3>原文 Source lines <small>${escapeHtml(doc.path)} · 标记 marked: <span class="fig">数值 figure</span> <span class="unplaced attention">未归位（表内）unplaced in a table</span> <span class="unplaced">未归位 unplaced</span></small></h3><pre class="source">${html.join('')}</pre></div>`
}

/** The messages of a document with their places. */
function messageList(doc: SourceDocument, key: string, shown: Set<number>): string {
  if (doc.messages.length === 0) return ''
  const items = doc.messages.map((message) => {
    const place = message.place ? (shown.has(message.place.line) ? placeLink(key, message.place.line, message.place.column) : `${message.place.line}:${message.place.column}`) : ''
    return `<li class="${message.severity}"><span class="badge ${message.severity === 'fatal' ? 'error' : message.severity}">${escapeHtml(message.severity)}</span> <code>${escapeHtml(message.ruleId)}</code> ${escapeHtml(message.reason)} ${place}</li>`
  })
  return `<h3>消息 Messages <small>${doc.messages.length}</small></h3><ul class="messages">${items.join('')}</ul>`
}

/** Kind of document in Chinese. */
function kindLabel(kind: string): string {
  return kind === 'final_accounts' ? '部门决算' : kind === 'budget' ? '部门预算' : '类型未知'
}

/** Counts a document is summed up by. */
function documentCounts(doc: SourceDocument): { tables: number; errors: number; warnings: number; attention: number } {
  return {
    tables: new Set(doc.regions.flatMap((region) => (region.tableId ? [region.tableId] : []))).size,
    errors: doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length,
    warnings: doc.checks.filter((check) => check.status === 'fail' && check.severity === 'warning').length,
    attention: doc.unplaced.filter((entry) => ATTENTION_REASONS.has(entry.reason)).length,
  }
}

/** The section of one document. */
function documentSection(doc: SourceDocument, key: string): string {
  const facts = new Map(doc.facts.map((fact) => [fact.fact_id, fact]))
  const shown = shownLines(doc)
  const counts = documentCounts(doc)
  // A chart bar links to its line when that line is shown, which every fact line is.
  const factAt = (line: number | null | undefined): string => (line ? lineId(key, line) : `doc-${key}`)
  const stat = (value: string | number, label: string, className = ''): string => `<div class="stat ${className}"><b>${value}</b><span>${label}</span></div>`
  const failed = doc.status !== 'ok' ? `<p class="fatal">${doc.status === 'no-text' ? '没有文字层（扫描件，需要 OCR） No text layer (a scan: needs OCR)' : '文档无法使用 Document could not be used'}: ${escapeHtml(doc.messages.find((message) => message.severity === 'fatal')?.reason ?? '')}</p>` : ''
  return `<section class="doc" id="doc-${key}">
<h2>${escapeHtml(doc.metadata.department || doc.docId)} <small>${doc.metadata.fiscalYear ?? '年度未知'} ${kindLabel(doc.metadata.docKind)}</small></h2>
<p class="meta"><code>${escapeHtml(doc.docId)}</code> · ${escapeHtml(doc.path)} · 版式 layout <b>${escapeHtml(doc.layout || '-')}</b> · 编码 encoding <b>${escapeHtml(doc.encoding || '-')}</b> · ${escapeHtml([doc.metadata.region, doc.metadata.level].filter(Boolean).join(' / '))}${doc.metadata.departmentId ? ` · <a href="#dept-${escapeHtml(doc.metadata.departmentId)}">部门逐年 across years</a>` : ''}</p>
${failed}
<div class="stats">${stat(`${counts.tables}/9`, '标准表 tables found', counts.tables === 9 ? 'good' : 'warn')}${stat(doc.facts.length, '数值 facts')}${doc.checks.length === 0 ? stat('—', '未做核对 no checks ran') : stat(counts.errors, '核对错误 checks failed', counts.errors > 0 ? 'bad' : 'good')}${stat(counts.warnings, '尾数误差 rounding')}${stat(doc.unplaced.length, '未归位 unplaced')}${stat(counts.attention, '表内未归位 unplaced in tables', counts.attention > 0 ? 'warn' : 'good')}</div>
${tablesFound(doc, key)}${unitAssumptions(doc.facts).map((entry) => `\n<p class="assumption">推定 Assumption: ${escapeHtml(entry.title)} 未印金额单位，${entry.facts} 个数值按${escapeHtml(entry.unit)}换算（${entry.basis === 'document' ? '依据本文档其他部分所述单位' : '文档未说明单位，默认万元'}）· ${entry.facts} figure(s) of this table read in ${escapeHtml(entry.unit)}, a unit it does not print (unit_basis ${entry.basis}) ${placeLink(key, entry.line, 1)}</p>`).join('')}
${doc.facts.length > 0 ? documentCharts(doc, factAt) : ''}
<h3>核对未通过 Failed checks <small>${counts.errors} 错误 errors · ${counts.warnings} 尾数 rounding · ${doc.checks.length} evaluated</small></h3>
${failedChecks(doc, key, facts)}
<h3>未归位数值 Unplaced numbers <small>${doc.unplaced.length}</small></h3>
${unplacedByReason(doc, key, shown)}
${messageList(doc, key, shown)}
${figureList(doc, key)}
${sourceExcerpt(doc, key, shown)}
</section>`
}

/** The overview row of a document, linking to its section. */
function overviewRow(doc: SourceDocument, key: string): string {
  const counts = documentCounts(doc)
  return `<tr><td><a href="#doc-${key}">${escapeHtml(doc.metadata.department || doc.docId)}</a><br><small><code>${escapeHtml(doc.docId)}</code></small></td><td>${doc.metadata.fiscalYear ?? ''}</td><td>${kindLabel(doc.metadata.docKind)}</td><td>${escapeHtml(doc.layout || '-')}</td><td class="num">${counts.tables}/9</td><td class="num">${doc.facts.length}</td>${doc.checks.length === 0 ? '<td class="num" title="未做核对 no checks ran">—</td>' : `<td class="num ${counts.errors > 0 ? 'bad' : ''}">${counts.errors}</td>`}<td class="num">${counts.warnings}</td><td class="num">${doc.unplaced.length}</td><td class="num ${counts.attention > 0 ? 'warn' : ''}">${counts.attention}</td></tr>`
}

/**
 * One document's part of the report, rendered where the document is (a
 * worker thread) so that it crosses to the writer, and into the result
 * cache, as plain text.
 */
export interface ReportPart {
  /** Its row of the overview table. */
  row: string
  /** Its section of the page ('' when made without detail). */
  section: string
  facts: number
  checkErrors: number
}

/**
 * The report part of a processed document. `detail` false leaves the section
 * empty: the page shows only the first ReportSink.MAX_SECTIONS documents in
 * detail, and a section is most of the cost of a part.
 */
export function reportPart(doc: SourceDocument, detail = true): ReportPart {
  const key = documentKey(doc.docId || doc.path)
  return { row: overviewRow(doc, key), section: detail ? documentSection(doc, key) : '', facts: doc.facts.length, checkErrors: documentCounts(doc).errors }
}

const STYLE = `
:root{--ink:#1f2933;--muted:#616e7c;--line:#e4e7eb;--bg:#f5f7fa;--card:#fff;--good:#2f855a;--bad:#c53030;--warn:#b7791f;--fig:#fff3bf}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;color:var(--ink);background:var(--bg)}
header,main{max-width:1180px;margin:0 auto;padding:0 20px}
header{padding-top:24px}
h1{font-size:24px;margin:0 0 4px}h1 small{font-weight:400;color:var(--muted);font-size:15px}
h2{font-size:20px;margin:0 0 4px}h2 small,h3 small,h4 small{font-weight:400;color:var(--muted);font-size:13px;margin-left:6px}
h3{font-size:15px;margin:22px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h4{font-size:14px;margin:14px 0 6px}
p.lead{color:var(--muted);margin:0 0 16px;max-width:900px}
a{color:#1c64b4;text-decoration:none}a:hover{text-decoration:underline}
code{font:12px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace}
table{border-collapse:collapse;width:100%;background:var(--card);font-size:13px}
th,td{border-bottom:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef2f7;font-weight:600;font-size:12px;color:#3e4c59;white-space:nowrap}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.bad,.bad b{color:var(--bad);font-weight:700}td.warn,.warn b{color:var(--warn);font-weight:700}.good b{color:var(--good)}
h2.part{margin:40px 0 0;font-size:22px}
section.doc{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:18px 20px;margin:22px 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.meta{color:var(--muted);margin:0 0 12px;font-size:13px}
.stats{display:flex;flex-wrap:wrap;gap:10px;margin:10px 0}
.stat{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:110px;background:#fafbfc}
.stat b{display:block;font-size:20px;font-variant-numeric:tabular-nums}.stat span{font-size:12px;color:var(--muted)}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin:8px 0 4px}
.chip{font-size:12px;border-radius:12px;padding:2px 10px;border:1px solid var(--line)}
.chip.found{background:#e6f4ea;border-color:#b7dfc3;color:#1e5631}.chip.missing{background:#fde8e8;border-color:#f5b5b5;color:var(--bad)}.chip.unknown{background:#fff4e0;border-color:#f3d19c;color:#8a5a00}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:14px;margin:14px 0;align-items:start}
figure.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px 10px;background:#fff}
figure.chart figcaption{font-weight:600;font-size:13px;margin-bottom:2px}figure.chart figcaption small{font-weight:400;color:var(--muted)}
figure.chart svg{display:block;font-size:11px}
svg text.label{fill:#3e4c59;font-size:11px}svg text.value{fill:#3e4c59;font-size:10.5px;font-variant-numeric:tabular-nums}svg text.legend{fill:#616e7c;font-size:11px}
svg rect.bar:hover{opacity:.75}
p.none{color:var(--muted);font-size:13px;margin:18px 0}
p.ok{color:var(--good);margin:4px 0}p.fatal{color:var(--bad);font-weight:600}p.assumption{color:var(--warn);margin:4px 0}
.badge{display:inline-block;font-size:11px;border-radius:4px;padding:0 6px;font-weight:600;white-space:nowrap}
table.checks th{white-space:normal}
.badge.error{background:#fde8e8;color:var(--bad)}.badge.warning{background:#fff4e0;color:var(--warn)}.badge.info{background:#e6f0fa;color:#1c64b4}
tr.check td{border-bottom:none}tr.check-message td{color:var(--muted);font-size:12px;padding-top:0}
tr.check.error td.diff .yuan{color:var(--bad);font-weight:700}
td.places{max-width:14em;line-height:1.35}td.places a{margin-right:4px;white-space:nowrap}
td.row-label{min-width:11em}
table.unplaced tr.attention td{background:#fffaf0}
td.examples{font-size:12px;color:var(--muted)}
ul.messages{margin:0;padding-left:18px}
details.figures{margin:16px 0}details.figures summary{cursor:pointer;font-weight:600}
table.facts td{padding:2px 8px}
.source-wrap h3 small .fig,.source-wrap h3 small .unplaced{padding:0 3px}
pre.source{margin:0;max-height:420px;overflow:auto;background:#fbfbf8;border:1px solid var(--line);border-radius:6px;padding:6px 0;font:12px/1.55 ui-monospace,"SFMono-Regular",Menlo,Consolas,"Noto Sans Mono CJK SC","WenQuanYi Micro Hei Mono",monospace;tab-size:4}
pre.source .line{display:block;padding:0 10px 0 0;white-space:pre}
pre.source .line:target{background:#dbeafe;box-shadow:inset 3px 0 0 #1c64b4}
pre.source a.no{display:inline-block;width:4.5em;padding-right:1em;text-align:right;color:#9aa5b1;user-select:none}
pre.source .gap{display:block;color:#9aa5b1;padding-left:2.2em}pre.source .cut{color:#9aa5b1}
.fig{background:var(--fig);border-radius:2px;color:inherit}a.fig:hover{background:#ffe066;text-decoration:none}
.unplaced{border-bottom:1px dotted #9aa5b1}.unplaced.attention{border-bottom:2px solid var(--warn)}
tr:target td{background:#dbeafe}
footer{max-width:1180px;margin:0 auto;padding:10px 20px 40px;color:var(--muted);font-size:12px}
`

// Fragment links may point into a closed <details>: open it so the target is visible.
const SCRIPT = `
function openTarget(){var id=decodeURIComponent(location.hash.slice(1));if(!id)return;var el=document.getElementById(id);if(!el)return;for(var p=el.parentElement;p;p=p.parentElement){if(p.tagName==='DETAILS')p.open=true}el.scrollIntoView({block:el.tagName==='SECTION'?'start':'center'})}
window.addEventListener('hashchange',openTarget);window.addEventListener('load',openTarget);
`

/** Totals shown at the top of the page. */
interface ReportTotals {
  documents: number
  facts: number
  checkErrors: number
}

/** The page up to the overview table's rows: head, style, script, title and totals. */
function pageTop(totals: ReportTotals): string {
  return `<!doctype html>
<html lang="zh-Hans">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>部门预决算数据报告 cn-budget-etl report</title>
<style>${STYLE}</style>
<script>${SCRIPT}</script>
</head>
<body>
<header>
<h1>部门预决算数据报告 <small>cn-budget-etl report</small></h1>
<p class="lead">${totals.documents} 份文档 documents · ${totals.facts} 个数值 figures · ${totals.checkErrors} 项核对错误 check errors. 金额以万元显示（悬停可见元）；点击任一数值、核对位置或图中条形即跳到其原文行。Amounts in 万元 (hover for yuan); click a figure, a check's place or a bar to jump to its source line. 表与列的说明及注意事项见 README.md · tables, columns and caveats: README.md.</p>
<table class="overview"><thead><tr><th>部门 department</th><th>年度 year</th><th>类型 kind</th><th>版式 layout</th><th>标准表 tables</th><th>数值 facts</th><th>核对错误 failed</th><th>尾数 rounding</th><th>未归位 unplaced</th><th>表内未归位 in tables</th></tr></thead><tbody>`
}

/** From the end of the overview rows to the sections. */
const OVERVIEW_END = `</tbody></table>
</header>
<main>
`

/** The page after the sections. */
function pageFoot(totals: ReportTotals): string {
  return `</main>
<footer>cn-budget-etl · ${totals.documents} documents · the same inputs give the same page.</footer>
</body>
</html>
`
}

/**
 * The report written as parts arrive, for a build that streams documents:
 * overview rows and sections go to side files at once (memory stays flat),
 * and the page is put together at `close`, when the totals at its top are known.
 */
export class ReportSink {
  /** Documents shown in detail; past this the page lists them in the overview only, so it stays openable for a national build. */
  static readonly MAX_SECTIONS = 200
  readonly #path: string
  readonly #rowsPath: string
  readonly #sectionsPath: string
  readonly #rows: WriteStream
  readonly #sections: WriteStream
  readonly #totals: ReportTotals = { documents: 0, facts: 0, checkErrors: 0 }

  readonly #sourceRoot: string

  /** `sourceRoot`: the folder `source_file` paths are relative to, as a path from the report's folder (`..` for dist/ in the repository). */
  constructor(path: string, sourceRoot = '..') {
    this.#path = path
    this.#sourceRoot = sourceRoot
    this.#rowsPath = `${path}.rows.tmp`
    this.#sectionsPath = `${path}.sections.tmp`
    this.#rows = createWriteStream(this.#rowsPath)
    this.#sections = createWriteStream(this.#sectionsPath)
  }

  /** Add the part of the next document (input order). */
  async add(part: ReportPart): Promise<void> {
    // Overview rows and sections are written out at once; only the counts stay in memory, however many documents.
    this.#totals.documents++
    this.#totals.facts += part.facts
    this.#totals.checkErrors += part.checkErrors
    if (!this.#rows.write(part.row)) await once(this.#rows, 'drain')
    if (this.#totals.documents > ReportSink.MAX_SECTIONS) return
    const section = part.section.includes(SOURCE_ROOT_MARK) ? part.section.replaceAll(SOURCE_ROOT_MARK, this.#sourceRoot) : part.section
    if (!this.#sections.write(`${section}\n`)) await once(this.#sections, 'drain')
  }

  /** Write the page (with `departments`, the department pages, after the documents' sections) and remove the side files. */
  async close(departments = ''): Promise<void> {
    this.#rows.end()
    this.#sections.end()
    await Promise.all([once(this.#rows, 'close'), once(this.#sections, 'close')])
    const totals = this.#totals
    const out = createWriteStream(this.#path)
    out.write(pageTop(totals))
    await pipeline(createReadStream(this.#rowsPath), out, { end: false })
    out.write(OVERVIEW_END)
    await pipeline(createReadStream(this.#sectionsPath), out, { end: false })
    if (totals.documents > ReportSink.MAX_SECTIONS) {
      out.write(`<p class="note">${totals.documents - ReportSink.MAX_SECTIONS} more documents are in the overview above but not shown in detail (the page shows ${ReportSink.MAX_SECTIONS}); use <code>npm run etl -- inspect FILE</code> for any of them.</p>\n`)
    }
    out.write(departments)
    out.end(pageFoot(totals))
    await once(out, 'close')
    await Promise.all([rm(this.#rowsPath, { force: true }), rm(this.#sectionsPath, { force: true })])
  }
}
