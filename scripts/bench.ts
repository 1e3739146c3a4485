/**
 * `make bench`: generate a synthetic corpus of N documents from the seeds
 * and corpus (numbers perturbed, every layout, realistic sizes) outside the
 * repository, build it, and compare with a floor measured on the same files:
 * reading + decoding + splitting lines + scanning number tokens in Node.
 *
 * Usage: tsx scripts/bench.ts [--sizes 1000,10000] [--seed 7] [--keep]
 *
 * Per size: a full build from an empty cache, then a rebuild after one
 * document changed (the others come from the cache), each timed with
 * /usr/bin/time (wall, CPU, peak RSS of the whole process tree's largest process).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir, cpus } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { SourceDocument } from '../core/document.ts'
import { findSegments } from '../extractors/prose/blocks.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const NUMERIC_TOKEN = /[0-9０-９]+(?:[,，][0-9０-９]{3}(?![0-9０-９]))*(?:[.．][0-9０-９]+)?/g

/** A small deterministic PRNG (mulberry32), so a corpus is the same for the same seed. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The ratio to the floor the issue asks for at 10,000 documents. */
const TARGET_RATIO = 10

/** The documents to perturb: seeds, their space-aligned renderings, the shared corpus documents and the real ones (`pdftotext -layout` of 96 published PDFs). */
function loadTemplates(): { name: string; text: string; real: boolean }[] {
  const corpus = resolve(ROOT, '..', 'shared', 'corpus')
  const sources = [join(ROOT, 'seeds'), join(ROOT, 'test', 'fixtures', 'space-aligned'), corpus, join(corpus, 'real')]
  const templates: { name: string; text: string; real: boolean }[] = []
  for (const folder of sources) {
    if (!existsSync(folder)) continue
    for (const name of readdirSync(folder).filter((entry) => entry.endsWith('.txt')).sort()) {
      templates.push({ name, text: readFileSync(join(folder, name), 'utf8'), real: folder === join(corpus, 'real') })
    }
  }
  return templates
}

/**
 * Write N documents: template i mod T with every decimal amount replaced by
 * random digits of the same shape (so space alignment survives) and the
 * department name varied.
 */
export function generateCorpus(folder: string, count: number, seed: number): number {
  const templates = loadTemplates()
  mkdirSync(folder, { recursive: true })
  let bytes = 0
  for (let index = 0; index < count; index++) {
    const template = templates[index % templates.length]
    if (!template) throw new Error('No templates: seeds/ is empty')
    const random = createRandom(seed * 1_000_003 + index)
    const text = template.text
      .replace(/\d+\.\d{2}(?!\d)/g, (match) => match.replace(/\d/g, (digit, offset: number) => (offset === 0 && digit !== '0' ? String(1 + Math.floor(random() * 9)) : String(Math.floor(random() * 10)))))
      .replace(/办事处|联络处|办公室|社会工作部/g, (match) => `${match.slice(0, -1)}${'甲乙丙丁戊己庚辛壬癸'[index % 10]}${match.slice(-1)}`)
    const name = `${String(index).padStart(6, '0')}_${template.name}`
    // A last line makes every document distinct, so none is set aside as a duplicate of another.
    writeFileSync(join(folder, name), `${text}\n（样本${index}）\n`)
    bytes += Buffer.byteLength(text)
  }
  return bytes
}

/** The floor: read, decode, split lines and scan number tokens of every file. */
export function measureFloor(folder: string): { seconds: number; tokens: number } {
  const files = readdirSync(folder).sort()
  const started = process.hrtime.bigint()
  let tokens = 0
  const decoder = new TextDecoder('utf-8', { fatal: true })
  for (const name of files) {
    const text = decoder.decode(readFileSync(join(folder, name)))
    for (const line of text.split(/\r\n|\r|\n/)) for (const _match of line.matchAll(NUMERIC_TOKEN)) tokens++
  }
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, tokens }
}

/** A line of a table in any layout (a tab: a Word cell or a PDF-text row; two or more runs of three spaces: pdftotext -layout), not prose. */
function isTableLine(line: string): boolean {
  return line.includes('\t') || (line.match(/\S {3,}(?=\S)/g) ?? []).length >= 2
}

/**
 * One part of the build alone: the prose scanner (`findSegments`) on the
 * prose of every file, one thread, timing the scan only. The prose is each
 * file's lines without its table lines — about what the pipeline gives the
 * scanner (its table regions and grid rows skipped). It replaced
 * unified + remark-parse, which took 26–32× the floor on its own.
 */
export function measureProseScan(folder: string): number {
  let nanoseconds = 0n
  for (const name of readdirSync(folder).sort()) {
    const doc = new SourceDocument(name, new Uint8Array(readFileSync(join(folder, name))))
    doc.setText(new TextDecoder('utf-8', { fatal: true }).decode(doc.bytes))
    const skip = new Set<number>()
    for (const [index, line] of doc.lines.entries()) if (isTableLine(line)) skip.add(index + 1)
    const started = process.hrtime.bigint()
    findSegments(doc, skip)
    nanoseconds += process.hrtime.bigint() - started
  }
  return Number(nanoseconds) / 1e9
}

/** What /usr/bin/time says of a build: wall seconds, CPU seconds (user + system) and peak RSS. */
interface Measured {
  seconds: number
  cpuSeconds: number
  peakMb: number
}

/** Run a build in a child process; wall time, CPU time and peak RSS from /usr/bin/time. */
function measureBuild(folder: string, out: string, extra: string[]): Measured {
  const args = ['-f', '%e %U %S %M', process.execPath, join(ROOT, 'bin', 'cn-budget-etl.js'), 'build', '--quiet', '--input', folder, '--out', out, ...extra]
  const result = spawnSync('/usr/bin/time', args, { encoding: 'utf8', maxBuffer: 1 << 30 })
  if (result.status !== 0) throw new Error(`build failed (${result.status}): ${result.stderr.slice(-2000)}`)
  const last = result.stderr.trim().split('\n').at(-1) ?? ''
  const [seconds, user, system, kilobytes] = last.split(' ').map(Number)
  return { seconds: seconds ?? Number.NaN, cpuSeconds: (user ?? Number.NaN) + (system ?? Number.NaN), peakMb: (kilobytes ?? Number.NaN) / 1024 }
}

/** The targets of the issue, as a line per size: met or not, with the figure. */
function verdicts(size: number, ratio: number, peakMb: number, incrementalShare: number, firstPeakMb: number | undefined): string {
  const mark = (ok: boolean): string => (ok ? 'met' : 'NOT met')
  const parts = [
    `ratio ${ratio.toFixed(1)} ≤ ${TARGET_RATIO}: ${mark(ratio <= TARGET_RATIO)}`,
    `peak RSS ${peakMb.toFixed(0)} MB ≤ 512: ${mark(peakMb <= 512)}`,
    `incremental ${(incrementalShare * 100).toFixed(1)}% ≤ 10%: ${mark(incrementalShare <= 0.1)}`,
  ]
  if (firstPeakMb !== undefined) parts.push(`RSS flat from the first size (${firstPeakMb.toFixed(0)} → ${peakMb.toFixed(0)} MB, ≤ +15%): ${mark(peakMb <= firstPeakMb * 1.15)}`)
  return `N = ${size}: ${parts.join('; ')}\n`
}

function main(): void {
  const { values } = parseArgs({ options: { sizes: { type: 'string' }, seed: { type: 'string' }, keep: { type: 'boolean' } } })
  const sizes = (values.sizes ?? '1000,10000').split(',').map(Number)
  const seed = Number(values.seed ?? 7)
  const base = join(tmpdir(), 'cn-budget-etl-bench')
  process.stdout.write(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}\n`)
  // A copy of the repository without ../shared beside it has no corpus documents to perturb: say what the corpus is made of.
  const templates = loadTemplates()
  const real = templates.filter((template) => template.real).length
  process.stdout.write(`templates: ${templates.length} documents, ${real} of them real (${resolve(ROOT, '..', 'shared', 'corpus', 'real')})\n`)
  process.stdout.write(
    '\n| N | MB | floor s | build s | docs/s | MB/s | CPU busy | peak RSS MB | ratio to floor | incremental s | incremental / full | incremental peak RSS MB |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n',
  )
  const lines: string[] = []
  let firstPeak: number | undefined
  for (const size of sizes) {
    const folder = join(base, `corpus-${size}-${seed}`)
    if (!existsSync(folder) || readdirSync(folder).length !== size) {
      rmSync(folder, { recursive: true, force: true })
      generateCorpus(folder, size, seed)
    }
    const megabytes = readdirSync(folder).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0) / 1e6
    measureFloor(folder) // Warm the page cache so both measurements read from memory.
    const floor = measureFloor(folder)
    const out = join(base, `dist-${size}`)
    // The full build starts from an empty cache (and fills it, as any build does); the incremental one follows a change of one document.
    const cache = join(base, `cache-${size}`)
    rmSync(cache, { recursive: true, force: true })
    const full = measureBuild(folder, out, ['--cache-dir', cache])
    const changed = join(folder, readdirSync(folder).sort()[Math.floor(size / 2)] ?? '')
    const original = readFileSync(changed, 'utf8')
    writeFileSync(changed, original.replace(/\d\.\d{2}/, '9.99'))
    const incremental = measureBuild(folder, out, ['--cache-dir', cache])
    writeFileSync(changed, original)
    const ratio = full.seconds / floor.seconds
    process.stdout.write(
      `| ${[
        size,
        megabytes.toFixed(1),
        floor.seconds.toFixed(2),
        full.seconds.toFixed(1),
        (size / full.seconds).toFixed(0),
        (megabytes / full.seconds).toFixed(2),
        `${((full.cpuSeconds / full.seconds / cpus().length) * 100).toFixed(0)}% of ${cpus().length} cores`,
        full.peakMb.toFixed(0),
        ratio.toFixed(1),
        incremental.seconds.toFixed(1),
        `${((incremental.seconds / full.seconds) * 100).toFixed(1)}%`,
        incremental.peakMb.toFixed(0),
      ].join(' | ')} |\n`,
    )
    lines.push(verdicts(size, ratio, full.peakMb, incremental.seconds / full.seconds, firstPeak))
    // What the ratio target leaves for the whole build, against one part of it measured alone.
    const budget = TARGET_RATIO * floor.seconds * cpus().length
    const prose = measureProseScan(folder)
    lines.push(
      `  ${TARGET_RATIO}× the floor allows ${budget.toFixed(1)} CPU s on ${cpus().length} cores; the prose scanner alone takes ${prose.toFixed(2)} CPU s (${(prose / floor.seconds).toFixed(1)}× the floor, ${((prose / budget) * 100).toFixed(1)}% of the whole budget); the build used ${full.cpuSeconds.toFixed(0)} CPU s.\n`,
    )
    firstPeak ??= full.peakMb
    if (!values.keep) {
      rmSync(out, { recursive: true, force: true })
      rmSync(cache, { recursive: true, force: true })
    }
  }
  process.stdout.write(`\n${lines.join('')}`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main()
