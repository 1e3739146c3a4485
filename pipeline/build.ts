import { mkdir, rename, rm } from 'node:fs/promises'
import { relative, resolve, sep } from 'node:path'
import { processDocument } from './process-document.ts'
import { listInputs, readInput } from './inputs.ts'
import type { SourceDocument } from './document.ts'
import { writeDataset } from './outputs.ts'

/** Options of a build. */
export interface BuildOptions {
  /** Files or folders to read (folders: their `.txt` files, sorted). */
  inputs: string[]
  /** Output folder, replaced as a whole when the build succeeds. */
  out: string
  /** Repository root that `source_file` paths are relative to. */
  root: string
  /** Called once per document, in input order. */
  onDocument?: (doc: SourceDocument) => void
}

/** What a build did, for the summary the CLI prints. */
export interface BuildResult {
  documents: SourceDocument[]
}

/**
 * Build the dataset: every document through the stages, then every table
 * written into a temporary folder that replaces `out` only when complete,
 * so a failed run never leaves a half-written dist/.
 */
export async function build(options: BuildOptions): Promise<BuildResult> {
  const files = await listInputs(options.inputs)
  const documents: SourceDocument[] = []
  for (const file of files) {
    const path = relative(options.root, resolve(file)).split(sep).join('/')
    const doc = processDocument(path, await readInput(file))
    options.onDocument?.(doc)
    documents.push(doc)
  }
  const out = resolve(options.out)
  const temporary = `${out}.tmp-${process.pid}`
  await rm(temporary, { recursive: true, force: true })
  await mkdir(temporary, { recursive: true })
  await writeDataset(temporary, documents)
  const previous = `${out}.old-${process.pid}`
  await rm(previous, { recursive: true, force: true })
  await rename(out, previous).catch(() => undefined)
  await rename(temporary, out)
  await rm(previous, { recursive: true, force: true })
  return { documents }
}

