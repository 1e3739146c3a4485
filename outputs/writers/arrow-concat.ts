/**
 * One Arrow IPC file from record batches already serialized as IPC streams
 * (one batch each, as `encodeSegment` makes them): each batch message is
 * copied as bytes and the footer lists where it landed. The file is what
 * apache-arrow's RecordBatchFileWriter writes for the same batches (magic,
 * batch messages, end-of-stream marker, footer), without decoding or
 * re-serializing a batch and with backpressure on the output stream, so
 * memory stays flat however large the table.
 */
import { FileOutput } from './file-output.ts'
import { MetadataVersion, type Schema } from 'apache-arrow'
import { FileBlock, Footer } from 'apache-arrow/ipc/metadata/file'

const MAGIC = new TextEncoder().encode('ARROW1')
const CONTINUATION = -1

/** Where the record batch message of a one-batch IPC stream is: start, metadata length (with its 8-byte prefix), body length. */
function batchMessageOf(stream: Uint8Array): { start: number; metaDataLength: number; bodyLength: number } {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength)
  const messageAt = (offset: number): number => {
    if (offset + 8 > stream.length || view.getInt32(offset, true) !== CONTINUATION) throw new Error('Not an Arrow IPC stream: expected a continuation marker before each message')
    return view.getInt32(offset + 4, true)
  }
  const start = 8 + messageAt(0)
  const metaDataLength = 8 + messageAt(start)
  // The stream is schema, one batch, and the 8-byte end-of-stream marker: the body is what lies between.
  const bodyLength = stream.length - 8 - start - metaDataLength
  if (bodyLength < 0 || view.getInt32(stream.length - 8, true) !== CONTINUATION || view.getInt32(stream.length - 4, true) !== 0) {
    throw new Error('Not a one-batch Arrow IPC stream: expected schema, one record batch and the end-of-stream marker')
  }
  return { start, metaDataLength, bodyLength }
}

/** Writes an Arrow IPC file batch by batch from one-batch IPC streams. */
export class ArrowConcatWriter {
  readonly #out: FileOutput
  readonly #schema: Schema
  readonly #blocks: FileBlock[] = []

  constructor(path: string, schema: Schema) {
    this.#out = new FileOutput(path)
    this.#schema = schema
  }

  /** Append the record batch of a one-batch IPC stream. */
  async append(stream: Uint8Array): Promise<void> {
    if (this.#out.position === 0) await this.#out.write(new Uint8Array([...MAGIC, 0, 0]))
    const { start, metaDataLength, bodyLength } = batchMessageOf(stream)
    this.#blocks.push(new FileBlock(metaDataLength, bodyLength, this.#out.position))
    await this.#out.write(stream.subarray(start, start + metaDataLength + bodyLength))
  }

  /** Write the end-of-stream marker and the footer, and close the file. */
  async close(): Promise<void> {
    if (this.#out.position === 0) await this.#out.write(new Uint8Array([...MAGIC, 0, 0]))
    const footer = Footer.encode(new Footer(this.#schema, MetadataVersion.V5, this.#blocks, []))
    await this.#out.write(new Uint8Array(Int32Array.of(CONTINUATION, 0).buffer))
    await this.#out.write(footer)
    await this.#out.write(new Uint8Array(Int32Array.of(footer.byteLength).buffer))
    await this.#out.write(MAGIC)
    await this.#out.close()
  }
}
