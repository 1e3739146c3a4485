import { describe, expect, it } from 'vitest'
import { relative } from 'node:path'
import type { SourceDocument } from '../../../core/document.ts'
import { readFileSync } from 'node:fs'
import { CORPUS, ROOT, hasCorpus, runFile, runSeed, runSeedWith } from '../../helpers/documents.ts'
import { runText, seedText } from '../../robustness/helpers.ts'

/** The table-presence rows as `status severity table measure`. */
function presence(doc: SourceDocument): string[] {
  return doc.checks.filter((row) => row.base_rule === 'table-presence').map((row) => `${row.status} ${row.severity} ${row.table_id} ${row.measure}`)
}

describe('table-presence: every standard table printed, or missing or empty with a statement', () => {
  it('002 as printed: seven tables with figures, 政府性基金 and 国有资本经营 empty and stated (故本表无数据)', () => {
    expect(presence(runSeed('002'))).toEqual([
      'pass info appropriation_summary printed',
      'pass info expenditure_by_function printed',
      'pass info general_budget_basic_expenditure printed',
      'pass info general_budget_expenditure printed',
      'pass info government_fund empty',
      'pass info income_by_function printed',
      'pass info income_expenditure_summary printed',
      'pass info state_capital empty',
      'pass info three_public_expenses printed',
    ])
    expect(runSeed('002').messages.filter((message) => message.ruleId === 'missing-table' || message.ruleId === 'tables-not-printed')).toEqual([])
  })

  it('002 without its 国有资本经营 table and without the statements: listed in the 目录, not printed — an error and a missing-table message', () => {
    const doc = runSeedWith('002', { 314: '', 329: '', 423: '' })
    expect(presence(doc)).toContain('fail error state_capital missing')
    const row = doc.checks.find((entry) => entry.base_rule === 'table-presence' && entry.table_id === 'state_capital')
    expect(row?.message).toBe('目录列有“国有资本经营预算财政拨款支出决算表”，正文未列示，亦未说明原因 · `国有资本经营预算财政拨款支出决算表` (state_capital) is listed in the table of contents but not printed, and the text does not say why')
    expect(doc.messages.filter((message) => message.ruleId === 'missing-table').map((message) => message.reason)).toEqual([
      'Missing table `国有资本经营预算财政拨款支出决算表` (state_capital): the table of contents lists it',
    ])
  })

  it('002 with its 政府性基金 table empty and no statement anywhere: a warning at the title', () => {
    const lines = seedText('002').split('\n')
    const changes: Record<number, string> = { 301: '' }
    // Every sentence saying the office has no 政府性基金 money goes.
    for (const [index, line] of lines.entries()) if (/没有政府性基金|无政府性基金/.test(line)) changes[index + 1] = ''
    const doc = runSeedWith('002', changes)
    expect(presence(doc)).toContain('fail warning government_fund empty')
    const row = doc.checks.find((entry) => entry.base_rule === 'table-presence' && entry.table_id === 'government_fund')
    expect(row?.place?.line).toBe(297)
  })

  it('004 (a prose-only budget) with a 目录 of tables and an 附件 line: tables-not-printed names them', () => {
    const contents = ['目  录', '第一部分 2024年部门预算说明', '第二部分 2024年部门预算表', '一、收支总表', '二、收入总表', '三、支出总表', '']
    const doc = runText('004-listed.txt', `${contents.join('\n')}\n${seedText('004')}\n附件：怀化市人民政府驻上海联络处2024年部门预算报表\n`)
    const found = doc.messages.filter((message) => message.ruleId === 'tables-not-printed')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'warning', expected: ['income_expenditure_summary', 'income_by_function', 'expenditure_by_function'], actual: '附件：怀化市人民政府驻上海联络处2024年部门预算报表' })
    expect(found[0]?.reason).toContain('The table of contents (line 1) lists 3 tables (收支总表, 收入总表, 支出总表) but the text prints none of them')
    expect(doc.checks.filter((row) => row.base_rule === 'table-presence')).toEqual([])
    // As printed, 004 lists no table and names no 附件: the text only says it prints none.
    expect(runSeed('004').messages.filter((message) => message.ruleId === 'tables-not-printed').map((message) => message.reason)).toEqual([
      'The text prints none of its tables (the document is text only, or its tables are images or published apart); no table figures were read',
    ])
  })

  it.runIf(hasCorpus())('a Beijing budget whose tables are in an attachment says so', () => {
    const doc = runFile(relative(ROOT, `${CORPUS}/real/bj-0e0df07d.layout.txt`))
    const [message] = doc.messages.filter((entry) => entry.ruleId === 'tables-not-printed')
    expect(message?.place?.line).toBe(142)
    expect(message?.reason).toContain('附件：北京市信访办公室部门 2026 年度部门预算报表')
  })

  it.runIf(hasCorpus())('a 重庆 budget printing no 国有资本经营 table, its 收支总表 line `三、国有资本经营预算资金` without a figure: it has none of that money', () => {
    const path = relative(ROOT, `${CORPUS}/real/cq-05f59e7a.layout.txt`)
    const doc = runFile(path)
    expect(presence(doc)).toContain('pass info state_capital missing')
    const row = doc.checks.find((entry) => entry.base_rule === 'table-presence' && entry.table_id === 'state_capital')
    expect(row?.message).toBe('未列示“国有资本经营预算支出表”，收支总表“三、国有资本经营预算资金”（193:1）未列数，本部门无此项收支 · `国有资本经营预算支出表` (state_capital) is not printed, and the summary table prints `三、国有资本经营预算资金` at 193:1 with no figure: the document has none of its money')
    // The same line with a figure (typed here: 1,000.00 where the document prints none): the table is missing, and the text does not say why.
    const lines = readFileSync(`${CORPUS}/real/cq-05f59e7a.layout.txt`, 'utf8').split('\n')
    expect(lines[192]?.startsWith('三、国有资本经营预算资金')).toBe(true)
    lines[192] = (lines[192] ?? '').replace('三、国有资本经营预算资金            ', '三、国有资本经营预算资金   1,000.00 ')
    expect(presence(runText('cq-05f59e7a-changed.txt', lines.join('\n')))).toContain('fail warning state_capital missing')
  })

  it.runIf(hasCorpus())('a 江苏 budget that never names 国有资本经营: its template has no such table', () => {
    const doc = runFile(relative(ROOT, `${CORPUS}/real/js-0e114b47.layout.txt`))
    expect(presence(doc)).toContain('pass info state_capital missing')
    const row = doc.checks.find((entry) => entry.base_rule === 'table-presence' && entry.table_id === 'state_capital')
    expect(row?.message).toContain('全文未提及“国有资本经营”（本地区格式无此表）')
    // Naming the money once (a sentence typed here) is enough for the missing table to be reported again.
    const text = readFileSync(`${CORPUS}/real/js-0e114b47.layout.txt`, 'utf8')
    expect(presence(runText('js-0e114b47-named.txt', `国有资本经营预算收支另行公开。\n${text}`))).toContain('fail warning state_capital missing')
  })
})
