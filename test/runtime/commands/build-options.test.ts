import { mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet'
import { ROOT, seedName } from '../../helpers/documents.ts'
import { runCommand } from './run-command.ts'

const work = mkdtempSync(join(tmpdir(), 'cn-budget-options-'))
const input = join(work, 'input')
mkdirSync(input)
copyFileSync(join(ROOT, 'seeds', seedName('000')), join(input, seedName('000')))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The rows of a CSV without quoted commas (the columns read here have none), BOM dropped. */
function csvLines(path: string): string[][] {
  return readFileSync(path, 'utf8').replace(/^\ufeff/, '').split('\r\n').filter(Boolean).map((line) => line.split(','))
}

/** The value of `column` in the first row whose `key` column is `value`. */
function cell(rows: string[][], key: string, value: string, column: string): string | undefined {
  const [header = [], ...data] = rows
  return data.find((row) => row[header.indexOf(key)] === value)?.[header.indexOf(column)]
}

async function buildInto(name: string, options: string[]): Promise<string> {
  const out = join(work, name)
  const { code, stderr } = await runCommand('build', ['--input', input, '--out', out, '--no-cache', '--workers', '0', '--quiet', ...options])
  expect(code, stderr).toBe(0)
  return out
}

describe('build --unit wan and --labels zh', () => {
  it('--unit wan writes CSV money in 万元 with two decimals (11187700 → 1118.77); Arrow/Parquet stay in yuan', async () => {
    const out = await buildInto('wan', ['--unit', 'wan'])
    const summary = csvLines(join(out, 'summary.csv'))
    expect(cell(summary, 'doc_id', '000_3c34c72f74ac532a', 'income_total')).toBe('1118.77')
    expect(cell(summary, 'doc_id', '000_3c34c72f74ac532a', 'three_public_budget_total')).toBe('112.00')
    const byFunction = csvLines(join(out, 'expenditure_by_function.csv'))
    expect(cell(byFunction, 'subject_code', '2010302', 'project')).toBe('384.14')
    const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(join(out, 'summary.parquet')) })
    expect(parquet[0]?.income_total).toBe(11187700)
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toContain('Built with `--unit wan`')
  })

  it('--unit wan is exact for amounts that are not whole hundreds of yuan (a tolerance of 150 yuan reads 0.015)', async () => {
    const out = await buildInto('wan-exact', ['--unit', 'wan'])
    const checks = readFileSync(join(out, 'checks.csv'), 'utf8')
    expect(checks).toMatch(/,0\.015,/)
    expect(checks).not.toMatch(/,0\.02,.*rounding/)
  })

  it('--labels zh writes Chinese CSV headers from the data dictionary; Arrow/Parquet keep English names', async () => {
    const out = await buildInto('zh', ['--labels', 'zh'])
    const [header = []] = csvLines(join(out, 'summary.csv'))
    expect(header.slice(0, 4)).toEqual(['文档编号', '源文件', '部门', '地区'])
    expect(header).toContain('本年收入合计')
    const [facts = []] = csvLines(join(out, 'facts.csv'))
    expect(facts.slice(0, 3)).toEqual(['事实编号', '文档编号', '源文件'])
    const parquet = await parquetReadObjects({ file: await asyncBufferFromFile(join(out, 'summary.parquet')) })
    expect(Object.keys(parquet[0] ?? {})).toContain('income_total')
    // Amounts stay in yuan unless asked.
    expect(cell(csvLines(join(out, 'summary.csv')), '文档编号', '000_3c34c72f74ac532a', '本年收入合计')).toBe('11187700')
  })

  it('a value it does not know is a usage error', async () => {
    await expect(runCommand('build', ['--input', input, '--out', join(work, 'bad'), '--unit', 'yi'])).rejects.toMatchObject({ code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' })
  })
})

describe('build progress', () => {
  const seeds = join(ROOT, 'seeds')

  it('on a terminal, a progress line with documents done/total, rate and ETA, even with --quiet', async () => {
    const { code, stderr, stdout } = await runCommand('build', ['--input', seeds, '--out', join(work, 'tty'), '--no-cache', '--workers', '0', '--quiet'], { tty: true })
    expect(code).toBe(0)
    expect(stderr).toMatch(/\r5\/5 documents {2}[\d.]+\/s {2}ETA 0s \n$/)
    expect(stdout).toMatch(/^5 documents \(0 failed, 0 from cache, 0\/1 segments reused\)/)
  })

  it('not on a terminal, no progress line at all', async () => {
    const { code, stderr } = await runCommand('build', ['--input', seeds, '--out', join(work, 'pipe'), '--no-cache', '--workers', '0', '--quiet'])
    expect(code).toBe(0)
    expect(stderr).toBe('')
  })
})

describe('build: inputs as the README shows them', () => {
  it('--input takes several paths; a missing one is one line and the others are built', async () => {
    const second = join(work, 'second')
    mkdirSync(second, { recursive: true })
    copyFileSync(join(ROOT, 'seeds', seedName('001')), join(second, seedName('001')))
    const out = join(work, 'several')
    const { code, stdout, stderr } = await runCommand('build', ['--input', input, second, join(work, 'no-such-folder'), '--out', out, '--no-cache', '--workers', '0', '--quiet'])
    expect(code).toBe(0)
    expect(stderr.trim()).toBe(`cn-budget-etl: no such file or folder: ${join(work, 'no-such-folder')}`)
    expect(stdout).toMatch(/^2 documents \(0 failed/m)
  })

  it('exits non-zero when no document could be read, and a path before --input is refused', async () => {
    const missing = await runCommand('build', ['--input', join(work, 'nothing-here'), '--out', join(work, 'none'), '--no-cache', '--workers', '0', '--quiet'])
    expect(missing.code).toBe(1)
    expect(missing.stderr.split('\n').filter(Boolean)).toHaveLength(1)
    const binary = join(work, 'binary')
    mkdirSync(binary, { recursive: true })
    writeFileSync(join(binary, 'a.txt'), new Uint8Array([0, 1, 2, 0, 3]))
    const unreadable = await runCommand('build', ['--input', binary, '--out', join(work, 'unreadable'), '--no-cache', '--workers', '0', '--quiet'])
    expect(unreadable.code).toBe(1)
    expect(unreadable.stderr).toContain('no document could be read (1 given)')
    const stray = await runCommand('build', [input, '--out', join(work, 'stray')])
    expect(stray.code).toBe(2)
  })
})
