/**
 * One Parquet file from several, without decoding a page: the row groups of
 * each part are copied as bytes and the footer is rewritten with their
 * offsets moved. This is what makes a rebuild incremental: the row groups of
 * unchanged segments come from the cache as encoded bytes, and only the
 * segment with a changed document is encoded again.
 *
 * Parts must share one schema (they come from one writer configuration).
 * Page indexes are not carried over (their page locations are absolute and
 * optional for readers); row-group statistics are.
 */
import { FileOutput } from './file-output.ts'
import { WireType, field, readStruct, writeStruct, type EncodedStruct, type ThriftField, type ThriftList, type ThriftStruct } from './thrift-compact.ts'

const MAGIC = new Uint8Array([0x50, 0x41, 0x52, 0x31]) // PAR1

// Field ids of parquet.thrift.
const FILE = { numRows: 3, rowGroups: 4 }
const ROW_GROUP = { columns: 1, fileOffset: 5, ordinal: 7 }
const COLUMN_CHUNK = { fileOffset: 2, metaData: 3, offsetIndexOffset: 4, offsetIndexLength: 5, columnIndexOffset: 6, columnIndexLength: 7 }
const COLUMN_META = { totalCompressedSize: 7, dataPageOffset: 9, indexPageOffset: 10, dictionaryPageOffset: 11, bloomFilterOffset: 14, bloomFilterLength: 15 }

/** The footer of a Parquet file and where its row-group bytes end. */
export function readParquetFooter(file: Uint8Array): { footer: ThriftStruct; dataEnd: number } {
  const length = file.length >= 12 ? new DataView(file.buffer, file.byteOffset, file.byteLength).getUint32(file.length - 8, true) : -1
  const start = file.length - 8 - length
  if (length < 0 || start < 4 || !sameBytes(file.subarray(0, 4), MAGIC) || !sameBytes(file.subarray(file.length - 4), MAGIC)) {
    throw new Error('Not a Parquet file: expected PAR1 at both ends and a footer length before the last one')
  }
  const { struct: footer } = readStruct(file, start)
  let dataEnd = 4
  for (const group of listItems(footer, FILE.rowGroups)) {
    for (const chunk of listItems(group, ROW_GROUP.columns)) {
      const meta = field(chunk, COLUMN_CHUNK.metaData)?.value as ThriftStruct | undefined
      if (!meta) throw new Error('A Parquet column chunk without its metadata (encrypted files are not supported)')
      const first = Number((field(meta, COLUMN_META.dictionaryPageOffset) ?? field(meta, COLUMN_META.dataPageOffset))?.value ?? 0n)
      dataEnd = Math.max(dataEnd, first + Number(field(meta, COLUMN_META.totalCompressedSize)?.value ?? 0n))
    }
  }
  if (dataEnd > start) throw new Error('Parquet row groups run into the footer')
  return { footer, dataEnd }
}

/**
 * Writes one Parquet file from parts appended in order: `append` copies a
 * part's row groups, `close` writes the merged footer. With no rows at all,
 * `close` writes the given empty file (it carries the schema).
 */
export class ParquetConcatWriter {
  readonly #out: FileOutput
  #footer: ThriftStruct | undefined
  /** The row groups so far, moved and encoded: a few kilobytes each, however many segments. */
  readonly #rowGroups: EncodedStruct[] = []
  #rows = 0n

  constructor(path: string) {
    this.#out = new FileOutput(path)
  }

  /** Append the row groups of a Parquet file. */
  async append(file: Uint8Array): Promise<void> {
    const { footer, dataEnd } = readParquetFooter(file)
    const groups = listItems(footer, FILE.rowGroups)
    if (groups.length === 0) return
    if (!this.#footer) {
      // The first part's footer gives the schema and metadata; its row groups are replaced at close.
      this.#footer = { kind: 'struct', fields: footer.fields.map((entry) => (entry.id === FILE.rowGroups ? { ...entry, value: { ...(entry.value as ThriftList), items: [] } } : entry)) }
      await this.#out.write(MAGIC)
    }
    // The part's row groups start just after its PAR1; here they start at the current position.
    const shift = BigInt(this.#out.position - MAGIC.length)
    for (const group of groups) this.#rowGroups.push({ kind: 'encoded', bytes: writeStruct(movedRowGroup(group, shift, this.#rowGroups.length)) })
    this.#rows += BigInt(field(footer, FILE.numRows)?.value as bigint)
    await this.#out.write(file.subarray(MAGIC.length, dataEnd))
  }

  /** Finish the file; `empty` is written instead when no part had a row group. */
  async close(empty: Uint8Array): Promise<void> {
    if (!this.#footer) await this.#out.write(empty)
    else {
      const fields = this.#footer.fields.map((entry): ThriftField => {
        if (entry.id === FILE.numRows) return { ...entry, value: this.#rows }
        if (entry.id === FILE.rowGroups) return { ...entry, value: { ...(entry.value as ThriftList), items: this.#rowGroups } }
        return entry
      })
      const footer = writeStruct({ kind: 'struct', fields })
      const length = new Uint8Array(4)
      new DataView(length.buffer).setUint32(0, footer.length, true)
      await this.#out.write(footer)
      await this.#out.write(length)
      await this.#out.write(MAGIC)
    }
    await this.#out.close()
  }
}

/** Page-index fields of a column chunk: dropped, their page locations being absolute. */
const PAGE_INDEX_FIELDS = new Set([COLUMN_CHUNK.offsetIndexOffset, COLUMN_CHUNK.offsetIndexLength, COLUMN_CHUNK.columnIndexOffset, COLUMN_CHUNK.columnIndexLength])
/** Bloom-filter fields of column metadata: dropped (none are written; their offsets would be absolute too). */
const BLOOM_FIELDS = new Set([COLUMN_META.bloomFilterOffset, COLUMN_META.bloomFilterLength])
/** Page offsets of column metadata, moved with the row group. */
const PAGE_OFFSET_FIELDS = new Set([COLUMN_META.dataPageOffset, COLUMN_META.indexPageOffset, COLUMN_META.dictionaryPageOffset])

/** A struct whose fields are kept, dropped or replaced by `edit` (undefined drops the field). */
function editFields(struct: ThriftStruct, edit: (entry: ThriftField) => ThriftField | undefined): ThriftStruct {
  return { kind: 'struct', fields: struct.fields.flatMap((entry) => edit(entry) ?? []) }
}

/** An i64 offset field moved by `shift` bytes. */
function moved(entry: ThriftField, shift: bigint): ThriftField {
  return { ...entry, value: (entry.value as bigint) + shift }
}

/** A row group with every file offset moved by `shift` bytes, page indexes and bloom filters dropped, and its ordinal. */
function movedRowGroup(group: ThriftStruct, shift: bigint, ordinal: number): ThriftStruct {
  const movedMeta = (meta: ThriftStruct): ThriftStruct =>
    editFields(meta, (entry) => (BLOOM_FIELDS.has(entry.id) ? undefined : PAGE_OFFSET_FIELDS.has(entry.id) ? moved(entry, shift) : entry))
  const movedChunk = (chunk: ThriftStruct): ThriftStruct =>
    editFields(chunk, (entry) => {
      if (PAGE_INDEX_FIELDS.has(entry.id)) return undefined
      if (entry.id === COLUMN_CHUNK.fileOffset) return moved(entry, shift)
      if (entry.id === COLUMN_CHUNK.metaData) return { ...entry, value: movedMeta(entry.value as ThriftStruct) }
      return entry
    })
  return editFields(group, (entry) => {
    if (entry.id === ROW_GROUP.fileOffset) return moved(entry, shift)
    if (entry.id === ROW_GROUP.ordinal) return { ...entry, value: ordinal }
    if (entry.id !== ROW_GROUP.columns) return entry
    const list = entry.value as ThriftList
    return { ...entry, value: { ...list, items: list.items.map((item) => movedChunk(item as ThriftStruct)) } }
  })
}

/** The items of a list field of a struct (structs), or none. */
function listItems(struct: ThriftStruct, id: number): ThriftStruct[] {
  const entry = field(struct, id)
  if (!entry) return []
  if (entry.type !== WireType.List) throw new Error(`Parquet footer field ${id} is not a list`)
  return (entry.value as ThriftList).items as ThriftStruct[]
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index])
}
