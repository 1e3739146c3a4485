/**
 * The pipeline's entry points as plain JavaScript modules, bundled with
 * esbuild (the compiler tsx itself uses) once per pipeline version into
 * node_modules/.cache/cn-budget-etl/. The CLI and the worker threads then
 * run without a TypeScript loader: no compiling at every start, no loader
 * thread, no tsx parent process — one process, less memory, faster start.
 * Packages stay outside the bundles and resolve from node_modules.
 *
 * Plain JavaScript (with bundle.d.mts for TypeScript) because the bin,
 * which is plain JavaScript, needs it before anything is compiled.
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { threadId } from 'node:worker_threads'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CODE_FOLDERS = ['core', 'normalizers', 'extractors', 'pipeline', 'outputs', 'runtime']
const BUNDLES = join(ROOT, 'node_modules', '.cache', 'cn-budget-etl')

/** @type {string | undefined} */
let version

/**
 * The pipeline version: a hash of package.json and of every source and data
 * file of the pipeline, so any change to the code or the dictionaries makes
 * new bundles and invalidates cached results.
 *
 * @returns {string}
 */
export function pipelineVersion() {
  if (version) return version
  const hash = createHash('sha256')
  const files = [join(ROOT, 'package.json')]
  /** @param {string} folder */
  const walk = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.(ts|mts|mjs|json)$/.test(name)) files.push(path)
    }
  }
  for (const folder of CODE_FOLDERS) walk(join(ROOT, folder))
  for (const file of files) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0')
  version = hash.digest('hex').slice(0, 16)
  return version
}

/**
 * Keeps each module's own `import.meta.url` in the bundle (a bundle lives
 * elsewhere, and modules find the repository root from where they are),
 * and leaves this module outside it: the bundle imports it by its URL, so
 * the bin and the CLI share one instance and hash the sources once.
 *
 * @type {import('esbuild').Plugin}
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(build) {
    const self = fileURLToPath(import.meta.url)
    build.onResolve({ filter: /\/bundle\.mjs$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path)
      return path === self ? { path: pathToFileURL(self).href, external: true } : undefined
    })
    build.onLoad({ filter: /\.(ts|mjs)$/ }, async (args) => {
      const contents = (await readFile(args.path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href))
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' }
    })
  },
}

/**
 * The URL of the bundle of `runtime/<entry>.ts` for this pipeline version,
 * made when missing; undefined when it cannot be made (a read-only
 * install), for the caller to run the TypeScript through tsx instead.
 *
 * @param {'cli' | 'process-worker'} entry
 * @returns {Promise<URL | undefined>}
 */
export async function bundledModule(entry) {
  const file = join(BUNDLES, `${entry}-${pipelineVersion()}.mjs`)
  if (existsSync(file)) return pathToFileURL(file)
  try {
    const { build } = await import('esbuild')
    await mkdir(BUNDLES, { recursive: true })
    // Written under a temporary name (per process and thread) and renamed, so two builds starting at once never load half a bundle.
    const temporary = `${file}.${process.pid}-${threadId}.tmp`
    await build({
      entryPoints: [join(ROOT, 'runtime', `${entry}.ts`)],
      outfile: temporary,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      plugins: [keepModuleUrls],
    })
    await rename(temporary, file)
    await removeStaleBundles()
    return pathToFileURL(file)
  } catch {
    return undefined
  }
}

/** Bundles unused for a day: a build that runs an older version's bundle (respawning a worker) is long over by then. */
async function removeStaleBundles() {
  const dayAgo = Date.now() - 24 * 3600 * 1000
  for (const name of await readdir(BUNDLES)) {
    const path = join(BUNDLES, name)
    const { atimeMs, mtimeMs } = statSync(path)
    if (Math.max(atimeMs, mtimeMs) < dayAgo) await rm(path, { force: true })
  }
}
