/**
 * Long lines must cost linear time in every stage (a regex that backtracks,
 * a search over all spans of a line per token, a slice of the whole line per
 * figure would each make them quadratic). Each document runs in a child
 * process with a time limit, so a regression fails here instead of hanging
 * the suite. Files are made in a temporary folder and deleted.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { MAX_INPUT_BYTES, readInput } from '../../runtime/inputs.ts'
import { processFileInChild, seedText, splitLines } from './helpers.ts'

const work = mkdtempSync(join(tmpdir(), 'cn-budget-long-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
const MiB = 1024 * 1024

/** A text of about `bytes` UTF-8 bytes made of `unit` repeated. */
function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / Buffer.byteLength(unit)))
}

/** Write a document, run it in a child process, and check it finished within the limit with its numbers accounted for. */
function expectFinishes(name: string, text: string, limitMs: number): void {
  const file = join(work, name)
  writeFileSync(file, text)
  // The child is given more than the limit, so that a slow run reports its time rather than a kill.
  const outcome = processFileInChild(file, limitMs * 2 + 5000)
  rmSync(file)
  if (!outcome.ok) throw new Error(`${name}: ${outcome.reason}`)
  expect(outcome.status).toBe('ok')
  expect(outcome.ruleIds).not.toContain('internal-error')
  expect(outcome.tokens, 'tokens = facts − marker facts + unplaced').toBe(outcome.facts - outcome.markerFacts + outcome.unplaced)
  expect(outcome.milliseconds, `${name} took ${Math.round(outcome.milliseconds)} ms`).toBeLessThan(limitMs)
}

describe('1 MB lines run in linear time (< 5 s each)', () => {
  it('spaces and digits', () => expectFinishes('spaces-digits.txt', repeatTo('          1', MiB), 5000), 60_000)
  it('spaces, then one digit (trailing-padding regexes)', () => expectFinishes('spaces-then-digit.txt', `${' '.repeat(MiB)}1`, 5000), 60_000)
  it('digits only (one huge token)', () => expectFinishes('digits.txt', repeatTo('1234567890', MiB), 5000), 60_000)
  it('tabs and figures (one very wide row)', () => expectFinishes('tabs.txt', repeatTo('\t12.30\t—', MiB), 5000), 60_000)
  it('prose with figures', () => expectFinishes('prose.txt', repeatTo('本年收入合计1,118.77万元，其中：一般公共预算财政拨款收入1,118.77万元，占100%。', MiB), 5000), 60_000)

  it('a 1 MB row inside a table of a real document', () => {
    const lines = splitLines(seedText('002'))
    const row = lines.findIndex((line) => line.startsWith('2010301\t'))
    const wide = `2010302\t一般行政管理事务${repeatTo('\t1.00', MiB)}`
    expectFinishes('wide-row.txt', [...lines.slice(0, row), wide, ...lines.slice(row)].join('\n'), 5000)
  }, 60_000)
})

describe('a 50 MB single line', () => {
  it('is read (under the limit) and runs through every stage in reasonable time', async () => {
    const sentence = '本年收入合计1,118.77万元，其中：一般公共预算财政拨款收入1,118.77万元，占100%。'
    const text = repeatTo(sentence, 50 * MiB)
    const file = join(work, 'fifty.txt')
    writeFileSync(file, text)
    const read = await readInput(file)
    expect(read.bytes?.length).toBe(Buffer.byteLength(text))
    expect(read.bytes?.length).toBeLessThan(MAX_INPUT_BYTES)
    rmSync(file)
    // About 5 s of stages on the reference machine (2 cores); quadratic work would take hours.
    expectFinishes('fifty.txt', text, 30_000)
  }, 120_000)
})
