import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AcrossIndex, acrossOf } from '../../outputs/across-documents.ts'
import { departmentRows, panelOf, yearOverYearRows } from '../../outputs/across-tables.ts'
import { createDuplicateDetector, fingerprintText } from '../../pipeline/stages/detect-duplicates.ts'
import { CORPUS, runFile } from '../helpers/documents.ts'

const REAL = join(CORPUS, 'real')
const present = existsSync(REAL)
if (!present) console.log(`across-real: skipped, ${REAL} is absent (the shared corpus lives next to the repository)`)

/** The five Jiangsu provincial bodies of the corpus, by their canonical names, and the years their documents print. */
const JIANGSU = {
  中共江苏省委办公厅: [2017, 2018, 2019],
  江苏省人大常委会办公厅: [2017, 2018, 2019],
  江苏省政协办公厅: [2017, 2018, 2019],
  江苏省人民检察院: [2017, 2018, 2019],
  // The corpus holds the court's 2017 and 2018 budgets only.
  江苏省高级人民法院: [2017, 2018],
} as const

describe.skipIf(!present)('across documents on the real Jiangsu budgets (../shared/corpus/real/js-*)', () => {
  const docs = present
    ? readdirSync(REAL)
        .filter((name) => name.startsWith('js-') && name.endsWith('.layout.txt'))
        .sort()
        .map((name) => runFile(`../shared/corpus/real/${name}`))
    : []
  // As the build does: the second of two same texts is a duplicate, its figures taken once.
  const firstWithText = createDuplicateDetector()
  const unique = docs.filter((doc) => firstWithText(doc.path, fingerprintText(doc.text)) === undefined)
  const index = new AcrossIndex()
  index.add(unique.flatMap((doc) => acrossOf(doc) ?? []))
  const departments = departmentRows(index)

  it('every js- document has a department, and the three duplicates are found', () => {
    expect(docs).toHaveLength(22)
    expect(docs.filter((doc) => !doc.metadata.departmentId).map((doc) => doc.path)).toEqual([])
    expect(unique).toHaveLength(19)
  })

  it('each of the five bodies has one department_id over its years, whatever its names print', () => {
    expect(departments.map((row) => row.department).sort()).toEqual(Object.keys(JIANGSU).sort())
    for (const [name, years] of Object.entries(JIANGSU)) {
      const row = departments.find((entry) => entry.department === name)
      expect(row, name).toMatchObject({ scope: '部门', region: '江苏省', level: 'province', fiscal_years: years.join(';') })
      const ids = new Set(docs.filter((doc) => doc.metadata.departmentCanonical === name).map((doc) => doc.metadata.departmentId))
      expect([...ids], name).toEqual([row?.department_id])
    }
    expect(departments.find((row) => row.department === '中共江苏省委办公厅')?.names_printed).toBe('中共江苏省委办公厅;中国共产党江苏省委员会办公厅;江苏省委办公厅')
  })

  it('江苏省人民检察院 in the panel, two figures a year typed from its 收支预算总表 and 财政拨款收支预算总表', () => {
    const id = departments.find((row) => row.department === '江苏省人民检察院')?.department_id
    const { rows } = panelOf(index)
    const cell = (where: Record<string, string>) => rows.find((row) => row.department_id === id && Object.entries(where).every(([key, value]) => row[key] === value))
    // 收支预算总表, 四、公共安全支出: 13,656.34 (2017, js-6e171b5b line 233), 16,458.75 (2018, js-1f18e040), 16,593.12 (2019, js-afc66731) 万元.
    expect(cell({ table_id: 'income_expenditure_summary', side: 'expenditure', subject_code: '204', measure: 'amount' })).toMatchObject({ budget_2017: '136563400', budget_2018: '164587500', budget_2019: '165931200' })
    // 财政拨款收支预算总表, 收入合计: 17,981.68 (2017), 21,940.96 (2018), 24169.74 (2019) 万元.
    expect(cell({ table_id: 'appropriation_summary', side: 'income', line_item: 'income_total', measure: 'amount' })).toMatchObject({ budget_2017: '179816800', budget_2018: '219409600', budget_2019: '241697400' })
  })

  it('year_over_year: 江苏省人民检察院 公共安全支出 2018 against 2017, +2,802.41 万元, +20.52%', () => {
    const row = yearOverYearRows(index).find((entry) => entry.department === '江苏省人民检察院' && entry.table_id === 'income_expenditure_summary' && entry.subject_code === '204' && entry.fiscal_year === 2018)
    // 16,458.75 − 13,656.34 = 2,802.41; 2,802.41 / 13,656.34 = 20.5209…%.
    expect(row).toMatchObject({ doc_kind: 'budget', previous_year: 2017, value: '164587500', previous_value: '136563400', change: '28024100', change_rate: '20.52' })
  })
})
