/**
 * Prose labels naming a subject by its path `X（类）Y（款）Z（项）`, as the 情况说明 heads its paragraphs.
 * Expected codes from the 2026 functional classification.
 */
import { describe, expect, it } from 'vitest'
import { extractProseLabel, findSubjectByPath, normalizeProseLabel } from '../../normalizers/normalize-prose-label.ts'

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

describe('extractProseLabel', () => {
  it('keeps a subject path whole when its names hold 安排 and 的 (杭州市交通运输局 2026, lines 341–343)', () => {
    // `（3）其他支出（类）其他政府性基金及对应专项债务` / `收入安排的支出（款）其他政府性基金安排的支出（项）` / `预算为 10,493.00 万元`
    const lead = '（3）其他支出（类）其他政府性基金及对应专项债务\n收入安排的支出（款）其他政府性基金安排的支出（项）\n预算为 '
    const cue = lead.replace(/\s/g, '').indexOf('预算为')
    const label = extractProseLabel(lead, { cue: { measure: 'budget', cue: '预算为', start: cue, end: cue + 3 } })
    expect(label.label).toBe('其他支出其他政府性基金及对应专项债务收入安排的支出其他政府性基金安排的支出')
    // Not the summary's 支出 (本年支出合计 665964.37): a 项 is no line item.
    expect(normalizeProseLabel(label.raw, label.label, { threePublic: false })?.kind).not.toBe('line_item')
  })

  it('still cuts at a connector before the path (`主要用于` …)', () => {
    const label = extractProseLabel('主要用于交通运输支出（类）超长期特别国债安排的支出（款）公路水路运输（项）')
    expect(label.label).toBe('交通运输支出超长期特别国债安排的支出公路水路运输')
  })

  it('still cuts at the last 的 of a phrase that is no path', () => {
    expect(extractProseLabel('本部门的公务接待费').label).toBe('公务接待费')
  })
})
