import { describe, expect, it } from 'vitest'
import type { Fact } from '../../../core/types.ts'
import {
  absValue,
  buildCheckRow,
  codeTerm,
  compareValues,
  computeCheckId,
  createCheckContext,
  formatInUnit,
  halfUnitOf,
  parseDecimal,
  subtractValues,
  sumValues,
} from '../../../pipeline/checks/check-helpers.ts'
import { makeFact } from '../../helpers/facts.ts'


describe('exact decimal arithmetic', () => {
  it('sums, subtracts and compares decimal strings of yuan without floats', () => {
    expect(sumValues(['11187700', '-1230', '0.5'])).toBe('11186470.5')
    expect(sumValues([])).toBe('0')
    // 0.1 + 0.2 is exactly 0.3 here, unlike binary floating point.
    expect(sumValues(['0.1', '0.2'])).toBe('0.3')
    expect(sumValues(['9007199254740993', '1'])).toBe('9007199254740994')
    expect(subtractValues('9513800', '9313800')).toBe('200000')
    expect(subtractValues('6252900', '6253000')).toBe('-100')
    expect(subtractValues('1.25', '1.5')).toBe('-0.25')
    expect(compareValues('10', '9.99')).toBe(1)
    expect(compareValues('-1230', '-1230.0')).toBe(0)
    expect(compareValues('-5', '3')).toBe(-1)
    expect(absValue('-100')).toBe('100')
    expect(parseDecimal('1,000')).toBeUndefined()
    expect(() => sumValues(['abc'])).toThrow(/Not a decimal value `abc`/)
  })

  it('formats yuan in the printed unit', () => {
    expect(formatInUnit('9313800', '万元', 2)).toBe('931.38')
    expect(formatInUnit('-200000', '万元', 2)).toBe('-20.00')
    expect(formatInUnit('150', '万元', 2)).toBe('0.015')
    expect(formatInUnit('1.5', '元', 2)).toBe('1.50')
  })
})

describe('rounding tolerance', () => {
  it('is half a unit of the last printed digit, from value_raw decimals and unit_raw', () => {
    const facts = [
      makeFact({ table_id: 'income_by_function', measure: 'total', value_raw: '951.38' }),
      makeFact({ table_id: 'income_by_function', measure: 'total', value_raw: '20' }),
      makeFact({ table_id: 'three_public_expenses', measure: 'actual_total', value_raw: '36' }),
      makeFact({ table_id: 'state_capital', measure: 'total', value_raw: '1.5', unit_raw: '元' }),
      makeFact({ table_id: 'government_fund', measure: 'opening_balance', value_raw: '无' }),
    ]
    const context = createCheckContext(facts)
    const [printed, trimmed, integers, yuan, zeroMarker] = facts as [Fact, Fact, Fact, Fact, Fact]
    expect(halfUnitOf(context, printed)).toBe('50')
    // `20` in a table that prints two decimals elsewhere is 20.00 with its zeros trimmed.
    expect(halfUnitOf(context, trimmed)).toBe('50')
    // A table printed in whole 万元 is rounded to 万元.
    expect(halfUnitOf(context, integers)).toBe('5000')
    expect(halfUnitOf(context, yuan)).toBe('0.05')
    // `无` prints no digit: 0.005 万元.
    expect(halfUnitOf(context, zeroMarker)).toBe('50')
  })

  it('reads a whole number printed with thousands separators as rounded, whatever the table prints (普陀 司法局: 22,118,861 for 22,118,861.34 元)', () => {
    const cell = (raw: string) => makeFact({ table_id: 'expenditure_by_function', measure: 'basic', value_raw: raw, unit_raw: '元' })
    const rounded = cell('22,118,861')
    const exact = cell('14,348,853.34')
    const trimmed = cell('0')
    const context = createCheckContext([rounded, exact, trimmed])
    expect(halfUnitOf(context, rounded)).toBe('0.5')
    expect(halfUnitOf(context, exact)).toBe('0.005')
    // A bare `0` beside figures of two decimals is still 0.00 trimmed.
    expect(halfUnitOf(context, trimmed)).toBe('0.005')
  })
})

describe('check rows', () => {
  const parent = makeFact({ table_id: 'income_by_function', subject_code: '20103', measure: 'fiscal_appropriation', measure_raw: '财政拨款收入', value_raw: '951.38' })
  const spec = (children: Fact[]) => ({
    rule: 'hierarchy' as const,
    key: '20103',
    actual: codeTerm(parent),
    addends: children.map((fact) => ({ fact, zh: fact.subject_code, en: fact.subject_code })),
    zh: { actual: '20103 财政拨款收入', expected: '下级合计' },
    en: { actual: '20103 fiscal_appropriation', expected: 'children sum' },
  })
  const child = (code: string, raw: string) => makeFact({ table_id: 'income_by_function', subject_code: code, measure: 'fiscal_appropriation', value_raw: raw })

  it('passes equal sums (severity info), warns within the tolerance as rounding, errors beyond it', () => {
    const context = createCheckContext([parent])
    const pass = buildCheckRow(context, spec([child('2010301', '900.00'), child('2010302', '51.38')]))
    expect(pass).toMatchObject({ status: 'pass', severity: 'info', rule: 'hierarchy', base_rule: 'hierarchy', difference: '0', tolerance: '150' })
    const rounding = buildCheckRow(context, spec([child('2010301', '900.00'), child('2010302', '51.37')]))
    expect(rounding).toMatchObject({ status: 'fail', severity: 'warning', rule: 'rounding', base_rule: 'hierarchy', expected: '9513700', actual: '9513800', difference: '100' })
    expect(rounding.message).toContain('rule hierarchy')
    expect(rounding.message).toContain('尾数误差')
    const error = buildCheckRow(context, spec([child('2010301', '902.47'), child('2010302', '28.91')]))
    expect(error).toMatchObject({ status: 'fail', severity: 'error', rule: 'hierarchy', expected: '9313800', difference: '200000', tolerance: '150' })
    expect(error.message).toMatch(/^20103 财政拨款收入 951\.38 ≠ 下级合计 931\.38 \(2010301 902\.47 \+ 2010302 28\.91\)，相差 20\.00 · 20103 fiscal_appropriation: printed 9513800, children sum 9313800, off by 200000; 20103 at \d+:5, 2010301 at \d+:5, 2010302 at \d+:5$/)
    expect(error.fact_ids.split(';')).toHaveLength(3)
    expect(error.fact_ids.split(';')[0]).toBe(parent.fact_id)
    // The same identity keeps its id whatever the outcome.
    expect(error.check_id).toBe(pass.check_id)
    expect(rounding.check_id).toBe(pass.check_id)
  })

  it('ids are sha256 of doc|rule|table|key|measure, 16 hex', () => {
    const id = computeCheckId('doc', 'hierarchy', 'income_by_function', '20103', 'total')
    expect(id).toMatch(/^[0-9a-f]{16}$/)
    expect(computeCheckId('doc', 'hierarchy', 'income_by_function', '20103', 'total')).toBe(id)
    expect(computeCheckId('doc', 'hierarchy', 'income_by_function', '20103', 'fiscal_appropriation')).not.toBe(id)
  })
})
