import { describe, expect, it } from 'vitest'
import type { CheckRow } from '../../../core/types.ts'
import type { SourceDocument } from '../../../core/document.ts'
import { runSeed, runSeedWith } from '../../helpers/documents.ts'
import { seedText } from '../../robustness/helpers.ts'

/** The prose-comparison rows of a document. */
function comparisons(doc: SourceDocument): CheckRow[] {
  return doc.checks.filter((row) => row.base_rule === 'prose-comparison')
}

/** The failed rows as `severity line:column actual expected`. */
function failures(doc: SourceDocument): string[] {
  return comparisons(doc)
    .filter((row) => row.status === 'fail')
    .map((row) => `${row.severity} ${row.place ? `${row.place.line}:${row.place.column}` : ''} ${row.actual} ${row.expected}`.trim())
}

describe('prose-comparison: comparison words against the figures they compare', () => {
  it('002 as printed: every relation word and change agrees (决算数小于年初预算数 with 19.69 and 55 …)', () => {
    const doc = runSeed('002')
    expect(failures(doc)).toEqual([])
    const row = comparisons(doc).find((entry) => entry.place?.line === 371)
    expect(row).toMatchObject({ status: 'pass', severity: 'info', actual: '196900', expected: '550000', difference: '-353100' })
  })

  it('002 with 小于 turned into 大于: the figures say less', () => {
    const doc = runSeedWith('002', { 371: '年初预算为55万元，支出决算为19.69万元，完成年初预算的35.8%，决算数大于年初预算数的主要原因是：加强管理，厉行节约，合理缩减费用。' })
    expect(failures(doc)).toEqual(['error 371:37 196900 550000'])
    const row = comparisons(doc).find((entry) => entry.status === 'fail')
    expect(row?.message).toContain('说明文字“决算数大于年初预算”（371:37）与所印数字不符：决算 19.69万元（371:16）小于预算 55万元（371:6）')
    expect(row?.message).toContain('but the figures it compares say less than')
  })

  it('the word in the sentence after the figures (年初预算为 1560.05 万元，支出决算为 1511.89 万元。决算数大于预算数)', () => {
    const doc = runSeedWith('002', { 367: '年初预算为1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因是：因工作需要，增加运行经费支出。' })
    expect(failures(doc)).toEqual(['error 367:31 15118900 15600500'])
  })

  it('004: 减少12万元，下降75% agrees with 4万元; 下降65% and 增长75% do not', () => {
    const line = '   2024年单位的机关运行经费为当年一般公共预算财政拨款4万元，比2023年预算数减少12万元，下降75%。'
    expect(comparisons(runSeed('004')).find((row) => row.place?.line === 28)).toMatchObject({ status: 'pass', measure: 'change' })
    const lower = runSeedWith('004', { 28: line.replace('下降75%', '下降65%') })
    expect(failures(lower)).toEqual(['error 28:53'])
    expect(comparisons(lower).find((row) => row.status === 'fail')?.message).toContain('与所印数字不符：−12 / (4 + 12) = -75.00%')
    expect(failures(runSeedWith('004', { 28: line.replace('下降75%', '增长75%') }))).toEqual(['error 28:53'])
  })

  it('001: 比上年 17.93 万元增加 12.03 万元 against 29.96; a slip of 1.00 in the change is an error', () => {
    const doc = runSeed('001')
    expect(comparisons(doc).find((row) => row.fact_ids && row.measure === 'change' && row.actual === '120300')).toMatchObject({ status: 'pass', expected: '120300' })
    const text = seedText('001').split('\n')[554] ?? ''
    const changed = runSeedWith('001', { 555: text.replace('增加支出 12.03 万元', '增加支出 13.03 万元') })
    const row = comparisons(changed).find((entry) => entry.actual === '130300')
    expect(row).toMatchObject({ status: 'fail', severity: 'error', expected: '120300', difference: '10000' })
    expect(row?.message).toContain('≠ 29.96万元（555:21）− 17.93万元（555:34）= 12.03万元，相差 1.00万元')
  })

  it('003: a prior-year base printed in 元 beside 万元 figures agrees only read in 万元: a unit slip', () => {
    const row = comparisons(runSeed('003')).find((entry) => entry.measure === 'change' && entry.actual === '608200')
    expect(row).toMatchObject({ status: 'fail', severity: 'error', expected: '608200' })
    expect(row?.message).toContain('基数 356.48 印为“元”，按万元读才相符')
  })
})
