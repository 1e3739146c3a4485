import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { formatDecimal, parseNumber, toYuan, ZERO_MARKERS } from '../../normalizers/parse-amount.ts'
import { numberAccount } from '../../pipeline/stages/account-numbers.ts'
import { ROOT } from '../helpers/documents.ts'
import { expectAccounting, expectExactProvenance, runText } from './helpers.ts'

describe('parseNumber: printed amounts, exactly', () => {
  const cases: [string, bigint, number][] = [
    ['1118.77', 111877n, 2],
    ['１２３．４５', 12345n, 2],
    ['2,949.02', 294902n, 2],
    ['2，949.02', 294902n, 2],
    ['２，９４９．０２', 294902n, 2],
    ['1,234,567', 1234567n, 0],
    ['-12.30', -1230n, 2],
    ['－12.30', -1230n, 2],
    ['−12.30', -1230n, 2],
    ['(12.30)', -1230n, 2],
    ['（12.30）', -1230n, 2],
    ['(1,234)', -1234n, 0],
    ['0.00', 0n, 2],
    ['1\u200b055.78', 105578n, 2],
    ['\u3000659.57\u00a0', 65957n, 2],
  ]
  for (const [text, units, scale] of cases) {
    it(`${JSON.stringify(text)} → ${units} × 10^-${scale}`, () => {
      expect(parseNumber(text)).toEqual({ units, scale })
    })
  }

  it('is not fooled by what is not an amount', () => {
    for (const text of ['（1）', '(2)', '12,34.5', '1,2345', '--12', '(-12.30)', '12.30.1', '１２%', '①', '', '—', '无', '1e5', '0x10', `${'9'.repeat(40)}`]) {
      expect(parseNumber(text), text).toBeUndefined()
    }
  })

  it('keeps the empty markers apart from a printed zero', () => {
    for (const marker of ['—', '-', '无', '/', '－', '——', '／']) expect(ZERO_MARKERS.has(marker), marker).toBe(true)
    expect(ZERO_MARKERS.has('0.00')).toBe(false)
  })

  it('reads back every amount however it is printed (property)', () => {
    const fullWidth = (text: string): string => text.replace(/[0-9]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) + 0xfee0)).replace('.', '．')
    const grouped = (whole: string, separator: string): string => whole.replace(/\B(?=(?:\d{3})+$)/g, separator)
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.integer({ min: 0, max: 4 }),
        fc.constantFrom('plain', 'comma', 'full-width-comma', 'full-width'),
        fc.constantFrom('positive', 'minus', 'full-width-minus', 'parentheses', 'full-width-parentheses'),
        (units, scale, style, sign) => {
          const digits = units.toString().padStart(scale + 1, '0')
          const whole = digits.slice(0, digits.length - scale)
          const fraction = digits.slice(digits.length - scale)
          let body = style === 'comma' ? grouped(whole, ',') : style === 'full-width-comma' ? grouped(whole, '，') : whole
          if (fraction) body += `.${fraction}`
          if (style === 'full-width') body = fullWidth(body)
          // Parentheses mark a negative only with a point or a separator (so `（1）` stays an ordinal).
          if (sign.includes('parentheses') && !/[.,，．]/.test(body)) return
          const text = { positive: body, minus: `-${body}`, 'full-width-minus': `－${body}`, parentheses: `(${body})`, 'full-width-parentheses': `（${body}）` }[sign]
          const negative = sign !== 'positive'
          expect(parseNumber(text)).toEqual({ units: negative ? -units : units, scale })
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('converts to yuan without rounding', () => {
    expect(toYuan({ units: 111877n, scale: 2 }, '万元')).toBe('11187700')
    expect(toYuan({ units: 5n, scale: 3 }, '万元')).toBe('50')
    expect(toYuan({ units: -1230n, scale: 2 }, '元')).toBe('-12.3')
    expect(formatDecimal(10n ** 30n, 60)).toBe(`0.${'0'.repeat(29)}1`)
  })
})

describe('a table whose cells print numbers every way (fixture number-formats.txt)', () => {
  const path = 'test/fixtures/robustness/number-formats.txt'
  const doc = runText(path, new Uint8Array(readFileSync(join(ROOT, path))))
  const fact = (code: string, measure: string): { value: string; value_raw: string; line: number; column: number } | undefined => {
    const found = doc.facts.find((entry) => (entry.subject_code || entry.line_item) === code && entry.measure === measure)
    return found && { value: found.value, value_raw: found.value_raw, line: found.line, column: found.column }
  }

  it('reads full-width digits and points, separators, and every negative form, keeping the raw text and its place', () => {
    expect(fact('total', 'total')).toEqual({ value: '29490200', value_raw: '２，９４９．０２', line: 10, column: 5 })
    expect(fact('total', 'basic')).toEqual({ value: '29490200', value_raw: '2,949.02', line: 10, column: 14 })
    expect(fact('201', 'total')).toEqual({ value: '29490200', value_raw: '2，949.02', line: 11, column: 14 })
    expect(fact('201', 'basic')).toEqual({ value: '1234500', value_raw: '１２３．４５', line: 11, column: 23 })
    expect(fact('201', 'project')).toEqual({ value: '-123000', value_raw: '-12.30', line: 11, column: 30 })
    expect(fact('201', 'remit_to_superior')).toEqual({ value: '-123000', value_raw: '－12.30', line: 11, column: 37 })
    expect(fact('201', 'operating')).toEqual({ value: '-123000', value_raw: '(12.30)', line: 11, column: 44 })
    expect(fact('201', 'subsidy_to_affiliates')).toEqual({ value: '-123000', value_raw: '（12.30）', line: 11, column: 52 })
    expect(fact('2010301', 'total')).toEqual({ value: '10000000', value_raw: '1,000.00', line: 13, column: 14 })
    expect(fact('2010301', 'basic')).toEqual({ value: '10000000', value_raw: '1000', line: 13, column: 23 })
  })

  it('an empty marker is a figure of 0 with its raw text, a printed 0.00 is a figure of 0.00, a blank cell is no figure', () => {
    expect(fact('total', 'project')).toMatchObject({ value: '0', value_raw: '0.00' })
    expect(fact('total', 'remit_to_superior')).toMatchObject({ value: '0', value_raw: '—' })
    expect(fact('total', 'operating')).toMatchObject({ value: '0', value_raw: '-' })
    expect(fact('total', 'subsidy_to_affiliates')).toMatchObject({ value: '0', value_raw: '无' })
    expect(fact('20103', 'basic')).toMatchObject({ value: '0', value_raw: '/' })
    expect(fact('2010301', 'remit_to_superior')).toMatchObject({ value: '0', value_raw: '－' })
    expect(fact('2010301', 'operating')).toMatchObject({ value: '0', value_raw: '——' })
    expect(fact('2010301', 'subsidy_to_affiliates')).toMatchObject({ value: '0', value_raw: '／' })
    for (const measure of ['remit_to_superior', 'operating', 'subsidy_to_affiliates']) expect(fact('20103', measure)).toBeUndefined()
    expect(numberAccount(doc).markerFacts).toBe(7)
    expect(doc.messages.filter((message) => message.ruleId === 'unparsed-amount')).toEqual([])
  })

  it('spans delimit the raw text exactly, and every number is accounted for', () => {
    expect(doc.facts).toHaveLength(21)
    expectExactProvenance(doc)
    expectAccounting(doc)
  })
})
