import { describe, expect, it } from 'vitest'
import { processDocument } from '../../../pipeline/process-document.ts'
import { oneFact } from '../../helpers/documents.ts'

const encoder = new TextEncoder()

/** A 支出决算表 in tab rows that continues after a page break with its title, header and a page number repeated. */
const CONTINUED = [
  '2020年度部门决算',
  '部门：XX市测试局',
  '目录',
  '- 三、支出决算表',
  '支出决算表',
  '公开 03 表',
  '单位：万元',
  '项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出',
  '功能分类科目编码\t科目名称\t\t\t\t\t\t',
  '栏次\t\t1\t2\t3\t4\t5\t6',
  '合计\t\t120.50\t100.00\t20.50\t\t\t',
  '201\t一般公共服务支出\t120.50\t100.00\t20.50\t\t\t',
  '- 7 -',
  '支出决算表（续）',
  '单位：万元',
  '项目\t\t本年支出合计\t基本支出\t项目支出\t上缴上级支出\t经营支出\t对附属单位补助支出',
  '20103\t政府办公厅（室）及相关机构事务\t120.50\t100.00\t20.50\t\t\t',
  '2010301\t行政运行\t100.00\t100.00\t\t\t\t',
  '注：本表反映部门本年度各项支出情况。',
].join('\n')

describe('table regions', () => {
  it('a table continued after a page break is one table; the table of contents is not a table', () => {
    const doc = processDocument('test/continued.txt', encoder.encode(CONTINUED))
    expect(doc.regions.map((region) => [region.tableId, region.titleLine])).toEqual([['expenditure_by_function', 5]])
    expect(oneFact(doc, { subject_code: '2010301', measure: 'basic' }).value).toBe('1000000')
    expect(oneFact(doc, { subject_code: '20103', measure: 'project' })).toMatchObject({ value: '205000', line: 17 })
    expect(oneFact(doc, { line_item: 'total', measure: 'total' }).value).toBe('1205000')
    expect(doc.unplaced.find((entry) => entry.line === 13)?.reason).toBe('page-number')
    expect(doc.messages.filter((message) => message.ruleId === 'missing-table')).toHaveLength(8)
  })
})
