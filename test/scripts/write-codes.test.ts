import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { codesMarkdown } from '../../scripts/write-codes.ts'
import { ROOT } from '../helpers/documents.ts'

describe('docs/CODES.md', () => {
  it('is what the registry says (run `npm run codes` after adding a code)', () => {
    expect(readFileSync(join(ROOT, 'docs', 'CODES.md'), 'utf8')).toBe(codesMarkdown())
  })

  it('lists the codes the documents meet, with their meaning', () => {
    const text = codesMarkdown()
    expect(text).toContain('| `unrecognised-table` | 表无法识别 | table not recognised — worth a look (shown first) |')
    expect(text).toContain('| `hierarchy` | 上级科目等于下级科目之和 |')
  })
})
