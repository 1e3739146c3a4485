import { describe, expect, it } from 'vitest'
import { processDocument } from '../../../pipeline/process-document.ts'
import { hasCorpus, oneFact, runFile } from '../../helpers/documents.ts'

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

/** A 部门预算 with six of the nine tables: the 政府性基金 one is said to be absent, the 国有资本经营 one is not. */
function budgetWith(statement: string): string {
  const table = (title: string, row: string): string[] => [title, '部门：XX市测试局                                单位：万元', '项目                      金额', row, '']
  return [
    'XX市测试局2026年部门预算',
    ...table('收支总表', '收入总计                  120.50'),
    ...table('收入总表', '合计                      120.50'),
    ...table('支出总表', '合计                      120.50'),
    ...table('财政拨款收支总表', '收入总计                  120.50'),
    ...table('一般公共预算支出表', '合计                      120.50'),
    ...table('一般公共预算基本支出表', '合计                      100.00'),
    ...table('一般公共预算“三公”经费支出表', '合计                        3.00'),
    '第三部分 2026年部门预算情况说明',
    statement,
  ].join('\n')
}

describe('missing tables of a 部门预算', () => {
  it('are reported under their 预算 titles, except where the document says it has none', () => {
    const doc = processDocument('test/budget.txt', encoder.encode(budgetWith('本部门无政府性基金预算，也没有使用政府性基金安排的支出。')))
    expect(doc.metadata.docKind).toBe('budget')
    expect(doc.regions.map((region) => region.tableId)).toEqual(['income_expenditure_summary', 'income_by_function', 'expenditure_by_function', 'appropriation_summary', 'general_budget_expenditure', 'general_budget_basic_expenditure', 'three_public_expenses'])
    const missing = doc.messages.filter((message) => message.ruleId === 'missing-table')
    expect(missing.map((message) => [message.expected, message.reason])).toEqual([[['state_capital'], 'Missing table `国有资本经营预算支出表` (state_capital)']])
  })

  it('are reported when the document says nothing of them', () => {
    const doc = processDocument('test/budget.txt', encoder.encode(budgetWith('本年支出合计120.50万元。')))
    expect(doc.messages.filter((message) => message.ruleId === 'missing-table').flatMap((message) => message.expected)).toEqual(['government_fund', 'state_capital'])
  })
})

/** Regions of a corpus document: [title line, end line, table id or `other`, table number]. */
function regionsOf(name: string): [number, number, string, number | undefined][] {
  return runFile(`../shared/corpus/real/${name}.layout.txt`).regions.map((region) => [region.titleLine, region.endLine, region.tableId ?? 'other', region.tableNumber])
}

const CORPUS_REASON = hasCorpus() ? '' : ' (skipped: ../shared/corpus is absent)'

describe.skipIf(!hasCorpus())(`table regions of real 部门预算 documents${CORPUS_REASON}`, () => {
  it('gz: `表N` above the title, titles qualified `（按功能分类科目）`, a region ending before the next `表N` and the `注：无。` note', () => {
    expect(regionsOf('gz-7c3178d4')).toEqual([
      [123, 164, 'income_expenditure_summary', 1],
      [173, 189, 'income_by_function', 2],
      [197, 242, 'expenditure_by_function', 3],
      [250, 290, 'appropriation_summary', 4],
      [298, 337, 'general_budget_expenditure', 5],
      [345, 389, 'general_budget_basic_expenditure', 6],
      [397, 418, 'other', 7],
      [426, 437, 'three_public_expenses', 8],
      [445, 451, 'government_fund', 9],
      [459, 465, 'state_capital', 10],
      [473, 498, 'other', 11],
      [506, 629, 'other', 12],
    ])
    const doc = runFile('../shared/corpus/real/gz-7c3178d4.layout.txt')
    expect(doc.regions[4]?.title).toBe('一般公共预算支出情况表（按功能分类科目）')
    expect(doc.messages.filter((message) => message.ruleId === 'missing-table')).toEqual([])
  })

  it('js: `公开 NN 表：` before the title, a title wrapped over two lines, the 情况说明 after the tables left out', () => {
    expect(regionsOf('js-1f18e040')).toEqual([
      [289, 354, 'income_expenditure_summary', 1],
      [358, 392, 'income_by_function', 2],
      [397, 407, 'expenditure_by_function', 3],
      [411, 440, 'appropriation_summary', 4],
      [444, 481, 'other', 5],
      [485, 552, 'other', 6],
      [556, 593, 'general_budget_expenditure', 7],
      [597, 664, 'general_budget_basic_expenditure', 8],
      [668, 687, 'three_public_expenses', 9],
      [691, 698, 'government_fund', 10],
      [708, 744, 'other', 11],
      [748, 931, 'other', 12],
    ])
    const doc = runFile('../shared/corpus/real/js-1f18e040.layout.txt')
    const wrapped = doc.regions[8]
    expect(wrapped?.title).toBe('公开 09 表：一般公共预算“三公”经费、会议费、培训费支出预算表')
    expect([wrapped?.titleSpan.line, wrapped?.titleSpan.endLine, wrapped?.startLine]).toEqual([668, 669, 670])
    // `2018 年本部门无国有资本经营预算收入。` (line 1128): no 国有资本经营 table is missing.
    expect(doc.messages.filter((message) => message.ruleId === 'missing-table')).toEqual([])
  })

  it('js: `“三公”经费、会议费、培训费支出预算` with `表` alone on the next line is one title', () => {
    const doc = runFile('../shared/corpus/real/js-ac3cc788.layout.txt')
    const region = doc.regions.find((entry) => entry.tableId === 'three_public_expenses')
    expect([region?.title, region?.titleLine, region?.startLine, region?.endLine]).toEqual(['“三公”经费、会议费、培训费支出预算表', 758, 760, 783])
  })

  it('js: documents whose tables are published apart (`公开表附后`) have none, and `本表（公开 01 表）` in a sentence confirms nothing', () => {
    for (const name of ['js-1246b045', 'js-1ef7a279', 'js-2f038515', 'js-8b050b56', 'js-b79741e9', 'js-b67b5c99', 'js-de648c2e']) {
      const doc = runFile(`../shared/corpus/real/${name}.layout.txt`)
      expect([name, doc.layout, doc.regions.length]).toEqual([name, 'prose', 0])
    }
  })

  it('sz: `表N` above the title, a title repeated on a continuation page, 按功能分类 and 按经济分类 told apart', () => {
    expect(regionsOf('sz-5427e486')).toEqual([
      [460, 526, 'income_expenditure_summary', 1],
      [529, 540, 'income_by_function', 2],
      [543, 635, 'expenditure_by_function', 3],
      [638, 691, 'other', 4],
      [694, 717, 'other', 5],
      [720, 759, 'appropriation_summary', 6],
      [762, 820, 'general_budget_expenditure', 7],
      [823, 921, 'other', 8],
      [924, 938, 'three_public_expenses', 9],
      [941, 949, 'government_fund', 10],
      [952, 960, 'state_capital', 11],
    ])
    // 一般公共预算支出表（按经济分类） has 基本支出 and 项目支出 columns: it is not the 一般公共预算基本支出表, which sz does not print —
    // nor list in its 目录: the template has none, so it is no missing table (table-presence passes it).
    const doc = runFile('../shared/corpus/real/sz-5427e486.layout.txt')
    expect(doc.messages.filter((message) => message.ruleId === 'missing-table')).toEqual([])
    expect(doc.checks.find((row) => row.base_rule === 'table-presence' && row.table_id === 'general_budget_basic_expenditure')).toMatchObject({ status: 'pass', measure: 'missing' })
  })

  it('cq: `表五` four blank lines above the title; a 绩效目标表 numbered `表十` is a table of its own; no 国有资本经营 table and nothing said of it', () => {
    expect(regionsOf('cq-5c6aea1e').slice(-4)).toEqual([
      [1203, 1235, 'other', 9],
      [1242, 1274, 'other', 10],
      [1282, 1334, 'other', 11],
      [1341, 1371, 'other', 12],
    ])
    expect(regionsOf('cq-a63e312b')[4]).toEqual([401, 492, 'general_budget_expenditure', 5])
    const doc = runFile('../shared/corpus/real/cq-a63e312b.layout.txt')
    expect(doc.messages.filter((message) => message.ruleId === 'missing-table').map((message) => message.reason)).toEqual(['Missing table `国有资本经营预算支出表` (state_capital)'])
  })

  it('hz: the list of tables (`表1.2026年市级部门收支预算总表` …) is no table; the tables are `表N：` titles', () => {
    const regions = regionsOf('hz-ac78e7d9')
    expect(regions.length).toBe(11)
    expect(regions[0]).toEqual([546, 594, 'income_expenditure_summary', 1])
    expect(regions[10]).toEqual([975, 1047, 'other', 11])
  })

  it('putuo: the prose after the last table is prose, not table rows', () => {
    expect(regionsOf('putuo-justice-2026-budget').at(-1)).toEqual([341, 354, 'three_public_expenses', undefined])
    const doc = runFile('../shared/corpus/real/putuo-justice-2026-budget.layout.txt')
    // `2026年“三公”经费预算数为10.81万元` (line 357) is a figure of the prose.
    expect(doc.facts.find((fact) => fact.line === 357 && fact.value_raw === '10.81')).toMatchObject({ origin: 'prose', value: '108100' })
  })

  it('bj: the 收费标准 grid (序号 项目名称 结构内容 收费标准) is no budget table: its numbers stay listed as table text', () => {
    const doc = runFile('../shared/corpus/real/bj-ff39f6c0.layout.txt')
    expect([doc.layout, doc.regions.length]).toEqual(['prose', 0])
    const grid = doc.unplaced.filter((entry) => entry.line >= 205 && entry.line <= 236)
    expect(grid.find((entry) => entry.raw === '342')?.reason).toBe('table-text')
    // Whole numbers are table text, amounts (decimals or separators) table-amount, sizes glued to their unit or to ×
    // (`15cm`, `1.5×1.5`) cell text: none is a figure. Every number of its 15 rows
    // (`1 快速路、主干路沥青路面 沥青砼 15cm+水稳 18cm+无机料 36cm（69cm） 342 元/㎡` …), the page number `- 9 -` between them aside.
    const reasons = grid.filter((entry) => entry.reason !== 'page-number').map((entry) => entry.reason)
    expect(reasons).toHaveLength(62)
    expect(new Set(reasons)).toEqual(new Set(['table-text', 'cell-text']))
    expect(grid.find((entry) => entry.raw === '15')?.reason).toBe('cell-text')
    expect(grid.filter((entry) => entry.reason === 'table-amount')).toEqual([])
  })
})
