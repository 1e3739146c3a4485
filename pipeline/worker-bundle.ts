/**
 * The worker threads' code as one plain JavaScript module, bundled from
 * pipeline/process-worker.ts with esbuild (the compiler tsx itself uses)
 * once per pipeline version. Workers then start without a TypeScript loader
 * of their own: no loader thread per worker, less memory, faster start.
 * Packages stay outside the bundle and resolve from node_modules, as the
 * bundle lives in node_modules/.cache.
 */
import { existsSync } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { threadId } from 'node:worker_threads'
import { build } from 'esbuild'
import { pipelineVersion } from './cache.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The URL of the bundled worker module (made when missing), or of the tsx entry if bundling fails. */
export async function workerModule(): Promise<URL> {
  const file = join(ROOT, 'node_modules', '.cache', 'cn-budget-etl', `worker-${pipelineVersion()}.mjs`)
  if (existsSync(file)) return pathToFileURL(file)
  try {
    await mkdir(dirname(file), { recursive: true })
    // Written under a temporary name (per process and thread) and renamed, so two builds starting at once never load half a bundle.
    const temporary = `${file}.${process.pid}-${threadId}.tmp`
    await build({ entryPoints: [join(ROOT, 'pipeline', 'process-worker.ts')], outfile: temporary, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' })
    await rename(temporary, file)
    return pathToFileURL(file)
  } catch {
    // A read-only install: the workers compile the TypeScript themselves (slower to start, same results).
    return new URL('./worker.mjs', import.meta.url)
  }
}
