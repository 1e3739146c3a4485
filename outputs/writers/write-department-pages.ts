/**
 * The report's department pages: one section per department with its
 * years side by side — a table and a small chart (inline SVG) per
 * functional class of its expenditure table — and its budget against its
 * final accounts where both exist. Made once at the end of a build from the
 * panel (across-tables.ts), like the tables across documents.
 */
import type { AcrossIndex } from '../across-documents.ts'
import { budgetVsFinalRows, departmentRows, panelOf, periodColumn, type PanelPeriod, type PanelRow } from '../across-tables.ts'
import { barChart, documentKey, escapeHtml, wan, type ChartRow } from './write-report.ts'

/** Departments shown as pages; past this the page would not open for a national build. */
export const MAX_DEPARTMENT_PAGES = 200

/** The label of a period: `2019 预算`. */
function periodLabel(period: PanelPeriod): string {
  return `${period.fiscalYear} ${period.docKind === 'budget' ? '预算' : '决算'}`
}

/** The id of a department's section. */
export function departmentAnchor(departmentId: string): string {
  return `dept-${departmentId}`
}

/** The department pages, after the documents' sections; '' when no document has a department. */
export function departmentPages(index: AcrossIndex): string {
  const departments = departmentRows(index)
  if (departments.length === 0) return ''
  const { periods, rows } = panelOf(index)
  const comparisons = budgetVsFinalRows(index)
  const docsOf = new Map<string, { docId: string; path: string; year: number | null; kind: string }[]>()
  for (const doc of index.documents) {
    const list = docsOf.get(doc.departmentId) ?? []
    list.push({ docId: doc.docId, path: doc.path, year: doc.fiscalYear, kind: doc.docKind })
    docsOf.set(doc.departmentId, list)
  }
  const sections = departments.slice(0, MAX_DEPARTMENT_PAGES).map((department) => {
    const id = String(department.department_id)
    // Expenditure by functional class (类, three digits): the 支出表's total column, one column per period the department prints it in.
    const classes = rows.filter((row) => row.department_id === id && row.table_id === 'expenditure_by_function' && row.measure === 'total' && (row.subject_code ?? '').length === 3)
    const own = periods.filter((period) => classes.some((row) => row[periodColumn(period)]))
    const docs = (docsOf.get(id) ?? []).sort((a, b) => (a.year ?? 0) - (b.year ?? 0) || (a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : 0))
    const docLinks = docs.map((doc) => `<a href="#doc-${documentKey(doc.docId)}">${doc.year ?? '年度未知'} ${doc.kind === 'budget' ? '预算' : doc.kind === 'final_accounts' ? '决算' : ''}</a> <small><code>${escapeHtml(doc.docId)}</code></small>`).join(' · ')
    const ownComparisons = comparisons.filter((row) => row.department_id === id && (row.source !== 'documents' || String(row.subject_code).length === 3 || row.line_item === 'total'))
    return `<section class="doc dept" id="${departmentAnchor(id)}">
<h2>${escapeHtml(String(department.department))} <small>${escapeHtml(String(department.scope))} · ${escapeHtml([department.region, department.level].filter(Boolean).join(' / '))} · ${escapeHtml(String(department.fiscal_years || '年度未知'))}</small></h2>
<p class="meta">部门编号 department_id <code>${escapeHtml(id)}</code> · 所印名称 names printed: ${escapeHtml(String(department.names_printed))}</p>
<p class="meta">文档 documents: ${docLinks}</p>
<h3>支出功能分类（类）逐年 Expenditure by functional class, year by year <small>万元</small></h3>
${classes.length === 0 || own.length === 0 ? '<p class="none">未印支出表 no expenditure table printed</p>' : yearsTable(classes, own) + classCharts(classes, own, id)}
<h3>预算与决算 Budget against final <small>万元</small></h3>
${ownComparisons.length === 0 ? '<p class="none">没有同年度同口径的预算与决算，决算也未自印预算数 · no budget and final accounts of one year, and no budget printed in a final account</p>' : comparisonTable(ownComparisons)}
</section>`
  })
  const more = departments.length > MAX_DEPARTMENT_PAGES ? `<p class="note">${departments.length - MAX_DEPARTMENT_PAGES} more departments are in departments.csv but not shown here (the page shows ${MAX_DEPARTMENT_PAGES}).</p>\n` : ''
  return `<h2 class="part" id="departments">部门逐年 Departments across years <small>${departments.length}</small></h2>\n${sections.join('\n')}\n${more}`
}

/** A table of the classes' totals, one column per period. */
function yearsTable(classes: readonly PanelRow[], periods: readonly PanelPeriod[]): string {
  const head = periods.map((period) => `<th>${periodLabel(period)}</th>`).join('')
  const body = classes
    .map((row) => `<tr><td>${escapeHtml(`${row.subject_code ?? ''} ${row.subject_name ?? ''}`)}</td>${periods.map((period) => {
      const value = row[periodColumn(period)]
      return `<td class="num" title="${escapeHtml(value ?? '')} 元 · ${escapeHtml(row[`${periodColumn(period)}_fact_ids`] ?? '')}">${wan(value)}</td>`
    }).join('')}</tr>`)
    .join('')
  return `<table class="years"><thead><tr><th>类 class</th>${head}</tr></thead><tbody>${body}</tbody></table>`
}

/** A small chart per functional class: one bar per period. */
function classCharts(classes: readonly PanelRow[], periods: readonly PanelPeriod[], departmentId: string): string {
  const charts = classes.map((row) => {
    const bars: ChartRow[] = periods.flatMap((period) => {
      const value = row[periodColumn(period)]
      return value ? [{ label: periodLabel(period), bars: [{ yuan: value, href: departmentAnchor(departmentId), title: `${periodLabel(period)} ${value} 元` }] }] : []
    })
    return barChart(`${row.subject_code ?? ''} ${row.subject_name ?? ''}`, [{ label: '支出合计 total', color: '#4c78a8' }], bars, 'grouped')
  })
  return `<div class="charts">${charts.join('')}</div>`
}

/** The budget_vs_final rows of a department. */
function comparisonTable(rows: readonly Record<string, unknown>[]): string {
  const body = rows
    .map((row) => {
      const label = row.source === 'printed' ? `“三公” ${String(row.line_item)}` : row.source === 'prose' ? `说明 ${String(row.subject_code || row.line_item)} ${String(row.subject_name ?? '')}` : `${String(row.subject_code || row.line_item)} ${String(row.subject_name ?? '')} · ${String(row.measure)}`
      return `<tr><td>${row.fiscal_year as number}</td><td>${escapeHtml(String(row.source))}</td><td>${escapeHtml(String(row.table_id))}</td><td>${escapeHtml(label)}</td><td class="num">${wan(row.budget)}</td><td class="num">${wan(row.final)}</td><td class="num">${wan(row.difference)}</td><td class="num">${row.execution_rate === null ? '—' : `${String(row.execution_rate)}%`}</td></tr>`
    })
    .join('')
  return `<table class="bvf"><thead><tr><th>年度 year</th><th>来源 source</th><th>表 table</th><th>项目 item</th><th>预算 budget</th><th>决算 final</th><th>差额 difference</th><th>执行率 rate</th></tr></thead><tbody>${body}</tbody></table>`
}
