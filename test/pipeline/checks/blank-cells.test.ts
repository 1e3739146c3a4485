import { describe, expect, it } from 'vitest'
import type { SourceDocument } from '../../../core/document.ts'
import { runSeed, runSeedWith } from '../../helpers/documents.ts'
import { seedText } from '../../robustness/helpers.ts'

/** The failed blank-cells rows as `table row measure`. */
function blanks(doc: SourceDocument): string[] {
  return doc.checks.filter((row) => row.base_rule === 'blank-cells' && row.status === 'fail').map((row) => `${row.table_id} ${row.subject_code || row.line_item} ${row.measure}`)
}

/** The messages of the failed blank-cells rows. */
function messages(doc: SourceDocument): string[] {
  return doc.checks.filter((row) => row.base_rule === 'blank-cells' && row.status === 'fail').map((row) => row.message)
}

/** 002's line 225, the 2010302 一般行政管理事务 row of the 一般公共预算财政拨款支出决算表 (19.69 / 19.69 / 0.00). */
const ROW = 225

describe('blank-cells: a cell the prose restates is not left blank', () => {
  it('002 as printed: every figure the prose restates is in its cell', () => {
    expect(blanks(runSeed('002'))).toEqual([])
  })

  it('000 prints 30215 会议费 and 30216 培训费 in its 基本支出 table without amounts, while the prose states 0.20 and 14.77 万元', () => {
    const found = messages(runSeed('000'))
    expect(blanks(runSeed('000')).sort()).toEqual(['general_budget_basic_expenditure 30215 amount', 'general_budget_basic_expenditure 30216 amount'])
    expect(found).toContain(
      '说明文字“会议费0.20万元”（1486:13）在“[bookmark: RANGE_A1_I39]一般公共预算财政拨款基本支出决算表”中对应单元格（30215 amount）为空：科目 30215 已列示（第 1031 行），金额为空 · The prose states 会议费0.20万元 at 1486:13, but its cell in `[bookmark: RANGE_A1_I39]一般公共预算财政拨款基本支出决算表` (general_budget_basic_expenditure 30215 amount) is blank: subject 30215 is printed at line 1031 with no amount',
    )
  })

  it('002 with the 2010302 row printed without amounts: the prose 19.69 万元 has a blank cell', () => {
    const row = seedText('002').split('\n')[ROW - 1] ?? ''
    expect(row.startsWith('2010302\t')).toBe(true)
    const [code, name] = row.split('\t')
    const doc = runSeedWith('002', { [ROW]: `${code}\t${name}\t\t\t` })
    const found = doc.checks.filter((entry) => entry.base_rule === 'blank-cells' && entry.status === 'fail')
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ severity: 'error', table_id: 'general_budget_expenditure', subject_code: '2010302', measure: 'total', expected: '', actual: '' })
    expect(found[0]?.message).toContain('说明文字“一般公共服务支出政府办公厅（室）及相关机构事务一般行政管理事务19.69万元”（371:16）')
    expect(found[0]?.message).toContain(`科目 2010302 已列示（第 ${ROW} 行），金额为空`)
  })

  it('002 with the 2010302 row printed as 0.00: the cell is zero where the prose states 19.69 万元', () => {
    const [code, name] = (seedText('002').split('\n')[ROW - 1] ?? '').split('\t')
    const doc = runSeedWith('002', { [ROW]: `${code}\t${name}\t0.00\t0.00\t0.00` })
    expect(messages(doc).filter((message) => message.includes('印为“0.00”'))).toHaveLength(1)
  })
})
