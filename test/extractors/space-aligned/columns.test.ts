/**
 * Clustering the figures of a page into columns (extractors/space-aligned/columns.ts). Positions as
 * pdftotext printed a page of 重庆市商务委员会's 2026 收入总体情况表 (cq-5c6aea1e lines 400–418), each amount a
 * staircase of pieces (`41,534` / `.73`); the clusters expected are read off that layout by hand.
 */
import { describe, expect, it } from 'vitest'
import { clusterTokens } from '../../../extractors/space-aligned/columns.ts'
import type { Token } from '../../../extractors/space-aligned/tokens.ts'

/** An amount at `x` on `line`, its decimals on the line below when `wrapped`. */
function amount(text: string, line: number, x: number, wrapped: boolean): Token {
  const end = x + text.length
  const token: Token = { text, line, offset: x, x, end, kind: 'amount', cut: false }
  if (!wrapped) return token
  const decimals = text.slice(text.indexOf('.'))
  return { ...token, wrap: [{ text: decimals, line: line + 1, offset: end - decimals.length, x: end - decimals.length, end, kind: 'amount', cut: false }] }
}

/** The figures of the page: 总计, 一般公共预算, 政府性基金 (215 ending at 60, 21598 and 2159802 at 63), 财政专户. */
function page(wrapped: boolean): Token[] {
  return [
    amount('41,772.73', 400, 35, wrapped),
    amount('238.00', 401, 46, wrapped),
    amount('41,534.73', 402, 51, wrapped),
    amount('238.00', 405, 37, wrapped),
    amount('238.00', 406, 46, wrapped),
    amount('41,534.73', 413, 35, wrapped),
    amount('41,534.73', 414, 54, wrapped),
    amount('41,534.73', 417, 35, wrapped),
    amount('41,534.73', 418, 54, wrapped),
    amount('229.02', 371, 65, wrapped),
    amount('58.42', 389, 66, wrapped),
  ]
}

const columnsOf = (tokens: Token[]) =>
  clusterTokens(tokens).map((cluster) => cluster.tokens.map((token) => `${token.line}`).sort().join(' '))

describe('clusterTokens: a staircase page', () => {
  it('puts wrapped figures of one column, a few columns apart on rows of their own, in one cluster', () => {
    expect(columnsOf(page(true))).toEqual(['400 405 413 417', '401 406', '402 414 418', '371 389'])
  })
  it('keeps whole figures that far apart, with columns as close around, in clusters of their own', () => {
    expect(columnsOf(page(false))).toEqual(['400 405 413 417', '401 406', '402', '414 418', '371 389'])
  })
})
