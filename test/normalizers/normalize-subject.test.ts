import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  allSubjects,
  classifySubjectCode,
  codesWithNames,
  findSubjectByName,
  isSubjectName,
  lookupSubject,
  nameMatchesSubject,
  normalizeSubjectName,
  printedNameVariant,
} from '../../normalizers/normalize-subject.ts'
import type { GridRow } from '../../core/types.ts'

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
    expect(findSubjectByName('因公出国(境)费用', 'economic')?.code).toBe('30212')
    // The same name is 50207 in the government economic classification: without a system it names no one code.
    expect(findSubjectByName('因公出国(境)费用')).toBeUndefined()
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

  it('reads 政府预算支出经济分类 codes (5xx, 3 or 5 digits) as government_economic', () => {
    // yt-0362dd5e.layout.txt:621 prints `301 工资福利支出` beside `501 机关工资福利支出`, and :623 `501 01 工资奖金津补贴`.
    expect(classifySubjectCode('501')).toEqual({ system: 'government_economic', level: 'class', parent: '' })
    expect(classifySubjectCode('50101')).toEqual({ system: 'government_economic', level: 'section', parent: '501' })
    expect(classifySubjectCode('503')).toEqual({ system: 'government_economic', level: 'class', parent: '' })
    expect(classifySubjectCode('5010101')).toBeUndefined()
  })

  it('gives undefined for anything else, and for a level numbered 00', () => {
    for (const code of ['12', '3010101', '2010', '401', '1010301', '', ' 201', '20a', '200', '20100', '2010100', '300', '30100', '500', '27800']) {
      expect(classifySubjectCode(code), code).toBeUndefined()
    }
  })
})

describe('government economic subjects (政府预算支出经济分类)', () => {
  it('has the classes and sections the yt- 预算 print with their names', () => {
    expect(lookupSubject('501')).toMatchObject({ name: '机关工资福利支出', system: 'government_economic', level: 'class', parent: '' })
    expect(lookupSubject('50102')).toMatchObject({ name: '社会保障缴费', system: 'government_economic', level: 'section', parent: '501' })
    expect(lookupSubject('50207')).toMatchObject({ name: '因公出国（境）费用', system: 'government_economic', parent: '502' })
    expect(lookupSubject('50905')).toMatchObject({ name: '离退休费', system: 'government_economic', parent: '509' })
    // Printed only as `503 机关资本性支出` (the official name carries （一）): left to come from the documents.
    expect(lookupSubject('503')).toBeUndefined()
  })

  it('keeps 3xx and 5xx apart where they share a name', () => {
    expect(findSubjectByName('对个人和家庭的补助', 'economic')?.code).toBe('303')
    expect(findSubjectByName('对个人和家庭的补助', 'government_economic')?.code).toBe('509')
    expect(findSubjectByName('工资福利支出', 'economic', 'class')?.code).toBe('301')
  })
})

describe('names printed beside codes', () => {
  it('a name has two Han characters and no digit or sentence punctuation', () => {
    expect(isSubjectName('城乡社区管理事务')).toBe(true)
    expect(isSubjectName('因公出国(境)费用')).toBe(true)
    expect(isSubjectName('二、外交支出')).toBe(true)
    // Text the layouts of real/ put in the name cell: js-afc66731.layout.txt:434, cq-f26c9e26.layout.txt:1413, cq-d344b1c3.layout.txt:825.
    expect(isSubjectName('提租补贴：“科目编码”和“科目名称”为必填项。')).toBe(false)
    expect(isSubjectName('保障机关运行天数≥365天')).toBe(false)
    expect(isSubjectName('=')).toBe(false)
    expect(isSubjectName('人')).toBe(false)
    expect(isSubjectName('')).toBe(false)
    for (const subject of allSubjects()) for (const name of [subject.name, ...subject.aliases]) expect(isSubjectName(name), `${subject.code} ${name}`).toBe(true)
  })

  it('a well-formed code with a name is a variant, unless the dictionary knows the code by another name', () => {
    // gz-e85c59bd.layout.txt:354 prints `21201 城乡社区管理事务`, which the dictionary lacks.
    expect(printedNameVariant('21201', '城乡社区管理事务')).toEqual({ key: '城乡社区管理事务', name: '城乡社区管理事务' })
    expect(printedNameVariant('2010302', '一般行政管理 事务')).toEqual({ key: '一般行政管理事务', name: '一般行政管理事务' })
    expect(printedNameVariant('30213', '维修(护)费')).toEqual({ key: '维修(护)费', name: '维修(护)费' })
    // suz-1f31a438.layout.txt:273: the tail `支出` of 2080505's wrapped name, joined to 2080506's.
    expect(printedNameVariant('2080506', '支出机关事业单位职业年金缴费支出')).toBeUndefined()
    expect(printedNameVariant('401', '某某支出')).toBeUndefined()
    expect(printedNameVariant('21201', '51.20')).toBeUndefined()
  })

  it('a code names the next non-blank cell when it is a name, not a section number in its own column', () => {
    const row = (...texts: string[]): GridRow => ({ line: 9, cells: texts.map((text, index) => ({ text, span: { line: 9, column: index * 10 + 1, endLine: 9, endColumn: index * 10 + 1 + text.length } })) })
    // yt-0362dd5e.layout.txt:621 and :623: class rows name themselves, a class followed by its section number names nothing.
    expect(codesWithNames(row('301', '', '工资福利支出', '501', '', '机关工资福利支出', '1,478.92'))).toEqual([
      { code: '301', name: '工资福利支出', line: 9 },
      { code: '501', name: '机关工资福利支出', line: 9 },
    ])
    expect(codesWithNames(row('301', '01', '基本工资', '501', '01', '工资奖金津补贴', '369.90'))).toEqual([])
    expect(codesWithNames(row('2120101', '行政运行', '51.20'))).toEqual([{ code: '2120101', name: '行政运行', line: 9 }])
    expect(codesWithNames(row('365', '='))).toEqual([])
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
