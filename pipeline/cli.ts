#!/usr/bin/env node
import { parseArgs } from 'node:util'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from './build.ts'

const USAGE = `Usage: cn-budget-etl build [--input DIR_OR_FILE ...] [--out DIR] [--strict]

  --input   files or folders of .txt documents (default: seeds)
  --out     output folder, replaced atomically (default: dist)
  --strict  exit 1 when any check finds an error (data problems otherwise exit 0)`

/** Repository root: source_file paths in the data are relative to it. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  if (command !== 'build') {
    process.stderr.write(`${command ? `Unknown command \`${command}\`.\n` : ''}${USAGE}\n`)
    return command === undefined || command === '--help' ? 0 : 2
  }
  const { values } = parseArgs({
    args: rest,
    options: { input: { type: 'string', multiple: true }, out: { type: 'string' }, strict: { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: false,
  })
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const inputs = values.input?.length ? values.input : [resolve(ROOT, 'seeds')]
  const out = values.out ?? resolve(ROOT, 'dist')
  const result = await build({
    inputs,
    out,
    root: ROOT,
    onDocument(doc) {
      const tables = new Set(doc.regions.flatMap((region) => (region.tableId ? [region.tableId] : []))).size
      const problems = doc.messages.filter((message) => message.severity !== 'info').length
      const failedChecks = doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length
      const status =
        doc.status === 'failed'
          ? `FAILED: ${doc.messages.find((message) => message.severity === 'fatal')?.reason ?? ''}`
          : `${tables}/9 tables, ${doc.facts.length} facts, ${doc.unplaced.length} unplaced, ${failedChecks} checks failed, ${problems} messages`
      process.stdout.write(`${doc.path}  ${doc.layout || '-'}  ${status}\n`)
    },
  })
  const failed = result.documents.filter((doc) => doc.status === 'failed').length
  const checkErrors = result.documents.reduce((count, doc) => count + doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length, 0)
  process.stdout.write(`${result.documents.length} documents (${failed} failed), ${checkErrors} check errors → ${out}\n`)
  return values.strict && checkErrors > 0 ? 1 : 0
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cn-budget-etl: ${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  },
)
