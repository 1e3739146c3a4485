import { existsSync, readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { build, type BuildOptions, type Shard } from '../build.ts'
import type { FieldSchema } from '../../outputs/schema.ts'
import { formatSummary } from '../../outputs/document-result.ts'
import type { Command } from './types.ts'

/** Parse `--shard i/n` (0 ≤ i < n). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || count < 1 || index >= count) throw new Error(`Invalid --shard \`${text}\`: expected i/n with 0 ≤ i < n, e.g. 0/4`)
  return { index, count }
}

/** A progress line for a TTY: documents done/total, rate and ETA. */
function formatProgress(done: number, total: number, started: number): string {
  const seconds = (Date.now() - started) / 1000
  const rate = done / Math.max(seconds, 0.001)
  const eta = rate > 0 ? Math.max(0, (total - done) / rate) : 0
  return `\r${done}/${total} documents  ${rate.toFixed(1)}/s  ETA ${eta.toFixed(0)}s `
}

/**
 * The CSV options of `--labels` and `--unit`, or undefined for the canonical
 * dataset (English names, yuan). Throws on a value it does not know.
 */
export function spreadsheetOptions(labels: string | undefined, unit: string | undefined): BuildOptions['csv'] {
  // The code of parseArgs' own errors, so the CLI answers with the usage and exit code 2 as for any wrong option.
  const invalid = (message: string): Error => Object.assign(new Error(message), { code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' })
  if (labels !== undefined && labels !== 'en' && labels !== 'zh') throw invalid(`Invalid --labels \`${labels}\`: expected zh (or en, the default)`)
  if (unit !== undefined && unit !== 'yuan' && unit !== 'wan') throw invalid(`Invalid --unit \`${unit}\`: expected wan (or yuan, the default)`)
  if (labels !== 'zh' && unit !== 'wan') return undefined
  return {
    ...(labels === 'zh' ? { header: (field: FieldSchema) => field.title_zh } : {}),
    ...(unit === 'wan' ? { unit } : {}),
  }
}

/** `build`: seeds (or the given inputs) into dist/ (or the given folder). */
export const buildCommand: Command = {
  usage: `cn-budget-etl build [--input DIR_OR_FILE ...] [--out DIR] [--strict] [--no-cache] [--cache-dir DIR] [--shard i/n] [--workers N] [--quiet] [--files-from FILE|-] [--labels zh] [--unit wan]

  --input     files or folders of .txt and .pdf documents (default: seeds)
  --out       output folder, replaced atomically (default: dist)
  --strict    exit 1 when any check finds an error (data problems otherwise exit 0)
  --no-cache  process every document again (default: reuse results of unchanged documents, and the encoded bytes of unchanged segments, from .cache/)
  --cache-dir   where the cache lives (default: .cache/ in the repository), e.g. a volume kept between runs
  --shard     build only shard i of n (by document hash); the union of the n outputs is the whole dataset
  --workers   worker threads besides the main thread, which processes documents too (default: one less than the cores; 0 = the main thread alone)
  --quiet     no line per document (a progress line still shows on a terminal)
  --files-from  read input paths from a file, one per line (\`-\`: standard input), e.g. from Spark's RDD.pipe
  --labels zh   CSV headers in Chinese (the columns' titles in the data dictionary), for spreadsheet readers; Arrow/Parquet keep English names
  --unit wan    CSV money columns in 万元 with two decimals, converted exactly from the yuan; Arrow/Parquet stay in yuan`,
  async run(args, context) {
    const { values, positionals, tokens } = parseArgs({
      args,
      options: {
        input: { type: 'string', multiple: true },
        out: { type: 'string' },
        strict: { type: 'boolean' },
        'no-cache': { type: 'boolean' },
        'cache-dir': { type: 'string' },
        shard: { type: 'string' },
        workers: { type: 'string' },
        quiet: { type: 'boolean' },
        'files-from': { type: 'string' },
        labels: { type: 'string' },
        unit: { type: 'string' },
      },
      allowPositionals: true,
      tokens: true,
    })
    // `--input a b c`: the paths after --input are inputs too (the README's `--input DIR_OR_FILES...`); a path before any --input is an error.
    const firstInput = tokens.findIndex((token) => token.kind === 'option' && token.name === 'input')
    const stray = tokens.find((token) => token.kind === 'positional' && (firstInput < 0 || tokens.indexOf(token) < firstInput))
    if (stray && stray.kind === 'positional') {
      context.stderr.write(`Unexpected argument \`${stray.value}\`: give input paths after --input (\`build --input DIR_OR_FILE ...\`)\n`)
      return 2
    }
    const listed = values['files-from'] === undefined ? [] : readFileSync(values['files-from'] === '-' ? 0 : values['files-from'], 'utf8').split(/\r?\n/).filter(Boolean)
    const given = [...(values.input ?? []), ...positionals, ...listed]
    const missing = given.filter((path) => !existsSync(path))
    for (const path of missing) context.stderr.write(`cn-budget-etl: no such file or folder: ${path}\n`)
    if (missing.length > 0 && missing.length === given.length) return 1
    const present = given.filter((path) => existsSync(path))
    const inputs = present.length > 0 ? present : [resolve(context.root, 'seeds')]
    const out = values.out ?? resolve(context.root, 'dist')
    const csv = spreadsheetOptions(values.labels, values.unit)
    const tty = Boolean((context.stderr as NodeJS.WriteStream).isTTY)
    const started = Date.now()
    const result = await build({
      inputs,
      out,
      root: context.root,
      cache: values['no-cache'] ? false : resolve(values['cache-dir'] ?? resolve(context.root, '.cache')),
      ...(values.shard ? { shard: parseShard(values.shard) } : {}),
      ...(values.workers !== undefined ? { workers: Number(values.workers) } : {}),
      ...(csv ? { csv } : {}),
      onDocument(summary, done, total) {
        if (!values.quiet) context.stdout.write(`${formatSummary(summary)}\n`)
        if (tty && (done % 25 === 0 || done === total)) context.stderr.write(formatProgress(done, total, started))
      },
    })
    if (tty) context.stderr.write('\n')
    context.stdout.write(`${result.documents} documents (${result.failed} failed, ${result.noText ? `${result.noText} without text (scans, need OCR), ` : ''}${result.cached} from cache, ${result.reusedSegments}/${result.segments} segments reused), ${result.checkErrors} check errors → ${out}\n`)
    // A run in which no document could be read is a failed run, whatever --strict says (a shard holding none of the files read nothing and failed nothing).
    if (result.documents > 0 && result.failed === result.documents) {
      context.stderr.write(`cn-budget-etl: no document could be read (${result.documents} given)\n`)
      return 1
    }
    return values.strict && result.checkErrors > 0 ? 1 : 0
  },
}
