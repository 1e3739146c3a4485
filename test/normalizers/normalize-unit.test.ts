import { describe, expect, it } from 'vitest'
import { runText, seedText } from '../robustness/helpers.ts'
import { oneFact } from '../helpers/documents.ts'
import { appliedUnit, unitAssumptions } from '../../normalizers/normalize-unit.ts'
import { inspectDocument } from '../../runtime/commands/inspect.ts'
import { reportPart } from '../../outputs/writers/write-report.ts'
import { checkHierarchy } from '../../pipeline/checks/hierarchy.ts'

const seed = seedText('002')
const lines = seed.split('\n')
/** Line index of 002's 收入决算表 unit line (`单位：万元`, line 126). */
const incomeUnit = lines.findIndex((line, index) => index > lines.indexOf('收入决算表') && line === '单位：万元')
const withLine = (index: number, replacement: string | undefined): string =>
  lines.flatMap((line, at) => (at === index ? (replacement === undefined ? [] : [replacement]) : [line])).join('\n')
const incomeTotal = { table_id: 'income_by_function', line_item: 'total', measure: 'total' } as const

describe('units: unit_raw is only what is printed, unit_basis says where the applied unit came from', () => {
  it('002 as printed: every table and prose money figure prints its unit', () => {
    const doc = runText('002.txt', seed)
    expect(incomeUnit).toBe(125)
    expect(oneFact(doc, incomeTotal)).toMatchObject({ value: '7469000', value_raw: '746.90', unit_raw: '万元', unit_basis: 'printed' })
    expect(doc.facts.filter((fact) => fact.unit_basis !== 'printed')).toEqual([])
  })

  it('002 without the 收入决算表 unit line: unit_raw empty, read in 万元 as every other table prints (document)', () => {
    const doc = runText('002-no-unit.txt', withLine(incomeUnit, ''))
    expect(oneFact(doc, incomeTotal)).toMatchObject({ value: '7469000', value_raw: '746.90', unit_raw: '', unit_basis: 'document' })
    expect(oneFact(doc, { table_id: 'expenditure_by_function', line_item: 'total', measure: 'total' })).toMatchObject({ unit_raw: '万元', unit_basis: 'printed' })
    const message = doc.messages.find((entry) => entry.ruleId === 'missing-unit')
    expect(message).toMatchObject({ severity: 'warning', place: { line: 122 }, expected: ['万元'] })
    expect(message?.reason).toBe('Missing unit line in `收入决算表`: read in `万元`, as every table of the document that prints a unit prints `万元` (unit_basis document)')
    expect(unitAssumptions(doc.facts)).toEqual([{ title: '收入决算表', tableId: 'income_by_function', basis: 'document', unit: '万元', facts: 105, line: 133 }])
  })

  it('002 whose tables all print 元 but the 收入决算表: that one is read in 元 too (document), checks tolerate 0.005 yuan per figure', () => {
    const yuan = withLine(incomeUnit, '').replace(/单位：万元/g, '单位：元')
    const doc = runText('002-yuan.txt', yuan)
    const total = oneFact(doc, incomeTotal)
    expect(total).toMatchObject({ value: '746.9', unit_raw: '', unit_basis: 'document' })
    expect(appliedUnit(total)).toBe('元')
    const zero = oneFact(doc, { ...incomeTotal, measure: 'superior_subsidy' })
    expect(zero).toMatchObject({ value: '0', unit_raw: '' })
    // 20103 = 2010301 + 2010302: three figures of two decimals in 元.
    const row = checkHierarchy(doc.facts).find((check) => check.table_id === 'income_by_function' && check.subject_code === '20103' && check.measure === 'total')
    expect(row).toMatchObject({ status: 'pass', tolerance: '0.015' })
  })

  it('002 without any unit line: read in 万元 by default, listed as an assumption by inspect and the report', () => {
    const doc = runText('002-none.txt', seed.replace(/单位：万元\n/g, '\n'))
    expect(oneFact(doc, incomeTotal)).toMatchObject({ value: '7469000', unit_raw: '', unit_basis: 'default' })
    expect(doc.facts.filter((fact) => fact.origin === 'table' && fact.unit_basis !== 'default')).toEqual([])
    expect(doc.facts.filter((fact) => fact.origin === 'prose' && fact.unit_basis !== 'printed')).toEqual([])
    // One missing-unit per table found. Known gap: without any unit line the 三公 table (公开 07 表) of 002 is no longer found (8 of 9), see the closing note of session 4.
    expect(doc.messages.filter((entry) => entry.ruleId === 'missing-unit')).toHaveLength(doc.regions.length)
    expect(doc.regions.length).toBe(8)
    const inspected = inspectDocument(doc)
    expect(inspected).toContain('assumption: 105 figure(s) of `收入决算表` (line 133) read in 万元, not printed with the table (unit_basis default: the document states no unit)')
    const section = reportPart(doc).section
    expect(section).toContain('推定 Assumption: 收入决算表 未印金额单位，105 个数值按万元换算（文档未说明单位，默认万元）')
  })

  it('002 with 单位：千美元 on the 收入决算表: no facts of it, its 105 figures unplaced unknown-unit, an error message', () => {
    const doc = runText('002-usd.txt', withLine(incomeUnit, '单位：千美元'))
    expect(doc.facts.filter((fact) => fact.table_id === 'income_by_function')).toEqual([])
    const unknown = doc.unplaced.filter((entry) => entry.reason === 'unknown-unit')
    expect(unknown).toHaveLength(105)
    expect(unknown[0]).toMatchObject({ table_id: 'income_by_function', line: 133, raw: '746.90' })
    const message = doc.messages.find((entry) => entry.ruleId === 'unexpected-unit')
    expect(message).toMatchObject({ severity: 'error', actual: '千美元', place: { line: 126, column: 4, endColumn: 7 } })
    // The other tables are read as before.
    expect(oneFact(doc, { table_id: 'expenditure_by_function', line_item: 'total', measure: 'total' }).value).toBe('7476000')
  })

  it('an organisation after 单位： is no unit', () => {
    const doc = runText('002-org.txt', withLine(incomeUnit, '单位：株洲市荷塘区人民政府办公室'))
    expect(oneFact(doc, incomeTotal)).toMatchObject({ value: '7469000', unit_basis: 'document' })
    expect(doc.messages.filter((entry) => entry.ruleId === 'unexpected-unit')).toEqual([])
  })
})
