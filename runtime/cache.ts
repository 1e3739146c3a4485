import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { deserialize, serialize } from 'node:v8'
import { threadId } from 'node:worker_threads'
import { dirname, join } from 'node:path'

export { pipelineVersion } from './bundle.mjs'

/**
 * Entries on disk under a folder of the current pipeline version, written
 * to a temporary name and renamed (a killed build leaves no half file) and
 * stored with the structured clone serializer (typed arrays as bytes, fast
 * to read back).
 */
export class DiskCache<T> {
  readonly #folder: string

  /** `version`: the pipeline version (given, since a bundled worker cannot hash the sources itself). */
  constructor(folder: string, version: string) {
    this.#folder = join(folder, version)
  }

  #path(key: string): string {
    return join(this.#folder, key.slice(0, 2), `${key}.bin`)
  }

  /** The entry of a key, if any. */
  async get(key: string): Promise<T | undefined> {
    try {
      return deserialize(await readFile(this.#path(key))) as T
    } catch {
      return undefined
    }
  }

  /** Store an entry. */
  async put(key: string, value: T): Promise<void> {
    const file = this.#path(key)
    await mkdir(dirname(file), { recursive: true })
    const temporary = `${file}.${process.pid}.${threadId}.tmp`
    await writeFile(temporary, serialize(value))
    await rename(temporary, file)
  }

  /** Remove entries of other pipeline versions: they can never be used again. */
  async prune(): Promise<void> {
    const parent = dirname(this.#folder)
    const current = this.#folder.slice(parent.length + 1)
    for (const version of await readdir(parent).catch(() => [] as string[])) {
      if (version !== current) await rm(join(parent, version), { recursive: true, force: true })
    }
  }

  /** Remove entries of this version whose key is not in `keep` (after a complete build). */
  async retainOnly(keep: ReadonlySet<string>): Promise<void> {
    for (const prefix of await readdir(this.#folder).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.#folder, prefix)).catch(() => [] as string[])) {
        if (!keep.has(name.replace(/\.bin$/, ''))) await rm(join(this.#folder, prefix, name), { force: true })
      }
    }
  }
}

/** The key of a document's result: its content and its path (the path is in the rows). */
export function documentKey(sha256: string, path: string): string {
  return createHash('sha256').update(sha256).update('\0').update(path).digest('hex')
}
