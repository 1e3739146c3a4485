import { describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { numberAccount } from '../../../pipeline/stages/account-numbers.ts'
import { classifyToken } from '../../../normalizers/classify-token.ts'
import { CORPUS, hasCorpus, runFile, runSeed, seedNames } from '../../helpers/documents.ts'

describe('every numeric token is accounted for', () => {
  it('tokens = facts with digits + unplaced, for every seed and corpus document', () => {
    const files = seedNames().map((name) => `seeds/${name}`)
    if (hasCorpus()) files.push(...readdirSync(CORPUS).filter((name) => name.endsWith('.layout.txt')).map((name) => `../shared/corpus/${name}`))
    for (const file of files) {
      const doc = runFile(file)
      const account = numberAccount(doc)
      expect(account.tokens, file).toBeGreaterThan(100)
      expect(account.tokens, file).toBe(doc.facts.length - account.markerFacts + doc.unplaced.length)
      const places = doc.unplaced.map((entry) => `${entry.line}:${entry.column}`)
      expect(new Set(places).size, `${file}: a number is unplaced twice`).toBe(places.length)
    }
  })

  it('gives the reason a number is not a figure', () => {
    const doc = runSeed('003')
    const reasonAt = (line: number, raw: string): string | undefined => doc.unplaced.find((entry) => entry.line === line && entry.raw === raw)?.reason
    expect(reasonAt(62, '2010')).toBe('document-number')
    expect(reasonAt(62, '297')).toBe('document-number')
    expect(reasonAt(80, '01')).toBe('table-number')
    expect(reasonAt(91, '1')).toBe('row-number')
    expect(reasonAt(121, '7')).toBe('column-number')
    expect(reasonAt(123, '201')).toBe('subject-code')
    expect(classifyToken('截止2020年12月31日', 2, '2020', false)).toBe('year')
    expect(classifyToken('截止2020年12月31日', 7, '12', false)).toBe('date')
    expect(classifyToken('（三）', 1, '三', false)).toBe('ordinal')
    expect(classifyToken('分值4分，得分4分', 2, '4', false)).toBe('score')
    // Table numbers and page furniture inside a table region (cq, sz, hz, yt).
    expect(classifyToken('表5', 1, '5', true)).toBe('table-number')
    expect(classifyToken('公开表12', 3, '12', true)).toBe('table-number')
    expect(classifyToken('表 10', 2, '10', true)).toBe('table-number')
    expect(classifyToken('表1：2026年市级部门收支预算总表', 1, '1', true)).toBe('table-number')
    expect(classifyToken('（详见表 5）', 5, '5', false)).not.toBe('table-number')
    expect(classifyToken('                               — 1 0 —', 35, '0', true)).toBe('page-number')
  })
})
