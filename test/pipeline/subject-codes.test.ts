/**
 * Subject codes in a standard table: a well-formed code printed with a name
 * is a subject whether the dictionary has it or not; only a malformed code
 * or a name that contradicts the dictionary is a message. Each case edits
 * one row of seed 002's 支出决算表 (tab rows).
 */
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hasCorpus, oneFact, runFile } from '../helpers/documents.ts'
import { runText, seedText, splitLines } from '../robustness/helpers.ts'
import { subjectNamesOf } from '../../outputs/subjects.ts'

const lines = splitLines(seedText('002'))
/** 1-based line of the 支出决算表 row of a code (the table after its title). */
const rowLine = (code: string): number => lines.findIndex((line, index) => index > lines.indexOf('支出决算表') && line.startsWith(`${code}\t`)) + 1
/** Seed 002 with the cells of one 支出决算表 row replaced before its figures. */
const withRow = (code: string, ...cells: string[]): string => {
  const index = rowLine(code) - 1
  const copy = [...lines]
  copy[index] = [...cells, ...(copy[index] ?? '').split('\t').slice(2)].join('\t')
  return copy.join('\n')
}
const subjectMessages = (doc: ReturnType<typeof runText>) => doc.messages.filter((message) => /subject/.test(message.ruleId))

describe('subject codes of a standard table', () => {
  const line = rowLine('2010302')

  it('has the row the cases edit: 2010302 一般行政管理事 务 19.69 on line 165, no subject message', () => {
    const base = runText('base.txt', seedText('002'))
    expect(line).toBe(165)
    expect(oneFact(base, { table_id: 'expenditure_by_function', subject_code: '2010302', measure: 'total' })).toMatchObject({ value_raw: '19.69', line })
    expect(subjectMessages(base)).toEqual([])
  })

  it('a code the dictionary lacks, printed with its name, is a subject: no unknown-subject-code, the printed name, level and parent from the code', () => {
    // 2013304 宣传管理, as cq-a63e312b.layout.txt:164 prints it (the dictionary has no 20133 items).
    const doc = runText('unknown-code.txt', withRow('2010302', '2013304', '宣传 管理'))
    expect(subjectMessages(doc)).toEqual([])
    expect(oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2013304', measure: 'total' })).toMatchObject({
      subject_system: 'functional',
      subject_name: '宣传管理',
      label_raw: '宣传 管理',
      value_raw: '19.69',
    })
    expect(subjectNamesOf(doc).filter((entry) => entry.code === '2013304')).toEqual([
      { code: '2013304', key: '宣传管理', name: '宣传管理', docId: 'unknown-code', path: 'unknown-code.txt', line },
    ])
  })

  it('a name that contradicts the dictionary is still a subject-name-mismatch, and no variant of the code', () => {
    const doc = runText('mismatch.txt', withRow('2010302', '2010302', '行政运行'))
    expect(subjectMessages(doc).map(({ ruleId, actual, expected, place }) => ({ ruleId, actual, expected, line: place?.line }))).toEqual([
      { ruleId: 'subject-name-mismatch', actual: '行政运行', expected: ['一般行政管理事务'], line },
    ])
    expect(oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2010302', measure: 'total' }).subject_name).toBe('一般行政管理事务')
    // The other tables print 2010302 as 一般行政管理事务: that variant stays, 行政运行 is none.
    expect(subjectNamesOf(doc).filter((entry) => entry.code === '2010302').map((entry) => entry.key)).toEqual(['一般行政管理事务'])
  })

  it('a malformed code is a warning at its place', () => {
    const doc = runText('malformed.txt', withRow('2010302', '4010302', '一般行政管理事务'))
    expect(subjectMessages(doc).map(({ ruleId, severity, actual, place }) => ({ ruleId, severity, actual, place }))).toEqual([
      { ruleId: 'malformed-subject-code', severity: 'warning', actual: '4010302', place: { line, column: 1, endLine: line, endColumn: 8 } },
    ])
    expect(subjectNamesOf(doc).some((entry) => entry.code === '4010302')).toBe(false)
  })

  it('a code the dictionary lacks, printed without a name, is an info message only', () => {
    const doc = runText('nameless.txt', withRow('2010302', '2013304', ''))
    expect(subjectMessages(doc).map(({ ruleId, severity }) => ({ ruleId, severity }))).toEqual([{ ruleId: 'unknown-subject-code', severity: 'info' }])
    expect(oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2013304', measure: 'total' })).toMatchObject({ subject_system: 'functional', subject_name: '' })
  })
})

describe.skipIf(!hasCorpus())('subject codes the real documents print (../shared/corpus)', () => {
  it('gz-e85c59bd: 21201 城乡社区管理事务 (not in the dictionary) on line 354, from its 部门支出总表 (expenditure_by_function)', () => {
    const doc = runFile(join('..', 'shared', 'corpus', 'real', 'gz-e85c59bd.layout.txt'))
    expect(doc.regions.find((region) => region.titleLine < 354 && region.endLine > 354)?.tableId).toBe('expenditure_by_function')
    const names = subjectNamesOf(doc)
    expect(names.find((entry) => entry.code === '21201')).toMatchObject({ name: '城乡社区管理事务', line: 354, docId: 'gz-e85c59bd.layout' })
    // A dictionary code is noted with the name as printed there: 2080506 on line 336, its name wrapped around it (335, 337).
    expect(names.find((entry) => entry.code === '2080506')).toMatchObject({ name: '机关事业单位职业年金缴费支出', line: 336 })
    expect(doc.messages.filter((message) => /subject/.test(message.ruleId))).toEqual([])
  })

  it('yt-2d85c703: 503 机关资本性支出 (政府预算支出经济分类) on line 546, beside 310 资本性支出', () => {
    const doc = runFile(join('..', 'shared', 'corpus', 'real', 'yt-2d85c703.layout.txt'))
    const names = subjectNamesOf(doc)
    expect(names.find((entry) => entry.code === '503')).toMatchObject({ name: '机关资本性支出', line: 546 })
    expect(names.find((entry) => entry.code === '310')).toMatchObject({ name: '资本性支出', line: 546 })
  })

  it('the Shanghai 决算 prints no subject message: every code with its name', () => {
    const doc = runFile(join('..', 'shared', 'corpus', 'shanghai-putuo-social-work-dept-2024-final.layout.txt'))
    expect(doc.messages.filter((message) => /subject/.test(message.ruleId))).toEqual([])
    expect(subjectNamesOf(doc).find((entry) => entry.code === '2013901')).toMatchObject({ name: '行政运行', line: 134 })
  })
})
