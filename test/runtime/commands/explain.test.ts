import { describe, expect, it } from 'vitest'
import { displayLine, excerptWithCaret } from '../../../runtime/commands/explain.ts'
import { oneFact, runSeed } from '../../helpers/documents.ts'
import { runCommand } from './run-command.ts'

/** The output line holding `text` and the caret line under it. */
function markedLine(output: string, text: string): { line: string; carets: string } {
  const lines = output.split('\n')
  const index = lines.findIndex((line) => line.startsWith('>') && line.includes(text))
  return { line: lines[index] ?? '', carets: lines[index + 1] ?? '' }
}

describe('cn-budget-etl explain', () => {
  const doc = runSeed('000')
  const fact = oneFact(doc, { table_id: 'expenditure_by_function', subject_code: '2010302', measure: 'project' })

  it('shows the figure in its source line with a caret under it, its normalisation and its checks', async () => {
    const { code, stdout } = await runCommand('explain', [fact.fact_id])
    expect(code).toBe(0)
    expect(stdout).toContain(`Fact ${fact.fact_id}`)
    expect(stdout).toContain(`source    ${fact.source_file}:453:2..453:8`)
    const { line, carets } = markedLine(stdout, '384.14')
    expect(line).toMatch(/^> 453 │ /)
    expect(carets.indexOf('^')).toBe(line.indexOf('384.14'))
    expect(carets.trim()).toMatch(/^│ +\^{6}$/)
    expect(stdout).toContain('raw      `384.14` in 万元')
    expect(stdout).toContain('value    3841400 yuan (CNY) = 384.14 × 10^4')
    expect(stdout).toContain('row       2010302 → 一般行政管理事务 (functional, item, under 20103 政府办公厅（室）及相关机构事务)')
    expect(stdout).toContain('column    project; printed `项目支出`')
    const checks = doc.checks.filter((check) => check.fact_ids.split(';').includes(fact.fact_id))
    expect(checks.length).toBeGreaterThan(0)
    expect(stdout).toContain(`Checks: ${checks.length}`)
    for (const check of checks) expect(stdout).toContain(`fact_ids ${check.fact_ids}`)
  })

  it('a unique prefix of the id is enough; an unknown id says so', async () => {
    const short = await runCommand('explain', [fact.fact_id.slice(0, 8)])
    expect(short.code).toBe(0)
    expect(short.stdout).toContain(`Fact ${fact.fact_id}`)
    const unknown = await runCommand('explain', ['zzzz'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('No fact `zzzz` in 5 document(s)')
  })

  it('a failed check of a tab-separated seed: the caret stands under the figure past tabs and Chinese text', async () => {
    const seed = runSeed('001')
    const printed = oneFact(seed, { table_id: 'income_by_function', subject_code: '20103', measure: 'fiscal_appropriation' })
    const { stdout } = await runCommand('explain', [printed.fact_id, '--context', '1'])
    const { line, carets } = markedLine(stdout, '951.38')
    // Display columns: the Chinese name before the figure is two columns a character, which the caret line accounts for.
    const before = displayLine(seed.lines[printed.line - 1] ?? '').starts[printed.column - 1] ?? -1
    expect(carets.indexOf('^') - carets.indexOf('│')).toBe(before + 2)
    expect(carets.match(/\^/g)).toHaveLength(6)
    expect(line).toContain('951.38')
    expect(stdout).toMatch(/FAIL hierarchy income_by_function 20103 fiscal_appropriation — this fact is printed figure; expected 9313800, printed 9513800, difference 200000/)
  })

  it('a span over two lines gets a caret line under each', () => {
    const text = excerptWithCaret(['ab', '\tcd', 'ef'], { line: 1, column: 2, endLine: 2, endColumn: 3 }, 0)
    expect(text.split('\n')).toEqual(['> 1 │ ab', '    │  ^', '> 2 │     cd', '    │ ^^^^^'])
  })
})
