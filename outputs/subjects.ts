/**
 * The `subjects` table: the dictionary plus every code the documents print
 * that it lacks, each with the name variants printed and where each was
 * first seen. Documents are processed in segments on several threads and
 * some come from the cache, so each document's result carries the names it
 * prints (`subjectNamesOf`), segments and the build merge them
 * (`SubjectNameIndex`), and the rows are made once at the end
 * (`subjectRows`). What is kept is one entry per code and name variant —
 * nothing per fact or per document.
 */
import type { SourceDocument } from '../core/document.ts'
import { allSubjects, classifySubjectCode, lookupSubject, normalizeSubjectName, type Subject } from '../normalizers/normalize-subject.ts'

/** A name variant of a code printed in a document, and where: what crosses a worker boundary and fits a cache file. */
export interface SubjectNameSeen {
  code: string
  /** Comparison key of the name (see `normalizeSubjectName`): variants with the same key are one. */
  key: string
  /** The name as printed there, white space removed. */
  name: string
  docId: string
  path: string
  /** Line of the code. */
  line: number
}

/**
 * The names a processed document prints beside subject codes, each variant
 * at its first line, sorted by code and key. A code the dictionary lacks
 * that the document prints under two names neither of which begins the
 * other (`水利前期工作` and `水利工程运行与维护` for one code) gives none: one
 * of them is another row's name that the layout put beside the code, and
 * nothing says which (a truncated name, `国有土地使用权出让收入安排的`, is a
 * variant, not a contradiction).
 */
export function subjectNamesOf(doc: SourceDocument): SubjectNameSeen[] {
  const byCode = new Map<string, SubjectNameSeen[]>()
  for (const { code, key, name, line } of doc.data.subjectNames.values()) {
    const seen = { code, key, name, docId: doc.docId, path: doc.path, line }
    const list = byCode.get(code)
    if (list) list.push(seen)
    else byCode.set(code, [seen])
  }
  const consistent = [...byCode.values()].filter(
    (variants) => lookupSubject(variants[0]?.code ?? '') !== undefined || variants.every((a) => variants.every((b) => a.key.startsWith(b.key) || b.key.startsWith(a.key))),
  )
  return consistent.flat().sort((a, b) => compareText(a.code, b.code) || compareText(a.key, b.key))
}

/** Code-unit order, the same in every locale (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Which of two sightings comes first: smallest doc_id, then line (then path, for two files of one name). */
function compareSeen(a: SubjectNameSeen, b: SubjectNameSeen): number {
  return compareText(a.docId, b.docId) || a.line - b.line || compareText(a.path, b.path)
}

/**
 * Code → name variant → its first sighting, merged from any number of
 * documents or segments in any order: the first sighting is the smallest by
 * (doc_id, line), so the result does not depend on threads, segments,
 * shards or input order.
 */
export class SubjectNameIndex {
  readonly #byCode = new Map<string, Map<string, SubjectNameSeen>>()

  /** Merge sightings in. */
  add(entries: Iterable<SubjectNameSeen>): void {
    for (const entry of entries) {
      let variants = this.#byCode.get(entry.code)
      if (!variants) {
        variants = new Map()
        this.#byCode.set(entry.code, variants)
      }
      const known = variants.get(entry.key)
      if (!known || compareSeen(entry, known) < 0) variants.set(entry.key, entry)
    }
  }

  /** Every variant kept, sorted by code and key (a segment's share, to cache and send). */
  entries(): SubjectNameSeen[] {
    return [...this.#byCode.values()].flatMap((variants) => [...variants.values()]).sort((a, b) => compareText(a.code, b.code) || compareText(a.key, b.key))
  }

  /** The variants of a code, first seen first. */
  variantsOf(code: string): SubjectNameSeen[] {
    return [...(this.#byCode.get(code)?.values() ?? [])].sort(compareSeen)
  }

  /** The codes printed, sorted. */
  codes(): string[] {
    return [...this.#byCode.keys()].sort(compareText)
  }
}

/** Where a name was first seen, as `printed_names` lists it: `name@doc_id:line`. */
function describeSeen(seen: SubjectNameSeen): string {
  return `${seen.name}@${seen.docId}:${seen.line}`
}

/** The `subjects` row of a code: its dictionary entry (or the first printed name), the variants printed, and where. */
function subjectRow(subject: Subject, source: 'dictionary' | 'document', variants: SubjectNameSeen[]): Record<string, unknown> {
  const known = new Set([subject.name, ...subject.aliases].map(normalizeSubjectName))
  const printedAliases = variants.filter((variant) => !known.has(variant.key)).map((variant) => variant.name)
  const first = variants[0]
  return {
    code: subject.code,
    name: subject.name,
    system: subject.system,
    level: subject.level,
    parent: subject.parent,
    aliases: [...subject.aliases, ...printedAliases].join(';'),
    source,
    first_doc_id: first?.docId ?? '',
    first_line: first?.line ?? null,
    printed_names: variants.map(describeSeen).join(';'),
  }
}

/**
 * The rows of `subjects`, sorted by code: every code of the dictionary, and
 * every well-formed code the documents print with a name that it lacks
 * (named by the first name printed that is not cut short; level and parent
 * from the code).
 */
export function subjectRows(printed: SubjectNameIndex): Record<string, unknown>[] {
  const rows = new Map<string, Record<string, unknown>>()
  for (const subject of allSubjects()) rows.set(subject.code, subjectRow(subject, 'dictionary', printed.variantsOf(subject.code)))
  for (const code of printed.codes()) {
    if (lookupSubject(code)) continue
    const shape = classifySubjectCode(code)
    const variants = printed.variantsOf(code)
    // The first name printed, unless a cell cut it short and another document prints it whole (`其他国有土地使用权出让收入安` → `…安排的支出`).
    const named = variants.find((variant) => !variants.some((other) => other.key !== variant.key && other.key.startsWith(variant.key)))
    // Names are noted only for well-formed codes (normalize-subject), so both are there; the guard keeps a bad cache entry out.
    if (!shape || !named) continue
    const aliases = variants.filter((variant) => variant !== named).map((variant) => variant.name)
    rows.set(code, subjectRow({ code, name: named.name, ...shape, aliases }, 'document', variants))
  }
  return [...rows.keys()].sort(compareText).map((code) => rows.get(code) as Record<string, unknown>)
}
