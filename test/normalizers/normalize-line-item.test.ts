import { describe, expect, it } from 'vitest'
import { normalizeLineItem } from '../../normalizers/normalize-line-item.ts'

describe('normalizeLineItem', () => {
  it('reads 深圳’s 上年结余、结转 as the opening balance of a 收支总表', () => {
    // sz-08cc7487 收支总表: 上年结余、结转 201.78 … 收入总计 388,763.56 = 本年收入合计 388,561.78 + 201.78.
    expect(normalizeLineItem('上年结余、结转', 'income')).toBe('opening_balance')
    expect(normalizeLineItem('年初结转和结余', 'income')).toBe('opening_balance')
    expect(normalizeLineItem('1.财政拨款结余、结转', 'income')).toBeUndefined()
  })
})
