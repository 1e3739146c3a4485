import { describe, expect, it } from 'vitest'
import type { SourceDocument } from '../../../core/document.ts'
import { processDocument } from '../../../pipeline/process-document.ts'
import { departmentIdOf, normalizeDepartment } from '../../../normalizers/normalize-department.ts'

/** The metadata of a text, as the pipeline reads it. */
function metadataOf(text: string): SourceDocument['metadata'] {
  return processDocument('test.txt', new TextEncoder().encode(text)).metadata
}

describe('inferMetadata: the department', () => {
  it('reads a title with the year glued to the name (js-1246b045)', () => {
    expect(metadataOf('江苏省委办公厅2019年度部门预算公开\n            目      录\n第一部分 部门概况\n')).toMatchObject({
      department: '江苏省委办公厅',
      departmentCanonical: '中共江苏省委办公厅',
      scope: '部门',
      fiscalYear: 2019,
      docKind: 'budget',
      region: '江苏省',
      level: 'province',
    })
  })

  it('reads a title wrapped over lines, the year first (js-dc64772a), and one cut inside a word (深圳)', () => {
    expect(metadataOf('2018 年度江苏省高级\n 人民法院预算公开\n  2018 年 2 月 24 日\n   目   录\n').department).toBe('江苏省高级人民法院')
    expect(metadataOf('2026 年深圳市公安局（本级）部门预\n          算\n   目   录\n')).toMatchObject({ department: '深圳市公安局（本级）', departmentCanonical: '深圳市公安局', scope: '单位' })
  })

  it('a part heading names no department', () => {
    expect(metadataOf('第一部分 2026 年度部门预算情况说明\n  一、部门情况说明\n').department).toBe('')
  })

  it('a unit budget (单位预算, 编制单位：) is scope 单位, its department budget 部门: two departments', () => {
    const unit = metadataOf('上海市普陀区2025年区级单位预算\n   预算单位：上海市普陀区商务委员会\n   目   录\n编制单位：上海市普陀区商务委员会          单位：元\n')
    const department = metadataOf('上海市普陀区2025年区级部门预算\n   预算主管部门：上海市普陀区商务委员会\n   目   录\n编制部门：上海市普陀区商务委员会          单位：元\n')
    expect(unit).toMatchObject({ department: '上海市普陀区商务委员会', scope: '单位', region: '上海市普陀区', level: 'county' })
    expect(department).toMatchObject({ department: '上海市普陀区商务委员会', scope: '部门' })
    expect(unit.departmentId).not.toBe(department.departmentId)
  })

  it('finds the department as the subject of the explanations when no title names it (js-de648c2e)', () => {
    const text = '- 1 -\n  目    录\n第一部分   部门概况\n\n  江苏省政协办公厅 2019 年度收入、支出预算总计 13,377.11 万元\n  江苏省政协办公厅本年收入预算合计 13,377.11 万元\n'
    expect(metadataOf(text).department).toBe('江苏省政协办公厅')
  })
})

describe('inferMetadata: the year and kind the title names', () => {
  it('a year before the name (suz-7a95ea0f: 2026, not the 2025 the prose names first)', () => {
    const text = '2026 年度苏州市水务局单位预算公开\n苏州市水务局 2026 年度单位预算公开\n   目      录\n第一部分 单位概况\n2025年部门预算执行情况良好。\n'
    expect(metadataOf(text)).toMatchObject({ department: '苏州市水务局', fiscalYear: 2026, docKind: 'budget', scope: '单位' })
  })

  it('the title wins over a 决算 the first lines quote (bj-b3d20c6f)', () => {
    const text = '北京市人民政府国有资产监督管理委员会\n   2026 部门预算情况的说明\n  一、部门情况说明\n  2025年决算数为100万元。\n'
    expect(metadataOf(text)).toMatchObject({ department: '北京市人民政府国有资产监督管理委员会', fiscalYear: 2026, docKind: 'budget' })
  })
})

describe('normalizeDepartment', () => {
  it('folds the aliases of departments.json, and a scope suffix', () => {
    const canonical = normalizeDepartment('中共江苏省委办公厅')
    expect(normalizeDepartment('中国共产党江苏省委员会办公厅')).toEqual(canonical)
    expect(normalizeDepartment('江苏省委 办公厅')).toEqual(canonical)
    expect(canonical?.departmentId).toBe(departmentIdOf('中共江苏省委办公厅', '部门'))
    expect(normalizeDepartment('西安市卫生健康委员会（汇总）')).toMatchObject({ canonical: '西安市卫生健康委员会', scope: '部门' })
    expect(normalizeDepartment('西安市卫生健康委员会(本级)')).toMatchObject({ canonical: '西安市卫生健康委员会', scope: '单位' })
    expect(normalizeDepartment('')).toBeUndefined()
  })

  it('ids are stable: the hash of canonical name and scope, whatever the build', () => {
    // sha256("中共江苏省委办公厅\0部门"), first 16 hex digits.
    expect(departmentIdOf('中共江苏省委办公厅', '部门')).toBe('56b4815fb871d7bf')
  })
})
