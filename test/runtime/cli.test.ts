import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { ROOT, seedName } from '../helpers/documents.ts'

const work = mkdtempSync(join(tmpdir(), 'cn-budget-cli-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function runCli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'cn-budget-etl.js'), ...args], { cwd: ROOT, encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

describe('cn-budget-etl build', () => {
  const input = join(work, 'input')
  mkdirSync(input)
  copyFileSync(join(ROOT, 'seeds', seedName('001')), join(input, seedName('001')))
  copyFileSync(join(ROOT, 'seeds', seedName('004')), join(input, seedName('004')))
  writeFileSync(join(input, 'empty.txt'), '')

  it('prints a line per document, reports a bad one and exits 0 on data problems', () => {
    const out = join(work, 'dist')
    const result = runCli(['build', '--input', input, '--out', out])
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(new RegExp(`${seedName('001')}  tab-rows  9/9 tables, \\d{3} facts`))
    expect(result.stdout).toMatch(/[1-9]\d* checks failed/)
    // A budget in prose is checked on its prose comparisons alone.
    expect(result.stdout).toMatch(new RegExp(`${seedName('004')}  prose  0/9 tables, \\d+ facts, \\d+ unplaced, 0 checks failed, \\d+ messages`))
    expect(result.stdout).toMatch(/empty\.txt\s+-\s+FAILED: Empty file/)
    const documents = readFileSync(join(out, 'documents.csv'), 'utf8')
    expect(documents).toContain('empty,')
    expect(documents).toContain(',failed,')
  })

  it('--strict exits 1 when a check finds an error', () => {
    const result = runCli(['build', '--input', input, '--out', join(work, 'strict'), '--strict'])
    expect(result.status).toBe(1)
    expect(result.stdout).toMatch(/[1-9]\d* check errors/)
  })

  it('says how to call it when the command is unknown', () => {
    const result = runCli(['bulid'])
    expect(result.status).toBe(2)
    expect(result.stderr).toContain('Unknown command `bulid`')
    expect(result.stderr).toContain('cn-budget-etl build [--input')
  })
})
