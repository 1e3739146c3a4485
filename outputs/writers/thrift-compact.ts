/**
 * A schema-less reader and writer of the Thrift compact protocol, the
 * encoding of a Parquet file's footer. Structs keep their fields in order
 * with their ids and wire types, so a footer read and written back is the
 * same bytes, and a caller edits the few fields it knows by id (see
 * parquet-concat.ts) without a generated Parquet schema.
 */

/** Wire types of the compact protocol. */
export const WireType = { Stop: 0, True: 1, False: 2, Byte: 3, I16: 4, I32: 5, I64: 6, Double: 7, Binary: 8, List: 9, Set: 10, Map: 11, Struct: 12 } as const
/** A wire type's number. */
export type WireType = (typeof WireType)[keyof typeof WireType]

/** A value as read: integers as bigint (i64 exact), binary as bytes. */
export type ThriftValue = boolean | number | bigint | Uint8Array | ThriftList | ThriftMap | ThriftStruct | EncodedStruct

/** A struct already encoded (by writeStruct): written as its bytes, so a writer can keep many structs compactly. */
export interface EncodedStruct {
  kind: 'encoded'
  bytes: Uint8Array
}

/** A list or set: element type and items. */
export interface ThriftList {
  kind: 'list'
  type: typeof WireType.List | typeof WireType.Set
  elementType: WireType
  items: ThriftValue[]
}

/** A map: key and value types and entries. */
export interface ThriftMap {
  kind: 'map'
  keyType: WireType
  valueType: WireType
  entries: [ThriftValue, ThriftValue][]
}

/** One field of a struct. */
export interface ThriftField {
  id: number
  type: WireType
  value: ThriftValue
}

/** A struct: its fields in wire order. */
export interface ThriftStruct {
  kind: 'struct'
  fields: ThriftField[]
}

/** Read a compact-protocol struct starting at `offset`; returns it and the offset after it. */
export function readStruct(bytes: Uint8Array, offset = 0): { struct: ThriftStruct; end: number } {
  const reader = new Reader(bytes, offset)
  const struct = reader.struct()
  return { struct, end: reader.offset }
}

/** Encode a struct in the compact protocol. */
export function writeStruct(struct: ThriftStruct): Uint8Array {
  const writer = new Writer()
  writer.struct(struct)
  return writer.bytes()
}

/** The field of a struct with this id, if present. */
export function field(struct: ThriftStruct, id: number): ThriftField | undefined {
  return struct.fields.find((entry) => entry.id === id)
}

class Reader {
  offset: number
  readonly #bytes: Uint8Array
  readonly #view: DataView

  constructor(bytes: Uint8Array, offset: number) {
    this.#bytes = bytes
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    this.offset = offset
  }

  #byte(): number {
    if (this.offset >= this.#bytes.length) throw new Error('Unexpected end of a Thrift structure (is the Parquet footer cut?)')
    return this.#bytes[this.offset++] as number
  }

  #varint(): bigint {
    let result = 0n
    let shift = 0n
    for (;;) {
      const byte = this.#byte()
      result |= BigInt(byte & 0x7f) << shift
      if ((byte & 0x80) === 0) return result
      shift += 7n
    }
  }

  #zigzag(): bigint {
    const value = this.#varint()
    return (value >> 1n) ^ -(value & 1n)
  }

  struct(): ThriftStruct {
    const fields: ThriftField[] = []
    let last = 0
    for (;;) {
      const header = this.#byte()
      const type = (header & 0x0f) as WireType
      if (type === WireType.Stop) return { kind: 'struct', fields }
      const delta = header >> 4
      const id = delta === 0 ? Number(this.#zigzag()) : last + delta
      last = id
      fields.push({ id, type, value: type === WireType.True || type === WireType.False ? type === WireType.True : this.value(type) })
    }
  }

  value(type: WireType): ThriftValue {
    switch (type) {
      case WireType.True:
      case WireType.False:
        // Inside a list a boolean is a byte of its own (1 true, 2 false).
        return this.#byte() === 1
      case WireType.Byte:
        return (this.#byte() << 24) >> 24
      case WireType.I16:
      case WireType.I32:
        return Number(this.#zigzag())
      case WireType.I64:
        return this.#zigzag()
      case WireType.Double: {
        const value = this.#view.getFloat64(this.offset, true)
        this.offset += 8
        return value
      }
      case WireType.Binary: {
        const length = Number(this.#varint())
        // A copy, not a view: a footer kept while its file is dropped must not keep the whole file alive.
        const value = this.#bytes.slice(this.offset, this.offset + length)
        this.offset += length
        return value
      }
      case WireType.List:
      case WireType.Set: {
        const header = this.#byte()
        const size = header >> 4 === 15 ? Number(this.#varint()) : header >> 4
        const elementType = (header & 0x0f) as WireType
        const items: ThriftValue[] = []
        for (let index = 0; index < size; index++) items.push(this.value(elementType))
        return { kind: 'list', type, elementType, items }
      }
      case WireType.Map: {
        const size = Number(this.#varint())
        const types = size > 0 ? this.#byte() : 0
        const keyType = (types >> 4) as WireType
        const valueType = (types & 0x0f) as WireType
        const entries: [ThriftValue, ThriftValue][] = []
        for (let index = 0; index < size; index++) entries.push([this.value(keyType), this.value(valueType)])
        return { kind: 'map', keyType, valueType, entries }
      }
      case WireType.Struct:
        return this.struct()
      default:
        throw new Error(`Unknown Thrift compact type ${type as number} at byte ${this.offset}`)
    }
  }
}

class Writer {
  readonly #parts: number[] = []

  bytes(): Uint8Array {
    return Uint8Array.from(this.#parts)
  }

  #varint(value: bigint): void {
    let rest = value
    while (rest >= 0x80n) {
      this.#parts.push(Number(rest & 0x7fn) | 0x80)
      rest >>= 7n
    }
    this.#parts.push(Number(rest))
  }

  #zigzag(value: bigint): void {
    this.#varint(value >= 0n ? value << 1n : (-value << 1n) - 1n)
  }

  struct(struct: ThriftStruct): void {
    let last = 0
    for (const entry of struct.fields) {
      const type = entry.type === WireType.True || entry.type === WireType.False ? (entry.value ? WireType.True : WireType.False) : entry.type
      const delta = entry.id - last
      if (delta > 0 && delta <= 15) this.#parts.push((delta << 4) | type)
      else {
        this.#parts.push(type)
        this.#zigzag(BigInt(entry.id))
      }
      last = entry.id
      if (type !== WireType.True && type !== WireType.False) this.value(type, entry.value)
    }
    this.#parts.push(WireType.Stop)
  }

  value(type: WireType, value: ThriftValue): void {
    switch (type) {
      case WireType.True:
      case WireType.False:
        this.#parts.push(value ? 1 : 2)
        return
      case WireType.Byte:
        this.#parts.push((value as number) & 0xff)
        return
      case WireType.I16:
      case WireType.I32:
        this.#zigzag(BigInt(value as number))
        return
      case WireType.I64:
        this.#zigzag(BigInt(value as bigint))
        return
      case WireType.Double: {
        const buffer = new Uint8Array(8)
        new DataView(buffer.buffer).setFloat64(0, value as number, true)
        this.#parts.push(...buffer)
        return
      }
      case WireType.Binary: {
        const bytes = value as Uint8Array
        this.#varint(BigInt(bytes.length))
        for (const byte of bytes) this.#parts.push(byte)
        return
      }
      case WireType.List:
      case WireType.Set: {
        const list = value as ThriftList
        if (list.items.length < 15) this.#parts.push((list.items.length << 4) | list.elementType)
        else {
          this.#parts.push(0xf0 | list.elementType)
          this.#varint(BigInt(list.items.length))
        }
        for (const item of list.items) this.value(list.elementType, item)
        return
      }
      case WireType.Map: {
        const map = value as ThriftMap
        this.#varint(BigInt(map.entries.length))
        if (map.entries.length > 0) this.#parts.push((map.keyType << 4) | map.valueType)
        for (const [key, entry] of map.entries) {
          this.value(map.keyType, key)
          this.value(map.valueType, entry)
        }
        return
      }
      case WireType.Struct:
        if ((value as EncodedStruct).kind === 'encoded') for (const byte of (value as EncodedStruct).bytes) this.#parts.push(byte)
        else this.struct(value as ThriftStruct)
        return
      default:
        throw new Error(`Unknown Thrift compact type ${type as number}`)
    }
  }
}
