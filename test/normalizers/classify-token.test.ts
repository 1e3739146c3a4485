import { describe, expect, it } from 'vitest'
import { classifyToken } from '../../normalizers/classify-token.ts'
import { documentRow } from '../../outputs/tables.ts'
import { runSeed } from '../helpers/documents.ts'
import { runText, seedText } from '../robustness/helpers.ts'

/** The reason of the token `token` in `text`. */
function reasonOf(text: string, token: string, inTable: boolean): string {
  return classifyToken(text, text.indexOf(token), token, inTable)
}

describe('unplaced reasons say what a number is: no catch-all hides an amount', () => {
  it('an amount on a table line no cell took is table-amount, a whole number table-text', () => {
    expect(reasonOf('\t合计\t579.45\t746.9', '579.45', true)).toBe('table-amount')
    expect(reasonOf('\t合计\t1,118\t10', '1,118', true)).toBe('table-amount')
    expect(reasonOf('\t合计\t1,118\t10', '10', true)).toBe('table-text')
    expect(reasonOf('得分 9.5 分', '9.5', true)).toBe('score')
  })

  it('in a table, a percentage or an indicator threshold is indicator, a whole number inside the words of a text cell cell-text', () => {
    // Typed from 广州 绩效目标表 cells: `实施周期指标值：≥90%，年度指标值：≥90%`, `4.黄埔东路3座隧道`, `2、1－产出指标`.
    expect(reasonOf('实施周期指标值：≥90%，年度指标值', '90', true)).toBe('indicator')
    expect(reasonOf('标准导则规划编制适用时限                 >1 年', '1', true)).toBe('indicator')
    expect(reasonOf('\t合计\t579.45\t746.9\t747.6\t10\t100%', '100', true)).toBe('indicator')
    expect(reasonOf('确保路面整洁；4.黄埔东路3座隧道', '3', true)).toBe('cell-text')
    expect(reasonOf('值：是；2、1－产出指标', '1', true)).toBe('cell-text')
    expect(reasonOf('6次，年度指标值：≥6次', '6', true)).toBe('cell-text')
    // `1.4－成本指标，41－经济成本指标` (gz-69435bae's 绩效目标表): a list's item number before a dash and words, not an amount.
    expect(reasonOf('    1.4－成本指标，41－经济成本指标，项目支出成本控', '1.4', true)).toBe('cell-text')
    expect(reasonOf('\t合计\t1.4\t－', '1.4', true)).toBe('table-amount')
    // A size glued to its unit or to `×` (bj-ff39f6c0's 收费标准 `沥青砼 15cm`, `49.5×20×10 缘石`; gz `7*24小时`, `1248.50KW`).
    expect(reasonOf('沥青砼 15cm+水稳 18cm', '15', true)).toBe('cell-text')
    expect(reasonOf('  49.5×20×10 缘石  ', '49.5', true)).toBe('cell-text')
    expect(reasonOf('  49.5×20×10 缘石  ', '20', true)).toBe('cell-text')
    expect(reasonOf('信息系统7*24小时不间断', '24', true)).toBe('cell-text')
    expect(reasonOf('负荷达1248.50KW增加', '1248.50', true)).toBe('cell-text')
    // A whole number standing alone in its cell stays table-text: it may be a figure no reader took.
    expect(reasonOf('\t合计\t1,118\t10', '10', true)).toBe('table-text')
    expect(reasonOf('人数        12        15', '12', true)).toBe('table-text')
    // An amount inside a sentence stays an amount.
    expect(reasonOf('资金12.50万元用于', '12.50', true)).toBe('table-amount')
  })

  it('in the prose: money and percentages by their unit, an amount without one prose-amount, a whole number prose-number', () => {
    expect(reasonOf('支出 56,831.85，', '56,831.85', false)).toBe('prose-amount')
    expect(reasonOf('支出 56.85 万元', '56.85', false)).toBe('prose-money')
    expect(reasonOf('共 12 项', '12', false)).toBe('prose-number')
    // A date printed with points is a date.
    expect(reasonOf('于 2020.12.31 前', '2020.12', false)).toBe('date')
  })

  it('002 and 003: the 35 amounts of their 绩效自评表 are table-amount, counted in documents.unplaced_amounts', () => {
    const doc002 = runSeed('002')
    expect(doc002.unplaced.filter((entry) => entry.reason === 'table-amount').map((entry) => `${entry.line}:${entry.column} ${entry.raw}`).slice(0, 4)).toEqual([
      '618:5 579.45',
      '618:12 746.9',
      '618:18 747.6',
      '619:12 579.45',
    ])
    expect(documentRow(doc002)).toMatchObject({ unplaced: 383, unplaced_amounts: 8 })
    const doc003 = runSeed('003')
    // 5 table-amount (275.4 234.4 239.6 / 275.4 234.4 on lines 523–524) and 22 percentages (`100.0%`, `102.3%`: indicator),
    // all 27 amounts, and the 8 figures without a row label of its 财政拨款收入支出决算总表.
    expect(doc003.unplaced.filter((entry) => entry.reason === 'table-amount')).toHaveLength(5)
    expect(doc003.unplaced.filter((entry) => entry.reason === 'indicator').map((entry) => entry.raw)).toContain('102.3')
    expect(documentRow(doc003)).toMatchObject({ unplaced: 377, unplaced_amounts: 35 })
    expect(documentRow(runSeed('001'))).toMatchObject({ unplaced_amounts: 0 })
  })

  it('002 with an amount printed without a unit in its prose (changed on purpose): prose-amount, one more unplaced amount', () => {
    const text = seedText('002').replace('本年收入合计746.9万元，', '本年收入合计746.9万元（账面 1,234.56），')
    const doc = runText('002-amount.txt', text)
    const entry = doc.unplaced.find((unplaced) => unplaced.raw === '1,234.56')
    expect(entry).toMatchObject({ reason: 'prose-amount', line: 341 })
    expect(documentRow(doc)).toMatchObject({ unplaced_amounts: 9 })
  })
})
