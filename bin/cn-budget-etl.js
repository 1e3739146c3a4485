#!/usr/bin/env node
// Runs the CLI from its bundle (plain JavaScript, made once per pipeline version: see runtime/bundle.mjs)
// in this process; through tsx when the bundle cannot be made (a read-only install).
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundledModule } from '../runtime/bundle.mjs'

const cli = await bundledModule('cli')
if (cli) await import(cli.href)
else {
  const require = createRequire(import.meta.url)
  const here = dirname(fileURLToPath(import.meta.url))
  const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'cli.mjs')
  const result = spawnSync(process.execPath, [tsx, join(here, '..', 'runtime', 'cli.ts'), ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
