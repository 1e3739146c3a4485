/**
 * Which PDF reader: poppler's pdftotext (a subprocess) against pdfjs-dist
 * (pure JavaScript), measured on the same PDFs in the same run, one PDF at a
 * time. Per PDF: wall and CPU time of `pdftotext -layout` and of
 * `pdftotext -bbox-layout`, and of pdfjs-dist reading every page's text
 * (`getTextContent`) with and without its CMaps; whether pdfjs's characters
 * are the ones poppler prints (the multiset of non-space characters of the
 * whole document, CJK and all). pdfjs-dist is not a dependency of the
 * project: give the folder of an installed copy.
 *
 *   npx tsx scripts/pdf-readers.ts ../shared/corpus/real --pdfjs /tmp/pdfjs/node_modules/pdfjs-dist [--limit N]
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

const { values, positionals } = parseArgs({ options: { pdfjs: { type: 'string' }, limit: { type: 'string' } }, allowPositionals: true })
const folder = positionals[0]
if (!folder) throw new Error('Usage: npx tsx scripts/pdf-readers.ts DIR [--pdfjs DIR_OF_PDFJS_DIST] [--limit N]')
const files = readdirSync(folder)
  .filter((name) => name.endsWith('.pdf'))
  .sort()
  .slice(0, values.limit ? Number(values.limit) : undefined)
  .map((name) => join(folder, name))

/** Wall and CPU seconds of a function (CPU: this process and its children). */
async function timed<T>(run: () => T | Promise<T>): Promise<{ value: T; wall: number; cpu: number }> {
  const start = process.hrtime.bigint()
  const cpu = process.cpuUsage()
  const children = childCpu()
  const value = await run()
  const used = process.cpuUsage(cpu)
  return { value, wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (used.user + used.system) / 1e6 + (childCpu() - children) }
}

/** CPU seconds of the finished children of this process (from /proc: cutime + cstime). */
function childCpu(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[13]) + Number(fields[14])) / 100
}

/** Non-space characters with their counts. */
function characters(text: string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const char of text.replace(/\s+/g, '')) counts.set(char, (counts.get(char) ?? 0) + 1)
  return counts
}

/** Share of the reference's characters (all, and CJK only) that the other text has too (multiset intersection). */
function agreement(reference: string, other: string): { all: number; cjk: number } {
  const want = characters(reference)
  const got = characters(other)
  let total = 0
  let same = 0
  let cjkTotal = 0
  let cjkSame = 0
  for (const [char, count] of want) {
    const common = Math.min(count, got.get(char) ?? 0)
    total += count
    same += common
    if (/\p{Script=Han}/u.test(char)) {
      cjkTotal += count
      cjkSame += common
    }
  }
  const extra = [...got].reduce((sum, [char, count]) => sum + Math.max(0, count - (want.get(char) ?? 0)), 0)
  // Characters pdfjs adds that poppler does not print count against it too.
  return { all: total === 0 ? 1 : same / (total + extra), cjk: cjkTotal === 0 ? 1 : cjkSame / cjkTotal }
}

interface PdfjsModule {
  getDocument(options: Record<string, unknown>): { promise: Promise<{ numPages: number; getPage(n: number): Promise<{ getTextContent(): Promise<{ items: { str?: string; hasEOL?: boolean }[] }>; cleanup(): void }>; destroy(): Promise<void> }> }
}

const pdfjsFolder = values.pdfjs ? resolve(values.pdfjs) : undefined
const pdfjs = pdfjsFolder ? ((await import(pathToFileURL(join(pdfjsFolder, 'legacy/build/pdf.mjs')).href)) as PdfjsModule) : undefined

/** Every page's text as pdfjs-dist reads it. */
async function pdfjsText(bytes: Uint8Array, cmaps: boolean): Promise<string> {
  if (!pdfjs || !pdfjsFolder) return ''
  const options: Record<string, unknown> = { data: bytes.slice(), isEvalSupported: false, useSystemFonts: false, verbosity: 0, standardFontDataUrl: `${join(pdfjsFolder, 'standard_fonts')}/` }
  if (cmaps) Object.assign(options, { cMapUrl: `${join(pdfjsFolder, 'cmaps')}/`, cMapPacked: true })
  const document = await pdfjs.getDocument(options).promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const page = await document.getPage(number)
    const content = await page.getTextContent()
    pages.push(content.items.map((item) => `${item.str ?? ''}${item.hasEOL ? '\n' : ' '}`).join(''))
    page.cleanup()
  }
  await document.destroy()
  return pages.join('\f')
}

const rows: string[][] = []
const totals = { layout: { wall: 0, cpu: 0 }, bbox: { wall: 0, cpu: 0 }, pdfjs: { wall: 0, cpu: 0 }, pdfjsNoCmaps: { wall: 0, cpu: 0 } }
let exact = 0
let exactNoCmaps = 0
let cjkSum = 0
let cjkSumNoCmaps = 0
for (const file of files) {
  const bytes = new Uint8Array(readFileSync(file))
  const layout = await timed(() => execFileSync('pdftotext', ['-q', '-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 28 }).toString('utf8'))
  const bbox = await timed(() => execFileSync('pdftotext', ['-q', '-bbox-layout', '-enc', 'UTF-8', file, '-'], { maxBuffer: 1 << 28 }).length)
  totals.layout.wall += layout.wall
  totals.layout.cpu += layout.cpu
  totals.bbox.wall += bbox.wall
  totals.bbox.cpu += bbox.cpu
  const row = [file.split('/').pop() ?? file, layout.wall.toFixed(3), bbox.wall.toFixed(3)]
  if (pdfjs) {
    const withCmaps = await timed(() => pdfjsText(bytes, true))
    const without = await timed(() => pdfjsText(bytes, false))
    const agree = agreement(layout.value, withCmaps.value)
    const agreeWithout = agreement(layout.value, without.value)
    totals.pdfjs.wall += withCmaps.wall
    totals.pdfjs.cpu += withCmaps.cpu
    totals.pdfjsNoCmaps.wall += without.wall
    totals.pdfjsNoCmaps.cpu += without.cpu
    if (agree.all === 1) exact++
    if (agreeWithout.all === 1) exactNoCmaps++
    cjkSum += agree.cjk
    cjkSumNoCmaps += agreeWithout.cjk
    row.push(withCmaps.wall.toFixed(3), (agree.all * 100).toFixed(2), (agree.cjk * 100).toFixed(2), without.wall.toFixed(3), (agreeWithout.cjk * 100).toFixed(2))
  }
  rows.push(row)
  process.stderr.write(`${row.join('\t')}\n`)
}
const n = files.length
const per = (time: { wall: number; cpu: number }): string => `${(time.wall / n).toFixed(3)} s wall, ${(time.cpu / n).toFixed(3)} s CPU`
console.log(`${n} PDFs of ${folder}, one at a time`)
console.log(`| reader | per PDF | same characters as pdftotext -layout (whole document) | CJK characters found |`)
console.log(`|---|---|---|---|`)
console.log(`| poppler \`pdftotext -layout\` | ${per(totals.layout)} | (reference) | (reference) |`)
console.log(`| poppler \`pdftotext -bbox-layout\` | ${per(totals.bbox)} | — | — |`)
if (pdfjs) {
  console.log(`| pdfjs-dist getTextContent, with cmaps | ${per(totals.pdfjs)} | ${exact} of ${n} PDFs exactly | ${((cjkSum / n) * 100).toFixed(2)}% on average |`)
  console.log(`| pdfjs-dist getTextContent, without cmaps | ${per(totals.pdfjsNoCmaps)} | ${exactNoCmaps} of ${n} PDFs exactly | ${((cjkSumNoCmaps / n) * 100).toFixed(2)}% on average |`)
}
