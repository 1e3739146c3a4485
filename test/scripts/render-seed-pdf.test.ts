import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { seedToHtml } from '../../scripts/render-seed-pdf.ts'
import { ROOT, seedName } from '../helpers/documents.ts'

/** The `<thead>` of the table titled `title` in a seed's printed page. */
function headOf(prefix: string, title: string): string {
  const path = join(ROOT, 'seeds', seedName(prefix))
  const html = seedToHtml(path, readFileSync(path, 'utf8'))
  const table = html.split('<section class="table">').find((section) => section.includes(`<h2>${title}</h2>`))
  if (!table) throw new Error(`No table ${title} in seed ${prefix}`)
  return table.slice(table.indexOf('<thead>'), table.indexOf('</thead>'))
}

describe('the seeds printed as the published page: headers as the tab seed has them', () => {
  it('keeps 功能分类科目编码 | 科目名称 under 项目, over the column numbers (002 收入决算表; not 科目名称 spread over the figures)', () => {
    // 002: `项目 ⇥ ⇥ 本年收入合计 …` / `功能分类科目编码 ⇥ 科目名称 ⇥ ⇥ …` / `栏次 ⇥ ⇥ 1 ⇥ 2 …`
    const head = headOf('002', '收入决算表')
    expect(head).toContain('<th>功能分类科目编码</th><th>科目名称</th></tr>')
    expect(head).toContain('<th colspan="2">项目</th><th rowspan="2">本年收入合计</th>')
    expect(head).not.toMatch(/colspan="7">科目名称/)
  })
  it('prints each header word once (001 支出决算表: 科目名称 and 栏次 under 项目, not again over the figures)', () => {
    // 001: `功能分类 科目编码 ⇥ 项 目 ⇥ ⇥ 本年支出合计 …` / ` ⇥ 科目名称 ⇥ 栏次 ⇥ ⇥ …` / ` ⇥ ⇥ ⇥ 1 ⇥ 2 …`
    const head = headOf('001', '支出决算表')
    expect(head.match(/科目名称/g)).toHaveLength(1)
    expect(head.match(/栏次/g)).toHaveLength(1)
    expect(head).toContain('<th rowspan="2">本年支出合计</th>')
  })
  it('still splits 收入 | 支出 over the words that repeat below them (003 收入支出决算总表)', () => {
    const head = headOf('003', '收入支出决算总表')
    expect(head).toMatch(/<th colspan="3">收入<\/th><th colspan="3">支出<\/th>/)
  })
})
