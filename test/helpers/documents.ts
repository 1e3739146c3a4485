import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { processDocument } from '../../pipeline/process-document.ts'
import type { SourceDocument } from '../../core/document.ts'
import type { Fact } from '../../core/types.ts'

/** Repository root. */
export const ROOT = resolve(import.meta.dirname, '..', '..')
/** The shared corpus of real space-aligned documents (outside the repo). */
export const CORPUS = resolve(ROOT, '..', 'shared', 'corpus')

/** Seed file names, sorted. */
export function seedNames(): string[] {
  return readdirSync(join(ROOT, 'seeds')).filter((name) => name.endsWith('.txt')).sort()
}

/** The seed whose name starts with a prefix (`001`). */
export function seedName(prefix: string): string {
  const name = seedNames().find((entry) => entry.startsWith(prefix))
  if (!name) throw new Error(`No seed starting with ${prefix}`)
  return name
}

const cache = new Map<string, SourceDocument>()

/** Run the pipeline stages over a file (path relative to the repo root), cached per path. */
export function runFile(relativePath: string): SourceDocument {
  const cached = cache.get(relativePath)
  if (cached) return cached
  const doc = processDocument(relativePath, new Uint8Array(readFileSync(join(ROOT, relativePath))))
  cache.set(relativePath, doc)
  return doc
}

/** Run the pipeline over a seed by its prefix. */
export function runSeed(prefix: string): SourceDocument {
  return runFile(`seeds/${seedName(prefix)}`)
}

/** Whether the shared corpus is present next to the repository. */
export function hasCorpus(): boolean {
  return existsSync(CORPUS)
}

/** Facts matching all given fields. */
export function factsWhere(doc: SourceDocument, where: Partial<Fact>): Fact[] {
  return doc.facts.filter((fact) => Object.entries(where).every(([key, value]) => fact[key as keyof Fact] === value))
}

/** The one fact matching the fields (throws when there are none or several). */
export function oneFact(doc: SourceDocument, where: Partial<Fact>): Fact {
  const found = factsWhere(doc, where)
  if (found.length !== 1) throw new Error(`Expected one fact for ${JSON.stringify(where)} in ${doc.docId}, found ${found.length}`)
  return found[0] as Fact
}

/** A seed with whole lines replaced (1-based line numbers; `''` blanks a line), run through every stage: a copy changed on purpose. */
export function runSeedWith(prefix: string, changes: Record<number, string>): SourceDocument {
  const lines = readFileSync(join(ROOT, 'seeds', seedName(prefix)), 'utf8').split('\n')
  for (const [line, text] of Object.entries(changes)) {
    if (lines[Number(line) - 1] === undefined) throw new Error(`Seed ${prefix} has no line ${line}`)
    lines[Number(line) - 1] = text
  }
  return processDocument(`${prefix}-changed.txt`, new TextEncoder().encode(lines.join('\n')))
}
