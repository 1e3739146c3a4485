import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { SourceDocument } from '../../core/document.ts'
import { STAGES } from '../../pipeline/process-document.ts'
import { numberAccount } from '../../pipeline/stages/account-numbers.ts'
import type { Fact } from '../../core/types.ts'
import { CORPUS, ROOT, hasCorpus, runFile, seedName, seedNames } from '../helpers/documents.ts'

function runStages(path: string, bytes: Uint8Array): SourceDocument {
  const doc = new SourceDocument(path, bytes)
  for (const stage of STAGES) {
    if (doc.status === 'failed') break
    stage(doc)
  }
  return doc
}

/** A file (relative to the repository root) through the pipeline. */
function runWithProse(relativePath: string): SourceDocument {
  return runFile(relativePath)
}

function seed(prefix: string): SourceDocument {
  return runWithProse(`seeds/${seedName(prefix)}`)
}

const CORPUS_FILE = 'shanghai-putuo-social-work-dept-2024-final.layout.txt'

function prose(doc: SourceDocument): Fact[] {
  return doc.facts.filter((fact) => fact.origin === 'prose')
}

/** The one prose fact printed as `valueRaw` on `line` (and matching the extra fields). */
function proseFact(doc: SourceDocument, line: number, valueRaw: string, where: Partial<Fact> = {}): Fact {
  const found = prose(doc).filter(
    (fact) => fact.line === line && fact.value_raw === valueRaw && Object.entries(where).every(([key, value]) => fact[key as keyof Fact] === value),
  )
  if (found.length !== 1) throw new Error(`Expected one prose fact ${valueRaw} on line ${line} of ${doc.docId}, found ${found.length}`)
  return found[0] as Fact
}

function tableFact(doc: SourceDocument, where: Partial<Fact>): Fact {
  const found = doc.facts.filter((fact) => fact.origin === 'table' && Object.entries(where).every(([key, value]) => fact[key as keyof Fact] === value))
  if (found.length !== 1) throw new Error(`Expected one table fact for ${JSON.stringify(where)} in ${doc.docId}, found ${found.length}`)
  return found[0] as Fact
}

function sliceOf(doc: SourceDocument, fact: Fact): string {
  return doc.slice({ line: fact.line, column: fact.column, endLine: fact.end_line, endColumn: fact.end_column })
}

function unplacedAt(doc: SourceDocument, line: number, raw: string): string[] {
  return doc.unplaced.filter((entry) => entry.line === line && entry.raw === raw).map((entry) => entry.reason)
}

describe('figures in the prose: the traps of issue 7', () => {
  it('000: `1929.13 万 元` (unit split by a space) is one figure whose span covers the number', () => {
    const doc = seed('000')
    const fact = proseFact(doc, 1605, '1929.13')
    expect(fact).toMatchObject({ value: '19291300', unit: 'CNY', unit_raw: '万元', measure: 'budget', label: '财政拨款' })
    expect(sliceOf(doc, fact)).toBe('1929.13')
    const message = doc.messages.find((entry) => entry.ruleId === 'prose-unit-split' && entry.place?.line === 1605)
    expect(message?.actual).toBe('万 元')
  })

  it('001: `2.3` + blank line + `万元` (page break) is one figure on the line of the number', () => {
    const doc = seed('001')
    const fact = proseFact(doc, 545, '2.3')
    expect(fact).toMatchObject({ value: '23000', unit: 'CNY', unit_raw: '万元', end_line: 545, label: '异地办理身份证工作经费' })
    expect(sliceOf(doc, fact)).toBe('2.3')
  })

  it('a page number between a number and its unit is no part of the figure: `222.5` / `27` / `万元` is 222.5万元', () => {
    const text = ['某某局2018年部门预算', '', '  三公经费预算支出中，因公出国（境）费支出 222.5', '', '', '', '                27', '万元，占“三公”经费的 26.69%。'].join('\n')
    const doc = runStages('page-number.layout.txt', new TextEncoder().encode(text))
    expect(prose(doc).map((fact) => fact.value_raw)).toEqual(['222.5', '26.69'])
    expect(doc.unplaced.find((entry) => entry.line === 7)).toMatchObject({ raw: '27', reason: 'page-number' })
  })

  it('a justified line whose blanks look like cells is prose between prose lines; a row of a 绩效 table is not (js-1f18e040, gz-e85c59bd)', () => {
    const text = [
      '某某院2018年部门预算',
      '',
      '   （1）一般公共预算收入预算               21,940.96 万元，与上',
      '年相比增加     3,959.28 万元，增长 22          %。主要是因员额',
      '制检察官工资改革等政策性调整因素和省财政加强预算管',
      '',
      '                                    能源公交车辆数占新增公交车辆数比例达到',
      '公交电动化财政补贴       12,000              100%。2.市中心区投放新能源公交车线路普',
      '                                    及率达到100%；3.与常规燃料车辆相比，每',
    ].join('\n')
    const doc = runStages('justified.layout.txt', new TextEncoder().encode(text))
    expect(prose(doc).filter((fact) => fact.line === 4).map((fact) => fact.value_raw)).toEqual(['3,959.28', '22'])
    expect(doc.unplaced.filter((entry) => entry.line === 8).map((entry) => `${entry.raw} ${entry.reason}`)).toEqual(['12,000 table-amount', '100 indicator', '2 ordinal'])
  })

  it('`检察（款）: 2018 年预算支出合计 16,444.36 万元` is the total of the 款, not the summary 支出合计 (江苏)', () => {
    const text = [
      '某某院2018年部门预算',
      '',
      '  （一）公共安全支出（类）',
      '   检察（款）: 2018 年预算支出合计 16,444.36 万元。其中：',
      '  1.住房公积金(项):支出 1,073.77 万元。',
      '   行 政事 业单位离 退休 （款 ）：2018 年预 算支出 合计 1,836.22 万元。',
      '  本部门2018年支出合计 21,955.35 万元。',
    ].join('\n')
    const doc = runStages('subject-clause.layout.txt', new TextEncoder().encode(text))
    const item = (raw: string) => prose(doc).find((fact) => fact.value_raw === raw)?.line_item
    expect(item('16,444.36')).toBe('')
    expect(item('1,073.77')).toBe('')
    expect(item('1,836.22')).toBe('')
    expect(item('21,955.35')).toBe('expenditure_total')
  })

  it('a class under 部门收支总体情况 / 支出预算 restates the 收支总表 expenditure line, not the 一般公共预算 table (重庆)', () => {
    const text = [
      '重庆市某某局2026年部门预算',
      '',
      '  二、部门收支总体情况',
      '  （二）支出预算：2026 年年初预算数 33922.05 万元。按支出功能分类，包括一般公共服务支出',
      '59.56 万元，教育支出 33862.49 万元。',
      '',
      '                       2026 年部门收支总体情况表',
      '单位名称：重庆市某某局                                                      单位：万元',
      '',
      '                  收入                                        支出',
      '',
      '             项目           预算数                          项目        预算数',
      '',
      '             合计             33,922.05                  合计          33,922.05',
      '',
      '一、一般公共预算资金                  23,228.55    一、一般公共服务支出                    59.56',
      '二、政府性基金预算资金                    182.00    二、教育支出                    33,862.49',
      '三、财政专户管理资金                  10,031.50',
      '四、其他收入资金                         480.00',
      '',
      '                       2026 年一般公共预算支出情况表',
      '单位名称：重庆市某某局                                                      单位：万元',
      '   科目编码              科目名称             总计         基本支出       项目支出',
      '                         合计               23,228.55      12,000.00     11,228.55',
      '201          一般公共服务支出                   59.56          59.56',
      '205          教育支出                      23,168.99      11,940.44     11,228.55',
    ].join('\n')
    const doc = runStages('section-summary.layout.txt', new TextEncoder().encode(text))
    const education = prose(doc).find((fact) => fact.value_raw === '33862.49')
    const linked = doc.facts.find((fact) => fact.fact_id === education?.table_fact_id)
    expect(linked).toMatchObject({ table_id: 'income_expenditure_summary', side: 'expenditure', subject_code: '205', value_raw: '33,862.49' })
    expect(doc.checks.filter((check) => check.rule === 'prose-vs-table' && check.severity === 'error')).toEqual([])
  })

  it('基本支出 under 财政拨款情况说明 restates the 一般公共预算 table, not the 部门支出总表 (重庆)', () => {
    const text = [
      '重庆市某某局2026年部门预算',
      '',
      '  三、财政拨款情况说明',
      '  2026 年一般公共预算财政拨款支出 23,228.55 万元。其中：基本支出 14,702.16 万元。',
      '',
      '                                2026 年部门支出总体情况表',
      '单位名称：重庆市某某局                                                      单位：万元',
      ' 科目编码                    科目名称                 总计           基本支出          项目支出',
      '                    合计                 33,922.05      15,000.00     18,922.05',
      '205         教育支出                       33,922.05      15,000.00     18,922.05',
      '',
      '                                2026 年一般公共预算支出情况表',
      '单位名称：重庆市某某局                                                      单位：万元',
      ' 科目编码                    科目名称                 总计           基本支出          项目支出',
      '                    合计                 23,228.55      14,702.16      8,526.39',
      '205         教育支出                       23,228.55      14,702.16      8,526.39',
    ].join('\n')
    const doc = runStages('appropriation-section.layout.txt', new TextEncoder().encode(text))
    const basic = prose(doc).find((fact) => fact.value_raw === '14,702.16')
    expect(doc.facts.find((fact) => fact.fact_id === basic?.table_fact_id)).toMatchObject({ table_id: 'general_budget_expenditure', line_item: 'total', measure: 'basic' })
  })

  it('000: `本年收入合计1118.77元` keeps the printed 元 and is linked to the table figure (万元) for the checks', () => {
    const doc = seed('000')
    const fact = proseFact(doc, 1451, '1118.77', { unit_raw: '元' })
    expect(fact).toMatchObject({ value: '1118.77', unit: 'CNY', label: '本年收入合计', label_raw: '本年收入合计', line_item: 'income_total', side: 'income', measure: 'amount' })
    expect(fact.table_fact_id).toBe(tableFact(doc, { table_id: 'income_expenditure_summary', side: 'income', line_item: 'income_total' }).fact_id)
    expect(fact.section).toBe('第三部分 > 二、收入决算情况说明')
    expect(fact.sentence).toBe('本年收入合计1118.77元，其中：财政拨款收入1118.77万元，占100%。')
  })

  it('003: `比2019年全年实际支出356.48元` keeps 元; a comparison base restates no table figure', () => {
    const doc = seed('003')
    const fact = proseFact(doc, 449, '356.48')
    expect(fact).toMatchObject({ value: '356.48', unit: 'CNY', unit_raw: '元', measure: 'prior_year', measure_raw: '比2019年', table_fact_id: '' })
  })

  it('000: `一般公共服务（类）支出1345.98万元，占87%` is two figures, both 一般公共服务支出 (201)', () => {
    const doc = seed('000')
    const money = proseFact(doc, 1461, '1345.98')
    const share = proseFact(doc, 1461, '87')
    expect(money).toMatchObject({ value: '13459800', unit: 'CNY', measure: 'amount', label: '一般公共服务支出', label_raw: '一般公共服务（类）支出' })
    expect(share).toMatchObject({ value: '87', unit: 'percent', unit_raw: '%', measure: 'share', measure_raw: '占', label: '一般公共服务支出' })
    for (const fact of [money, share]) expect(fact).toMatchObject({ subject_system: 'functional', subject_code: '201', subject_name: '一般公共服务支出' })
    expect(money.table_fact_id).toBe(tableFact(doc, { table_id: 'general_budget_expenditure', subject_code: '201', measure: 'total' }).fact_id)
    expect(share.table_fact_id).toBe('')
  })

  it('thousands separators and full-width digits are read exactly, the span covering the number as printed', () => {
    const text = ['第三部分', '二、收入决算情况说明', '本年收入合计1,554.97万元，其中：财政拨款收入１２３．４５万元，占7.9%。', ''].join('\n')
    const doc = runStages('synthetic/prose-digits.txt', new TextEncoder().encode(text))
    const total = proseFact(doc, 3, '1,554.97')
    expect(total).toMatchObject({ value: '15549700', label: '本年收入合计', line_item: 'income_total' })
    expect(sliceOf(doc, total)).toBe('1,554.97')
    const appropriation = proseFact(doc, 3, '１２３．４５')
    expect(appropriation).toMatchObject({ value: '1234500', unit_raw: '万元', line_item: 'general_budget_appropriation' })
    expect(sliceOf(doc, appropriation)).toBe('１２３．４５')
    expect(proseFact(doc, 3, '7.9')).toMatchObject({ value: '7.9', unit: 'percent', measure: 'share', label: '财政拨款收入' })
  })
})

describe('sections, measures, labels and links', () => {
  it('000: section paths of 三公 figures; a heading carrying a sentence still counts', () => {
    const doc = seed('000')
    const reception = proseFact(doc, 1479, '16.55')
    expect(reception.section).toBe('第三部分 > 七、一般公共预算财政拨款三公经费支出决算情况说明 > （二）“三公”经费财政拨款支出决算具体情况说明')
    expect(reception).toMatchObject({ line_item: 'official_reception', subject_code: '', measure: 'actual', measure_raw: '决算为', label: '公务接待费' })
    expect(reception.table_fact_id).toBe(tableFact(doc, { table_id: 'three_public_expenses', measure: 'actual_official_reception' }).fact_id)
    const budget = proseFact(doc, 1474, '26.27')
    expect(budget).toMatchObject({ measure: 'budget', line_item: 'official_reception' })
    expect(budget.table_fact_id).toBe(tableFact(doc, { table_id: 'three_public_expenses', measure: 'budget_official_reception' }).fact_id)
    expect(proseFact(doc, 1474, '63')).toMatchObject({ measure: 'rate', measure_raw: '完成预算的', unit: 'percent' })
    // `（一）内设机构设置。湖南省…内设3个处室` — the heading is in the path of its own sentence's figure.
    expect(proseFact(doc, 28, '3').section).toBe('第一部分 > 二、机构设置及决算单位构成 > （一）内设机构设置')
  })

  it('000: a count with its unit', () => {
    const doc = seed('000')
    expect(proseFact(doc, 1479, '359')).toMatchObject({ value: '359', unit: 'count', unit_raw: '人次', measure: 'count', label: '接待来宾', line_item: '' })
    expect(proseFact(doc, 1479, '55')).toMatchObject({ unit: 'count', unit_raw: '批次' })
    expect(proseFact(doc, 1480, '9')).toMatchObject({ unit: 'count', unit_raw: '辆', label: '公务用车保有量' })
  })

  it('000: change and rate read from the sentence; 机关运行经费 is operating_costs', () => {
    const doc = seed('000')
    expect(proseFact(doc, 1484, '79.45')).toMatchObject({ measure: 'amount', line_item: 'operating_costs', label: '机关运行经费' })
    expect(proseFact(doc, 1484, '47.63')).toMatchObject({ value: '-476300', value_raw: '47.63', measure: 'change', measure_raw: '减少', line_item: 'operating_costs', table_fact_id: '' })
    expect(proseFact(doc, 1484, '37')).toMatchObject({ measure: 'change', unit: 'percent', line_item: 'operating_costs' })
    expect(proseFact(doc, 1463, '164')).toMatchObject({ measure: 'rate', measure_raw: '完成年初预算的', label: '财政拨款支出' })
    expect(proseFact(doc, 1469, '805.63')).toMatchObject({ line_item: 'personnel_total', measure: 'amount' })
    expect(proseFact(doc, 1469, '91')).toMatchObject({ measure: 'share', measure_raw: '占基本支出的', label: '人员经费' })
    expect(proseFact(doc, 1488, '571.22')).toMatchObject({ line_item: 'government_procurement' })
  })

  it('000: years, dates, ordinals, scores and bounds are not figures', () => {
    const doc = seed('000')
    const facts = prose(doc)
    const onLine = (line: number): string[] => facts.filter((fact) => fact.line === line).map((fact) => fact.value_raw)
    expect(unplacedAt(doc, 1447, '2020')).toEqual(['year'])
    expect(unplacedAt(doc, 1520, '8')).toEqual(['date'])
    expect(unplacedAt(doc, 1464, '1')).toEqual(['ordinal'])
    // Our choice: a self-evaluation score (分值4分, 得分4分, 得分98分) is a grade, not a disclosed quantity.
    expect(unplacedAt(doc, 1603, '98')).toEqual(['score'])
    expect(unplacedAt(doc, 1608, '4')).toEqual(['score', 'score'])
    expect(onLine(1608)).toEqual(['10', '55'])
    expect(unplacedAt(doc, 1610, '200')).toEqual(['approximate'])
    expect(onLine(1520)).toEqual([])
  })

  it('001: a label wrapped across a page break; a heading path names the subject of the figures under it', () => {
    const doc = seed('001')
    expect(proseFact(doc, 337, '12.10')).toMatchObject({ label: '公共安全支出', label_raw: '公共安全(类)支出', subject_code: '204' })
    const actual = proseFact(doc, 345, '952.64')
    expect(actual).toMatchObject({ subject_code: '2010301', subject_name: '行政运行', measure: 'actual' })
    expect(actual.label_raw).toBe('一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项)')
    expect(actual.table_fact_id).toBe(tableFact(doc, { table_id: 'general_budget_expenditure', subject_code: '2010301', measure: 'total' }).fact_id)
    expect(proseFact(doc, 345, '749.86')).toMatchObject({ subject_code: '2010301', measure: 'budget', table_fact_id: '' })
  })

  it('001: section path; 9.27 of 公务用车运行维护费 is linked to the table 9.23 so that the checks flag it', () => {
    const doc = seed('001')
    const reception = proseFact(doc, 383, '8.34')
    expect(reception.section).toBe('第三部分 > 七、一般公共预算财政拨款三公经费支出决算情况说明 > （二）“三公”经费财政拨款支出决算具体情况说明')
    const operation = proseFact(doc, 385, '9.27', { line_item: 'vehicle_operation' })
    const table = tableFact(doc, { table_id: 'three_public_expenses', measure: 'actual_vehicle_operation' })
    expect(table.value).toBe('92300')
    expect(operation).toMatchObject({ value: '92700', table_fact_id: table.fact_id })
    expect(proseFact(doc, 383, '410')).toMatchObject({ unit: 'count', unit_raw: '人次' })
    expect(unplacedAt(doc, 605, '10')).toEqual(['name'])
  })

  it('002: a sentence opening with a comparison is about the first figure of the sentence before', () => {
    const doc = seed('002')
    expect(proseFact(doc, 337, '750.61')).toMatchObject({ line_item: 'grand_total', side: 'income', measure: 'amount' })
    expect(proseFact(doc, 337, '36.44')).toMatchObject({ measure: 'change', label: '收、支总计', line_item: 'grand_total', table_fact_id: '' })
    // Figures in brackets are asides: 46.46 is the change of 收、支总计, not of the 结转和结余 in brackets.
    expect(proseFact(doc, 349, '46.46')).toMatchObject({ measure: 'change', label: '财政拨款收、支总计' })
    expect(proseFact(doc, 556, '5219')).toMatchObject({ unit: 'count', unit_raw: '件' })
    // The self-evaluation table (tab rows outside the standard tables) is table text, not prose: its `20%` cells are
    // percentages of a table (indicator), not prose percentages.
    expect(prose(doc).filter((fact) => fact.line >= 616)).toEqual([])
    expect(unplacedAt(doc, 628, '20')).toEqual(['indicator', 'indicator'])
  })

  it('003: parts of a figure in brackets are not linked; document numbers are not figures', () => {
    const doc = seed('003')
    const total = proseFact(doc, 353, '63.71')
    expect(total).toMatchObject({ line_item: 'total', measure: 'actual' })
    expect(total.table_fact_id).toBe(tableFact(doc, { table_id: 'three_public_expenses', measure: 'actual_total' }).fact_id)
    expect(proseFact(doc, 353, '21.71').table_fact_id).toBe('')
    expect(proseFact(doc, 353, '42').table_fact_id).toBe('')
    expect(unplacedAt(doc, 62, '297')).toEqual(['document-number'])
    expect(proseFact(doc, 367, '2082')).toMatchObject({ unit: 'count', unit_raw: '人次' })
  })
})

describe('收入预算 in a 预算 is 收入总计', () => {
  // 烟台's 收支总体情况表 prints 上级补助收入 below 本年收入合计; the 说明's 收入预算 counts it (yt-27ae8074, 烟台市住房和城乡建设局).
  const summary = (title: string) => [
    `                         ${title}`,
    '部门（单位）：烟台市某某局                                                单位：万元',
    '                 收 入                                    支   出',
    '         项目            预算数                      项目              预算数',
    '一、财政拨款收入                 45,832.29 一、一般公共服务支出               45,967.29',
    '  一般公共预算收入               41,966.15',
    '  政府性基金预算收入                  3,806.19',
    '五、其他收入                         75.00',
    '   本 年 收 入 合 计           45,907.29        本 年 支 出 合 计             45,967.29',
    '上级补助收入                         60.00',
    '   收 入 总 计           45,967.29        支 出 总 计             45,967.29',
    '',
  ]

  it('`2026年收入预算45,967.29万元` restates 收入总计 (本年收入合计 45,907.29 + 上级补助收入 60.00)', () => {
    const text = [
      '烟台市某某局2026年部门预算',
      '',
      ...summary('收支总体情况表'),
      '第三部分',
      '一、预算收支增减变化情况说明',
      '  （一）收入预算：2026年收入预算45,967.29万元，其中：一般公共预算收入41,966.15万元，其他收入75万元，上级补助收入60万元。',
      '',
    ].join('\n')
    const doc = runStages('synthetic/yt-income-budget.layout.txt', new TextEncoder().encode(text))
    const income = proseFact(doc, 17, '45,967.29')
    expect(income).toMatchObject({ value: '459672900', line_item: 'grand_total', side: 'income', measure: 'budget' })
    expect(income.table_fact_id).toBe(tableFact(doc, { table_id: 'income_expenditure_summary', side: 'income', line_item: 'grand_total' }).fact_id)
    expect(doc.checks.filter((check) => check.rule === 'prose-vs-table' && check.severity === 'error')).toEqual([])
  })

  it('`本年收入合计` of the same 预算 stays 本年收入合计, and `收入` of a 决算 too', () => {
    const text = [
      '烟台市某某局2025年部门决算',
      '',
      ...summary('收入支出决算总表'),
      '第三部分',
      '二、收入决算情况说明',
      '  2025年度收入决算45,907.29万元，本年收入合计45,907.29万元。',
      '',
    ].join('\n')
    const doc = runStages('synthetic/yt-income-final.layout.txt', new TextEncoder().encode(text))
    expect(doc.metadata.docKind).toBe('final_accounts')
    for (const fact of prose(doc).filter((entry) => entry.value_raw === '45,907.29')) expect(fact).toMatchObject({ line_item: 'income_total', side: 'income' })
    expect(prose(doc).filter((fact) => fact.value_raw === '45,907.29')).toHaveLength(2)
  })
})

describe('seed 004: a budget published as prose only', () => {
  it('has its metadata and every figure as a fact', () => {
    const doc = seed('004')
    expect(doc.metadata).toMatchObject({ department: '怀化市人民政府驻上海联络处', fiscalYear: 2024, docKind: 'budget' })
    expect(doc.facts.every((fact) => fact.origin === 'prose')).toBe(true)
    expect(prose(doc)).toHaveLength(68)
    expect(new Set(doc.unplaced.map((entry) => entry.reason))).toEqual(new Set(['year', 'date', 'ordinal']))
  })

  it('names the items the issue lists', () => {
    const doc = seed('004')
    expect(proseFact(doc, 17, '125.42')).toMatchObject({ value: '1254200', subject_code: '201', measure: 'budget', label: '一般公共服务支出' })
    expect(proseFact(doc, 20, '20.07')).toMatchObject({ value: '200700', subject_code: '30101', subject_system: 'economic', label: '基本工资' })
    expect(proseFact(doc, 26, '2.7')).toMatchObject({ value: '27000', line_item: 'total', measure: 'budget', measure_raw: '预算数为' })
    expect(proseFact(doc, 26, '0.2')).toMatchObject({ line_item: 'official_reception', subject_code: '' })
    expect(proseFact(doc, 26, '2.5', { label: '公务用车运行费' })).toMatchObject({ line_item: 'vehicle_operation' })
    expect(proseFact(doc, 28, '4')).toMatchObject({ value: '40000', line_item: 'operating_costs', measure: 'budget' })
    // A printed decrease is a negative change; the printed text stays in value_raw and measure_raw.
    expect(proseFact(doc, 28, '75')).toMatchObject({ value: '-75', value_raw: '75', unit: 'percent', measure: 'change', measure_raw: '下降', line_item: 'operating_costs' })
    expect(proseFact(doc, 28, '12')).toMatchObject({ value: '-120000', value_raw: '12', unit_raw: '万元', measure: 'change', measure_raw: '减少' })
    expect(proseFact(doc, 26, '2.8')).toMatchObject({ value: '-28000', value_raw: '2.8', measure: 'change', measure_raw: '减少', line_item: 'total' })
    expect(proseFact(doc, 20, '130.99')).toMatchObject({ line_item: 'basic', measure: 'budget', measure_raw: '年初预算数为' })
    expect(proseFact(doc, 19, '95.75')).toMatchObject({ measure: 'share', subject_code: '201' })
    expect(proseFact(doc, 33, '50')).toMatchObject({ measure: 'threshold', measure_raw: '以上', value: '500000' })
    expect(proseFact(doc, 31, '43.49').section).toBe('六、其他重要事项的情况说明 > （四）预算绩效管理情况')
  })
})

describe('a printed decrease is a negative change', () => {
  it('001 line 325 changed on purpose from 增加333.26万元 to 减少333.26万元: −3332600, the printed text kept', () => {
    const text = readFileSync(join(ROOT, 'seeds', seedName('001')), 'utf8')
    const asPrinted = proseFact(seed('001'), 325, '333.26')
    expect(asPrinted).toMatchObject({ value: '3332600', measure: 'change', measure_raw: '增加' })
    const changed = text.replace('与上年相比，增加333.26万元，增加19.19%', '与上年相比，减少333.26万元，下降19.19%')
    expect(changed).not.toBe(text)
    const doc = runStages('001-decrease.txt', new TextEncoder().encode(changed))
    expect(proseFact(doc, 325, '333.26')).toMatchObject({ value: '-3332600', value_raw: '333.26', unit_raw: '万元', measure: 'change', measure_raw: '减少', line_item: asPrinted.line_item })
    expect(proseFact(doc, 325, '19.19')).toMatchObject({ value: '-19.19', value_raw: '19.19', unit: 'percent', measure: 'change', measure_raw: '下降' })
    // 压减 (000 line 1623) is a decrease too.
    expect(proseFact(seed('000'), 1623, '18.96')).toMatchObject({ value: '-189600', measure: 'change', measure_raw: '压减' })
  })
})

describe.skipIf(!hasCorpus())('a project’s own carry-over in the prose', () => {
  it('sz-5427e486: `…物业管理服务 2,520.00 万元，上年结转 122.31 万元` is the project’s, not the 收支总表’s 上年结余、结转 753.13', () => {
    const doc = runWithProse('../shared/corpus/real/sz-5427e486.layout.txt')
    expect(proseFact(doc, 192, '122.31')).toMatchObject({ line_item: 'opening_balance', table_fact_id: '' })
    expect(tableFact(doc, { table_id: 'income_expenditure_summary', side: 'income', line_item: 'opening_balance' }).value_raw).toBe('753.13')
  })

  it('sz-2c3faa90: `常用装备保障项目 615.04 万元，其中结转结余 126.00 万元` is not linked to 结转下年 0.00', () => {
    const doc = runWithProse('../shared/corpus/real/sz-2c3faa90.layout.txt')
    expect(proseFact(doc, 193, '126.00')).toMatchObject({ table_fact_id: '' })
    expect(doc.checks.filter((check) => check.severity === 'error' && check.line_item === 'closing_balance')).toEqual([])
  })
})

describe.skipIf(!hasCorpus())('a class figure under 收支预算总体情况说明', () => {
  it('suz-814bd146: `社会保障和就业支出（类）支出 1,289.58 万元` restates the 收支总表 class (all funds), not the 一般公共预算支出表 1,284.76', () => {
    const doc = runWithProse('../shared/corpus/real/suz-814bd146.layout.txt')
    const fact = proseFact(doc, 1032, '1,289.58')
    const linked = doc.facts.find((entry) => entry.fact_id === fact.table_fact_id)
    expect(linked).toMatchObject({ table_id: 'income_expenditure_summary', subject_code: '208', value_raw: '1,289.58' })
  })
})

describe.skipIf(!hasCorpus())('the pdftotext -layout corpus document', () => {
  const file = `../shared/corpus/${CORPUS_FILE}`

  it('joins `…总计 307.82` / blank / `万元。` into one figure spanning the number', () => {
    const doc = runWithProse(file)
    const fact = proseFact(doc, 441, '307.82')
    expect(fact).toMatchObject({ value: '3078200', unit_raw: '万元', label: '收入支出总计', line_item: 'grand_total', section: '第三部分 > 一、收入支出决算总体情况说明' })
    expect(sliceOf(doc, fact)).toBe('307.82')
    expect(fact.sentence).toBe('中共上海市普陀区委社会工作部2024年度收入支出总计307.82万元。')
    expect(proseFact(doc, 445, '100.00')).toMatchObject({ value: '100', unit: 'percent', measure: 'change', label: '收入支出总计' })
  })

  it('reads a heading wrapped by the layout as the label of the figures under it', () => {
    const doc = runWithProse(file)
    const fact = proseFact(doc, 499, '51.32')
    expect(fact).toMatchObject({ measure: 'actual', label_raw: '一般公共服务支出（类）社会工作事务（款）行政运行（项）' })
    expect(fact.section).toBe('第三部分 > 五、一般公共预算财政拨款支出决算情况说明 > （三）一般公共预算财政拨款支出决算具体情况 > 1、一般公共服务支出（类）社会工作事务（款）行政运行（项）')
    expect(proseFact(doc, 515, '202.24', { measure: 'actual' }).section).toMatch(/3、一般公共服务支出（类）社会工作事务（款）其他社会工作事务支出（项）$/)
    expect(proseFact(doc, 660, '100')).toMatchObject({ measure: 'threshold', measure_raw: '（含）以上', value: '1000000' })
    expect(unplacedAt(doc, 552, '2024')).toEqual(['year'])
  })
})

describe('every prose fact, every document', () => {
  const files = seedNames().map((name) => `seeds/${name}`)
  if (hasCorpus()) files.push(...readdirSync(CORPUS).filter((name) => name.endsWith('.layout.txt')).map((name) => `../shared/corpus/${name}`))

  it('points at exactly its printed number and is accounted for once', () => {
    for (const file of files) {
      const doc = runWithProse(file)
      for (const fact of prose(doc)) expect(sliceOf(doc, fact), `${file} ${fact.line}:${fact.column}`).toBe(fact.value_raw)
      const account = numberAccount(doc)
      expect(account.tokens, file).toBe(doc.facts.length - account.markerFacts + doc.unplaced.length)
      const places = doc.unplaced.map((entry) => `${entry.line}:${entry.column}`)
      expect(new Set(places).size, `${file}: a number is unplaced twice`).toBe(places.length)
    }
  })

  it('leaves no money or percentage of the prose unplaced', () => {
    for (const file of files) {
      const doc = runWithProse(file)
      const left = doc.unplaced.filter((entry) => entry.reason === 'prose-money' || entry.reason === 'prose-percent')
      expect(left.map((entry) => `${entry.line}:${entry.raw}`), file).toEqual([])
      expect(prose(doc).every((fact) => fact.fact_id !== '' && fact.table_id === '' && fact.sentence !== '')).toBe(true)
    }
  })
})

describe('paragraphs: a numbered heading whose sentence runs on to the next line', () => {
  it('烟台 (double-spaced): `（二）支出预算：…其中：基本支出` + blank + `4,285.6万元` is one sentence, the figure 基本支出', () => {
    const text = [
      '烟台市人民政府办公室2026年部门预算',
      '',
      '  一、预算收支增减变化情况说明',
      '',
      '  按照综合预算的原则，本部门所有收入和支出均纳入部门预算管理,部门本级和所属单位的收入和支出均包含在部门预算中。',
      '',
      '  （二）支出预算：2026年支出预算9,325.57万元，其中：基本支出',
      '',
      '4,285.6万元，项目支出5,039.97万元。',
      '',
    ].join('\n')
    const doc = runStages('double-spaced.layout.txt', new TextEncoder().encode(text))
    const basic = doc.facts.find((fact) => fact.origin === 'prose' && fact.value_raw === '4,285.6')
    expect(basic?.label_raw).toBe('基本支出')
    expect(basic?.line).toBe(9)
  })
})

describe('paragraphs: a page number printed inside a sentence', () => {
  it('广州: `比上年减` / `- 42 -` / `少1,824.92万元，下降41.1%` reads 减少 1,824.92 as the change, the page number no part of it', () => {
    const text = [
      '广州市某局2026年部门预算',
      '',
      '  机关运行经费是指为保障行政单位运行用于购买货物和服务的各项资金。2026年，本部门机关运行经费安排2,614.19万元，比上年减',
      '                - 42 -',
      '少1,824.92万元，下降41.1%，主要原因是严格贯彻落实中央八项规定精神。',
      '',
    ].join('\n')
    const doc = runStages('page-number.layout.txt', new TextEncoder().encode(text))
    const change = doc.facts.find((fact) => fact.origin === 'prose' && fact.value_raw === '1,824.92')
    expect(change?.measure).toBe('change')
    expect(change?.value).toBe('-18249200')
    expect(doc.facts.filter((fact) => fact.label_raw.includes('42'))).toEqual([])
  })
})

describe('paragraphs: decimals the layout cut off their number', () => {
  it('重庆: `41,534 .73 万元` and `890` … `.22万元` / `.97万元` are no figures of 73, 22 and 97 万元', () => {
    // As pdftotext prints a 重庆 2026 预算 (cq-5c6aea1e lines 104–110): the decimals are taller words, set apart from
    // their integer or on another line, and the `.22` of `1.22` fills the gap after `890` on the line above.
    const text = [
      '重庆市某某委员会2026年部门预算',
      '',
      '  2026年政府性基金预算财政拨款收入 41,534',
      '                          .73 万元,政府性基金预算支出 41,534 .73 万元,主要用于商务',
      '领域消费品以旧换新重点工作。',
      '  2026年 “三公”经费预算890             .22万元。其中:因公出国 (境)费用552万元,与',
      '                  .97万元,比2025年减少1',
      '上年持平。',
      '',
    ].join('\n')
    const doc = runStages('decimals-cut.layout.txt', new TextEncoder().encode(text))
    expect(prose(doc).map((fact) => `${fact.label_raw} ${fact.value_raw}`)).toEqual(['因公出国 (境)费用 552'])
    expect([unplacedAt(doc, 4, '73'), unplacedAt(doc, 6, '22'), unplacedAt(doc, 7, '97')]).toEqual([['prose-money', 'prose-money'], ['prose-money'], ['prose-money']])
  })
})

describe('paragraphs: a heading that fills its line and closes with its table reference', () => {
  it('杭州 (hz-e488d331 lines 128–151): `（四）财政拨款收支预算情况的总体说明（详见表4）` is a heading, not the start of the next paragraph', () => {
    const text = [
      '杭州市交通运输局2026年部门预算',
      '',
      "   （三）支出预算情况说明（详见表1-3）",
      "   2026年支出预算665964.37万元，比上年执行数增加",
      "107,573.11万元，增长19.3%，主要原因是城市轨道交通运",
      "营补助项目预算增加。",
      "   1.按支出功能分类，包括一般公共服务支出6,701.98",
      "万元、国防支出18.00万元、教育支出24,310.26万元、社",
      "会保障和就业支出9,927.95万元、卫生健康支出2,531.04万元",
      "、城乡社区支出437,000.00万元、交通运输支出174982.14",
      "万元、其他支出10,493.00万元。",
      "   2.按支出用途分类，包括人员支出73,924.43万元，",
      "占11.1%；日常公用支出15868.83万元，占2.4%；项目支出",
      "576,171.11万元，占86.5%。",
      "   年终结转结余0.00万元。",
      "   （四）财政拨款收支预算情况的总体说明（详见表4）",
      "   2026年财政拨款收支总预算654,235.22万元。收入包括",
      "： 一 般 公 共 预 算 收 入 414,883.38 万 元 、 政 府 性 基 金 收 入",
      "221,493.00万元、上年结转结余收入17,858.84万元。支",
      "",
      "                       5",
      "出包括：一般公共服务支出6,701.98万元、国防支出18.00",
      "万 元 、 教 育 支 出 22,262.08 万 元 、 社 会 保 障 和 就 业 支 出",
      "9,527.14万元、卫生健康支出2,401.90万元、城乡社区支",
      "出437,000.00万元、交通运输支出165,831.11万元、其他支",
      "出10,493.00万元。",
      '',
    ].join('\n')
    const doc = runStages('heading-reference.layout.txt', new TextEncoder().encode(text))
    // 城乡社区支出437,000.00万元 on the 9th line of the excerpt's (四) paragraph (text line 25).
    const fact = proseFact(doc, 25, '437,000.00')
    expect(fact.section).toBe('（四）财政拨款收支预算情况的总体说明（详见表4）')
    expect(proseFact(doc, 4, '665964.37').section).toBe('（三）支出预算情况说明（详见表1-3）')
  })
})

describe.skipIf(!hasCorpus())('links: a 预算\'s 财政拨款收支总表 prints one 预算数 per side', () => {
  it('杭州市交通运输局: the (四) section\'s 城乡社区支出 437,000.00 and 交通运输支出 165,831.11 are 表4\'s, not 表5\'s', () => {
    const doc = runFile('../shared/corpus/real/hz-e488d331.layout.txt')
    const linked = (line: number, raw: string) => doc.facts.find((fact) => fact.fact_id === proseFact(doc, line, raw).table_fact_id)
    expect(linked(150, '437,000.00')).toMatchObject({ table_id: 'appropriation_summary', side: 'expenditure', subject_code: '212', measure: 'amount', value_raw: '437,000.00' })
    expect(linked(150, '165,831.11')).toMatchObject({ table_id: 'appropriation_summary', subject_code: '214', measure: 'amount', value_raw: '165831.11' })
  })

  it('杭州市交通运输局: the 政府性基金 section\'s 城乡社区（类）支出 211,000.00 and 交通运输（类）支出 177.92 are 表8\'s, not 表5\'s', () => {
    const doc = runFile('../shared/corpus/real/hz-e488d331.layout.txt')
    const linked = (line: number, raw: string) => doc.facts.find((fact) => fact.fact_id === proseFact(doc, line, raw).table_fact_id)
    expect(linked(326, '211,000.00')).toMatchObject({ table_id: 'government_fund', subject_code: '212', measure: 'expenditure_total', value_raw: '211,000.00' })
    expect(linked(327, '177.92')).toMatchObject({ table_id: 'government_fund', subject_code: '214', measure: 'expenditure_total', value_raw: '177.92' })
  })
})
