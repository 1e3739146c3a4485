import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { DocumentResult } from './document-result.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const CODE_FOLDERS = ['pipeline', 'extractors', 'normalizers']

let version: string | undefined

/**
 * The pipeline version that keys the cache: a hash of package.json and of
 * every source and data file of the pipeline, so any change to the code or
 * the dictionaries invalidates cached results.
 */
export function pipelineVersion(): string {
  if (version) return version
  const hash = createHash('sha256')
  const files: string[] = [join(ROOT, 'package.json')]
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.(ts|mjs|json)$/.test(name)) files.push(path)
    }
  }
  for (const folder of CODE_FOLDERS) walk(join(ROOT, folder))
  for (const file of files) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0')
  version = hash.digest('hex').slice(0, 16)
  return version
}

/**
 * Per-document results on disk, keyed by (content sha256, source path,
 * pipeline version): a rebuild reprocesses only documents that changed.
 */
export class ResultCache {
  readonly #folder: string

  constructor(folder: string) {
    this.#folder = join(folder, pipelineVersion())
  }

  #path(sha256: string, path: string): string {
    const key = createHash('sha256').update(sha256).update('\0').update(path).digest('hex')
    return join(this.#folder, key.slice(0, 2), `${key}.json`)
  }

  /** The cached result of a document, if any. */
  async get(sha256: string, path: string): Promise<DocumentResult | undefined> {
    try {
      return JSON.parse(await readFile(this.#path(sha256, path), 'utf8')) as DocumentResult
    } catch {
      return undefined
    }
  }

  /** Store a result (written to a temporary name, then renamed, so a killed build leaves no half file). */
  async put(sha256: string, path: string, result: DocumentResult): Promise<void> {
    const file = this.#path(sha256, path)
    await mkdir(dirname(file), { recursive: true })
    const temporary = `${file}.${process.pid}.tmp`
    await writeFile(temporary, JSON.stringify(result))
    await rename(temporary, file)
  }

  /** Remove results of other pipeline versions: they can never be used again. */
  async prune(): Promise<void> {
    const parent = dirname(this.#folder)
    const current = this.#folder.slice(parent.length + 1)
    for (const version of await readdir(parent).catch(() => [] as string[])) {
      if (version !== current) await rm(join(parent, version), { recursive: true, force: true })
    }
  }

}
