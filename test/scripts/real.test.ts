import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { displayWidth, fitWidth, formatMissing } from '../../scripts/real.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')

interface Run {
  code: number | null
  stdout: string
  stderr: string
  tsv: Record<string, string>[]
  json: Record<string, unknown>
  rawTsv: string
  rawJson: string
}

/** Run `scripts/real.ts seeds` as `npm run real` does, with --tsv and --json into a scratch folder. */
function runReal(scratch: string, name: string): Run {
  const tsvPath = join(scratch, `${name}.tsv`)
  const jsonPath = join(scratch, `${name}.json`)
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/real.ts', 'seeds', '--tsv', tsvPath, '--json', jsonPath], { cwd: ROOT, encoding: 'utf8' })
  const rawTsv = readFileSync(tsvPath, 'utf8')
  const rawJson = readFileSync(jsonPath, 'utf8')
  const [header, ...lines] = rawTsv.trimEnd().split('\n').map((line) => line.split('\t'))
  const tsv = lines.map((cells) => Object.fromEntries((header ?? []).map((column, index) => [column, cells[index] ?? ''])))
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, tsv, json: JSON.parse(rawJson) as Record<string, unknown>, rawTsv, rawJson }
}

// The expected values were read from the committed dist/ (a build of seeds/): facts.csv, unplaced.csv, checks.csv.
describe('make real on the seeds', () => {
  let scratch = ''
  let run: Run
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'real-test-'))
    run = runReal(scratch, 'first')
    // A build of the seeds in a child process: seconds alone, more on a machine shared with other test files.
  }, 120_000)
  afterAll(() => rmSync(scratch, { recursive: true, force: true }))

  const row = (prefix: string): Record<string, string> => {
    const found = run.tsv.find((entry) => entry.doc_id?.startsWith(prefix))
    if (!found) throw new Error(`No TSV row for ${prefix}`)
    return found
  }

  it('finds 9 of 9 standard tables in seed 000, with its table figures, labels and checks', () => {
    expect(run.code).toBe(0)
    expect(row('000')).toMatchObject({
      source_file: 'seeds/000_3c34c72f74ac532a.txt',
      department: '湖南省人民政府驻上海办事处',
      kind: 'final_accounts',
      layout: 'word-cells',
      tables_found: '9',
      tables_missing: '',
      table_figures: '182',
      'table-text': '4',
      'subject-code': '128',
      'row-number': '54',
      'column-number': '43',
      missed_standard: '0',
      missed_all: '4',
      share_standard: '1.0000',
      share_all: '0.9785',
      checks_passed: '207',
      checks_failed: '5',
      checks_rounding: '3',
    })
  })

  it('counts the unlabelled figures of seed 003 against its standard tables, the 绩效 table text against all tables', () => {
    // 255 table figures; unplaced: 8 unlabelled-row in appropriation_summary, 24 table-text and 5 table-amount in the 绩效自评表,
    // whose 22 percentages (`100.0%`) are indicator, not missed figures.
    expect(row('003')).toMatchObject({ table_figures: '255', 'unlabelled-row': '8', 'table-text': '24', 'table-amount': '5', indicator: '22', missed_standard: '8', missed_all: '37', share_standard: '0.9696', share_all: '0.8733' })
  })

  it('names all nine tables missing in the 预算 seed 004, with no share', () => {
    expect(row('004')).toMatchObject({ kind: 'budget', layout: 'prose', tables_found: '0', table_figures: '0', share_standard: '', share_all: '' })
    expect(row('004').tables_missing?.split(';')).toHaveLength(9)
  })

  it('totals the checks as checks.csv has them: 882 pass, 20 error, 12 rounding', () => {
    expect(run.json).toMatchObject({
      documents: 5,
      failed: 0,
      tablesFound: 36,
      tableFigures: 1020,
      inTableByReason: { 'subject-code': 461, 'row-number': 218, 'column-number': 175, 'table-text': 62, 'table-amount': 13, 'unlabelled-row': 8, indicator: 32, 'cell-text': 6 },
      missedStandard: 8,
      missedAll: 83,
      checks: { passed: 882, failed: 20, rounding: 12, warned: 0 },
    })
    expect(run.stdout).toContain('checks: 882 passed, 20 failed (error), 12 rounding warnings, 0 other warnings')
    expect(run.stdout).toContain('table numbers placed: standard tables 99.2% (1,020 of 1,028), all tables 92.5% (1,020 of 1,103)')
  })

  it('prints the worst documents first, one fixed-width line each', () => {
    const lines = run.stdout.split('\n')
    expect(lines[0]).toMatch(/^doc\s+department\s+kind\s+layout\s+tables/)
    const order = lines.slice(1, 6).map((line) => line.slice(0, 3))
    expect(order).toEqual(['004', '003', '002', '000', '001'])
    expect(lines[2]).toMatch(/^003_be5e21c590b899c0 +株洲市人民政府驻北… +final +tab-rows +9\/9 - +0 +255 +37 +97\.0% +87\.3% +171 +4 +1 table-text 24, unlabelled-row 8, table-amount 5$/)
    // The department is cut by display width, so every line's columns start at the same place.
    const columnOf = (line: string): number => displayWidth(line.slice(0, line.indexOf(' final') + 1))
    expect(new Set(lines.slice(2, 6).map(columnOf)).size).toBe(1)
  })

  it('writes the same bytes on a second run', () => {
    const again = runReal(scratch, 'second')
    expect(again.stdout).toBe(run.stdout)
    expect(again.rawTsv).toBe(run.rawTsv)
    expect(again.rawJson).toBe(run.rawJson)
  })
})

describe('terminal helpers', () => {
  it('cut Chinese names by display width', () => {
    expect(displayWidth('株洲市ab')).toBe(8)
    expect(fitWidth('株洲市人民政府驻北京联络处', 10)).toBe('株洲市人… ')
    expect(fitWidth('ab', 4, true)).toBe('  ab')
  })

  it('write missing tables as runs of their numbers', () => {
    expect(formatMissing(['income_expenditure_summary', 'income_by_function', 'expenditure_by_function', 'three_public_expenses'])).toBe('1-3,7')
    expect(formatMissing(['government_fund', 'state_capital'])).toBe('8,9')
    expect(formatMissing([])).toBe('-')
  })
})
