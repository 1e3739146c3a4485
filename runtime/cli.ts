#!/usr/bin/env node
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { COMMANDS } from './commands/index.ts'

/** Repository root: source_file paths in the data are relative to it. */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

function usage(): string {
  return `Usage:\n${Object.values(COMMANDS)
    .map((command) => `  ${command.usage.replace(/\n/g, '\n  ')}`)
    .join('\n\n')}`
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === 'help') {
    process.stdout.write(`${usage()}\n`)
    return 0
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`Unknown command \`${name}\`.\n${usage()}\n`)
    return 2
  }
  if (rest.includes('--help')) {
    process.stdout.write(`Usage: ${command.usage}\n`)
    return 0
  }
  try {
    return await command.run(rest, { root: ROOT, stdout: process.stdout, stderr: process.stderr })
  } catch (error) {
    // Wrong options are the caller's mistake: say so with the usage, exit 2.
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\nUsage: ${command.usage}\n`)
      return 2
    }
    throw error
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`cn-budget-etl: ${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  },
)
