import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allSubjects,
  classifySubjectCode,
  findSubjectByName,
  lookupSubject,
  nameMatchesSubject,
  normalizeSubjectName,
} from '../../normalizers/normalize-subject.ts'

// Paths are computed here rather than taken from test/helpers so that this test does not load the pipeline.
const ROOT = resolve(import.meta.dirname, '..', '..')
const CORPUS = resolve(ROOT, '..', 'shared', 'corpus')
const CODE = /^[23]\d{2}(\d{2}(\d{2})?)?$/

/** Codes printed as a whole cell of a tab-separated or word-cell line of a seed. */
function seedCodes(): Map<string, string> {
  const found = new Map<string, string>()
  const seeds = readdirSync(join(ROOT, 'seeds')).filter((name) => /^00[0-3].*\.txt$/.test(name)).sort()
  expect(seeds).toHaveLength(4)
  for (const name of seeds) {
    const lines = readFileSync(join(ROOT, 'seeds', name), 'utf8').split(/\r?\n/)
    lines.forEach((line, index) => {
      if (!line.includes('\t')) return
      for (const cell of line.split('\t')) {
        const text = cell.replace(/[\s\u3000\u00a0]+/g, '')
        if (CODE.test(text)) found.set(text, `${name}:${index + 1}`)
      }
    })
  }
  return found
}

describe('subject dictionary', () => {
  it('2010301 is 行政运行, a functional item under 20103', () => {
    expect(lookupSubject('2010301')).toEqual({
      code: '2010301',
      name: '行政运行',
      system: 'functional',
      level: 'item',
      parent: '20103',
      aliases: [],
    })
    expect(lookupSubject('2010301', 'economic')).toBeUndefined()
    expect(lookupSubject(' 2010301 ')?.code).toBe('2010301')
  })

  it('208 is a functional class without parent', () => {
    expect(lookupSubject('208')).toMatchObject({ name: '社会保障和就业支出', system: 'functional', level: 'class', parent: '' })
    expect(lookupSubject('20805')).toMatchObject({ name: '行政事业单位养老支出', level: 'section', parent: '208', aliases: ['行政事业单位离退休'] })
  })

  it('keeps the newer official name and the older ones as aliases', () => {
    expect(lookupSubject('210')).toMatchObject({ name: '卫生健康支出', aliases: ['医疗卫生与计划生育支出'] })
    expect(lookupSubject('207')).toMatchObject({ name: '文化旅游体育与传媒支出', aliases: ['文化体育与传媒支出'] })
    expect(findSubjectByName('行政事业单位离退休')?.code).toBe('20805')
  })

  it('30108 records the printed variants', () => {
    const subject = lookupSubject('30108')
    expect(subject).toMatchObject({ name: '机关事业单位基本养老保险缴费', system: 'economic', level: 'section', parent: '301' })
    expect(subject?.aliases).toEqual(['机关事业单位基本养老保险费', '机关事业单位基本养老保险'])
    for (const printed of ['  机关事业单位基本养老保险费', '机关事业单位基本养老保险', '机关事业单位基本养老保险缴费']) {
      expect(nameMatchesSubject(printed, subject!)).toBe(true)
    }
  })

  it('30212 and 30213 match with half-width brackets', () => {
    const travel = lookupSubject('30212')!
    expect(travel.name).toBe('因公出国（境）费用')
    expect(nameMatchesSubject('因公出国(境)费用', travel)).toBe(true)
    expect(nameMatchesSubject('  因公出国（境）费用', travel)).toBe(true)
    expect(nameMatchesSubject('维修(护)费', lookupSubject('30213')!)).toBe(true)
    expect(findSubjectByName('因公出国(境)费用')?.code).toBe('30212')
  })

  it('a stray space inside a printed name still matches 2080505', () => {
    const subject = lookupSubject('2080505')!
    expect(nameMatchesSubject('机关事业单位基本养 老保险缴费支出', subject)).toBe(true)
    expect(nameMatchesSubject('机关事业单位基本养老保险缴\u3000费支出', subject)).toBe(true)
    expect(findSubjectByName('机关事业单位基本养 老保险缴费支出')?.code).toBe('2080505')
  })

  it('accepts truncated names of 8 characters or more, not shorter ones', () => {
    expect(nameMatchesSubject('对民间非营利组织和群众性自治组织', lookupSubject('39908')!)).toBe(true)
    expect(nameMatchesSubject('其他政府办公厅（室）及相关', lookupSubject('2010399')!)).toBe(true)
    expect(nameMatchesSubject('其他', lookupSubject('30299')!)).toBe(false)
    expect(nameMatchesSubject('办公费', lookupSubject('30202')!)).toBe(false)
    expect(nameMatchesSubject('', lookupSubject('30201')!)).toBe(false)
  })

  it('30399 accepts both printed wordings', () => {
    const subject = lookupSubject('30399')!
    expect(subject.name).toBe('其他对个人和家庭的补助')
    expect(nameMatchesSubject('对其他个人和家庭的补助支出', subject)).toBe(true)
    expect(nameMatchesSubject('其他对个人和家庭的补助', subject)).toBe(true)
  })
})

describe('findSubjectByName', () => {
  it('reads functional classes with an ordinal: 八、社会保障和就业支出 → 208', () => {
    expect(findSubjectByName('八、社会保障和就业支出')?.code).toBe('208')
    expect(findSubjectByName('二十六、抗疫特别国债安排的支出', 'functional', 'class')?.code).toBe('234')
    expect(findSubjectByName('十四、资源勘探工业信息等支出', 'functional', 'class')?.code).toBe('215')
    expect(findSubjectByName('二十二、灾害防治及应急管理支出', 'functional', 'class')?.code).toBe('224')
  })

  it('returns undefined for a name shared by several codes unless system/level narrow it to one', () => {
    expect(findSubjectByName('一般行政管理事务')).toBeUndefined()
    expect(findSubjectByName('一般行政管理事务', 'functional', 'item')).toBeUndefined()
    expect(findSubjectByName('其他支出')).toBeUndefined()
    expect(findSubjectByName('二十三、其他支出', 'functional')?.code).toBe('229')
    expect(findSubjectByName('其他支出', 'economic')).toBeUndefined()
    expect(findSubjectByName('其他支出', 'economic', 'class')?.code).toBe('399')
    expect(findSubjectByName('其他一般公共服务支出', 'functional', 'section')?.code).toBe('20199')
  })

  it('returns undefined for unknown names', () => {
    expect(findSubjectByName('本年支出合计')).toBeUndefined()
    expect(findSubjectByName('')).toBeUndefined()
  })
})

describe('normalizeSubjectName', () => {
  it('removes white space, folds brackets, strips ordinals and level markers', () => {
    expect(normalizeSubjectName(' 政府办公厅（室）及\u3000相关\u00a0机构事务 ')).toBe(normalizeSubjectName('政府办公厅(室)及相关机构事务'))
    expect(normalizeSubjectName('（一）一般公共服务支出')).toBe('一般公共服务支出')
    expect(normalizeSubjectName('(二)外交支出')).toBe('外交支出')
    expect(normalizeSubjectName('1、国防支出')).toBe('国防支出')
    expect(normalizeSubjectName('1.国防支出')).toBe('国防支出')
    expect(normalizeSubjectName('一般公共服务支出（类）')).toBe('一般公共服务支出')
    expect(normalizeSubjectName('行政运行(项)')).toBe('行政运行')
    expect(normalizeSubjectName('一般公共服务支出')).toBe('一般公共服务支出')
  })

  it('does not apply NFKC', () => {
    expect(normalizeSubjectName('Ａ１')).toBe('Ａ１')
  })
})

describe('classifySubjectCode', () => {
  it('derives system, level and parent from the shape', () => {
    expect(classifySubjectCode('30101')).toEqual({ system: 'economic', level: 'section', parent: '301' })
    expect(classifySubjectCode('301')).toEqual({ system: 'economic', level: 'class', parent: '' })
    expect(classifySubjectCode('2010301')).toEqual({ system: 'functional', level: 'item', parent: '20103' })
    expect(classifySubjectCode('20103')).toEqual({ system: 'functional', level: 'section', parent: '201' })
    expect(classifySubjectCode('201')).toEqual({ system: 'functional', level: 'class', parent: '' })
  })

  it('gives undefined for anything else', () => {
    for (const code of ['12', '3010101', '2010', '401', '1010301', '', ' 201', '20a']) expect(classifySubjectCode(code)).toBeUndefined()
  })
})

describe('allSubjects', () => {
  const subjects = allSubjects()

  it('is sorted by code without duplicates, and every parent exists', () => {
    const codes = subjects.map((subject) => subject.code)
    expect(codes).toEqual([...codes].sort())
    expect(new Set(codes).size).toBe(codes.length)
    for (const subject of subjects) {
      expect(classifySubjectCode(subject.code)).toEqual({ system: subject.system, level: subject.level, parent: subject.parent })
      if (subject.parent) expect(lookupSubject(subject.parent)?.system).toBe(subject.system)
    }
  })

  it('has every functional class of 2020–2024 and the economic classes', () => {
    const classes = (system: string) => subjects.filter((subject) => subject.system === system && subject.level === 'class').map((subject) => subject.code)
    expect(classes('functional')).toEqual([
      '201', '202', '203', '204', '205', '206', '207', '208', '209', '210', '211', '212', '213', '214', '215', '216', '217',
      '219', '220', '221', '222', '223', '224', '227', '229', '230', '231', '232', '233', '234',
    ])
    expect(classes('economic')).toEqual(expect.arrayContaining(['301', '302', '303', '307', '309', '310', '399']))
  })

  it('returns a copy that callers cannot use to change the dictionary', () => {
    allSubjects().pop()
    expect(allSubjects()).toHaveLength(subjects.length)
    expect(() => {
      ;(lookupSubject('201') as { name: string }).name = 'x'
    }).toThrow()
  })
})

describe('codes printed in the sources', () => {
  it('every code in the four tabular seeds is in the dictionary', () => {
    const codes = seedCodes()
    expect(codes.size).toBeGreaterThan(100)
    const missing = [...codes].filter(([code]) => !lookupSubject(code)).map(([code, where]) => `${code} (${where})`)
    expect(missing).toEqual([])
  })

  it.skipIf(!existsSync(CORPUS))('every code at the start of a table row of the shared corpus is in the dictionary', () => {
    const files = readdirSync(CORPUS).filter((name) => name.endsWith('.layout.txt'))
    const missing: string[] = []
    let count = 0
    for (const name of files) {
      readFileSync(join(CORPUS, name), 'utf8')
        .split(/\r?\n/)
        .forEach((line, index) => {
          // pdftotext -layout: a code leads the row, followed by spaces, its name glued on (`310资本性支出`), or nothing (wrapped name).
          for (const match of line.matchAll(/(?:^|\s{2,})([23]\d{2}(?:\d{2}(?:\d{2})?)?)(?=\s|[\u4e00-\u9fff]|$)/g)) {
            const code = match[1] ?? ''
            count += 1
            if (!lookupSubject(code)) missing.push(`${code} (${name}:${index + 1})`)
          }
        })
    }
    expect(count).toBeGreaterThan(100)
    expect(missing).toEqual([])
  })

  it('names printed next to codes in the tab-row seeds match the dictionary', () => {
    const mismatches: string[] = []
    for (const name of readdirSync(join(ROOT, 'seeds')).filter((entry) => /^00[1-3].*\.txt$/.test(entry))) {
      for (const line of readFileSync(join(ROOT, 'seeds', name), 'utf8').split(/\r?\n/)) {
        const cells = line.split('\t')
        cells.forEach((cell, index) => {
          const code = cell.trim()
          const printed = cells[index + 1] ?? ''
          if (!CODE.test(code) || !printed.trim()) return
          const subject = lookupSubject(code)
          if (!subject || !nameMatchesSubject(printed, subject)) mismatches.push(`${code} ${printed}`)
        })
      }
    }
    expect(mismatches).toEqual([])
  })
})
