import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { PAD, trimPadding } from '../../core/text.ts'

describe('trimPadding', () => {
  it('trims every kind of padding from both ends and keeps it inside', () => {
    expect(trimPadding('\ufeff\u3000 2010301\t行政运行 \u200b\u00a0')).toBe('2010301\t行政运行')
    expect(trimPadding('\u3000\u2028')).toBe('')
    expect(trimPadding('收入')).toBe('收入')
  })

  it('is the regex `^PAD+|PAD+$` removed, on any text (a scan of code units replaced it for speed)', () => {
    const reference = new RegExp(`^${PAD}+|${PAD}+$`, 'g')
    const char = fc.constantFrom(' ', '\t', '\n', '\r', '\v', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u200b', '\u200c', '\u2028', '\u202f', '\u205f', '\u3000', '\ufeff', 'a', '收', '1', '\ud842\udfb7')
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('')
        expect(trimPadding(text)).toBe(text.replace(reference, ''))
      }),
    )
  })
})
