import { describe, expect, it } from 'vitest'
import type { Fact } from '../../../core/types.ts'
import { checkRowIdentities } from '../../../pipeline/checks/row-identities.ts'
import type { CheckDocument } from '../../../pipeline/checks/check-helpers.ts'
import type { CheckRow } from '../../../core/types.ts'
import { runSeed } from '../../helpers/documents.ts'
import { makeFact } from '../../helpers/facts.ts'


/** The row checking one total. */
function rowFor(rows: CheckRow[], where: Partial<CheckRow>): CheckRow {
  const found = rows.filter((entry) => Object.entries(where).every(([key, value]) => entry[key as keyof CheckRow] === value))
  if (found.length !== 1) throw new Error(`Expected one check row for ${JSON.stringify(where)}, found ${found.length}`)
  return found[0] as CheckRow
}

/** A cell of the 三公 row. */
function threePublic(measure: string, raw: string): Fact {
  return makeFact({ table_id: 'three_public_expenses', side: 'expenditure', measure, measure_raw: measure, value_raw: raw })
}

describe('row identities on hand-made facts', () => {
  it('fails a 支出决算表 row whose 合计 is not 基本支出 + 项目支出', () => {
    const cell = (measure: string, raw: string) =>
      makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', subject_system: 'functional', subject_code: '20103', measure, measure_raw: measure, value_raw: raw })
    const total = cell('total', '100.00')
    const rows = checkRowIdentities([total, cell('basic', '60.00'), cell('project', '30.00')])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ rule: 'row-identity', severity: 'error', status: 'fail', subject_code: '20103', measure: 'total', actual: '1000000', expected: '900000', difference: '100000' })
    expect(rows[0]?.message).toContain('sum of basic + project + remit_to_superior + operating + subsidy_to_affiliates + reserve')
    expect(rows[0]?.message).toContain(`total at ${total.line}:5, basic at`)
  })

  it('counts 单位预留机动经费 in a 支出预算总表 合计 (江苏: 27,664.22 = 11,700.63 + 13,025.38 + 2,938.21)', () => {
    const cell = (measure: string, raw: string) => makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', line_item: 'total', measure, measure_raw: measure, value_raw: raw })
    const rows = checkRowIdentities([cell('total', '27,664.22'), cell('basic', '11,700.63'), cell('project', '13,025.38'), cell('reserve', '2,938.21')])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ status: 'pass', expected: '276642200' })
  })

  it('counts missing components as 0 only when the row prints one of them', () => {
    const lone = makeFact({ table_id: 'general_budget_expenditure', side: 'expenditure', subject_code: '201', measure: 'total', value_raw: '5.00' })
    expect(checkRowIdentities([lone])).toEqual([])
    const withProject = makeFact({ table_id: 'general_budget_expenditure', side: 'expenditure', subject_code: '201', measure: 'project', value_raw: '5.00' })
    expect(checkRowIdentities([lone, withProject])[0]).toMatchObject({ status: 'pass', expected: '50000' })
  })

  it('checks the “三公” blocks, a blank 小计 counting as its 购置费 + 运行费', () => {
    const rows = checkRowIdentities([
      threePublic('actual_total', '17.57'),
      threePublic('actual_vehicle_operation', '9.23'),
      threePublic('actual_official_reception', '8.34'),
      threePublic('budget_total', '40.00'),
      threePublic('budget_vehicles_total', '18.00'),
      threePublic('budget_vehicle_purchase', '1.00'),
      threePublic('budget_vehicle_operation', '18.00'),
      threePublic('budget_official_reception', '18.00'),
    ])
    const actual = rowFor(rows, { measure: 'actual_total' })
    expect(actual).toMatchObject({ status: 'pass', expected: '175700' })
    expect(actual.message).toContain('actual_vehicles_total blank: its parts counted instead')
    expect(rowFor(rows, { measure: 'budget_total' })).toMatchObject({ status: 'fail', severity: 'error', difference: '40000' })
    expect(rowFor(rows, { measure: 'budget_vehicles_total' })).toMatchObject({ status: 'fail', severity: 'error', difference: '-10000' })
  })

  it('counts the 上年结余、结转 column in a 收入总计, not in a 本年收入合计 (深圳 收入总表)', () => {
    // sz-08cc7487 收入总表: 收入总计 388,763.56 = 一般公共预算拨款 384,396.78 + 政府性基金预算拨款 4,165.00 + 上年结余、结转 201.78.
    const cell = (measure: string, raw: string, label: string) =>
      makeFact({ table_id: 'income_by_function', side: 'income', label_raw: '深圳市交通运输局（本级）', measure, measure_raw: label, column_label: label, value_raw: raw })
    const parts = [cell('general_budget', '384,396.78', '一般公共预算拨款'), cell('government_fund', '4,165.00', '政府性基金预算拨款'), cell('opening_balance', '201.78', '上年结余、结转')]
    expect(checkRowIdentities([cell('total', '388,763.56', '收入总计'), ...parts])[0]).toMatchObject({ status: 'pass', expected: '3887635600' })
    expect(checkRowIdentities([cell('total', '388,561.78', '本年收入合计'), ...parts])[0]).toMatchObject({ status: 'pass', expected: '3885617800' })
  })

  it('checks 人员经费合计 = 301 + 303 and 公用经费合计 = 302 + 307 + 310 + 399', () => {
    const basic = (fields: Partial<Fact>, raw: string) =>
      makeFact({ table_id: 'general_budget_basic_expenditure', side: 'expenditure', measure: 'amount', value_raw: raw, ...fields })
    const rows = checkRowIdentities([
      basic({ subject_system: 'economic', subject_code: '301' }, '10.00'),
      basic({ subject_system: 'economic', subject_code: '303' }, '2.00'),
      basic({ subject_system: 'economic', subject_code: '302' }, '3.00'),
      basic({ subject_system: 'economic', subject_code: '310' }, '1.00'),
      basic({ line_item: 'personnel_total', label_raw: '人员经费合计' }, '12.00'),
      basic({ line_item: 'public_total', label_raw: '公用经费合计' }, '3.00'),
    ])
    expect(rowFor(rows, { line_item: 'personnel_total' })).toMatchObject({ status: 'pass', expected: '120000' })
    expect(rowFor(rows, { line_item: 'public_total' })).toMatchObject({ status: 'fail', severity: 'error', expected: '40000', difference: '-10000' })
  })
})

describe('row identities of rows that print no code', () => {
  /** A cell of a row named without a code, at a line and column of its own choosing. */
  const cell = (table: Fact['table_id'], label: string, line: number, column: number, measure: string, raw: string) =>
    makeFact({ table_id: table, side: 'expenditure', label_raw: label, line, end_line: line, column, measure, measure_raw: measure, value_raw: raw })

  it('checks each economic class named without its code on its own (杭州 表6: 工资福利支出, 商品和服务支出)', () => {
    const rows = checkRowIdentities([
      cell('general_budget_basic_expenditure', '工资福利支出', 488, 30, 'total', '2,709.90'),
      cell('general_budget_basic_expenditure', '工资福利支出', 488, 43, 'personnel', '2,709.90'),
      cell('general_budget_basic_expenditure', '商品和服务支出', 500, 30, 'total', '760.37'),
      cell('general_budget_basic_expenditure', '商品和服务支出', 500, 58, 'public', '760.37'),
    ])
    expect(rows.map((row) => [row.actual, row.status, row.expected])).toEqual([
      ['27099000', 'pass', '27099000'],
      ['7603700', 'pass', '7603700'],
    ])
    expect(new Set(rows.map((row) => row.check_id)).size).toBe(2)
  })

  it('reads a “三公” table of one item a line as one row', () => {
    const rows = checkRowIdentities([
      cell('three_public_expenses', '“三公”经费', 456, 45, 'budget_total', '44.94'),
      cell('three_public_expenses', '（一）因公出国（境）支出', 457, 45, 'budget_overseas_travel', '24.00'),
      cell('three_public_expenses', '（二）公务用车购置及运行维护支出', 458, 45, 'budget_vehicles_total', '12.64'),
      cell('three_public_expenses', '（三）公务接待费', 461, 45, 'budget_official_reception', '8.30'),
    ])
    expect(rowFor(rows, { measure: 'budget_total' })).toMatchObject({ status: 'pass', expected: '449400' })
  })

  it('does not check a row that prints two figures under one measure, nor one with an unnamed figure among its parts', () => {
    const twice = checkRowIdentities([
      cell('three_public_expenses', '杭州市公安局', 800, 22, 'budget_total', '887.56'),
      cell('three_public_expenses', '杭州市公安局', 800, 41, 'budget_total', '827.56'),
      cell('three_public_expenses', '杭州市公安局', 800, 73, 'budget_official_reception', '60.00'),
      cell('three_public_expenses', '杭州市公安局交通管理支队', 801, 20, 'budget_total', '1,960.35'),
    ])
    expect(twice).toEqual([])
    const among = checkRowIdentities([
      cell('three_public_expenses', '杭州市气象局', 541, 21, 'budget_total', '13.13'),
      cell('three_public_expenses', '杭州市气象局', 541, 41, 'budget_vehicles_total', '7.20'),
      cell('three_public_expenses', '杭州市气象局', 541, 60, '', '7.20'),
      cell('three_public_expenses', '杭州市气象局', 541, 68, 'budget_official_reception', '5.93'),
      cell('three_public_expenses', '杭州市气象服务中心', 543, 21, 'budget_total', '10.89'),
    ])
    expect(among.filter((row) => row.actual === '131300')).toEqual([])
    // 会议费 and 培训费 printed after the “三公” columns do not stop the check.
    const beyond = checkRowIdentities([
      cell('three_public_expenses', '', 604, 11, 'budget_total', '345.63'),
      cell('three_public_expenses', '', 604, 39, 'budget_vehicles_total', '299.12'),
      cell('three_public_expenses', '', 604, 77, 'budget_official_reception', '46.51'),
      cell('three_public_expenses', '', 604, 91, '', '45.12'),
      cell('three_public_expenses', '', 604, 101, '', '305.79'),
    ])
    expect(rowFor(beyond, { measure: 'budget_total' })).toMatchObject({ status: 'pass', expected: '3456300' })
  })

  it('does not judge a row one of whose figures the reader could not place (ambiguous-column), on that row only', () => {
    // hz-e488d331 表2, line 643: 18,286.81 = 2,854.33 + 11,000.00 + 4,390.27 + carry-over 42.21, the 42.21 unplaced.
    const income = (line: number, column: number, measure: string, raw: string) =>
      makeFact({ table_id: 'income_by_function', side: 'income', label_raw: '杭州市交通运输发展保障中心', line, end_line: line, column, measure, value_raw: raw })
    const facts = [
      income(643, 15, 'total', '18,286.81'),
      income(643, 40, 'general_budget', '2,854.33'),
      income(643, 50, 'government_fund', '11,000.00'),
      income(643, 60, 'state_capital', '4,390.27'),
    ]
    const unplaced = (line: number) => [{ line, end_line: line, reason: 'ambiguous-column', table_id: 'income_by_function' }]
    const document = (line: number): CheckDocument => ({ docId: 'x', lines: [], metadata: { department: '', fiscalYear: 2026, docKind: 'budget' }, layout: 'space-aligned', regions: [], data: { unlinkedFigures: [] }, unplaced: unplaced(line) })
    expect(checkRowIdentities(facts, undefined, document(643)).filter((row) => row.status === 'fail')).toEqual([])
    // An ambiguous figure on another line does not stop this row's check.
    expect(checkRowIdentities(facts, undefined, document(650)).filter((row) => row.status === 'fail')).toHaveLength(1)
  })

  it('counts a carry-over column into 收入总计 (深圳 收入总表: 156,491.01 = 150,129.16 + 6,001.08 + 360.77)', () => {
    const income = (measure: string, column: number, raw: string) =>
      makeFact({ table_id: 'income_by_function', side: 'income', label_raw: '深圳市人力资源和社会保障局（本级）', line: 2724, end_line: 2724, column, measure, value_raw: raw })
    const rows = checkRowIdentities([
      income('total', 22, '156,491.01'),
      income('general_budget', 36, '150,129.16'),
      income('fiscal_special_account', 79, '6,001.08'),
      income('other_income', 147, '0.00'),
      income('opening_balance', 157, '360.77'),
    ])
    expect(rowFor(rows, { measure: 'total' })).toMatchObject({ status: 'pass', expected: '1564910100' })
  })
})

describe('row identities on the seeds', () => {
  it('002 公用经费合计 350.80 = 302 348.86 + 310 1.94 (307, 399 at 0.00); 000 79.45 = 302 alone', () => {
    const check002 = rowFor(checkRowIdentities(runSeed('002').facts), { line_item: 'public_total' })
    expect(check002).toMatchObject({ status: 'pass', actual: '3508000', expected: '3508000' })
    expect(check002.message).toContain('(302 348.86 + 307 0.00 + 310 1.94 + 399 0.00)')
    const check000 = rowFor(checkRowIdentities(runSeed('000').facts), { line_item: 'public_total' })
    expect(check000).toMatchObject({ status: 'pass', actual: '794500', expected: '794500', fact_ids: expect.stringMatching(/^[0-9a-f]{16};[0-9a-f]{16}$/) })
  })

  it('001 “三公” 决算数: 17.57 = 9.23 运行费 (小计 blank) + 8.34 接待费', () => {
    expect(rowFor(checkRowIdentities(runSeed('001').facts), { measure: 'actual_total' })).toMatchObject({ status: 'pass', actual: '175700', expected: '175700' })
  })

  it('every row of every seed adds up across its columns', () => {
    for (const prefix of ['000', '001', '002', '003']) {
      const rows = checkRowIdentities(runSeed(prefix).facts)
      expect(rows.length, prefix).toBeGreaterThan(20)
      expect(rows.filter((entry) => entry.status !== 'pass'), prefix).toEqual([])
    }
  })
})
