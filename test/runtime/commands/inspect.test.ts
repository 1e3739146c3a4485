import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CORPUS, ROOT, seedName } from '../../helpers/documents.ts'
import { runCommand } from './run-command.ts'

const CORPUS_FILE = join(CORPUS, 'shanghai-putuo-social-work-dept-2024-final.layout.txt')

describe('cn-budget-etl inspect', () => {
  it('a seed: how it was read, its tables, facts, unplaced numbers and failed checks with their numbers', async () => {
    const { code, stdout } = await runCommand('inspect', [join(ROOT, 'seeds', seedName('001'))])
    expect(code).toBe(0)
    expect(stdout).toContain(`seeds/${seedName('001')}`)
    expect(stdout).toMatch(/encoding\s+utf-8 \(valid UTF-8 without byte order mark\)/)
    expect(stdout).toMatch(/layout\s+tab-rows/)
    expect(stdout).toMatch(/department\s+湖南省人民政府驻深圳办事处/)
    expect(stdout).toMatch(/fiscal year\s+2020/)
    expect(stdout).toMatch(/kind\s+final_accounts \(部门决算\)/)
    expect(stdout).toContain('Tables: 9 of 9 found, 0 missing, 0 unrecognised')
    expect(stdout).toMatch(/✓ expenditure_by_function\s+line\s+140\s+unit 万元\s+39 facts\s+支出决算表/)
    expect(stdout).toMatch(/Facts: \d+ \(168 in tables, \d+ in prose\)/)
    expect(stdout).toMatch(/other: .*row-number 54/)
    expect(stdout).toMatch(/Checks: \d+ evaluated, \d+ pass, \d+ failed, 3 within rounding/)
    expect(stdout).toContain('✗ income_by_function 20103 fiscal_appropriation (hierarchy): printed 9513800, expected 9313800, difference 200000 (20.00 万元)')
    expect(stdout).toMatch(/Look at: .*\d+ failed check\(s\)/)
  })

  it('--text prints the text the pipeline read, which line and column refer to', async () => {
    const path = join(ROOT, 'seeds', seedName('004'))
    const { code, stdout } = await runCommand('inspect', ['--text', path])
    expect(code).toBe(0)
    expect(stdout).toBe(readFileSync(path, 'utf8').replace(/^\ufeff/, ''))
  })

  it('a seed with figures outside any row label says where they are', async () => {
    const { stdout } = await runCommand('inspect', [join(ROOT, 'seeds', seedName('003'))])
    expect(stdout).toMatch(/in tables: unlabelled-row 8 — may be figures that were missed; first at 172:8/)
    expect(stdout).toMatch(/warning unlabelled-row at 172:8: Figures without a row label/)
  })

  it('a prose-only budget: no tables, and that is not a failure to read', async () => {
    const { code, stdout } = await runCommand('inspect', [join(ROOT, 'seeds', seedName('004'))])
    expect(code).toBe(0)
    expect(stdout).toMatch(/layout\s+prose/)
    expect(stdout).toMatch(/kind\s+budget \(部门预算\)/)
    expect(stdout).toContain('Tables: 0 of 9 found, 9 missing')
    // Its prose comparisons (减少101.68万元，减少43.7%; 减少12万元，下降75%) are its checks.
    expect(stdout).toContain('Checks: 2 evaluated, 2 pass, 0 failed, 0 within rounding')
  })

  it('a document with nothing to check says so, not "0 evaluated, 0 failed"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-none-'))
    const path = join(dir, 'none.txt')
    writeFileSync(path, '部门预算说明\n一、部门职责\n负责本部门的日常工作。\n')
    const { stdout } = await runCommand('inspect', [path])
    rmSync(dir, { recursive: true, force: true })
    expect(stdout).toContain('Checks: none ran (the document has none of the figures they compare)')
    expect(stdout).not.toMatch(/Checks: 0 evaluated/)
  })

  const BUDGET_FILE = join(CORPUS, 'real', 'sz-5427e486.layout.txt')
  it.skipIf(!existsSync(BUDGET_FILE))('a 部门预算 names its tables by their 预算 titles', async () => {
    const { stdout } = await runCommand('inspect', ['../shared/corpus/real/sz-5427e486.layout.txt'])
    expect(stdout).toContain('Tables: 8 of 9 found, 1 missing, 3 unrecognised')
    expect(stdout).toMatch(/✓ general_budget_expenditure\s+line\s+762\s+unit 万元\s+\d+ facts\s+一般公共预算支出表/)
    expect(stdout).toMatch(/✗ general_budget_basic_expenditure\s+missing\s+一般公共预算基本支出表/)
  })

  it.skipIf(!existsSync(CORPUS_FILE))('the Shanghai corpus document (space-aligned): understood', async () => {
    const { code, stdout } = await runCommand('inspect', ['../shared/corpus/shanghai-putuo-social-work-dept-2024-final.layout.txt'])
    expect(code).toBe(0)
    expect(stdout).toContain('../shared/corpus/shanghai-putuo-social-work-dept-2024-final.layout.txt')
    expect(stdout).toMatch(/layout\s+space-aligned/)
    expect(stdout).toMatch(/department\s+中共上海市普陀区委社会工作部/)
    expect(stdout).toMatch(/region\s+上海市普陀区, county/)
    expect(stdout).toMatch(/fiscal year\s+2024/)
    expect(stdout).toContain('Tables: 9 of 9 found, 0 missing, 0 unrecognised')
    expect(stdout).toMatch(/✓ general_budget_basic_expenditure\s+line\s+327\s+unit 万元/)
    expect(stdout).toContain('in tables: none')
    expect(stdout).toMatch(/Checks: \d+ evaluated, \d+ pass, 0 failed/)
    expect(stdout).toMatch(/~ general_budget_basic_expenditure 302 amount \(hierarchy\): printed 102300, expected 102200, difference 100 \(0\.01 万元\)/)
    expect(stdout).toMatch(/Understood: 9\/9 tables, \d+ facts, no unplaced numbers in tables, no failed checks\./)
  })

  it('an input that cannot be read is reported and exits 1; no input is a usage error', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cn-budget-inspect-'))
    try {
      // A folder named like a document is listed, then refused as not a regular file.
      mkdirSync(join(folder, 'not-a-file.txt'))
      const refused = await runCommand('inspect', [folder])
      expect(refused.code).toBe(1)
      expect(refused.stdout).toMatch(/status\s+FAILED: Not a regular file/)
      expect(refused.stdout).toMatch(/Look at: the document could not be read/)
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
    const missing = await runCommand('inspect', [])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('cn-budget-etl inspect [--text] FILE_OR_DIR')
  })
})
