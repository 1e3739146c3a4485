/**
 * Layout damage, each case made from a seed or corpus document by a small
 * edit of its lines, with the outcome asserted: the same facts where the
 * figures are all there, a positioned message where something is missing or
 * unknown, and never a figure invented.
 */
import { describe, expect, it } from 'vitest'
import { documentRow } from '../../outputs/tables.ts'
import { numberAccount } from '../../pipeline/stages/account-numbers.ts'
import { hasCorpus, oneFact, runFile } from '../helpers/documents.ts'
import { expectAccounting, expectExactProvenance, meaning, meanings, ruleIds, runText, seedText, splitLines } from './helpers.ts'
import type { SourceDocument } from '../../core/document.ts'

const SEED = '002'
const text = seedText(SEED)
const lines = splitLines(text)
const base = runText('base.txt', text)
/** 0-based index of the 支出决算表 title, and of the next table's title. */
const title = lines.indexOf('支出决算表')
const next = lines.indexOf('财政拨款收入支出决算总表', title)
/** 0-based indexes of the data rows of 支出决算表 (a code or 合计 first). */
const dataRows = lines.flatMap((line, index) => (index > title && index < next && /^(\d{3,7}|合计)\t/.test(line) ? [index] : []))
const edit = (change: (lines: string[]) => string[]): string => change([...lines]).join('\n')

describe(`layout damage (from seed ${SEED}, tab rows)`, () => {
  it('has the table the cases edit', () => {
    expect([title, next, dataRows.length]).toEqual([150, 180, 15])
    expect(base.facts.filter((fact) => fact.table_id === 'expenditure_by_function')).toHaveLength(90)
  })

  it('a table split over a page break, with running title, page number and repeated header: the same facts', () => {
    const split = dataRows[5] ?? 0
    const doc = runText(
      'page-break.txt',
      edit((copy) => [
        ...copy.slice(0, split),
        '\f株洲市荷塘区人民政府办公室2020年度部门决算',
        '- 12 -',
        '支出决算表（续）',
        '单位：万元',
        ...copy.slice(title + 7, title + 10),
        ...copy.slice(split),
      ]),
    )
    expect(meanings(doc)).toEqual(meanings(base))
    expect(doc.regions.filter((region) => region.tableId === 'expenditure_by_function')).toHaveLength(1)
    const reasonOf = (line: number, raw: string): string | undefined => doc.unplaced.find((entry) => entry.line === line && entry.raw === raw)?.reason
    expect(reasonOf(split + 2, '12')).toBe('page-number')
    expect(reasonOf(split + 1, '2020')).toBe('year')
    expect(reasonOf(split + 7, '6')).toBe('column-number')
    expect(ruleIds(doc).filter((id) => id !== 'subject-name-mismatch')).toEqual(ruleIds(base).filter((id) => id !== 'subject-name-mismatch'))
    expectExactProvenance(doc)
    expectAccounting(doc)
  })

  it('a row label wrapped onto the next line: the code still decides, the figures stay', () => {
    const row = lines.findIndex((line) => line.startsWith('2010302\t'))
    const cells = (lines[row] ?? '').split('\t')
    const doc = runText('wrapped.txt', edit((copy) => [...copy.slice(0, row), [cells[0], '一般行政管理', ...cells.slice(2)].join('\t'), '事务', ...copy.slice(row + 1)]))
    expect(meanings(doc)).toEqual(meanings(base))
    expect(oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2010302', measure: 'total' }).value).toBe('196900')
  })

  it('a table title with no table under it: reported at the title, nothing invented', () => {
    const doc = runText('title-only.txt', edit((copy) => [...copy.slice(0, title + 5), '', ...copy.slice(next)]))
    expect(doc.facts.filter((fact) => fact.table_id === 'expenditure_by_function')).toEqual([])
    expect(doc.facts).toHaveLength(base.facts.length - 90)
    const message = doc.messages.find((entry) => entry.ruleId === 'unrecognised-header')
    expect(message?.place?.line).toBe(title + 1)
    expect(ruleIds(doc)).not.toContain('missing-table')
  })

  it('a missing table: `missing-table` names it, and no figure of it is made', () => {
    const doc = runText('missing.txt', edit((copy) => [...copy.slice(0, title), ...copy.slice(next)]))
    expect(doc.messages.filter((entry) => entry.ruleId === 'missing-table').map((entry) => entry.expected)).toEqual([['expenditure_by_function']])
    expect(documentRow(doc)).toMatchObject({ tables_found: 8, tables_missing: 'expenditure_by_function' })
    expect(doc.facts.filter((fact) => fact.table_id === 'expenditure_by_function')).toEqual([])
    expectAccounting(doc)
  })

  it('tables outside the nine (机关运行经费支出决算表, 政府采购情况表): their figures are facts of table other, with row label and column path', () => {
    const unknown = [
      '机关运行经费支出决算表',
      '公开 10 表',
      '单位：万元',
      '项目\t本年决算数',
      '机关运行经费合计\t31.78',
      '办公费\t12.50',
      '',
      '政府采购情况表',
      '单位：万元',
      '项目\t采购预算\t实际采购',
      '货物\t20.00\t18.75',
      '',
    ]
    const doc = runText('unknown.txt', edit((copy) => [...copy.slice(0, title), ...unknown, ...copy.slice(title)]))
    const standard = (entry: SourceDocument): string[] => entry.facts.filter((fact) => fact.table_id !== 'other').map(meaning).sort()
    expect(standard(doc)).toEqual(meanings(base))
    const other = doc.facts
      .filter((fact) => fact.table_id === 'other')
      .map((fact) => [fact.line, fact.table_title_raw, fact.label_raw, fact.line_item, fact.column_label, fact.value_raw, fact.value])
    expect(other).toEqual([
      [title + 5, '机关运行经费支出决算表', '机关运行经费合计', 'total', '本年决算数', '31.78', '317800'],
      [title + 6, '机关运行经费支出决算表', '办公费', '', '本年决算数', '12.50', '125000'],
      [title + 11, '政府采购情况表', '货物', '', '采购预算', '20.00', '200000'],
      [title + 11, '政府采购情况表', '货物', '', '实际采购', '18.75', '187500'],
    ])
    expect(doc.unplaced.filter((entry) => entry.line >= title + 1 && entry.line <= title + 12).map((entry) => `${entry.line}:${entry.raw}:${entry.reason}`)).toEqual([`${title + 2}:10:table-number`])
    expect(documentRow(doc).tables_unrecognised).toBe('机关运行经费支出决算表;政府采购情况表')
    // Tables outside the nine share the id `other` and have no known identities: no check looks at them.
    expect(doc.checks.filter((check) => check.table_id === 'other')).toEqual([])
    expectAccounting(doc)
  })

  it('columns reordered (基本支出 and 项目支出 swapped): mapped by their headers, the same facts', () => {
    const swap = (line: string): string => {
      const cells = line.split('\t')
      ;[cells[3], cells[4]] = [cells[4] ?? '', cells[3] ?? '']
      return cells.join('\t')
    }
    // The header and every data row swap; the 栏次 row keeps numbering positions 1 2 3 …
    const reordered = edit((copy) => copy.map((line, index) => (index > title && index < next && line.split('\t').length === 8 && !line.startsWith('栏次') ? swap(line) : line)))
    expect(reordered).toContain('项 目\t\t本年支出 合计\t项目支出\t基本支出\t')
    const doc = runText('reordered.txt', reordered)
    expect(meanings(doc)).toEqual(meanings(base))
    // 基本支出 of 行政运行 is now the fifth cell of its line.
    const fact = oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2010301', measure: 'basic' })
    const row = doc.lines[fact.line - 1] ?? ''
    expect([fact.value, fact.column]).toEqual(['6056100', row.split('\t').slice(0, 4).join('\t').length + 2])
    expectExactProvenance(doc)
  })

  it('a column added (其他支出, not a measure of the table): the same facts, its numbers unplaced as unmapped-column', () => {
    const header = lines.findIndex((line, index) => index > title && line.startsWith('项 目\t'))
    const added = edit((copy) => copy.map((line, index) => (index === header ? `${line}\t其他支出` : dataRows.includes(index) ? `${line}\t1.50` : line)))
    const doc = runText('added.txt', added)
    expect(meanings(doc)).toEqual(meanings(base))
    const extra = doc.unplaced.filter((entry) => entry.raw === '1.50')
    expect(extra.map((entry) => entry.reason)).toEqual(Array(dataRows.length).fill('unmapped-column'))
    expectAccounting(doc)
  })

  it('a 决算 whose unit lines say 元: values are yuan as printed', () => {
    const doc = runText('yuan.txt', text.replace(/单位：万元/g, '单位：元'))
    const tableFacts = doc.facts.filter((fact) => fact.origin === 'table')
    expect(tableFacts).toHaveLength(base.facts.filter((fact) => fact.origin === 'table').length)
    for (const fact of tableFacts) {
      expect(fact.unit_raw).toBe('元')
      expect(fact.value, fact.value_raw).toBe(fact.value_raw.replace(/,/g, '').replace(/\.?0+$/, '').replace(/^$/, '0') || '0')
    }
    expect(oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2010301', measure: 'total' }).value).toBe('605.61')
  })
})

describe('layout damage in a Word export (seed 000): a page break inside a table', () => {
  const word = seedText('000')
  const wordLines = splitLines(word)
  it('keeps every figure', () => {
    const at = wordLines.indexOf('\t2010301', wordLines.indexOf('支出决算表'))
    const doc = runText('word-page-break.txt', [...wordLines.slice(0, at - 1), '', '\f- 9 -', '', '支出决算表（续）', '单位：万元', '', ...wordLines.slice(at - 1)].join('\n'))
    expect(meanings(doc)).toEqual(meanings(runText('000.txt', word)))
    expect(doc.unplaced.find((entry) => entry.line === at + 1)?.reason).toBe('page-number')
  })
})

describe.skipIf(!hasCorpus())('layout of a real pdftotext -layout document (corpus)', () => {
  it('a row label wrapped above and below its code line is joined', () => {
    const doc = runFile('../shared/corpus/shanghai-putuo-social-work-dept-2024-final.layout.txt')
    // `其他社会工作` above the code line, `事务支出` below it.
    const wrapped = doc.facts.filter((fact) => fact.origin === 'table' && fact.subject_code === '2013999' && !(doc.lines[fact.line - 1] ?? '').includes('其他社会工作事务支出'))
    expect(wrapped.length).toBeGreaterThan(0)
    for (const fact of wrapped) {
      expect(fact.label_raw).toBe('其他社会工作事务支出')
      expect(doc.lines[fact.line - 2]?.trim()).toBe('其他社会工作')
      expect(doc.lines[fact.line]?.trim()).toBe('事务支出')
    }
    expect(wrapped.map((fact) => `${fact.table_id}|${fact.measure}|${fact.value}`)).toContain('general_budget_expenditure|project|2022400')
    expect(numberAccount(doc).tokens).toBe(doc.facts.length - numberAccount(doc).markerFacts + doc.unplaced.length)
  })
})
