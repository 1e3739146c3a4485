import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { bundledModule, pipelineVersion } from '../../runtime/bundle.mjs'
import { ROOT, seedName } from '../helpers/documents.ts'

const work = mkdtempSync(join(tmpdir(), 'cn-budget-bundle-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('bundles of the CLI and the workers', () => {
  it('are made once per pipeline version, each module keeping its own URL', async () => {
    const url = await bundledModule('cli')
    if (!url) throw new Error('no CLI bundle was made')
    const file = fileURLToPath(url)
    expect(file).toBe(join(ROOT, 'node_modules', '.cache', 'cn-budget-etl', `cli-${pipelineVersion()}.mjs`))
    expect((await bundledModule('cli'))?.href).toBe(url.href)
    const text = readFileSync(file, 'utf8')
    // Modules find the repository root from where they are: in the bundle, from their source file's URL.
    expect(text).not.toContain('import.meta.url')
    expect(text).toContain(JSON.stringify(pathToFileURL(join(ROOT, 'runtime', 'cli.ts')).href))
    // bundle.mjs stays outside, imported by its URL: the bin and the CLI share one instance (one hash of the sources).
    expect(text).toContain(`from ${JSON.stringify(pathToFileURL(join(ROOT, 'runtime', 'bundle.mjs')).href)}`)
    expect(text).not.toContain('function pipelineVersion')
  })

  it('the bin runs the bundled CLI: source files are named from the repository root', () => {
    const out = join(work, 'dist')
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'cn-budget-etl.js'), 'build', '--input', join(ROOT, 'seeds', seedName('003')), '--out', out, '--no-cache', '--quiet'], { cwd: work, encoding: 'utf8' })
    expect(result.status).toBe(0)
    const documents = readFileSync(join(out, 'documents.csv'), 'utf8')
    expect(documents).toContain(`,seeds/${seedName('003')},`)
  })
})
