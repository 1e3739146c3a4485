import { describe, expect, it } from 'vitest'
import { classifyTableTitle, headingKey, looksLikeTableTitle, readTableMark, statesTableAbsent, titleIdentity } from '../../normalizers/normalize-heading.ts'

describe('table titles', () => {
  it('a trailing qualifier after 表 is part of the title, and decides where the wording alone does not', () => {
    expect(classifyTableTitle('一般公共预算支出情况表（按功能分类科目）')).toBe('general_budget_expenditure')
    expect(classifyTableTitle('一般公共预算基本支出情况表（按经济分类科目）')).toBe('general_budget_basic_expenditure')
    expect(classifyTableTitle('一般公共预算项目支出情况表（按经济分类科目）')).toBe('other')
    expect(classifyTableTitle('一般公共预算支出表（按功能分类）')).toBe('general_budget_expenditure')
    expect(classifyTableTitle('一般公共预算支出表（按经济分类）')).toBe('other')
    expect(classifyTableTitle('一般公共预算支出预算表（功能科目）')).toBe('general_budget_expenditure')
    expect(classifyTableTitle('财政拨款支出表（功能科目）')).toBe('other')
    expect(classifyTableTitle('“三公”经费、会议费、培训费支出预算表（一般公共预算）')).toBe('three_public_expenses')
    expect(classifyTableTitle('广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）')).toBe('other')
    expect(classifyTableTitle('2026 年市级重点专项资金绩效目标表 (一级项目 )')).toBe('other')
  })

  it('a table number before the title is no part of it', () => {
    expect(classifyTableTitle('公开 01 表：收支预算总表')).toBe('income_expenditure_summary')
    expect(classifyTableTitle('公开表7 一般公共预算“三公”经费支出情况表')).toBe('three_public_expenses')
    expect(classifyTableTitle('表5：2026年市级部门一般公共预算支出预算表')).toBe('general_budget_expenditure')
    expect(classifyTableTitle('表十一 国有资本经营预算支出表')).toBe('state_capital')
    expect(titleIdentity('公开表10 基本支出预算情况表')).toBe(titleIdentity('基本支出预算情况表'))
  })

  it('reads the table number of a mark line', () => {
    expect(readTableMark('公开 01 表')).toEqual({ number: 1, rest: '' })
    expect(readTableMark('公开表12')).toEqual({ number: 12, rest: '' })
    expect(readTableMark('表 10')).toEqual({ number: 10, rest: '' })
    expect(readTableMark('表五')).toEqual({ number: 5, rest: '' })
    expect(readTableMark('表十二')).toEqual({ number: 12, rest: '' })
    expect(readTableMark('表二十')).toEqual({ number: 20, rest: '' })
    expect(readTableMark('表5：2026年市级部门一般公共预算支出预算表')).toEqual({ number: 5, rest: '2026年市级部门一般公共预算支出预算表' })
    expect(readTableMark('表一般公共预算')).toBeUndefined()
    expect(readTableMark('一般公共预算支出表')).toBeUndefined()
  })

  it('section headings and bare table numbers are no titles', () => {
    expect(looksLikeTableTitle('第二部分 2018 年度部门预算表')).toBe(false)
    expect(looksLikeTableTitle('2017 年度部门预算表')).toBe(false)
    expect(looksLikeTableTitle('四、2026 年杭州市气象局预算公开表')).toBe(false)
    expect(looksLikeTableTitle('中共上海市普陀区委社会工作部 2024 年度部门决算表')).toBe(false)
    expect(looksLikeTableTitle('公开 01 表')).toBe(false)
    expect(looksLikeTableTitle('（一）收支预算情况的总体说明（详见表 1-3）')).toBe(false)
    expect(looksLikeTableTitle('省检察院本级划转240万元办案费;二是《财政拨款支出预算表')).toBe(false)
    expect(looksLikeTableTitle('一般公共预算支出情况表（按功能分类科目）')).toBe(true)
    expect(looksLikeTableTitle('支出决算表（续）')).toBe(true)
  })
})

describe('a document that says it has no such table', () => {
  const says = (text: string, id: Parameters<typeof statesTableAbsent>[1]): boolean => statesTableAbsent(headingKey(text), id)

  it('in the wordings of the corpus', () => {
    expect(says('本部门无政府性基金预算。', 'government_fund')).toBe(true)
    expect(says('2018 年本部门无国有资本经营预算收入。', 'state_capital')).toBe(true)
    expect(says('2018年本部门国有资本经营预算收入为 0 万元，与上年相同。', 'state_capital')).toBe(true)
    expect(says('本部门 2026 年没有使用国有资本经营预算拨款安排的支出。', 'state_capital')).toBe(true)
    expect(says('（2）政府性基金收入预算0万元，与上年相比无变化。', 'government_fund')).toBe(true)
    expect(says('注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。', 'three_public_expenses')).toBe(true)
  })

  it('not when the sentence says otherwise', () => {
    expect(says('政府性基金预算支出10.00万元，与上年相比无变化。', 'government_fund')).toBe(false)
    expect(says('本部门无其他收入，国有资本经营预算支出5.00万元。', 'state_capital')).toBe(false)
    expect(says('本部门无政府性基金预算。', 'state_capital')).toBe(false)
    expect(says('本部门无政府性基金预算。', 'income_by_function')).toBe(false)
  })
})
