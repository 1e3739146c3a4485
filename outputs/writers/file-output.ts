/**
 * A file written as a sequence of byte chunks that knows its length so far
 * (the joining writers record where each part lands) and waits for the disk
 * when the stream's buffer is full, so memory stays flat.
 */
import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'

/** An output file appended chunk by chunk, with its position. */
export class FileOutput {
  readonly #out: WriteStream
  /** Bytes written so far. */
  position = 0

  constructor(path: string) {
    this.#out = createWriteStream(path)
  }

  /** Append bytes (resolves once the stream can take more). */
  async write(bytes: Uint8Array): Promise<void> {
    this.position += bytes.length
    if (!this.#out.write(bytes)) await once(this.#out, 'drain')
  }

  /** Finish the file. */
  async close(): Promise<void> {
    this.#out.end()
    await once(this.#out, 'close')
  }
}
