/**
 * Which columns a later page's figure cluster may stand in when the first
 * page showed its column only beside a neighbour's. Positions typed from
 * yt-27ae8074's 收入总体情况表 (公开表2): PDF page 10 prints 合计's 41,966.15 at x 59–68,
 * 3,806.19 (政府性基金) at 71–79 and 59.95 (国有资本经营) at 83–88, the last two on
 * that row only; page 12's 59.95 stands at 68–73, its 8,715.59 at 55–63.
 */
import { describe, expect, it } from 'vitest'
import { besideChoices } from '../../../extractors/space-aligned/columns.ts'
import type { Cluster, Column } from '../../../extractors/space-aligned/columns.ts'
import type { Token } from '../../../extractors/space-aligned/tokens.ts'

const column = (start: number, end: number, fill: number): Column => ({ kind: 'value', start, end, fill, headers: [], pair: [] })
const amount = (text: string, line: number, x: number): Token => ({ text, line, offset: x, x, end: x + text.length, kind: 'amount', cut: false })
const cluster = (...tokens: Token[]): Cluster => ({ kind: 'value', start: Math.min(...tokens.map((t) => t.x)), end: Math.max(...tokens.map((t) => t.end)), tokens })

// 一般公共预算 (289, 296, 298 …), 政府性基金 and 国有资本经营 (289 only).
const COLUMNS = [column(59, 68, 3), column(71, 79, 1), column(83, 88, 1)]
const LINES = new Map<number, Set<number>>([
  [0, new Set([289, 296, 298])],
  [1, new Set([289])],
  [2, new Set([289])],
])

describe('besideChoices', () => {
  it('gives a cluster mapped onto 政府性基金 国有资本经营 too, when no figure of the page stands there', () => {
    const general = cluster(amount('8,715.59', 396, 55))
    const capital = cluster(amount('59.95', 410, 68), amount('11.69', 415, 68))
    const mapping = new Map([
      [general, 0],
      [capital, 1],
    ])
    expect([...besideChoices([general, capital], COLUMNS, mapping, LINES).values()]).toEqual([[1, 2]])
  })

  it('gives none when the page maps a cluster onto each neighbour as well', () => {
    const general = cluster(amount('8,768.78', 349, 59))
    const fund = cluster(amount('3,806.19', 349, 70))
    const capital = cluster(amount('59.95', 410, 82))
    const mapping = new Map([
      [general, 0],
      [fund, 1],
      [capital, 2],
    ])
    expect(besideChoices([general, fund, capital], COLUMNS, mapping, LINES).size).toBe(0)
  })

  it('gives none between columns each seen on rows of its own', () => {
    const lines = new Map<number, Set<number>>([
      [0, new Set([289, 296])],
      [1, new Set([289, 298])],
      [2, new Set([289, 300])],
    ])
    const fund = cluster(amount('59.95', 410, 68))
    expect(besideChoices([fund], COLUMNS, new Map([[fund, 1]]), lines).size).toBe(0)
  })

  it('gives none between columns each shown by several figures, on the same rows (人员经费 and 公用经费 of one 款)', () => {
    const lines = new Map<number, Set<number>>([
      [0, new Set([289, 296, 298])],
      [1, new Set([296, 298])],
      [2, new Set([296, 298])],
    ])
    const personnel = cluster(amount('8,967.92', 410, 68))
    expect(besideChoices([personnel], COLUMNS, new Map([[personnel, 1]]), lines).size).toBe(0)
  })
})
