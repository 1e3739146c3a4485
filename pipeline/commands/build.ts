import { parseArgs } from 'node:util'
import { resolve } from 'node:path'
import { build } from '../build.ts'
import type { SourceDocument } from '../document.ts'
import type { Command } from './types.ts'

/** One summary line per document: layout, tables found, facts, unplaced, failed checks. */
export function summarizeDocument(doc: SourceDocument): string {
  const tables = new Set(doc.regions.flatMap((region) => (region.tableId ? [region.tableId] : []))).size
  const problems = doc.messages.filter((message) => message.severity !== 'info').length
  const failedChecks = doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length
  const status =
    doc.status === 'failed'
      ? `FAILED: ${doc.messages.find((message) => message.severity === 'fatal')?.reason ?? ''}`
      : `${tables}/9 tables, ${doc.facts.length} facts, ${doc.unplaced.length} unplaced, ${failedChecks} checks failed, ${problems} messages`
  return `${doc.path}  ${doc.layout || '-'}  ${status}`
}

/** `build`: seeds (or the given inputs) into dist/ (or the given folder). */
export const buildCommand: Command = {
  usage: `cn-budget-etl build [--input DIR_OR_FILE ...] [--out DIR] [--strict]

  --input   files or folders of .txt documents (default: seeds)
  --out     output folder, replaced atomically (default: dist)
  --strict  exit 1 when any check finds an error (data problems otherwise exit 0)`,
  async run(args, context) {
    const { values } = parseArgs({
      args,
      options: { input: { type: 'string', multiple: true }, out: { type: 'string' }, strict: { type: 'boolean' } },
      allowPositionals: false,
    })
    const inputs = values.input?.length ? values.input : [resolve(context.root, 'seeds')]
    const out = values.out ?? resolve(context.root, 'dist')
    const result = await build({
      inputs,
      out,
      root: context.root,
      onDocument: (doc) => context.stdout.write(`${summarizeDocument(doc)}\n`),
    })
    const failed = result.documents.filter((doc) => doc.status === 'failed').length
    const checkErrors = result.documents.reduce((count, doc) => count + doc.checks.filter((check) => check.status === 'fail' && check.severity === 'error').length, 0)
    context.stdout.write(`${result.documents.length} documents (${failed} failed), ${checkErrors} check errors → ${out}\n`)
    return values.strict && checkErrors > 0 ? 1 : 0
  },
}
