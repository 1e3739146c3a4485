import { describe, expect, it } from 'vitest'
import type { Fact } from '../../../core/types.ts'
import { checkCrossTable } from '../../../pipeline/checks/cross-table.ts'
import type { CheckRow } from '../../../core/types.ts'
import { hasCorpus, runFile, runSeed } from '../../helpers/documents.ts'
import { runText, seedText } from '../../robustness/helpers.ts'
import { makeFact } from '../../helpers/facts.ts'


/** The row of one comparison. */
function rowFor(rows: CheckRow[], where: Partial<CheckRow>): CheckRow {
  const found = rows.filter((entry) => Object.entries(where).every(([key, value]) => entry[key as keyof CheckRow] === value))
  if (found.length !== 1) throw new Error(`Expected one check row for ${JSON.stringify(where)}, found ${found.length}`)
  return found[0] as CheckRow
}

describe('cross-table checks on hand-made facts', () => {
  it('fails a 收入支出决算总表 class that differs from the 支出决算表 class row', () => {
    const summaryClass = makeFact({ table_id: 'income_expenditure_summary', side: 'expenditure', subject_system: 'functional', subject_code: '201', measure: 'amount', value_raw: '100.00' })
    const detailClass = makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', subject_system: 'functional', subject_code: '201', measure: 'total', value_raw: '90.00' })
    const rows = checkCrossTable([summaryClass, detailClass])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ rule: 'cross-table', severity: 'error', status: 'fail', table_id: 'income_expenditure_summary', subject_code: '201', actual: '1000000', expected: '900000', difference: '100000', fact_ids: `${summaryClass.fact_id};${detailClass.fact_id}` })
    expect(rows[0]?.message).toContain('收入支出决算总表 201（amount） 100.00 ≠ 支出决算表 201 90.00，相差 10.00')
    expect(rows[0]?.message).toContain(`income_expenditure_summary 201 at ${summaryClass.line}:5, expenditure_by_function 201 at ${detailClass.line}:5`)
  })

  it('a 预算 whose 收支总表 prints a fund with its carry-over: 128,148.56 = 118,773.55 + 上年结转 9,375.01 (重庆)', () => {
    const line = (table: 'income_expenditure_summary' | 'appropriation_summary', lineItem: string, raw: string) =>
      makeFact({ table_id: table, side: 'income', line_item: lineItem, measure: 'amount', value_raw: raw, doc_kind: 'budget' })
    const summary = line('income_expenditure_summary', 'general_budget_appropriation', '128,148.56')
    const appropriation = line('appropriation_summary', 'general_budget_appropriation', '118,773.55')
    const opening = line('appropriation_summary', 'opening_balance_general_budget', '9,375.01')
    expect(rowFor(checkCrossTable([summary, appropriation, opening]), { line_item: 'general_budget_appropriation' })).toMatchObject({ status: 'pass', expected: '1281485600' })
    // Without the carry-over it still fails; and a figure equal to the appropriation alone is compared with it alone.
    expect(rowFor(checkCrossTable([summary, appropriation]), { line_item: 'general_budget_appropriation' })).toMatchObject({ status: 'fail', severity: 'error' })
    const alone = line('income_expenditure_summary', 'general_budget_appropriation', '118,773.55')
    expect(rowFor(checkCrossTable([alone, appropriation, opening]), { line_item: 'general_budget_appropriation' })).toMatchObject({ status: 'pass', expected: '1187735500' })
  })

  it('compares a summary class with the sum of its rows in each unit of a consolidated 部门’s 支出总表 (sz-63d734e6)', () => {
    // 收支总表 206 科学技术支出 298,461.45 = 本级 206 114,644.00 + 深圳市人事人才公共服务中心 206 183,817.45.
    const summaryClass = makeFact({ table_id: 'income_expenditure_summary', side: 'expenditure', subject_system: 'functional', subject_code: '206', measure: 'amount', value_raw: '298,461.45' })
    const detail = (fields: Partial<Fact>, raw: string) => makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', measure: 'total', value_raw: raw, ...fields })
    const rows = checkCrossTable([
      summaryClass,
      detail({ label_raw: '深圳市人力资源和社会保障局（本级）' }, '156,491.01'),
      detail({ subject_system: 'functional', subject_code: '206' }, '114,644.00'),
      detail({ subject_system: 'functional', subject_code: '20602' }, '10,198.00'),
      detail({ label_raw: '深圳市人事人才公共服务中心' }, '188,425.85'),
      detail({ subject_system: 'functional', subject_code: '206' }, '183,817.45'),
      detail({ subject_system: 'functional', subject_code: '20602' }, '183,817.45'),
    ])
    expect(rowFor(rows, { subject_code: '206' })).toMatchObject({ status: 'pass', actual: '2984614500', expected: '2984614500' })
  })

  it('caps “三公” 公务接待费 vs 30217 at a warning, saying they are comparable only in general', () => {
    const reception = makeFact({ table_id: 'three_public_expenses', side: 'expenditure', measure: 'actual_official_reception', value_raw: '16.55' })
    const item = makeFact({ table_id: 'general_budget_basic_expenditure', side: 'expenditure', subject_system: 'economic', subject_code: '30217', measure: 'amount', value_raw: '10.00' })
    const [check] = checkCrossTable([reception, item])
    expect(check).toMatchObject({ rule: 'cross-table', severity: 'warning', status: 'fail', difference: '65500' })
    expect(check?.message).toContain('仅一般可比')
    expect(check?.message).toContain('comparable only in general')
  })

  it('compares 一般公共预算 合计 基本支出 with 人员经费合计 + 公用经费合计, classes standing in for a blank line', () => {
    const basic = (fields: Partial<Fact>, raw: string) =>
      makeFact({ table_id: 'general_budget_basic_expenditure', side: 'expenditure', measure: 'amount', value_raw: raw, ...fields })
    const rows = checkCrossTable([
      makeFact({ table_id: 'general_budget_expenditure', side: 'expenditure', line_item: 'total', measure: 'basic', value_raw: '20.00' }),
      basic({ subject_system: 'economic', subject_code: '301' }, '10.00'),
      basic({ subject_system: 'economic', subject_code: '303' }, '2.00'),
      basic({ line_item: 'public_total' }, '7.00'),
    ])
    expect(rows[0]).toMatchObject({ severity: 'error', expected: '190000', difference: '10000' })
    expect(rows[0]?.message).toContain('personnel_total = 301 + 303')
  })
})

describe('cross-table checks on the seeds', () => {
  it('000 and 001: 一般公共预算 合计 基本支出 is 0.01 above 人员经费合计 + 公用经费合计 (rounding)', () => {
    const check000 = rowFor(checkCrossTable(runSeed('000').facts), { table_id: 'general_budget_expenditure' })
    expect(check000).toMatchObject({ rule: 'rounding', base_rule: 'cross-table', severity: 'warning', actual: '8850900', expected: '8850800', difference: '100', tolerance: '150' })
    const check001 = rowFor(checkCrossTable(runSeed('001').facts), { table_id: 'general_budget_expenditure' })
    expect(check001).toMatchObject({ rule: 'rounding', actual: '9947700', expected: '9947600', difference: '100' })
  })

  it('002: 人员经费合计 blank, 301 + 303 + 公用经费合计 = 746.90 exactly', () => {
    const check = rowFor(checkCrossTable(runSeed('002').facts), { table_id: 'general_budget_expenditure' })
    expect(check).toMatchObject({ status: 'pass', severity: 'info', actual: '7469000', expected: '7469000' })
  })

  it('summary classes agree with the detail tables, and 三公 接待费 with 30217, on every seed', () => {
    for (const prefix of ['000', '001', '002', '003']) {
      // The basic expenditure comparisons are pinned above (0.01 of rounding in 000 and 001), 001's income table below.
      const rows = checkCrossTable(runSeed(prefix).facts).filter((entry) => entry.measure !== 'basic' && !(prefix === '001' && entry.message.includes('收入决算表')))
      expect(rows.length, prefix).toBeGreaterThanOrEqual(4)
      expect(rows.filter((entry) => entry.status !== 'pass'), prefix).toEqual([])
    }
    const rows = checkCrossTable(runSeed('003').facts)
    expect(rowFor(rows, { table_id: 'three_public_expenses' })).toMatchObject({ actual: '421500', expected: '421500' })
    expect(rowFor(rows, { table_id: 'income_expenditure_summary', subject_code: '201' })).toMatchObject({ actual: '4173000', expected: '4173000' })
  })
})

/** 002 with one line replaced (1-based line number, the whole new line). */
function seed002With(changes: Record<number, string>): CheckRow[] {
  const lines = seedText('002').split('\n')
  for (const [line, text] of Object.entries(changes)) {
    expect(lines[Number(line) - 1], `line ${line}`).toBeDefined()
    lines[Number(line) - 1] = text
  }
  return checkCrossTable(runText('002-changed.txt', lines.join('\n')).facts)
}

/** The failed rows of a check list, as `table subject-or-line measure actual expected`. */
function failures(rows: CheckRow[]): string[] {
  return rows.filter((row) => row.status === 'fail').map((row) => [row.severity, row.table_id, row.subject_code || row.line_item, row.measure, row.actual, row.expected].join(' '))
}

describe('cross-table: every table that restates another (002 changed on purpose)', () => {
  it('002 as printed: every comparison holds', () => {
    const rows = checkCrossTable(runSeed('002').facts)
    expect(failures(rows)).toEqual([])
    expect(rowFor(rows, { table_id: 'income_by_function', measure: 'total' })).toMatchObject({ status: 'pass', actual: '7469000', expected: '7469000' })
  })

  it('收入决算表 合计 本年收入合计 against 收入支出决算总表 本年收入合计', () => {
    expect(failures(seed002With({ 133: '合计\t\t756.90\t746.90\t0.00\t0.00\t0.00\t0.00\t0.00' }))).toEqual(['error income_by_function total total 7569000 7469000'])
  })

  it('收入决算表 合计 上级补助收入 against the summary line', () => {
    expect(failures(seed002With({ 133: '合计\t\t746.90\t746.90\t1.00\t0.00\t0.00\t0.00\t0.00' }))).toEqual(['error income_by_function total superior_subsidy 10000 0'])
  })

  it('收入决算表 财政拨款收入 against the three appropriation lines, and those against 财政拨款收入支出决算总表', () => {
    const rows = seed002With({ 104: '一、一般公共预算财政拨款收入\t1\t736.90\t一、一般公共服务支出\t14\t632.65' })
    expect(failures(rows)).toEqual([
      'error income_by_function total fiscal_appropriation 7469000 7369000',
      'error income_expenditure_summary general_budget_appropriation amount 7369000 7469000',
    ])
  })

  it('收入决算表 财政拨款收入 against 财政拨款收入支出决算总表 本年收入合计', () => {
    const rows = seed002With({ 201: '本年收入合计\t10\t745.90\t本年支出合计\t25\t746.90\t746.90\t0.00\t0.00' })
    expect(failures(rows)).toEqual(['error income_by_function total fiscal_appropriation 7469000 7459000'])
  })

  it('a 收入决算表 without a 合计 row: its classes added up (001 prints 201 1013.91 + 204 12.1 + 208 50.43 against 本年收入合计 1013.91)', () => {
    const rows = checkCrossTable(runSeed('001').facts)
    const row = rowFor(rows, { table_id: 'income_expenditure_summary', line_item: 'income_total' })
    expect(row).toMatchObject({ status: 'fail', severity: 'error', actual: '10139100', expected: '10764400', difference: '-625300' })
    expect(row.message).toContain('收入决算表未印合计行，以各类之和代替')
  })

  it('财政拨款收入支出决算总表 政府性基金 and 国有资本经营 columns against those funds\' tables', () => {
    const rows = seed002With({
      // 政府性基金: 年初 0, 本年收入 0, 本年支出 1.00 (基本 1.00), 年末 0: 本年支出合计 0.00 in the summary.
      308: '合计\t\t0.00\t0.00\t1.00\t1.00\t0.00\t0.00',
      325: '合计\t\t2.00\t2.00\t0.00',
    })
    expect(failures(rows)).toEqual([
      'error appropriation_summary expenditure_total government_fund 0 10000',
      'error appropriation_summary expenditure_total state_capital 0 20000',
    ])
    // Income, opening and closing balances of the fund are compared too, and agree.
    expect(rows.filter((row) => row.check_id && /government_fund total (income|opening_balance|closing_balance)/.test(row.message) && row.status === 'pass')).toHaveLength(3)
  })

  it('the basic-expenditure table may be below the 支出决算表 basic column (other funds), never above it', () => {
    const asPrinted = rowFor(checkCrossTable(runSeed('002').facts), { table_id: 'expenditure_by_function', measure: 'basic' })
    expect(asPrinted).toMatchObject({ status: 'pass', severity: 'info', actual: '7476000', expected: '7469000', difference: '7000' })
    expect(asPrinted.message).toContain('一般公共预算部分不大于它即相符')
    expect(failures(seed002With({ 161: '合计\t\t740.00\t740.00\t0.00\t0.00\t0.00\t0.00' }))).toContain('error expenditure_by_function total basic 7400000 7469000')
  })

  it('a whole-table unit slip (收入决算表 printed in 元) is one finding, not one per figure', () => {
    const rows = seed002With({ 126: '单位：元' })
    const failed = rows.filter((row) => row.status === 'fail')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ rule: 'cross-table', severity: 'error', table_id: 'income_by_function', actual: '746.9', expected: '7469000' })
    expect(failed[0]?.message).toContain('收入决算表所印数字均为其他表所印同一数的 10^-4 倍（3 处），整表单位疑有误：表印“元”，其他表为“万元”')
    expect(failed[0]?.message).toContain('Whole-table unit slip')
  })
})

describe.skipIf(!hasCorpus())('cross-table on 预算 (the same table ids)', () => {
  it('a 预算 whose 收入总表 合计 counts its carry-over restates 收入总计 (杭州)', () => {
    const rows = checkCrossTable(runFile('../shared/corpus/real/hz-c0afe4e6.layout.txt').facts)
    expect(rowFor(rows, { table_id: 'income_by_function', line_item: 'total', measure: 'total' })).toMatchObject({ status: 'pass', actual: '4044152300', expected: '4044152300' })
  })

  it('普陀 2025 商务委 预算: 收入总表 against 收支总表, 财政拨款 columns against the fund tables, basic expenditure', () => {
    const rows = checkCrossTable(runFile('../shared/corpus/real/putuo-commerce-2025-budget.layout.txt').facts)
    expect(failures(rows)).toEqual([])
    expect(rowFor(rows, { table_id: 'income_by_function', line_item: 'total', measure: 'total' })).toMatchObject({ actual: '371514655', expected: '371514655' })
    expect(rowFor(rows, { table_id: 'expenditure_by_function', measure: 'basic' })).toMatchObject({ status: 'pass', actual: '19830655', expected: '19830655' })
  })
})
