/**
 * The guarantees of a build: one bad document never stops the others, dist/
 * is replaced atomically (a killed build leaves the previous one intact),
 * CSV cells never reach a spreadsheet as formulas while numbers stay
 * numbers, and every regex of the code is checked for backtracking.
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import iconv from 'iconv-lite'
import { build } from '../../runtime/build.ts'
import type { DocumentSummary } from '../../outputs/document-result.ts'
import { processDocument } from '../../pipeline/process-document.ts'
import { neutralizeCsvCell } from '../../outputs/writers/csv-cell.ts'
import { findRegexesInSource, checkRegex } from '../../scripts/check-regexes.ts'
import { ROOT, seedName } from '../helpers/documents.ts'
import { parseCsvRecords } from '../helpers/csv.ts'
import { seedText } from './helpers.ts'

const work = mkdtempSync(join(tmpdir(), 'cn-budget-guarantees-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** The records of a CSV table of a built dataset. */
function records(out: string, table: string): Record<string, string>[] {
  return parseCsvRecords(readFileSync(join(out, `${table}.csv`), 'utf8'))
}

describe('one bad document never stops the others', () => {
  const input = join(work, 'mixed')
  const outside = join(work, 'elsewhere')
  mkdirSync(input)
  mkdirSync(outside)
  const good = [seedName('001'), seedName('003')]
  for (const name of good) writeFileSync(join(input, name), seedText(name.slice(0, 3)))
  writeFileSync(join(input, 'a-empty.txt'), '')
  writeFileSync(join(input, 'b-binary.txt'), new Uint8Array(Array.from({ length: 2048 }, (_, index) => (index * 131) % 256)))
  writeFileSync(join(input, 'c-truncated.txt'), new TextEncoder().encode(seedText('002')).subarray(0, 20_001))
  writeFileSync(join(input, 'd-copy-gb18030.txt'), iconv.encode(seedText('001'), 'gb18030'))
  const huge = openSync(join(input, 'e-huge.txt'), 'w')
  ftruncateSync(huge, 600 * 1024 * 1024)
  closeSync(huge)
  writeFileSync(join(outside, 'private.txt'), 'private')
  symlinkSync(join(outside, 'private.txt'), join(input, 'f-link-out.txt'))
  writeFileSync(join(input, 'g-bom.txt'), `\ufeff${seedText('004')}`)

  it('builds every good document, and each bad one is a failed documents row with its reason', async () => {
    const out = join(work, 'mixed-out')
    const summaries: DocumentSummary[] = []
    const result = await build({ inputs: [input], out, root: work, cache: false, workers: 0, onDocument: (summary) => summaries.push(summary) })
    expect(result.documents).toBe(summaries.length)
    expect(result.failed).toBe(summaries.filter((summary) => summary.status === 'failed').length)
    const byPath = new Map(summaries.map((summary) => [summary.path, summary]))
    expect([...byPath.keys()]).toEqual([
      `mixed/${good[0]}`,
      `mixed/${good[1]}`,
      'mixed/a-empty.txt',
      'mixed/b-binary.txt',
      'mixed/c-truncated.txt',
      'mixed/d-copy-gb18030.txt',
      'mixed/e-huge.txt',
      'mixed/f-link-out.txt',
      'mixed/g-bom.txt',
    ])
    // The good documents are exactly what they are alone.
    for (const name of good) {
      const alone = processDocument(`mixed/${name}`, new Uint8Array(readFileSync(join(input, name))))
      expect(byPath.get(`mixed/${name}`)).toMatchObject({ status: 'ok', facts: alone.facts.length, unplaced: alone.unplaced.length })
    }
    expect(byPath.get('mixed/c-truncated.txt')).toMatchObject({ status: 'ok' })
    expect(byPath.get('mixed/g-bom.txt')).toMatchObject({ status: 'ok', layout: 'prose' })
    const documents = new Map(records(out, 'documents').map((row) => [row.doc_id, row]))
    const failure = (id: string): [string | undefined, string | undefined] => [documents.get(id)?.status, documents.get(id)?.message]
    expect(failure('a-empty')).toEqual(['failed', 'Empty file: nothing to read'])
    expect(failure('b-binary')[1]).toMatch(/^Not a text file/)
    expect(failure('d-copy-gb18030')).toEqual(['failed', `Duplicate of \`mixed/${good[0]}\`: same text (read as gb18030), so its figures are taken once, from the first`])
    expect(failure('e-huge')).toEqual(['failed', 'File too large: 600 MiB is over the limit of 64 MiB (MAX_INPUT_BYTES) for one document; not read'])
    expect(failure('f-link-out')[1]).toMatch(/^Symbolic link to `.*private\.txt`, outside the input folder/)
    expect(documents.get('g-bom')?.encoding_reason).toBe('UTF-8 byte order mark')
    expect(documents.get('c-truncated')?.encoding).toBe('utf-8')
    const messages = records(out, 'messages')
    expect(messages.filter((row) => row.severity === 'fatal').map((row) => `${row.doc_id}:${row.rule_id}`)).toEqual([
      'a-empty:empty-file',
      'b-binary:binary-file',
      'd-copy-gb18030:duplicate-document',
      'e-huge:file-too-large',
      'f-link-out:outside-inputs',
    ])
    // Facts come from the documents that could be read, each once: none from a failed one.
    const factIds = new Set(records(out, 'facts').map((row) => row.doc_id))
    for (const name of good) expect(factIds.has(name.replace('.txt', ''))).toBe(true)
    for (const id of factIds) expect(documents.get(id)?.status, id).toBe('ok')
  }, 120_000)
})

/** Every file under a folder with the SHA-256 of its bytes. */
function snapshot(folder: string): Record<string, string> {
  const files: Record<string, string> = {}
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path, `${prefix}${name}/`)
      else files[`${prefix}${name}`] = createHash('sha256').update(readFileSync(path)).digest('hex')
    }
  }
  walk(folder, '')
  return files
}

describe('dist/ is replaced atomically', () => {
  it('a build killed midway leaves the previous dataset intact, and the next build completes', async () => {
    const small = join(work, 'small')
    const many = join(work, 'many')
    mkdirSync(small)
    mkdirSync(many)
    writeFileSync(join(small, seedName('003')), seedText('003'))
    // Enough distinct documents (a note makes each copy a different text) to be mid-run when killed.
    for (let copy = 0; copy < 40; copy++) {
      for (const prefix of ['000', '001', '002', '003']) writeFileSync(join(many, `${String(copy).padStart(2, '0')}-${prefix}.txt`), `${seedText(prefix)}\n附注：副本${copy}\n`)
    }
    const out = join(work, 'dist')
    const cli = join(ROOT, 'bin', 'cn-budget-etl.js')
    const run = (input: string, killAfterFirstDocument: boolean): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> =>
      new Promise((resolve, reject) => {
        // Its own process group: the bin runs the CLI in a child, and the kill must take both.
        const child = spawn(process.execPath, [cli, 'build', '--input', input, '--out', out, '--no-cache'], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
        let stdout = ''
        child.stdout.setEncoding('utf8')
        child.stdout.on('data', (chunk: string) => {
          stdout += chunk
          if (killAfterFirstDocument && child.pid !== undefined && /\.txt\s/.test(stdout)) {
            killAfterFirstDocument = false
            process.kill(-child.pid, 'SIGKILL')
          }
        })
        child.on('error', reject)
        child.on('close', (code, signal) => resolve({ code, signal, stdout }))
      })

    const first = await run(small, false)
    expect(first.code).toBe(0)
    const before = snapshot(out)
    expect(Object.keys(before)).toContain('facts.csv')

    const killed = await run(many, true)
    expect(killed.signal).toBe('SIGKILL')
    // Killed after its first document, long before the last.
    expect(killed.stdout).not.toMatch(/documents \(/)
    expect(snapshot(out)).toEqual(before)

    const again = await run(small, false)
    expect(again.code).toBe(0)
    expect(snapshot(out)).toEqual(before)
  }, 180_000)
})

describe('CSV safety', () => {
  const fixture = readFileSync(join(ROOT, 'test', 'fixtures', 'robustness', 'number-formats.txt'), 'utf8')
    .replace('部门：XX市测试局', '部门：=1+2测试局')
    .replace('注：本表', '@SUM(1,2)\t\t5.00\t5.00\t\t\t\t\n注：本表')

  it('neutralises formula starts, full-width ones and those after leading Unicode spaces, and leaves other text alone', () => {
    for (const text of ['=1+2', '+1', '-1+2', '-2-3', '-A1', '- 1', '-1 ', '-1e5', '--1', '-1.', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '\nabc', '＝1', '＋1', '－1＋1', '＠x', '\u3000=1', '\u00a0+1', '\u200b@x', '\ufeff-1', '  =1', ' -1']) {
      expect(neutralizeCsvCell(text), JSON.stringify(text)).toBe(`'${text}`)
    }
    // A negative number (or a bare dash marker) is not a formula: printed text stays as printed.
    for (const text of ['行政运行', '2010301', '1,118.77', '（12.30）', ' 空格', "'=already", '-1', '-12.30', '－12.30', '-1,118.77', '－１２．３０', '-5%', '-', '－']) {
      expect(neutralizeCsvCell(text), JSON.stringify(text)).toBe(text)
    }
  })

  it('in a built dataset: text cells neutralised, numeric columns (negatives included) untouched, codes stay text', async () => {
    const input = join(work, 'csv-input')
    mkdirSync(input)
    writeFileSync(join(input, 'formulas.txt'), fixture)
    const out = join(work, 'csv-out')
    await build({ inputs: [input], out, root: work, cache: false, workers: 0 })
    const facts = records(out, 'facts')
    const negative = facts.find((row) => row.subject_code === '201' && row.measure === 'project')
    expect(negative).toMatchObject({ value: '-123000', value_raw: '-12.30', department: "'=1+2测试局", subject_code: '201', line: '11', column: '30' })
    expect(facts.find((row) => row.subject_code === '201' && row.measure === 'subsidy_to_affiliates')).toMatchObject({ value: '-123000', value_raw: '（12.30）' })
    expect(facts.find((row) => row.subject_code === '201' && row.measure === 'remit_to_superior')).toMatchObject({ value: '-123000', value_raw: '－12.30' })
    const csv = readFileSync(join(out, 'facts.csv'), 'utf8')
    expect(csv).toContain(',-123000,')
    expect(csv).not.toContain("'-123000")
    expect(csv).toContain(',-12.30,')
    expect(csv).not.toContain("'-12.30")
    const message = records(out, 'messages').find((row) => row.actual?.includes('SUM'))
    expect(message?.actual?.startsWith("'@SUM(1,2)")).toBe(true)
    expect(records(out, 'documents')[0]?.department).toBe("'=1+2测试局")
  }, 60_000)
})

describe('regexes are checked for catastrophic backtracking (scripts/check-regexes.ts, run by make test)', () => {
  it('finds regex literals and literal new RegExp calls', () => {
    const found = findRegexesInSource("const a = /x+$/g\nconst b = new RegExp('^(a+)+$', 'u')\nconst c = new RegExp(dynamic)\nconst d = '/not a regex/'", 'sample.ts')
    expect(found).toEqual([
      { source: 'x+$', flags: 'g', where: 'sample.ts:1' },
      { source: '^(a+)+$', flags: 'u', where: 'sample.ts:2' },
    ])
  })

  it('flags exponential and quadratic patterns, passes their linear rewrites', async () => {
    const verdict = async (source: string): Promise<string> => (await checkRegex({ source, flags: '', where: 'test' })).status
    expect(await verdict('^(a+)+$')).toBe('vulnerable')
    expect(await verdict('[\\s\\u3000]+$')).toBe('vulnerable')
    expect(await verdict('(?<![\\s\\u3000])[\\s\\u3000]+$')).toBe('safe')
    expect(await verdict('^[0-9]+(?:\\.[0-9]+)?$')).toBe('safe')
  }, 60_000)
})
