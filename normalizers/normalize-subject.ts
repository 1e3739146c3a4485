import { z } from 'zod'
import subjectsData from './data/subjects.json' with { type: 'json' }
import { compactText, foldKey } from '../core/text.ts'
import { SUBJECT_SYSTEMS, type SubjectSystem } from '../core/fact-schema.ts'
import type { GridRow } from '../core/types.ts'

export type { SubjectSystem }

/** One code of the 政府收支分类科目 dictionary. */
export interface Subject {
  /** The code as printed: 3 digits 类, 5 digits 款, 7 digits 项 (economic codes stop at 款). */
  code: string
  /** The official name (the newest one when a year renamed the code), with full-width brackets. */
  name: string
  system: SubjectSystem
  /** 类 = class, 款 = section, 项 = item; derived from the code length. */
  level: 'class' | 'section' | 'item'
  /** The code one level up (its prefix); '' for a class. */
  parent: string
  /** Other wordings printed in documents (older official names, variants, truncations). */
  aliases: string[]
}

// Every level is numbered from 01: a class, section or item `00` (200, 20100, 2010100) is no code.
const FUNCTIONAL_CODE = /^2(?!00)\d{2}(?:(?!00)\d{2}(?:(?!00)\d{2})?)?$/
const ECONOMIC_CODE = /^3(?!00)\d{2}(?:(?!00)\d{2})?$/
const GOVERNMENT_ECONOMIC_CODE = /^5(?!00)\d{2}(?:(?!00)\d{2})?$/
const LEVELS = ['class', 'section', 'item'] as const

const SubjectEntry = z.object({
  code: z.string().regex(/^(2\d{2}(\d{2}(\d{2})?)?|[35]\d{2}(\d{2})?)$/, 'a 3/5/7-digit code starting with 2 (functional) or a 3/5-digit code starting with 3 or 5 (economic)'),
  name: z
    .string()
    .min(1)
    .refine((name) => name === name.trim(), 'remove leading or trailing white space')
    .refine((name) => !/[()]/.test(name), 'use full-width brackets （） in the canonical name'),
  system: z.enum(SUBJECT_SYSTEMS),
  aliases: z.array(z.string().min(1)),
})

/**
 * The comparison key of a subject name: no white space (U+3000, NBSP and
 * zero-width too, since cells are padded and wrapped with them), brackets
 * folded to half-width, a leading ordinal (`八、`, `（一）`, `1、`, `1.`) and a
 * trailing level marker (`（类）`, `（款）`, `（项）`) removed. NFKC is not applied
 * on purpose: it would also rewrite characters that are not typography.
 */
export function normalizeSubjectName(text: string): string {
  return foldKey(text)
    .replace(/^(?:[一二三四五六七八九十百零〇]+、|\([一二三四五六七八九十百零〇\d]+\)、?|\d+[、.．](?!\d))/, '')
    .replace(/\([类款项]\)$/, '')
}

/**
 * The system, level and parent a code's shape implies, or undefined when it
 * is not a subject code: 2xx functional (3, 5 or 7 digits), 3xx economic and
 * 5xx government economic (3 or 5 digits), no level numbered `00`.
 */
export function classifySubjectCode(code: string): { system: SubjectSystem; level: Subject['level']; parent: string } | undefined {
  const system: SubjectSystem | undefined = FUNCTIONAL_CODE.test(code)
    ? 'functional'
    : ECONOMIC_CODE.test(code)
      ? 'economic'
      : GOVERNMENT_ECONOMIC_CODE.test(code)
        ? 'government_economic'
        : undefined
  if (!system) return undefined
  const depth = (code.length - 3) / 2
  const level = LEVELS[depth]
  if (!level) return undefined
  return { system, level, parent: depth === 0 ? '' : code.slice(0, code.length - 2) }
}

const FILE = 'normalizers/data/subjects.json'

function loadSubjects(): Subject[] {
  if (!Array.isArray(subjectsData)) throw new Error(`Invalid ${FILE}: expected an array of { code, name, system, aliases } entries`)
  const subjects: Subject[] = []
  const codes = new Set<string>()
  subjectsData.forEach((raw: unknown, index) => {
    const where = `${FILE} entry #${index + 1}${typeof raw === 'object' && raw && 'code' in raw ? ` (code ${String(raw.code)})` : ''}`
    const parsed = SubjectEntry.safeParse(raw)
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`).join('; ')
      throw new Error(`Invalid ${where}: ${problems}. Fix it to the form { "code": "2010301", "name": "行政运行", "system": "functional", "aliases": [] }.`)
    }
    const entry = parsed.data
    const shape = classifySubjectCode(entry.code)
    if (!shape || shape.system !== entry.system) {
      throw new Error(
        `Invalid ${where}: system \`${entry.system}\` does not fit the code; codes starting with 2 are "functional", with 3 "economic", with 5 "government_economic" (and no level is numbered 00).`,
      )
    }
    if (codes.has(entry.code)) throw new Error(`Invalid ${where}: duplicate code; merge the two entries, keeping the other name as an alias.`)
    const previous = subjects.at(-1)
    if (previous && previous.code > entry.code) throw new Error(`Invalid ${where}: entries must be sorted by code (as strings); move it before ${previous.code}.`)
    if (shape.parent && !codes.has(shape.parent)) throw new Error(`Invalid ${where}: its parent ${shape.parent} is missing; add the parent entry before it.`)
    // An alias that only differs by brackets or spaces is already matched through the key, so it would be noise in dist/subjects.
    const keys = new Set([normalizeSubjectName(entry.name)])
    for (const alias of entry.aliases) {
      const key = normalizeSubjectName(alias)
      if (keys.has(key)) throw new Error(`Invalid ${where}: alias \`${alias}\` equals the name or another alias once white space and brackets are folded; remove it.`)
      keys.add(key)
    }
    codes.add(entry.code)
    subjects.push(Object.freeze({ ...entry, level: shape.level, parent: shape.parent, aliases: Object.freeze([...entry.aliases]) as string[] }))
  })
  return subjects
}

const SUBJECTS = loadSubjects()
const BY_CODE = new Map(SUBJECTS.map((subject) => [subject.code, subject]))
const BY_KEY = new Map<string, Subject[]>()
for (const subject of SUBJECTS) {
  for (const key of new Set([subject.name, ...subject.aliases].map(normalizeSubjectName))) {
    const list = BY_KEY.get(key)
    if (list) list.push(subject)
    else BY_KEY.set(key, [subject])
  }
}

/** The subject of a code (surrounding white space ignored), optionally only within one system. */
export function lookupSubject(code: string, system?: SubjectSystem): Subject | undefined {
  const subject = BY_CODE.get(code.trim())
  return subject && (!system || subject.system === system) ? subject : undefined
}

/**
 * The subject whose name or alias has the same key as the text, e.g.
 * `八、社会保障和就业支出` → 208. Names shared by several codes (行政运行,
 * 一般行政管理事务 under many 款; 其他支出 as 229, 399 and 39999) give
 * undefined unless `system`/`level` narrow them to exactly one code.
 */
export function findSubjectByName(text: string, system?: SubjectSystem, level?: Subject['level']): Subject | undefined {
  const candidates = (BY_KEY.get(normalizeSubjectName(text)) ?? []).filter(
    (subject) => (!system || subject.system === system) && (!level || subject.level === level),
  )
  return candidates.length === 1 ? candidates[0] : undefined
}

/** Shortest printed prefix accepted as a truncated name; shorter ones (`其他`) would match too much. */
const MIN_TRUNCATED_LENGTH = 8

/**
 * Whether a printed name is the subject's name or one of its aliases after
 * normalizing, or a truncation of one (a prefix of at least 8 characters,
 * since documents cut long names to fit the cell).
 */
export function nameMatchesSubject(text: string, subject: Subject): boolean {
  const key = normalizeSubjectName(text)
  if (!key) return false
  return [subject.name, ...subject.aliases].some((name) => {
    const candidate = normalizeSubjectName(name)
    return candidate === key || ([...key].length >= MIN_TRUNCATED_LENGTH && candidate.startsWith(key))
  })
}

/** Every subject of the dictionary, sorted by code (as strings, so each class is followed by its sections and items). */
export function allSubjects(): Subject[] {
  return [...SUBJECTS]
}

/** Han characters (CJK unified ideographs and extension A). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff]/g
/**
 * What a subject name never holds: digits, the punctuation of sentences and
 * formulas (a note or a target run into the cell), and `@`, which separates
 * a name from its place in `subjects.printed_names`.
 */
const NOT_IN_NAME = /[0-9０-９，。；：:;！？!?=≥≤<>%％“”"@]/

/**
 * Whether text printed beside a code can be its name: at least two Han
 * characters, no digit, no sentence punctuation. Keeps a note (`提租补贴：
 * “科目编码”和“科目名称”为必填项。`) or a target (`保障机关运行天数≥365天`)
 * that the layout put in the name cell out of the subjects.
 */
export function isSubjectName(text: string): boolean {
  const key = normalizeSubjectName(text)
  return (key.match(HAN)?.length ?? 0) >= 2 && !NOT_IN_NAME.test(key)
}

/** A name printed beside a code, as the dataset keeps it: white space removed (padding and the breaks of a wrapped name are layout). */
export function printedSubjectName(text: string): string {
  return compactText(text)
}

/** A name variant of a code as printed: its comparison key and its printed form. */
export interface SubjectNameVariant {
  key: string
  name: string
}

/**
 * The name variant a code printed with `text` adds to the subjects, or
 * undefined when it adds none: the code is malformed, the text is no name,
 * or the dictionary knows the code under a name the text contradicts (that
 * is a `subject-name-mismatch`, not a variant).
 */
export function printedNameVariant(code: string, text: string): SubjectNameVariant | undefined {
  if (!classifySubjectCode(code) || !isSubjectName(text)) return undefined
  const subject = lookupSubject(code)
  if (subject && !nameMatchesSubject(text, subject)) return undefined
  return { key: normalizeSubjectName(text), name: printedSubjectName(text) }
}

/**
 * The codes a table row prints with their names: a cell that is a code,
 * followed (blank cells aside) by a cell that is a name. A code followed by
 * another number (`301 | 01 | 基本工资`, class and section in their own
 * columns) names nothing.
 *
 * > | 2120101 | 行政运行 | 51.20 | 51.20
 *     ^^^^^^^   ^^^^^^^^ code → name
 */
export function codesWithNames(row: GridRow): { code: string; name: string; line: number }[] {
  const found: { code: string; name: string; line: number }[] = []
  row.cells.forEach((cell, index) => {
    if (!cell.span || !classifySubjectCode(cell.text)) return
    const next = row.cells.slice(index + 1).find((other) => other.text)
    if (next && isSubjectName(next.text)) found.push({ code: cell.text, name: next.text, line: cell.span.line })
  })
  return found
}
