import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'

/** Expand inputs to a sorted list of files (folders: their `.txt` files). */
export async function listInputs(inputs: string[]): Promise<string[]> {
  const files: string[] = []
  for (const input of inputs) {
    const info = await stat(input)
    if (info.isDirectory()) {
      const names = (await readdir(input)).filter((name) => name.endsWith('.txt')).sort()
      files.push(...names.map((name) => join(input, name)))
    } else files.push(input)
  }
  return [...new Set(files)]
}

/** The bytes of one input file. */
export async function readInput(file: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(file))
}
