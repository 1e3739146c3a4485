import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SubjectNameIndex, subjectRows, type SubjectNameSeen } from '../../outputs/subjects.ts'
import { SUBJECTS_SCHEMA } from '../../outputs/schema.ts'
import { build } from '../../runtime/build.ts'
import { CORPUS, hasCorpus, ROOT } from '../helpers/documents.ts'
import { parseCsvRecords } from '../helpers/csv.ts'

const seen = (code: string, key: string, docId: string, line: number, name = key): SubjectNameSeen => ({ code, key, name, docId, path: `${docId}.txt`, line })

describe('SubjectNameIndex', () => {
  const entries = [
    seen('21201', '城乡社区管理事务', 'gz-e85c59bd.layout', 354),
    seen('21201', '城乡社区管理事务', 'gz-4a97c00a.layout', 250),
    seen('21201', '城乡社区管理事务', 'gz-4a97c00a.layout', 240),
    seen('21201', '城乡社区管理', 'cq-05f59e7a.layout', 900),
    seen('30213', '维修(护)费', 'sz-08cc7487.layout', 12, '维修(护)费'),
  ]

  it('keeps each code and name once, at its smallest doc_id, then line, whatever the order and grouping it is given in', () => {
    const inOrder = new SubjectNameIndex()
    inOrder.add(entries)
    const reversed = new SubjectNameIndex()
    reversed.add([...entries].reverse())
    // As segments do: each merges its documents, the build merges the segments.
    const first = new SubjectNameIndex()
    first.add(entries.slice(3))
    const second = new SubjectNameIndex()
    second.add(entries.slice(0, 3))
    const merged = new SubjectNameIndex()
    merged.add(first.entries())
    merged.add(second.entries())
    for (const index of [reversed, merged]) expect(index.entries()).toEqual(inOrder.entries())
    expect(inOrder.entries()).toEqual([
      seen('21201', '城乡社区管理', 'cq-05f59e7a.layout', 900),
      seen('21201', '城乡社区管理事务', 'gz-4a97c00a.layout', 240),
      seen('30213', '维修(护)费', 'sz-08cc7487.layout', 12),
    ])
    expect(inOrder.variantsOf('21201').map((entry) => entry.docId)).toEqual(['cq-05f59e7a.layout', 'gz-4a97c00a.layout'])
  })
})

describe('subjectRows', () => {
  const index = new SubjectNameIndex()
  index.add([
    seen('21201', '城乡社区管理', 'cq-05f59e7a.layout', 900),
    seen('21201', '城乡社区管理事务', 'gz-4a97c00a.layout', 240),
    seen('30108', '机关事业单位基本养老保险缴费', 'a', 7),
    seen('30108', '机关事业单位基本养老保险', 'b', 3),
    seen('30213', '维修(护)费', 'sz-08cc7487.layout', 12),
    seen('503', '机关资本性支出', 'yt-2d85c703.layout', 546),
  ])
  const rows = subjectRows(index)
  const row = (code: string) => rows.find((entry) => entry.code === code)

  it('has every column of the schema, one row per code, sorted by code', () => {
    const names = SUBJECTS_SCHEMA.fields.map((field) => field.name)
    for (const entry of rows) expect(Object.keys(entry).sort()).toEqual([...names].sort())
    const codes = rows.map((entry) => String(entry.code))
    expect(codes).toEqual([...new Set(codes)].sort())
  })

  it('a dictionary code no document prints: source dictionary, no place', () => {
    expect(row('20101')).toEqual({ code: '20101', name: '人大事务', system: 'functional', level: 'section', parent: '201', aliases: '', source: 'dictionary', first_doc_id: '', first_line: null, printed_names: '' })
  })

  it('a dictionary code printed: its first place, every name printed, and only new names added to the aliases', () => {
    expect(row('30108')).toMatchObject({
      source: 'dictionary',
      aliases: '机关事业单位基本养老保险费;机关事业单位基本养老保险',
      first_doc_id: 'a',
      first_line: 7,
      printed_names: '机关事业单位基本养老保险缴费@a:7;机关事业单位基本养老保险@b:3',
    })
    expect(row('30213')).toMatchObject({ name: '维修（护）费', aliases: '', first_doc_id: 'sz-08cc7487.layout', first_line: 12, printed_names: '维修(护)费@sz-08cc7487.layout:12' })
  })

  it('a code the dictionary lacks: source document, level and parent from the code, named by the first name printed whole', () => {
    // cq- prints it first but cut short (城乡社区管理): the whole name is the one gz- prints.
    expect(row('21201')).toEqual({
      ...{ code: '21201', name: '城乡社区管理事务', system: 'functional', level: 'section', parent: '212', aliases: '城乡社区管理', source: 'document' },
      ...{ first_doc_id: 'cq-05f59e7a.layout', first_line: 900, printed_names: '城乡社区管理@cq-05f59e7a.layout:900;城乡社区管理事务@gz-4a97c00a.layout:240' },
    })
    expect(row('503')).toMatchObject({ name: '机关资本性支出', system: 'government_economic', level: 'class', parent: '', source: 'document' })
  })
})

describe.skipIf(!hasCorpus())('dist/subjects from real documents (../shared/corpus)', () => {
  const work = mkdtempSync(join(tmpdir(), 'cn-budget-subjects-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))
  const gz = readFileSync(join(CORPUS, 'real', 'gz-e85c59bd.layout.txt'), 'utf8')
  // Two documents printing 21201: b- as published (line 354), a- with one line more on top and another figure (not a duplicate).
  writeFileSync(join(work, 'b-gz.txt'), gz)
  writeFileSync(join(work, 'a-gz.txt'), `\n${gz.replace('2,522.27', '2,522.28')}`)
  const yt = join(CORPUS, 'real', 'yt-2d85c703.layout.txt')
  const subjectsOf = async (name: string, inputs: string[], workers: number, cache: string | false = false): Promise<{ rows: Record<string, string>[]; cached: number }> => {
    const { cached } = await build({ inputs, out: join(work, name), root: ROOT, cache, workers })
    return { rows: parseCsvRecords(readFileSync(join(work, name, 'subjects.csv'), 'utf8')), cached }
  }

  it('21201 城乡社区管理事务 comes from the documents with its first place (smallest doc_id, then line); 503 is government_economic', async () => {
    const { rows } = await subjectsOf('one', [join(work, 'b-gz.txt'), join(work, 'a-gz.txt'), yt], 0)
    expect(rows.find((entry) => entry.code === '21201')).toEqual({
      code: '21201',
      name: '城乡社区管理事务',
      system: 'functional',
      level: 'section',
      parent: '212',
      aliases: '',
      source: 'document',
      first_doc_id: 'a-gz',
      first_line: '355',
      printed_names: '城乡社区管理事务@a-gz:355',
    })
    expect(rows.find((entry) => entry.code === '503')).toMatchObject({ name: '机关资本性支出', system: 'government_economic', source: 'document', first_doc_id: 'yt-2d85c703.layout', first_line: '546' })
    expect(rows.find((entry) => entry.code === '501')).toMatchObject({ name: '机关工资福利支出', source: 'dictionary', first_doc_id: 'yt-2d85c703.layout' })
  }, 60_000)

  it('is the same whatever the input order, the worker threads, and what came from the cache', async () => {
    const reference = readFileSync(join(work, 'one', 'subjects.csv'), 'utf8')
    await subjectsOf('reordered', [yt, join(work, 'a-gz.txt'), join(work, 'b-gz.txt')], 2)
    expect(readFileSync(join(work, 'reordered', 'subjects.csv'), 'utf8')).toBe(reference)
    const cache = join(work, 'cache')
    await subjectsOf('cold', [join(work, 'b-gz.txt'), join(work, 'a-gz.txt'), yt], 1, cache)
    expect((await subjectsOf('warm', [join(work, 'b-gz.txt'), join(work, 'a-gz.txt'), yt], 1, cache)).cached).toBe(3)
    expect(readFileSync(join(work, 'warm', 'subjects.csv'), 'utf8')).toBe(reference)
  }, 120_000)
})
