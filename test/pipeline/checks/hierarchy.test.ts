import { describe, expect, it } from 'vitest'
import type { Fact } from '../../../core/types.ts'
import { checkHierarchy } from '../../../pipeline/checks/hierarchy.ts'
import type { CheckRow } from '../../../core/types.ts'
import { runSeed } from '../../helpers/documents.ts'
import { makeFact } from '../../helpers/facts.ts'


/** A functional row of the 支出决算表 in one column. */
function row(code: string, raw: string, measure = 'total'): Fact {
  return makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', subject_system: 'functional', subject_code: code, measure, value_raw: raw })
}

/** The row checking one parent in one column. */
function rowFor(rows: CheckRow[], where: Partial<CheckRow>): CheckRow {
  const found = rows.filter((entry) => Object.entries(where).every(([key, value]) => entry[key as keyof CheckRow] === value))
  if (found.length !== 1) throw new Error(`Expected one check row for ${JSON.stringify(where)}, found ${found.length}`)
  return found[0] as CheckRow
}

describe('hierarchy on hand-made facts', () => {
  it('fails a 款 whose 项 do not add up, with the difference and every position', () => {
    const parent = row('20103', '100.00')
    const children = [row('2010301', '60.00'), row('2010302', '30.00')]
    const [check, ...rest] = checkHierarchy([parent, ...children])
    expect(rest).toHaveLength(0)
    expect(check).toMatchObject({
      rule: 'hierarchy', severity: 'error', status: 'fail', table_id: 'expenditure_by_function', subject_code: '20103', measure: 'total',
      actual: '1000000', expected: '900000', difference: '100000', tolerance: '150', fact_ids: [parent, ...children].map((fact) => fact.fact_id).join(';'),
    })
    expect(check?.message).toContain(`20103 at ${parent.line}:5, 2010301 at ${children[0]?.line}:5, 2010302 at ${children[1]?.line}:5`)
  })

  it('climbs 项 → 款 → 类 → 合计, a 项 without its 款 counting for its 类', () => {
    const total = makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', line_item: 'total', measure: 'total', value_raw: '150.00' })
    const rows = checkHierarchy([total, row('201', '100.00'), row('20103', '100.00'), row('2010301', '100.00'), row('208', '50.00'), row('2080501', '50.00')])
    expect(rows.map((entry) => [entry.subject_code || entry.line_item, entry.status])).toEqual([
      ['total', 'pass'],
      ['201', 'pass'],
      ['20103', 'pass'],
      ['208', 'pass'],
    ])
    expect(rowFor(rows, { line_item: 'total' }).message).toContain('(201 100.00 + 208 50.00)')
  })

  it('calls a difference within half a unit per figure rounding, and leaves a parent without children unchecked', () => {
    const rows = checkHierarchy([row('20103', '625.29'), row('2010301', '605.61'), row('2010302', '19.69'), row('204', '1.00')])
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ rule: 'rounding', base_rule: 'hierarchy', severity: 'warning', status: 'fail', difference: '-100', tolerance: '150' })
  })

  it('checks economic classes over their items in the basic-expenditure table', () => {
    const economic = (code: string, raw: string) =>
      makeFact({ table_id: 'general_budget_basic_expenditure', side: 'expenditure', subject_system: 'economic', subject_code: code, measure: 'amount', value_raw: raw })
    const rows = checkHierarchy([economic('301', '0.90'), economic('30101', '0.00'), economic('30102', '0.00'), economic('302', '5.00'), economic('30201', '5.00')])
    expect(rowFor(rows, { subject_code: '301' })).toMatchObject({ status: 'fail', severity: 'error', difference: '9000' })
    expect(rowFor(rows, { subject_code: '302' })).toMatchObject({ status: 'pass', severity: 'info' })
  })

  it('checks each block of a table that repeats its codes (301 under 501, then 301 under 505) on its own', () => {
    // 烟台 一般公共预算基本支出情况表: 部门经济分类 crossed with 政府经济分类, so 301 and 30101 are printed once per 50x class.
    const economic = (code: string, raw: string) =>
      makeFact({ table_id: 'general_budget_basic_expenditure', side: 'expenditure', subject_system: 'economic', subject_code: code, measure: 'personnel', value_raw: raw })
    const rows = checkHierarchy([
      economic('301', '1,478.92'), economic('30101', '369.90'), economic('30102', '384.36'), economic('30103', '322.92'), economic('30113', '401.74'),
      economic('301', '24,027.62'), economic('30101', '6,427.09'), economic('30107', '4,241.05'), economic('30113', '13,359.48'),
    ])
    expect(rows.map((entry) => [entry.actual, entry.expected, entry.status])).toEqual([
      ['14789200', '14789200', 'pass'],
      ['240276200', '240276200', 'pass'],
    ])
  })
})

describe('hierarchy on the seeds', () => {
  it('001 收入决算表: 20103 prints 951.38 but 2010301 + 2010302 = 931.38; 201 prints 1013.91 but 20103 + 20104 = 971.38', () => {
    const rows = checkHierarchy(runSeed('001').facts)
    for (const measure of ['total', 'fiscal_appropriation']) {
      expect(rowFor(rows, { table_id: 'income_by_function', subject_code: '20103', measure })).toMatchObject({
        rule: 'hierarchy', severity: 'error', status: 'fail', actual: '9513800', expected: '9313800', difference: '200000',
      })
      expect(rowFor(rows, { table_id: 'income_by_function', subject_code: '201', measure })).toMatchObject({
        rule: 'hierarchy', severity: 'error', status: 'fail', actual: '10139100', expected: '9713800', difference: '425300',
      })
    }
    const check = rowFor(rows, { table_id: 'income_by_function', subject_code: '20103', measure: 'fiscal_appropriation' })
    expect(check.message).toContain('20103 财政拨款收入 951.38 ≠ 下级合计 931.38 (2010301 902.47 + 2010302 28.91)')
    expect(check.message).toContain('off by 200000; 20103 at 126:32, 2010301 at 127:22, 2010302 at 128:25')
    // Every other parent of that table adds up.
    const others = rows.filter((entry) => entry.table_id === 'income_by_function' && !['201', '20103'].includes(entry.subject_code))
    expect(others.length).toBeGreaterThan(0)
    expect(others.every((entry) => entry.status === 'pass')).toBe(true)
  })

  it('no false alarm: 000 支出决算表 and 003 收入决算表 add up at every level', () => {
    const expenditure = checkHierarchy(runSeed('000').facts).filter((entry) => entry.table_id === 'expenditure_by_function')
    expect(expenditure).toHaveLength(23)
    expect(expenditure.filter((entry) => entry.status !== 'pass')).toEqual([])
    expect(rowFor(expenditure, { line_item: 'total', measure: 'basic' })).toMatchObject({ actual: '8850900', expected: '8850900', severity: 'info' })
    const income = checkHierarchy(runSeed('003').facts).filter((entry) => entry.table_id === 'income_by_function')
    expect(income).toHaveLength(21)
    expect(income.filter((entry) => entry.status !== 'pass')).toEqual([])
    expect(rowFor(income, { subject_code: '20103', measure: 'total' })).toMatchObject({ actual: '4173000', expected: '4173000' })
  })

  it('003 基本支出: 301 prints 0.90 over items that are all 0.00', () => {
    const check = rowFor(checkHierarchy(runSeed('003').facts), { table_id: 'general_budget_basic_expenditure', subject_code: '301' })
    expect(check).toMatchObject({ rule: 'hierarchy', severity: 'error', actual: '9000', expected: '0', difference: '9000', tolerance: '700' })
  })
})

describe('hierarchy in a consolidated 部门’s table', () => {
  it('checks each unit’s rows on their own, under the unit’s name row as their 合计 (sz-63d734e6 表7)', () => {
    const cell = (fields: Partial<Fact>, raw: string) =>
      makeFact({ table_id: 'general_budget_expenditure', side: 'expenditure', measure: 'total', value_raw: raw, ...fields })
    const code = (subject_code: string, raw: string) => cell({ subject_system: 'functional', subject_code }, raw)
    // Typed from the document: 深圳市人力资源和社会保障数据管理中心 4,077.84 over 205 3.08 (= 20508 3.08), 208 3,558.51,
    // 210 63.96 and 221 452.30 (4,077.85: a rounding slip); then 深圳鹏城技师学院 prints 205 24,476.79 = 20503 17,404.29 + 20509 7,072.50.
    const facts = [
      cell({ label_raw: '深圳市人力资源和社会保障数据管理中心' }, '4,077.84'),
      code('205', '3.08'),
      code('20508', '3.08'),
      code('208', '3,558.51'),
      code('210', '63.96'),
      code('221', '452.30'),
      cell({ label_raw: '深圳鹏城技师学院' }, '29,083.29'),
      code('205', '24,476.79'),
      code('20503', '17,404.29'),
      code('20509', '7,072.50'),
    ]
    const rows = checkHierarchy(facts)
    const unitTotal = rows.find((entry) => entry.actual === '40778400')
    expect(unitTotal).toMatchObject({ expected: '40778500', severity: 'warning' })
    expect(unitTotal?.message).toContain('深圳市人力资源和社会保障数据管理中心')
    const byCode = rows.filter((entry) => entry.subject_code).map((entry) => [entry.subject_code, entry.actual, entry.expected, entry.status])
    expect(byCode).toEqual([
      ['205', '30800', '30800', 'pass'],
      ['205', '244767900', '244767900', 'pass'],
    ])
    expect(new Set(rows.map((entry) => entry.check_id)).size).toBe(rows.length)
  })

  it('keeps one hierarchy where no code repeats: a name row is no unit', () => {
    const total = makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', line_item: 'total', measure: 'total', value_raw: '5.00' })
    const named = makeFact({ table_id: 'expenditure_by_function', side: 'expenditure', label_raw: '某某单位', measure: 'total', value_raw: '9.00' })
    const rows = checkHierarchy([total, named, row('201', '5.00'), row('20103', '5.00')])
    expect(rows.map((entry) => [entry.subject_code || entry.line_item, entry.status])).toEqual([['total', 'pass'], ['201', 'pass']])
  })
})
