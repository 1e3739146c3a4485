/**
 * Prose labels naming a subject by its path `X（类）Y（款）Z（项）`, as the 情况说明 heads its paragraphs.
 * Expected codes from the 2026 functional classification.
 */
import { describe, expect, it } from 'vitest'
import { findSubjectByPath } from '../../normalizers/normalize-prose-label.ts'

describe('findSubjectByPath', () => {
  it('reads a path printed letter-spaced, its markers with a blank inside (杭州市交通运输局 2026, line 219)', () => {
    // `（10）社会保障和就业支出（类）行政事业单位养老` / `支 出 （款 ） 机 关 事 业 单 位 职 业 年 金 缴 费 支 出 （项 ）`
    const text = '（10）社会保障和就业支出（类）行政事业单位养老支 出 （款 ） 机 关 事 业 单 位 职 业 年 金 缴 费 支 出 （项 ）'
    expect(findSubjectByPath(text, { threePublic: false })?.code).toBe('2080506')
  })

  it('reads the same path printed tight', () => {
    expect(findSubjectByPath('社会保障和就业支出（类）行政事业单位养老支出（款）机关事业单位职业年金缴费支出（项）', { threePublic: false })?.code).toBe('2080506')
  })
})
