import { describe, expect, it } from 'vitest'
import type { CheckRow } from '../../../core/types.ts'
import type { SourceDocument } from '../../../core/document.ts'
import { relative } from 'node:path'
import { CORPUS, ROOT, hasCorpus, runFile, runSeed, runSeedWith } from '../../helpers/documents.ts'

/** The failed document-metadata rows as `severity measure line:column`. */
function failures(doc: SourceDocument): string[] {
  return doc.checks
    .filter((row: CheckRow) => row.base_rule === 'document-metadata' && row.status === 'fail')
    .map((row) => `${row.severity} ${row.measure} ${row.place?.line}:${row.place?.column}`)
    .sort()
}

describe('document-metadata: department and year printed consistently', () => {
  it('002 as printed: no placeholder (no row), every heading of its kind names 2020 (one pass)', () => {
    const doc = runSeed('002')
    expect(failures(doc)).toEqual([])
    const passes = doc.checks.filter((row) => row.base_rule === 'document-metadata').map((row) => `${row.status} ${row.measure}`)
    expect(passes).toEqual(['pass fiscal_year'])
  })

  it('001 prints `部门： XX 单位` over its 支出决算表: a placeholder left from the template', () => {
    const row = runSeed('001').checks.find((entry) => entry.base_rule === 'document-metadata' && entry.status === 'fail')
    expect(row).toMatchObject({ severity: 'error', measure: 'department', place: { line: 142, column: 1 } })
    expect(row?.message).toContain('含占位符“XX”')
  })

  it('002 with a placeholder in a heading, another year in a heading, another department in a table title', () => {
    const doc = runSeedWith('002', {
      11: '第一部分 株洲市XX局概况',
      28: '第三部分 2019年度部门决算情况说明',
      94: '长沙市财政局2020年度收入支出决算总表',
    })
    expect(failures(doc)).toEqual(['error department 11:1', 'error fiscal_year 28:1', 'warning department 94:1'])
    const messages = doc.checks.filter((row) => row.base_rule === 'document-metadata' && row.status === 'fail').map((row) => row.message)
    expect(messages).toContain('标题“第三部分 2019年度部门决算情况说明”（28:1）的年度为 2019，文档为 2020 年度决算 · The heading `第三部分 2019年度部门决算情况说明` at 28:1 names 2019, the document is the 决算 of 2020')
  })

  it('a column of another year (`2025年预算数`) and the 预算 of a kind of money (`2019年一般公共预算`) are not the document’s year', () => {
    const doc = runSeedWith('002', { 28: '2019年一般公共预算财政拨款', 39: '2019年决算数' })
    expect(failures(doc)).toEqual([])
  })

  it.runIf(hasCorpus())('the Shanghai template prints 上海市 XX 局 on its cover and headings', () => {
    const doc = runFile(relative(ROOT, `${CORPUS}/shanghai-final-accounts-template-2024.layout.txt`))
    const found = failures(doc)
    expect(found).toContain('error department 1:2')
    expect(found).toContain('error department 12:1')
    expect(found.every((entry) => entry.startsWith('error department'))).toBe(true)
  })
})
