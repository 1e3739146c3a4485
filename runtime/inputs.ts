import { lstat, open, readdir, realpath, stat } from 'node:fs/promises'
import { basename, dirname, extname, isAbsolute, join, relative, sep } from 'node:path'
import { SourceDocument } from '../core/document.ts'
import { type MessageCode } from '../core/registry.ts'

/**
 * Largest input file the pipeline reads. A budget disclosure is well under
 * 1 MiB of text; 64 MiB leaves room for a whole collection in one file while
 * a mistaken input (a disk image, a database dump) is refused before it is
 * read into memory.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024

/** Why an input file is not read: it becomes a failed row in `documents`. */
export interface InputRefusal {
  ruleId: Extract<MessageCode, 'file-too-large' | 'outside-inputs' | 'not-a-file' | 'unreadable-file'>
  reason: string
}

/** The bytes of an input file, or why it was not read. */
export type InputRead = { bytes: Uint8Array; refusal?: undefined } | { bytes?: undefined; refusal: InputRefusal }

/**
 * Expand inputs to a sorted list of files (folders: their `.txt` and `.pdf`
 * files, not recursively). Symbolic links are listed too, so that `readInput` can
 * refuse one that leads out of its folder with a message. An input that does
 * not exist is the caller's mistake and throws.
 */
export async function listInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const info = await stat(input).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`Cannot read input \`${input}\` (${error.code ?? error.message}): give existing files or folders of .txt or .pdf documents`)
    })
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((name) => /\.(txt|pdf)$/i.test(name)).sort()
      files.push(...names.map((name) => join(input, name)))
    } else files.push(input)
  }
  return [...new Set(files)]
}

/**
 * The bytes of one input file, or why it is not read: a symbolic link whose
 * target is outside the folder it was listed from, something that is not a
 * regular file (a folder, a FIFO that would block), or a file over
 * `MAX_INPUT_BYTES` — its size is taken from the open file before anything
 * is read, so a huge file costs nothing.
 */
export async function readInput(file: string): Promise<InputRead> {
  try {
    const link = await lstat(file)
    if (link.isSymbolicLink()) {
      const target = await realpath(file)
      const folder = await realpath(dirname(file))
      if (!isInside(target, folder)) {
        return refuse('outside-inputs', `Symbolic link to \`${target}\`, outside the input folder \`${folder}\`: not read (give the target itself as an input to read it)`)
      }
    }
    // The type before opening: opening a FIFO would block until something writes to it.
    const kind = await stat(file)
    if (!kind.isFile()) return refuse('not-a-file', `Not a regular file (${kind.isDirectory() ? 'a folder' : 'a device, socket or pipe'}): not read`)
    const handle = await open(file, 'r')
    try {
      const info = await handle.stat()
      if (!info.isFile()) return refuse('not-a-file', 'Not a regular file (replaced while being read): not read')
      if (info.size > MAX_INPUT_BYTES) {
        return refuse('file-too-large', `File too large: ${formatSize(info.size)} is over the limit of ${formatSize(MAX_INPUT_BYTES)} (MAX_INPUT_BYTES) for one document; not read`)
      }
      // Read exactly the size found: a file still growing is read as it was, never past the limit.
      const bytes = new Uint8Array(info.size)
      let filled = 0
      while (filled < bytes.length) {
        const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled)
        if (bytesRead === 0) break
        filled += bytesRead
      }
      return { bytes: filled === bytes.length ? bytes : bytes.subarray(0, filled) }
    } finally {
      await handle.close()
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message
    return refuse('unreadable-file', `Cannot read the file (${code}): not read`)
  }
}

/**
 * The `documents` row of an input that was not read: its id from the file
 * name, status failed, and the refusal as its fatal message.
 */
export function refusedDocument(path: string, refusal: InputRefusal): SourceDocument {
  const doc = new SourceDocument(path, new Uint8Array())
  doc.docId = basename(path, extname(path))
  doc.fail(refusal.reason, { ruleId: refusal.ruleId })
  return doc
}

function refuse(ruleId: InputRefusal['ruleId'], reason: string): InputRead {
  return { refusal: { ruleId, reason } }
}

/** Whether `path` is `folder` or inside it (both real paths). */
function isInside(path: string, folder: string): boolean {
  const rest = relative(folder, path)
  return rest === '' || (rest !== '..' && !rest.startsWith(`..${sep}`) && !isAbsolute(rest))
}

/** Bytes in MiB (or bytes when small), as people read sizes. */
function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${bytes} bytes`
}
