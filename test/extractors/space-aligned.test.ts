import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { spaceAlignedExtractor } from '../../extractors/space-aligned/index.ts'
import { parseNumber } from '../../normalizers/parse-amount.ts'
import { SourceDocument } from '../../core/document.ts'
import { findTableRegions } from '../../pipeline/stages/locate-tables.ts'
import type { GridCell, GridRow, TableBlock } from '../../core/types.ts'
import { trimPadding } from '../../core/text.ts'
import { tokenizeLine } from '../../extractors/space-aligned/tokens.ts'
import { isColumnNumberLine } from '../../extractors/space-aligned/line-kinds.ts'

const ROOT = resolve(import.meta.dirname, '..', '..')
const CORPUS_FILE = resolve(ROOT, '..', 'shared', 'corpus', 'shanghai-putuo-social-work-dept-2024-final.layout.txt')
const FIXTURES = join(ROOT, 'test', 'fixtures', 'space-aligned')
const HAS_CORPUS = existsSync(CORPUS_FILE)
const CODE = /^(?:2\d{2}(?:\d{2}){0,2}|3\d{2}(?:\d{2})?)$/

/** A document as the pipeline has it when extractors run: text decoded, table regions found. */
function load(path: string, text?: string): SourceDocument {
  const bytes = new Uint8Array(readFileSync(path))
  const doc = new SourceDocument(path, bytes)
  doc.setText(text ?? new TextDecoder().decode(bytes))
  doc.regions = findTableRegions(doc)
  return doc
}

/** A document from text, regions found. */
function fromText(text: string): SourceDocument {
  const doc = new SourceDocument('synthetic.layout.txt', new TextEncoder().encode(text))
  doc.setText(text)
  doc.regions = findTableRegions(doc)
  return doc
}

/** A line with each text starting (`l`) or ending (`r`) at a layout column, as pdftotext places cells. */
function at(...parts: [column: number, text: string, align: 'l' | 'r'][]): string {
  let line = ''
  for (const [column, text, align] of parts) line = line.padEnd(align === 'l' ? column : column - Array.from(text).length) + text
  return line
}

function table(blocks: TableBlock[], title: string): TableBlock {
  const block = blocks.find((entry) => entry.title === title)
  if (!block) throw new Error(`No table titled ${title}; found ${blocks.map((entry) => entry.title).join(', ')}`)
  return block
}

/** The first row with a cell reading exactly `text`. */
function rowWith(block: TableBlock, text: string): GridRow {
  const row = block.rows.find((entry) => entry.cells.some((cell) => cell.text === text))
  if (!row) throw new Error(`No row with \`${text}\` in ${block.title}`)
  return row
}

function indexOf(row: GridRow, text: string, from = 0): number {
  const index = row.cells.findIndex((cell, position) => position >= from && cell.text === text)
  if (index < 0) throw new Error(`No cell \`${text}\` in row ${row.cells.map((cell) => cell.text).join(' | ')}`)
  return index
}

function texts(row: GridRow): string[] {
  return row.cells.map((cell) => cell.text)
}

/** Cell texts with every blank removed, empty cells dropped. */
function compacted(cells: string[]): string[] {
  return cells.map((cell) => cell.replace(/[\s\u3000\u00a0]+/g, '')).filter(Boolean)
}

/**
 * Whether a row (as its non-empty texts) carries data: a code first, or an
 * amount, unless its numbers are column numbers `1 2 3 …`.
 */
function isDataRow(cells: string[]): boolean {
  if (cells[0] !== undefined && CODE.test(cells[0])) return true
  const numbers = cells.filter((cell) => parseNumber(cell) !== undefined)
  if (numbers.length === 0) return false
  const columnNumbers =
    numbers.every((cell, index) => cell === String(index + 1)) &&
    cells.every((cell) => parseNumber(cell) !== undefined || /^(?:栏次|行次|合计|项目|金额)$/.test(cell))
  return !columnNumbers
}

function expectExactSpans(doc: SourceDocument, blocks: TableBlock[]): number {
  let checked = 0
  for (const block of blocks) {
    for (const row of block.rows) {
      for (const cell of row.cells) {
        if (!cell.text) {
          expect(cell.span).toBeUndefined()
          continue
        }
        expect(cell.span, `span of \`${cell.text}\` in ${block.title}`).toBeDefined()
        const span = cell.span as NonNullable<GridCell['span']>
        if (span.line === span.endLine) {
          expect(doc.slice(span), `${block.title} line ${span.line}`).toBe(cell.text)
          checked++
        } else {
          // A wrapped cell spans from its first to its last fragment (with other cells' text between).
          const slice = doc.slice(span).replace(/[\s\u3000]+/g, '')
          const text = cell.text.replace(/[\s\u3000]+/g, '')
          expect(span.endLine).toBeGreaterThan(span.line)
          expect(slice.startsWith(text.slice(0, 1)) && slice.endsWith(text.slice(-1)), `${cell.text} in ${block.title}`).toBe(true)
        }
      }
    }
  }
  return checked
}

describe.skipIf(!HAS_CORPUS)(
  HAS_CORPUS ? 'space-aligned: Putuo 2024 部门决算 (pdftotext -layout)' : `space-aligned: Putuo corpus document (skipped: ${CORPUS_FILE} not found)`,
  () => {
    const doc = HAS_CORPUS ? load(CORPUS_FILE) : new SourceDocument('absent', new Uint8Array())
    const blocks = HAS_CORPUS ? spaceAlignedExtractor.extract(doc) : []

    it('detects the layout and keeps one regular block per region', () => {
      expect(spaceAlignedExtractor.detect(doc)).toBeGreaterThan(0.3)
      expect(blocks).toHaveLength(doc.regions.length)
      for (const [index, block] of blocks.entries()) {
        expect(block.grid).toBe('regular')
        expect(block.title).toBe(doc.regions[index]?.title)
        expect(block.unitRaw).toBe('万元')
        expect(new Set(block.rows.map((row) => row.cells.length)).size).toBe(1)
      }
    })

    it('收入决算表: one header row, wrapped names joined, figures in their columns', () => {
      const block = table(blocks, '收入决算表')
      const header = rowWith(block, '本年收入合计')
      expect(texts(header)).toContain('附属单位上缴收入')
      expect(texts(header)).toEqual([
        '功能分类科目编码',
        '项目科目名称',
        '本年收入合计',
        '财政拨款收入',
        '上级补助收入',
        '事业收入',
        '经营收入',
        '附属单位上缴收入',
        '其他收入',
      ])
      const row = rowWith(block, '2080505')
      const code = indexOf(row, '2080505')
      expect(row.cells[code + 1]?.text).toBe('机关事业单位基本养老保险缴费支出')
      // Printed above and below the code line.
      expect(row.cells[code + 1]?.span).toMatchObject({ line: 142, endLine: 144 })
      expect(row.cells[indexOf(header, '本年收入合计')]?.text).toBe('6.18')
      expect(row.cells[indexOf(header, '财政拨款收入')]?.text).toBe('6.18')
      // After the page break the columns are printed further left; still the same columns.
      const moved = rowWith(block, '2101101')
      expect(moved.cells[indexOf(header, '本年收入合计')]?.text).toBe('2.22')
      expect(moved.cells[indexOf(header, '财政拨款收入')]?.text).toBe('2.22')
      expect(texts(moved).filter(Boolean)).toEqual(['2101101', '行政单位医疗', '2.22', '2.22'])
    })

    it('支出决算表: the empty 上缴上级支出 column keeps its place', () => {
      const block = table(blocks, '支出决算表')
      const header = rowWith(block, '本年支出合计')
      expect(texts(header).slice(2)).toEqual(['本年支出合计', '基本支出', '项目支出', '上缴上级支出', '经营支出', '对附属单位补助支出'])
      const row = rowWith(block, '2013999')
      expect(row.cells[indexOf(header, '本年支出合计')]?.text).toBe('202.24')
      expect(row.cells[indexOf(header, '基本支出')]?.text).toBe('')
      expect(row.cells[indexOf(header, '项目支出')]?.text).toBe('202.24')
    })

    it('一般公共预算财政拨款支出决算表: three-fragment names, 合计 as the last row', () => {
      const block = table(blocks, '一般公共预算财政拨款支出决算表')
      const header = rowWith(block, '基本支出')
      const row = rowWith(block, '2080505')
      expect(row.cells[indexOf(row, '2080505') + 1]?.text).toBe('机关事业单位基本养老保险缴费支出')
      expect(row.cells[indexOf(row, '2080505') + 1]?.span).toMatchObject({ line: 303, endLine: 305 })
      // The wrapped name of the first row stands above it, next to the header: not a header line.
      expect(rowWith(block, '201').cells[indexOf(rowWith(block, '201'), '201') + 1]?.text).toBe('一般公共服务支出')
      const total = block.rows.at(-1) as GridRow
      expect(texts(total)).toContain('合计')
      expect(total.cells[indexOf(header, '合计')]?.text).toBe('307.82')
      expect(total.cells[indexOf(header, '基本支出')]?.text).toBe('105.58')
      expect(total.cells[indexOf(header, '项目支出')]?.text).toBe('202.24')
    })

    it('一般公共预算财政拨款基本支出决算表: two blocks, codes alone or glued', () => {
      const block = table(blocks, '一般公共预算财政拨款基本支出决算表')
      const alone = rowWith(block, '30299')
      const at = indexOf(alone, '30299')
      expect(texts(alone).slice(at, at + 3)).toEqual(['30299', '其他商品和服务支出', '0.20'])
      const glued = rowWith(block, '310')
      const gluedAt = indexOf(glued, '310')
      expect(texts(glued).slice(gluedAt, gluedAt + 3)).toEqual(['310', '资本性支出', '0.00'])
      expect(doc.slice(glued.cells[gluedAt]?.span as NonNullable<GridCell['span']>)).toBe('310')
      expect(doc.slice(glued.cells[gluedAt + 1]?.span as NonNullable<GridCell['span']>)).toBe('资本性支出')
      const wrapped = rowWith(block, '31007')
      const name = wrapped.cells[indexOf(wrapped, '31007') + 1]?.text ?? ''
      expect(name).toContain('信息')
      expect(name).toContain('更新')
      // Left block wrapped name, right block on one line, same row.
      const both = rowWith(block, '30108')
      expect(texts(both).filter(Boolean)).toEqual(['30108', '机关事业单位基本养老保险缴费', '6.18', '30206', '电费', '0.00'])
      const totals = rowWith(block, '人员经费合计')
      expect(texts(totals).filter(Boolean)).toEqual(['人员经费合计', '95.36', '公用经费合计', '10.23'])
      // Each block keeps its columns: the right block's codes in the same column throughout.
      expect(indexOf(alone, '30299')).toBe(indexOf(rowWith(block, '30201'), '30201'))
      expect(indexOf(rowWith(block, '31013'), '31013')).toBe(indexOf(rowWith(block, '30201'), '30201'))
    })

    it('收入支出决算总表: either side may be missing, labels stay in their columns', () => {
      const block = table(blocks, '收入支出决算总表')
      const header = rowWith(block, '决算数')
      expect(texts(header)).toEqual(['收入项目', '决算数', '支出项目', '决算数'])
      expect(texts(rowWith(block, '九、卫生健康支出'))).toEqual(['', '', '九、卫生健康支出', '2.71'])
      expect(texts(rowWith(block, '八、其他收入'))).toEqual(['八、其他收入', '', '八、社会保障和就业支出', '10.82'])
      expect(texts(rowWith(block, '结余分配'))).toEqual(['使用非财政拨款结余', '', '结余分配', ''])
    })

    it('财政拨款收入支出决算总表: stacked headers, a page break inside the table', () => {
      const block = table(blocks, '财政拨款收入支出决算总表')
      expect(texts(rowWith(block, '一般公共预算财政拨款'))).toEqual([
        '项目',
        '决算数',
        '项目',
        '合计',
        '一般公共预算财政拨款',
        '政府性基金预算财政拨款',
        '国有资本经营预算财政拨款',
      ])
      expect(texts(rowWith(block, '十九、住房保障支出'))).toEqual(['', '', '十九、住房保障支出', '29.42', '29.42', '', ''])
      expect(texts(rowWith(block, '本年收入合计'))).toEqual(['本年收入合计', '307.82', '本年支出合计', '307.82', '307.82', '', ''])
    })

    it('“三公” table: items over their budget/actual pairs', () => {
      const block = table(blocks, '财政拨款“三公”经费支出决算表')
      const pairs = rowWith(block, '预算数')
      expect(texts(pairs)).toEqual(Array.from({ length: 12 }, (_, index) => (index % 2 === 0 ? '预算数' : '决算数')))
      const items = rowWith(block, '因公出国（境）费')
      expect(texts(items).filter(Boolean)).toEqual(['合计', '因公出国（境）费', '小计', '公务用车购置费', '公务用车运行维护费', '公务接待费'])
      expect(indexOf(items, '合计')).toBe(0)
      expect(indexOf(items, '公务接待费')).toBe(10)
    })

    it('every single-line cell is exactly its source text', () => {
      expect(expectExactSpans(doc, blocks)).toBeGreaterThan(300)
    })
  },
)

describe('space-aligned: seeds rendered as pdftotext -layout', () => {
  const fixtures = existsSync(FIXTURES) ? readdirSync(FIXTURES).filter((name) => name.endsWith('.txt')).sort() : []

  it('has the rendered fixtures (npx tsx scripts/render-space-aligned.ts)', () => {
    expect(fixtures.map((name) => name.slice(0, 3))).toEqual(['001', '002', '003'])
  })

  for (const name of fixtures) {
    describe(name, () => {
      const doc = load(join(FIXTURES, name))
      const seed = load(join(ROOT, 'seeds', name))
      const blocks = spaceAlignedExtractor.extract(doc)

      it('is detected as space-aligned, not as tab rows', () => {
        expect(spaceAlignedExtractor.detect(doc)).toBeGreaterThan(0)
        expect(spaceAlignedExtractor.detect(seed)).toBeUndefined()
        expect(blocks.map((block) => block.title)).toEqual(seed.regions.map((region) => region.title))
      })

      it('every single-line cell is exactly its source text', () => {
        expect(expectExactSpans(doc, blocks)).toBeGreaterThan(100)
      })

      it('gives the codes, names and amounts of the tab-separated seed, row by row', () => {
        for (const [index, region] of seed.regions.entries()) {
          const expected: string[][] = []
          for (let line = region.startLine; line < region.endLine; line++) {
            const text = seed.lines[line - 1] ?? ''
            if (!text.includes('\t')) continue
            const cells = compacted(text.split('\t').map(trimPadding))
            if (isDataRow(cells)) expected.push(cells)
          }
          const block = blocks[index] as TableBlock
          const actual = block.rows.map((row) => compacted(texts(row))).filter(isDataRow)
          expect(actual, `${name} ${region.title}`).toEqual(expected)
        }
      })
    })
  }
})

describe('space-aligned: a figure wrapped in a narrow cell, centred on its row', () => {
  it('goes to the row between its pieces (杭州 表5: 21,118.5 / 1 around 合计)', () => {
    const doc = fromText(
      [
        '                              支出决算表',
        '                                                              单位：万元',
        at([10, '功能分类科目名称', 'l'], [30, '合计', 'l'], [42, '基本支出', 'l'], [56, '项目支出', 'l']),
        at([62, '21,118.5', 'r']),
        at([0, '合计', 'l'], [33, '91,842.80', 'r'], [47, '70,724.29', 'r']),
        at([62, '1', 'r']),
        at([62, '12,868.1', 'r']),
        at([0, '一般公共服务支出', 'l'], [33, '12,868.19', 'r']),
        at([62, '9', 'r']),
        at([1, '社会工作事务', 'l'], [33, '0.19', 'r'], [62, '0.19', 'r']),
        at([0, '公共安全支出', 'l'], [33, '69,081.15', 'r'], [47, '60,830.83', 'r'], [62, '8,250.32', 'r']),
        at([1, '司法', 'l'], [33, '11,254.99', 'r'], [47, '8,553.80', 'r'], [62, '2,701.19', 'r']),
        at([2, '行政运行', 'l'], [33, '8,553.80', 'r'], [47, '8,553.80', 'r']),
        at([2, '基层司法业务', 'l'], [33, '1,187.37', 'r'], [62, '1,187.37', 'r']),
        at([2, '普法宣传', 'l'], [33, '146.46', 'r'], [62, '146.46', 'r']),
        at([2, '法律援助', 'l'], [33, '432.00', 'r'], [62, '432.00', 'r']),
        '注：本表反映部门本年度各项支出情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '项目支出')
    const total = block.rows.filter((row) => row.cells.some((cell) => cell.text === '合计')).at(-1) as GridRow
    expect(total.cells[indexOf(header, '项目支出')]?.text).toBe('21,118.51')
    expect(total.cells[indexOf(header, '合计')]?.text).toBe('91,842.80')
    expect(rowWith(block, '一般公共服务支出').cells[indexOf(header, '项目支出')]?.text).toBe('12,868.19')
    // No row of its own, and 社会工作事务 above keeps only its 0.19.
    expect(block.rows.filter((row) => row.cells.every((cell) => !/[\u4e00-\u9fff]/.test(cell.text)) && row.cells.some((cell) => cell.text))).toEqual(
      block.rows.filter((row) => row.cells.some((cell) => cell.text === '**')),
    )
    expect(rowWith(block, '社会工作事务').cells[indexOf(header, '项目支出')]?.text).toBe('0.19')
    expectExactSpans(doc, [block])
  })
})

describe('space-aligned: a table continued after a page break', () => {
  const firstPage = [
    '                                   支出决算表',
    '                                                                    单位：万元',
    '          项目',
    '  功能分类                  本年支出合计    基本支出     项目支出     上缴上级支出   经营支出',
    '               科目名称',
    '  科目编码',
    '',
    at([10, '合计', 'l'], [31, '307.82', 'r'], [40, '105.58', 'r'], [49, '202.24', 'r']),
    at([0, '201', 'l'], [10, '一般公共服务支出', 'l'], [31, '264.87', 'r'], [40, '62.63', 'r'], [49, '202.24', 'r']),
    '                                        - 3 -',
  ]
  const note = '注：本表反映部门本年度各项支出情况。'

  it('under a repeated title and header: one block, columns matched by their header', () => {
    // pdftotext spaces the new page by its own content: every column further left.
    const doc = fromText(
      [
        ...firstPage,
        '\f                              支出决算表（续）',
        '                                                      单位：万元',
        at([10, '项目', 'l']),
        at([2, '功能分类', 'l'], [20, '本年支出合计', 'l'], [28, '基本支出', 'l'], [35, '项目支出', 'l'], [41, '上缴上级支出', 'l']),
        at([12, '科目名称', 'l']),
        at([2, '科目编码', 'l']),
        at([10, '其他社会工作', 'l']),
        at([0, '2013999', 'l'], [40, '202.24', 'r']),
        at([10, '事务支出', 'l']),
        at([0, '2101101', 'l'], [10, '行政单位医疗', 'l'], [27, '2.22', 'r'], [33, '2.22', 'r']),
        note,
      ].join('\n'),
    )
    // The continuation title belongs to the table it continues: one region, one block.
    expect(doc.regions.map((region) => region.title)).toEqual(['支出决算表'])
    const blocks = spaceAlignedExtractor.extract(doc)
    expect(blocks).toHaveLength(1)
    const block = blocks[0] as TableBlock
    const header = rowWith(block, '本年支出合计')
    expect(block.rows.filter((row) => row.cells.some((cell) => cell.text === '本年支出合计'))).toHaveLength(1)
    const wrapped = rowWith(block, '2013999')
    expect(texts(wrapped)[indexOf(wrapped, '2013999') + 1]).toBe('其他社会工作事务支出')
    expect(wrapped.cells[indexOf(header, '本年支出合计')]?.text).toBe('')
    expect(wrapped.cells[indexOf(header, '项目支出')]?.text).toBe('202.24')
    const moved = rowWith(block, '2101101')
    expect(moved.cells[indexOf(header, '本年支出合计')]?.text).toBe('2.22')
    expect(moved.cells[indexOf(header, '基本支出')]?.text).toBe('2.22')
    expect(block.rows.flatMap(texts).filter((text) => /^[-\s\d]+$/.test(text) && !/^\d{3,}$/.test(text))).toEqual([])
    expectExactSpans(doc, blocks)
  })

  it('without a repeated header: figures go in order to the columns that have figures', () => {
    const doc = fromText(
      [
        ...firstPage,
        '\f',
        at([0, '2013999', 'l'], [10, '其他社会工作事务支出', 'l'], [27, '202.24', 'r'], [33, '0.00', 'r'], [40, '202.24', 'r']),
        at([0, '2101101', 'l'], [10, '行政单位医疗', 'l'], [27, '2.22', 'r'], [33, '2.22', 'r']),
        note,
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '本年支出合计')
    expect(texts(rowWith(block, '2013999')).slice(2)).toEqual(['202.24', '0.00', '202.24', '', ''])
    expect(rowWith(block, '2101101').cells[indexOf(header, '基本支出')]?.text).toBe('2.22')
  })

  it('a 合计 line alone on its page, squeezed left: its figures go to the figure columns, not to 款 and 项 (普陀 万里街道 2024)', () => {
    const doc = fromText(
      [
        '                              支出决算表',
        '                                                              单位：元',
        at([23, '项目', 'l'], [54, '支出预算', 'l']),
        '功能分类科目编码',
        at([19, '功能分类科目名称', 'l'], [42, '合计', 'l'], [51, '基本支出', 'l'], [63, '项目支出', 'l']),
        '类     款    项',
        at([0, '221', 'l'], [16, '住房保障支出', 'l'], [46, '8,882,399', 'r'], [58, '6,705,199', 'r'], [70, '2,177,200', 'r']),
        at([0, '221', 'l'], [6, '02', 'l'], [16, '住房改革支出', 'l'], [46, '6,705,199', 'r'], [58, '6,705,199', 'r'], [70, '0', 'r']),
        at([0, '221', 'l'], [6, '02', 'l'], [11, '01', 'l'], [16, '住房公积金', 'l'], [46, '3,503,499', 'r'], [58, '3,503,499', 'r'], [70, '0', 'r']),
        at([0, '221', 'l'], [6, '03', 'l'], [16, '城乡社区住宅', 'l'], [46, '2,177,200', 'r'], [58, '0', 'r'], [70, '2,177,200', 'r']),
        `\f${at([0, '合计', 'l'], [16, '8,882,399', 'r'], [29, '6,705,199', 'r'], [42, '2,177,200', 'r'])}`,
        '注：本表反映部门本年度各项支出情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '基本支出')
    const total = block.rows.filter((row) => row.cells.some((cell) => cell.text === '合计')).at(-1) as GridRow
    expect(total.cells[indexOf(header, '合计')]?.text).toBe('8,882,399')
    expect(total.cells[indexOf(header, '基本支出')]?.text).toBe('6,705,199')
    expect(total.cells[indexOf(header, '项目支出')]?.text).toBe('2,177,200')
    expect(rowWith(block, '住房公积金').cells[indexOf(header, '基本支出')]?.text).toBe('3,503,499')
    expectExactSpans(doc, [block])
  })
})

describe('space-aligned: fund headers printed one blank apart, the rest of each cell apart below (广州 收入总体情况表)', () => {
  // Layout of gz-4a97c00a lines 195–200 and gz-b8ff9ee4 line 144: `一般公共预 政府性基金 国有资本经` is one run left
  // of its figures; `算  预算  营预算` below stand over the figure columns (the PDF: 政府性基金 over 15,478.80).
  const header = at([7, '单位名称', 'l'], [26, '合计', 'l'], [38, '一般公共预 政府性基金 国有资本经', 'l'], [100, '其他收入', 'l'])
  const rows = [
    at([8, '合计', 'l'], [34, '37,027.49', 'r'], [47, '21,345.69', 'r'], [59, '15,478.80', 'r'], [72, '0.00', 'r'], [106, '203.00', 'r']),
    at([0, '中国共产党广州市委员会宣传部', 'l'], [34, '25,142.34', 'r'], [47, '24,816.74', 'r'], [59, '0.00', 'r'], [72, '325.60', 'r'], [106, '0.00', 'r']),
  ]
  const title = ['                              收入总体情况表', '                                                              单位：万元']

  it('each word heads the column the rest of its cell stands over', () => {
    const doc = fromText([...title, header, at([40, '算', 'l'], [51, '预算', 'l'], [63, '营预算', 'l']), ...rows].join('\n'))
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const head = rowWith(block, '一般公共预算')
    const first = indexOf(head, '一般公共预算')
    expect(texts(head).slice(first, first + 3)).toEqual(['一般公共预算', '政府性基金预算', '国有资本经营预算'])
    const unit = rowWith(block, '中国共产党广州市委员会宣传部')
    expect(unit.cells[indexOf(head, '政府性基金预算')]?.text).toBe('0.00')
    expect(unit.cells[indexOf(head, '国有资本经营预算')]?.text).toBe('325.60')
    expect(rowWith(block, '37,027.49').cells[indexOf(head, '政府性基金预算')]?.text).toBe('15,478.80')
    expectExactSpans(doc, [block])
  })

  it('with fewer pieces below than words, the run stays one cell: no word is given a column by guess', () => {
    const doc = fromText([...title, header, at([40, '算', 'l'], [51, '预算 营预算', 'l']), ...rows].join('\n'))
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    expect(block.rows.some((row) => row.cells.some((cell) => cell.text === '政府性基金预算'))).toBe(false)
  })
})

describe('space-aligned: codes printed on the line below their name and figures (重庆)', () => {
  // pdftotext centres a code in a cell two lines high: below a one-line name and its figures, beside the end of a wrapped name.
  const text = [
    '                         2026 年部门收入总体情况表',
    '单位名称：重庆市某某局                                          单位：万元',
    '',
    '      科目编码          科目名称              总计       一般公共预算拨款收入      其他收入',
    '',
    '                合计                       1,891.74        1,740.72      151.02',
    '',
    '210       卫生健康支出                     1,293.73        1,222.77       71.00',
    '',
    ' 21011    行政事业单位医疗                 1,293.73        1,222.77       71.00',
    '',
    '              行政单位医疗                   518.55          518.55',
    '2101101',
    '',
    '              事业单位医疗                   610.65          556.22       54.43',
    '2101102',
    '              其他行政事业单位医疗支',
    '                                             164.53          148.00       16.53',
    '2101199       出',
    '',
    '221       住房保障支出                       598.01          518.00       80.01',
  ].join('\n')

  it('gives each code the row above it, and the end of a wrapped name to its row', () => {
    const doc = fromText(text)
    const block = table(spaceAlignedExtractor.extract(doc), '2026 年部门收入总体情况表')
    const row = (code: string) => compacted(texts(rowWith(block, code)))
    expect(row('2101101')).toEqual(['2101101', '行政单位医疗', '518.55', '518.55'])
    expect(row('2101102')).toEqual(['2101102', '事业单位医疗', '610.65', '556.22', '54.43'])
    expect(row('2101199')).toEqual(['2101199', '其他行政事业单位医疗支出', '164.53', '148.00', '16.53'])
    expect(row('221')).toEqual(['221', '住房保障支出', '598.01', '518.00', '80.01'])
  })

  it('leaves a code alone on its line with the figures right below it when nothing parts them (a code printed above its row)', () => {
    const doc = fromText(text.replace('2101101\n\n', '2101101\n'))
    const block = table(spaceAlignedExtractor.extract(doc), '2026 年部门收入总体情况表')
    expect(compacted(texts(rowWith(block, '2101101')))).toEqual(['2101101', '事业单位医疗', '610.65', '556.22', '54.43'])
  })
})

describe('space-aligned: rows of a consolidated 部门 whose unit rows stand a few columns left', () => {
  it('one column per header: the unit rows’ figures join the code rows’ column (sz-63d734e6, 表7)', () => {
    // pdftotext prints the rows of a long unit name three columns left of the code rows below them.
    const doc = fromText(
      [
      "                                             一般公共预算支出表（按功能分类）",
      "部门名称：深圳市人力资源和社会保障局                                                                                        单位：万元",
      "            预算单位                   科目编码             科目名称         支出总计               基本支出               项目支出",
      "深圳市人力资源和社会保障局                                                       535,744.34         132,061.73         403,682.60",
      "     深圳市人力资源和社会保障局（本级）                                              150,489.93             14,270.17      136,219.77",
      "                         205              教育支出                          13,184.10              10.00          13,174.10",
      "                         20503            职业教育                          12,695.48               0.00          12,695.48",
      "                         2050303          技校教育                          12,695.48               0.00          12,695.48",
      "                         20508            进修及培训                            309.92              10.00             299.92",
      "                         2050803          培训支出                              45.92              10.00              35.92",
      "                         2050899          其他进修及培训                          264.00               0.00             264.00",
      "                         20509            教育费附加安排的支出                       178.70               0.00             178.70",
      "                         2050999          其他教育费附加安排的支出                     178.70               0.00             178.70",
      "                         206              科学技术支出                    114,644.00                  0.00      114,644.00",
      "                         20602            基础研究                          10,198.00               0.00          10,198.00",
      "                         2060208          科技人才队伍建设                      10,198.00               0.00          10,198.00",
        '     注：本套报表金额单位转换时可能存在尾数误差。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '支出总计')
    const cell = (label: string, column: string) => rowWith(block, label).cells[indexOf(header, column)]?.text
    expect(cell('深圳市人力资源和社会保障局', '支出总计')).toBe('535,744.34')
    expect(cell('深圳市人力资源和社会保障局（本级）', '项目支出')).toBe('136,219.77')
    expect(cell('205', '支出总计')).toBe('13,184.10')
    expect(cell('205', '基本支出')).toBe('10.00')
    expect(cell('205', '项目支出')).toBe('13,174.10')
    expect(cell('206', '支出总计')).toBe('114,644.00')
    expect(cell('2060208', '项目支出')).toBe('10,198.00')
    expect(block.rows.map((row) => row.cells.length).every((length) => length === header.cells.length)).toBe(true)
  })
})

describe('space-aligned: a unit’s wrapped name at the top of a continuation page', () => {
  it('is the name of the unit’s row, not part of the repeated header (sz-63d734e6 表3, p. 107)', () => {
    const header = at([8, '预算单位', 'l'], [26, '科目编码', 'l'], [40, '科目名称', 'l'], [52, '支出总计', 'l'], [64, '基本支出', 'l'], [76, '项目支出', 'l'])
    const doc = fromText(
      [
        '                              支出总表',
        '部门名称：深圳市人力资源和社会保障局                                  单位：万元',
        header,
        '',
        at([0, '深圳市人力资源和社会保障局', 'l'], [56, '571,347.93', 'r'], [68, '136,131.77', 'r'], [80, '435,216.17', 'r']),
        at([5, '深圳市社会保险基金管理局', 'l']),
        at([56, '5,127.91', 'r'], [68, '3,382.09', 'r'], [80, '1,745.82', 'r']),
        at([0, '龙华分局', 'l']),
        at([20, '208', 'l'], [30, '社会保障和就业支出', 'l'], [56, '4,204.81', 'r'], [68, '2,458.99', 'r'], [80, '1,745.82', 'r']),
        '                                - 106 -',
        '\f                              支出总表',
        '部门名称：深圳市人力资源和社会保障局                                  单位：万元',
        header,
        '',
        at([5, '深圳市社会保险基金管理局', 'l']),
        at([56, '1,788.76', 'r'], [68, '1,406.61', 'r'], [80, '382.15', 'r']),
        at([0, '大鹏分局', 'l']),
        at([20, '205', 'l'], [30, '教育支出', 'l'], [56, '1.44', 'r'], [68, '0.44', 'r'], [80, '1.01', 'r']),
        '     注：本套报表金额单位转换时可能存在尾数误差。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const unit = rowWith(block, '1,788.76')
    expect(texts(unit).filter(Boolean)).toEqual(['深圳市社会保险基金管理局大鹏分局', '1,788.76', '1,406.61', '382.15'])
    expect(texts(rowWith(block, '205')).filter(Boolean)).toEqual(['205', '教育支出', '1.44', '0.44', '1.01'])
    expect(texts(rowWith(block, '5,127.91')).filter(Boolean)[0]).toBe('深圳市社会保险基金管理局龙华分局')
  })
})

describe('space-aligned: a column whose widest figures pdftotext sets a few columns left', () => {
  it('is one column: 57,973.81 and 124.14 both under 项目支出 (sz-2c3faa90 支出总表)', () => {
    // As printed: the 9-character figures of 项目支出 end three columns left of its shorter ones; no line has both.
    const doc = fromText(
      [
        '                              支出总表',
        '部门名称：深圳市公安局                                                   单位：万元',
        at([8, '预算单位', 'l'], [18, '科目编码', 'l'], [30, '科目名称', 'l'], [41, '支出总计', 'l'], [54, '基本支出', 'l'], [67, '项目支出', 'l'], [82, '上缴上级支出', 'l']),
        '',
        at([5, '深圳市公安局（本级）', 'l'], [52, '204,397.58', 'r'], [65, '146,423.77', 'r'], [76, '57,973.81', 'r'], [89, '0.00', 'r']),
        at([18, '203', 'l'], [28, '国防支出', 'l'], [52, '124.14', 'r'], [65, '0.00', 'r'], [79, '124.14', 'r'], [89, '0.00', 'r']),
        at([18, '20306', 'l'], [28, '国防动员', 'l'], [52, '124.14', 'r'], [65, '0.00', 'r'], [79, '124.14', 'r'], [89, '0.00', 'r']),
        at([18, '2030608', 'l'], [28, '边海防', 'l'], [52, '124.14', 'r'], [65, '0.00', 'r'], [79, '124.14', 'r'], [89, '0.00', 'r']),
        at([18, '204', 'l'], [28, '公共安全支出', 'l'], [52, '157,291.52', 'r'], [65, '99,441.85', 'r'], [76, '57,849.67', 'r'], [89, '0.00', 'r']),
        at([18, '20402', 'l'], [28, '公安', 'l'], [52, '157,291.52', 'r'], [65, '99,441.85', 'r'], [76, '57,849.67', 'r'], [89, '0.00', 'r']),
        at([18, '2040201', 'l'], [28, '行政运行', 'l'], [52, '99,441.85', 'r'], [65, '99,441.85', 'r'], [79, '0.00', 'r'], [89, '0.00', 'r']),
        at([18, '2040202', 'l'], [28, '一般行政管理事务', 'l'], [52, '45,437.82', 'r'], [65, '0.00', 'r'], [76, '45,437.82', 'r'], [89, '0.00', 'r']),
        at([18, '2040219', 'l'], [28, '信息化建设', 'l'], [52, '5,681.00', 'r'], [65, '0.00', 'r'], [79, '5,681.00', 'r'], [89, '0.00', 'r']),
        '     注：本套报表金额单位转换时可能存在尾数误差。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '项目支出')
    const project = (code: string) => rowWith(block, code).cells[indexOf(header, '项目支出')]?.text
    expect(['深圳市公安局（本级）', '203', '204', '2040201', '2040202', '2040219'].map(project)).toEqual(['57,973.81', '124.14', '57,849.67', '0.00', '45,437.82', '5,681.00'])
    expect(rowWith(block, '203').cells[indexOf(header, '上缴上级支出')]?.text).toBe('0.00')
  })
})

describe('space-aligned: right edges that drift with the figures’ widths', () => {
  it('keeps a column whose shorter figures end a few places right of the wider ones (烟台 支出总体情况表)', () => {
    // pdftotext places a figure by its left edge: `3,413.16` ends three columns right of `21,695.44` in the same 基本支出 column.
    const doc = fromText(
      [
        '                                       支出总体情况表',
        '部门（单位）：烟台市交通运输局                                                                                     单位：万元',
        '',
        '       科目编码',
        '                                科目名称        合计                基本支出              项目支出              结转下年',
        ' 类      款     项',
        '',
        ' 214               交通运输支出                         34,960.28      21,695.44         13,264.84',
        '',
        '        01          公路水路运输                        33,975.48      21,695.44         12,280.04',
        '',
        '              01     行政运行                         3,497.16           3,413.16             84.00',
        '',
        '              02     一般行政管理事务                        995.44                              995.44',
        '',
        '              06     公路养护                         25,861.48      15,997.48             9,864.00',
        '',
        '              12     公路运输管理                       2,728.41           2,284.81            443.60',
        '',
        ' 221               住房保障支出                         2,196.37           2,196.37',
        '',
        '注：本表反映部门本年度各项支出情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '基本支出')
    const basic = indexOf(header, '基本支出')
    const project = indexOf(header, '项目支出')
    expect(rowWith(block, '行政运行').cells[basic]?.text).toBe('3,413.16')
    expect(rowWith(block, '行政运行').cells[project]?.text).toBe('84.00')
    expect(rowWith(block, '公路养护').cells[basic]?.text).toBe('15,997.48')
    expect(rowWith(block, '公路运输管理').cells[project]?.text).toBe('443.60')
    expect(rowWith(block, '住房保障支出').cells[basic]?.text).toBe('2,196.37')
    expect(rowWith(block, '住房保障支出').cells[project]?.text).toBe('')
  })
})

describe('space-aligned: a later page shifted left, told by its repeated header (烟台 收入总体情况表)', () => {
  // yt-8310032b lines 200–216, 241–243, 296–321 (烟台市医疗保障局, 公开表2): page 8 prints the table 7 columns further
  // left than page 7 (its header `一般公共预` at 49, not 56), so 2230108's 国有资本经营 1,000.00 (62–70) ends nearer the
  // 一般公共预算 column of page 7 (59–66 there) than its own (69–77). In the PDF it stands at x 399–430 under 国有资本经
  // (386–428), as 223's does.
  const text = [
    '\f                                                                                                                         公开表2',
    '',
    '                                                                     收入总体情况表',
    '部门（单位）：烟台市医疗保障局                                                                                                         单位：万元',
    '  科目编码                                                     财政拨款收入',
    '                                                                                事业收入 事业单位经',
    '                                                                          财政专户管 （不含教育               上级补助收 附属单位上 使用非财政',
    '                        科目名称    合计                                                           其他收入                       上年结转',
    '                                                        一般公共预 政府性基金 国有资本经 理资金收入  收费）',
    '                                                                                      营收入             入    缴收入  拨款结余',
    '类     款    项                                小计',
    '                                                         算收入  预算收入 营预算收入',
    '',
    '',
    '                合   计           16,375.67   16,375.67    15,375.67   1,000.00',
    '',
    '205             教育支出                4.70         4.70         4.70',
    '',
    '',
    '210             卫生健康支出          14,870.93   14,870.93    14,870.93',
    '',
    '           01       住房公积金          172.12      172.12      172.12',
    '',
    '223             国有资本经营预算支出        1,000.00   1,000.00                1,000.00',
    '',
    '      01         解决历史遗留问题及改革成     1,000.00   1,000.00                1,000.00',
    '                本支出',
    '                                                                      —8—',
    '\f                                                                                                                  公开表2',
    '',
    '                                                             收入总体情况表',
    '部门（单位）：烟台市医疗保障局                                                                                                  单位：万元',
    ' 科目编码                                              财政拨款收入',
    '                                                                         事业收入 事业单位经',
    '                                                                   财政专户管 （不含教育               上级补助收 附属单位上 使用非财政',
    '               科目名称        合计                                                         其他收入                       上年结转',
    '                                                 一般公共预 政府性基金 国有资本经 理资金收入  收费）',
    '                                                                               营收入             入    缴收入  拨款结余',
    '类   款   项                             小计',
    '                                                  算收入  预算收入 营预算收入',
    '',
    '',
    '        08   离休干部医药费补助支出   1,000.00   1,000.00                1,000.00',
  ].join('\n')

  it('maps the figure to the column its repeated header stands over: 223, 22301 and 2230108 all in one column', () => {
    const block = table(spaceAlignedExtractor.extract(fromText(text)), '收入总体情况表')
    const column = (code: string) => {
      const row = block.rows.find((entry) => entry.cells.some((cell) => cell.text === code) && entry.cells.filter((cell) => cell.text === '1,000.00').length === 3)
      if (!row) throw new Error(`No row ${code}`)
      return row.cells.map((cell, index) => (cell.text === '1,000.00' ? index : -1)).filter((index) => index >= 0)
    }
    const fund = column('223')[2]
    expect(fund).toBe(indexOf(rowWith(block, '16,375.67'), '1,000.00'))
    expect(column('01')[2]).toBe(fund)
    expect(column('08')[2]).toBe(fund)
  })
})

describe('space-aligned: fund headers one blank apart, one figure column each (重庆 财政拨款收支总体情况表)', () => {
  // cq-a63e312b lines 363–376: `一般公共预算 政府性基金预算` is one run over two columns of figures (37,891.58 and
  // 4,066.60); 国有资本 / 经营预算 right of them heads a column no row fills. As printed: 207 16,211.66 = 12,145.06
  // + 4,066.60, and the 收入总体情况表 prints 4,066.60 under 政府性基金预算拨款收入.
  const lines = (header: string) => [
    '                             2026 年财政拨款收支总体情况表',
    '单位名称：中共重庆市委宣传部                                                                        单位：万元',
    '',
    '           收入                                             支出',
    '                                                                                      国有资本',
    header,
    '                                                                                      经营预算',
    '     一、本年收入      39,238.43 一、本年支出             41,958.18        37,891.58   4,066.60',
    '',
    '（一）一般公共预算资金      36,208.43 （一）一般公共服务支出        22,006.16        22,006.16',
    '',
    '（三）国有资本经营预算资金                （三）文化旅游体育与传媒支出   16,211.66        12,145.06   4,066.60',
    '',
  ]

  it('each word heads one column, in order, when the words are as many as the columns of figures under the run', () => {
    const doc = fromText(lines('      项目         预算数              项目          合计          一般公共预算 政府性基金预算').join('\n'))
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const head = rowWith(block, '一般公共预算')
    const row = rowWith(block, '（三）文化旅游体育与传媒支出')
    expect(row.cells[indexOf(head, '合计')]?.text).toBe('16,211.66')
    expect(row.cells[indexOf(head, '一般公共预算')]?.text).toBe('12,145.06')
    expect(row.cells[indexOf(head, '政府性基金预算')]?.text).toBe('4,066.60')
    expectExactSpans(doc, [block])
  })

  it('stays one run when the words are more than the columns (a third fund squeezed in over the same figures)', () => {
    const doc = fromText(lines('      项目         预算数              项目          合计          一般公共预算 政府性基金预算 国有资本').join('\n'))
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    expect(block.rows.some((row) => row.cells.some((cell) => cell.text === '政府性基金预算'))).toBe(false)
  })
})

describe('space-aligned: a side of names that stop short of its centred 项目', () => {
  it('is the column 项目 heads: the 支出 names of a 收入支出决算总表 whose long 收入 names push them right (seed 003 printed to PDF)', () => {
    // As pdftotext prints it: `一、一般公共服务支出` starts right after 417.30 and ends before the 项目 over it.
    const doc = fromText(
      [
        '                       收入支出决算总表',
        '                                                                 单位：万元',
        '                  收入                                  支出',
        '             项目               决算数                项目              决算数',
        '                        行次                                 行次',
        '一、一般公共预算财政拨款收入            1   417.30 一、一般公共服务支出             14    417.30',
        '二、政府性基金预算财政拨款收入           2        0.00 二、外交支出              15         0.00',
        '本年收入合计                   10   417.30 本年支出合计                 23    417.30',
        '年初结转和结余                  12    18.28 年末结转和结余                25     18.28',
        '总计                       13   435.58 总计                     26    435.58',
        '   注：1. 本表反映部门本年度的总收支和年末结转结余情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '决算数')
    const expenditureName = indexOf(header, '项目', indexOf(header, '决算数') + 1)
    expect(rowWith(block, '417.30').cells[expenditureName]?.text).toBe('一、一般公共服务支出')
    expect(rowWith(block, '18.28').cells[expenditureName]?.text).toBe('年末结转和结余')
    expect(texts(rowWith(block, '二、外交支出')).filter(Boolean)).toEqual(['二、政府性基金预算财政拨款收入', '2', '0.00', '二、外交支出', '15', '0.00'])
  })
})

describe('space-aligned: a header run squeezed one blank apart over columns no row fills, placed by the column numbers', () => {
  // As pdftotext prints seed 001's 收入决算表 from PDF: only 本年收入合计 and 财政拨款收入 have figures; `上级补助` stands
  // over the figures of 财政拨款收入, and `收入`, the rest of its cell, too. The numbers 1 … 7 say which column each heads.
  const lines = [
    '                             收入决算表',
    '                                                                   单位：万元',
    '                 项目',
    '功能分类科目                      本年收入合 财政拨款收 上级补助         事业   经营   附属单位上   其他',
    '  编码                    栏     计     入    收入          收入   收入    缴收入    收入',
    '               科目名称',
    '                        次',
    '          合计                      1         2    3    4    5       6    7',
    '201       一般公共服务支出           1013.91   1013.91',
    '2010301   行政运行                902.47    902.47',
    '20104     发展与改革事务                20        20',
    '      注：本表反映部门本年度取得的各项收入情况。',
  ]
  it('gives 本年收入合计 and 财政拨款收入 their figures, and 上级补助收入 a column of its own', () => {
    const [block] = spaceAlignedExtractor.extract(fromText(lines.join('\n')))
    if (!block) throw new Error('no block')
    const header = rowWith(block, '财政拨款收入')
    expect(rowWith(block, '行政运行').cells[indexOf(header, '本年收入合计')]?.text).toBe('902.47')
    expect(rowWith(block, '行政运行').cells[indexOf(header, '财政拨款收入')]?.text).toBe('902.47')
    expect(rowWith(block, '发展与改革事务').cells[indexOf(header, '财政拨款收入')]?.text).toBe('20')
    expect(rowWith(block, '行政运行').cells[indexOf(header, '上级补助收入')]?.text).toBe('')
    // The column numbers are no figures: each stands under its column's header.
    expect(rowWith(block, '7').cells[indexOf(header, '其他收入')]?.text).toBe('7')
  })
  it('leaves the run whole when the header line has more words than there are column numbers', () => {
    const fewer = lines.map((line) => (line.startsWith('          合计') ? '          合计                      1         2    3    4    5       6' : line))
    const [block] = spaceAlignedExtractor.extract(fromText(fewer.join('\n')))
    if (!block) throw new Error('no block')
    expect(block.rows.some((row) => row.cells.some((cell) => cell.text === '财政拨款收入'))).toBe(false)
  })
})

describe('space-aligned tokens: a whole amount one blank before the code of the next panel’s row', () => {
  const kinds = (line: string) => tokenizeLine(line, 1).map((token) => `${token.text}:${token.kind}`)
  it('is two cells when a name follows the code (seed 001 基本支出决算表 printed to PDF: 委托业务费 21, then 39906 赠与)', () => {
    expect(kinds('30307   医疗费补助           30227    委托业务费        21 39906      赠与')).toEqual([
      '30307:code',
      '医疗费补助:text',
      '30227:code',
      '委托业务费:text',
      '21:amount',
      '39906:code',
      '赠与:text',
    ])
  })
  it('stays one token when no name follows (two figures or a figure and a number one blank apart are not told apart)', () => {
    expect(kinds('30227    委托业务费        21 30000      18.00').map((entry) => entry.split(':')[0])).toContain('21 30000')
    expect(kinds('30227    委托业务费        21 30000').map((entry) => entry.split(':')[0])).toContain('21 30000')
  })
})

describe('space-aligned: column numbers centred in wide cells, left of their right-aligned figures', () => {
  it('pair in order with as many columns of figures, and place a squeezed run over them (seed 003 收入决算表 printed to PDF)', () => {
    // `经营收 附属单位上缴 其他收` is one token; `6` stands four places left of the `0.00` under it, over no figures.
    const doc = fromText(
      [
        '                                  收入决算表',
        '                                                                                   单位：万元',
        '                            本年收入合 财政拨款收         上级补助        事业收     经营收 附属单位上缴 其他收',
        '              项目',
        '                              计     入            收入          入       入    收入    入',
        '          功能分类科目编码',
        '              栏次              1        2         3           4       5      6          7',
        '合计                            417.30   417.30        0.00    0.00    0.00       0.00   0.00',
        '201       一般公共服务支出            417.30   417.30        0.00    0.00    0.00       0.00   0.00',
        '2010301 行政运行                  141.81   141.81        0.00    0.00    1.00       2.00   3.00',
        '      注：本表反映部门本年度取得的各项收入情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '经营收入')
    const cellOf = (label: string, column: string) => rowWith(block, label).cells[indexOf(header, column)]?.text
    expect(cellOf('行政运行', '本年收入合计')).toBe('141.81')
    expect(cellOf('行政运行', '事业收入')).toBe('0.00')
    expect(cellOf('行政运行', '经营收入')).toBe('1.00')
    expect(cellOf('行政运行', '附属单位上缴收入')).toBe('2.00')
    expect(cellOf('行政运行', '其他收入')).toBe('3.00')
  })
})

describe('space-aligned: the wrapped name of a total row across the blocks of a 基本支出 table', () => {
  it('printed in a block where the row has nothing else, is that row’s (seed 003 printed to PDF: 公用经费合计 250.34)', () => {
    // As pdftotext prints it: the total row opens a new page under the repeated header; `公用经费合 / 计` wraps around it
    // in the middle block, after that block's last row (30299), and 250.34 stands in the third block.
    const doc = fromText(
      [
        '                     一般公共预算财政拨款基本支出决算表',
        '                                                                         单位：万元',
        '',
        ' 经济分类科               决算    经济分类科                     经济分类科',
        '              科目名称                  科目名称    决算数                   科目名称    决算数',
        '  目编码                数      目编码                       目编码',
        '                                   商品和服务支',
        '301      工资福利支出       0.90 302            250.34 307         债务利息及费用支出      0.00',
        '                                   出',
        '30101    基本工资         0.00 30201   办公费        9.73 30701     国内债务付息         0.00',
        '30102    津贴补贴         0.00 30202   印刷费        0.44 30702     国外债务付息         0.00',
        '                                   其他商品和服',
        '                          30299              37.85',
        '                                   务支出',
        '\f经济分类科           决算      经济分类科                经济分类科',
        '         科目名称                   科目名称   决算数           科目名称   决算数',
        ' 目编码            数        目编码                  目编码',
        '                        公用经费合',
        '人员经费合计          69.09                                       250.34',
        '                        计',
        '',
        ' 注：本表反映部门本年度一般公共预算财政拨款基本支出明细情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    expect(texts(rowWith(block, '人员经费合计')).filter(Boolean)).toEqual(['人员经费合计', '69.09', '公用经费合计', '250.34'])
    // 30299's name keeps only its own fragments.
    expect(texts(rowWith(block, '30299')).filter(Boolean)).toEqual(['30299', '其他商品和服务支出', '37.85'])
  })
})

describe('space-aligned: a group header over a column of figures and one no row fills', () => {
  it('is told by the column numbers it spans, not joined to the one column of figures under it (seed 001 “三公” table printed narrower)', () => {
    // `公务用车购置及运行费` stands over 3 (小计, with 18) and 4 (公务用车购置费, no figure): it heads both, it is not 小计's header.
    const doc = fromText(
      [
        '               一般公共预算财政拨款“三公”经费支出决算表',
        '                                                                            单位：万元',
        '',
        '               公务用车购置及运行费                                   公务用车购置及运行费',
        '                                    公务',
        '合    因公出国           公务用   公务用                      因公出国         公务用            公务接',
        '               小                    接待     合计               小         公务用车',
        '计     (境) 费         车购置   车运行                       (境) 费       车购置             待费',
        '               计                     费                      计          运行费',
        '                     费     费                                     费',
        '1      2       3     4     5        6        7       8      9   10     11      12',
        '36         0   18              18       18 17.57                        9.23    8.34',
        '',
        '      注：本表反映部门本年度“三公”经费支出预算情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '公务接待费')
    expect(texts(header)).toEqual(['合计', '因公出国(境) 费', '小计', '公务用车购置费', '公务用车运行费', '公务接待费', '合计', '因公出国(境) 费', '小计', '公务用车购置费', '公务用车运行费', '公务接待费'])
    expect(texts(rowWith(block, '17.57'))).toEqual(['36', '0', '18', '', '18', '18', '17.57', '', '', '', '9.23', '8.34'])
    // Over 小计 and 公务用车购置费 of each block (the band spans from its own 小计, see groupSpans), not over 运行费 alone.
    expect(texts(rowWith(block, '公务用车购置及运行费')).map((text, index) => (text ? index : -1)).filter((index) => index >= 0)).toEqual([2, 3, 8, 9])
  })
})

describe('space-aligned: a squeezed header run that drifts left word by word', () => {
  it('is placed by the column numbers when its first word stands near its column (seed 002 支出决算表 printed narrower)', () => {
    // `对附属单位补` ends eight places left of its column: Chinese is printed narrower than the figures, and the run drifts.
    const doc = fromText(
      [
        '                       支出决算表',
        '                                                                 单位：万元',
        '          项目',
        '                      本年支出        基本支      项目支 上缴上级 经营支 对附属单位补',
        '功能分类科目                 合计          出        出   支出   出    助支出',
        '               科目名称',
        '  编码',
        '          栏次           1           2        3      4      5       6',
        '合计                     747.60     747.60    0.00   1.00   2.00        3.00',
        '201       一般公共服务支出     632.65     632.65    0.00   0.00   0.00        0.00',
        '      注：本表反映部门本年度各项支出情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '上缴上级支出')
    const total = rowWith(block, '747.60')
    expect(total.cells[indexOf(header, '项目支出')]?.text).toBe('0.00')
    expect(total.cells[indexOf(header, '上缴上级支出')]?.text).toBe('1.00')
    expect(total.cells[indexOf(header, '经营支出')]?.text).toBe('2.00')
    expect(total.cells[indexOf(header, '对附属单位补助支出')]?.text).toBe('3.00')
  })
})

describe('space-aligned: a header printed on one line, one blank apart, over columns no row fills', () => {
  it('is placed by the column numbers printed after the stub’s own header (seed 001 支出决算表 in a smaller type)', () => {
    // `科目名称  栏次  1 … 6`: the names' header on the line of the column numbers; the run ends five places left of 6.
    const doc = fromText(
      [
        '                                   支出决算表',
        '                                                                            单位：万元',
        '',
        '                      项目           本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出',
        '功能分类科目编码',
        '                    科目名称      栏次     1            2       3       4   5      6',
        '',
        '           合计                        1055.78     994.77   61.01',
        '',
        '201        一般公共服务支出                  1001.55     952.64   48.91',
        '',
        '      注：本表反映部门本年度各项支出情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    const header = rowWith(block, '基本支出')
    const row = rowWith(block, '一般公共服务支出')
    expect(row.cells[indexOf(header, '本年支出合计')]?.text).toBe('1001.55')
    expect(row.cells[indexOf(header, '基本支出')]?.text).toBe('952.64')
    expect(row.cells[indexOf(header, '项目支出')]?.text).toBe('48.91')
    expect(row.cells[indexOf(header, '对附属单位补助支出')]?.text).toBe('')
    // The column numbers are no row: `6` stands under 对附属单位补助支出.
    expect(rowWith(block, '6').cells[indexOf(header, '对附属单位补助支出')]?.text).toBe('6')
  })
})

describe('space-aligned line kinds: a line of column numbers', () => {
  const tokens = (line: string) => tokenizeLine(line, 1)
  it('may open with the stub’s own header (科目名称, 栏次), not with a row’s name', () => {
    expect(isColumnNumberLine(tokens('                    科目名称      栏次     1            2       3'))).toBe(true)
    expect(isColumnNumberLine(tokens('          栏次           1           2        3'))).toBe(true)
    expect(isColumnNumberLine(tokens('一般公共服务支出      1            2       3'))).toBe(false)
    expect(isColumnNumberLine(tokens('        1      科目名称      2       3'))).toBe(false)
  })
})

describe('space-aligned: column numbers set left of the figures they number', () => {
  it('go under the column they pair with, so the 栏次 row stays a row of column numbers (seed 003 支出决算表 in a smaller type)', () => {
    // `1` ends where 417.30 begins: by place it would join 栏次 in the names' column, and `栏次 1` is no 栏次 row.
    const doc = fromText(
      [
        '                                 支出决算表',
        '                                                                                  单位：万元',
        '                  项目',
        '                                 本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出',
        '功能分类科目编码               科目名称',
        '',
        '                  栏次               1            2       3       4          5      6',
        '',
        '合计                                  417.30     319.43   97.87       0.00   0.00       0.00',
        '',
        '201        一般公共服务支出                 417.30     319.43   97.87       0.00   0.00       0.00',
        '      注：本表反映部门本年度各项支出情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    // Header words stand on two header rows here (本年支出合计 is over the others' line): the column of each, wherever.
    const column = (text: string) => indexOf(rowWith(block, text), text)
    const numbers = rowWith(block, '栏次')
    expect(numbers.cells[column('本年支出合计')]?.text).toBe('1')
    expect(numbers.cells[column('基本支出')]?.text).toBe('2')
    expect(numbers.cells[column('对附属单位补助支出')]?.text).toBe('6')
    expect(rowWith(block, '一般公共服务支出').cells[column('本年支出合计')]?.text).toBe('417.30')
  })
})

describe('space-aligned: a later page whose total row prints its second label between two blocks', () => {
  it('maps the names of that page onto their own block, not one block right (seed 000 基本支出决算表 printed narrower)', () => {
    // On the second page `公用经费合计` stands left of the second block's names: one name cluster more than the blocks.
    const doc = fromText(
      [
        '               一般公共预算财政拨款基本支出决算表',
        '                                                              单位：万元',
        '',
        '经济分类                    经济分类            决算    经济分类',
        '         科目名称    决算数            科目名称                   科目名称    决算数',
        '科目编码                    科目编码             数    科目编码',
        '                                商品和服务                 债务利息及费',
        '301     工资福利支出   712.50 302           79.45 307',
        '                                支出                    用支出',
        '30101   基本工资     102.63 30201   办公费     13.47 30701   国内债务付息',
        '30102   津贴补贴     269.65 30202   印刷费          30702    国外债务付息',
        '30103   奖金       128.34 30203   咨询费          310      资本性支出',
        '\f经济分类                   经济分类            决算     经济分类',
        '         科目名称    决算数           科目名称                  科目名称   决算数',
        '科目编码                   科目编码             数     科目编码',
        '        对其他个人和',
        '                               其他交通费',
        '30399   家庭的补助支         30239         21.62',
        '                               用',
        '        出',
        '                               税金及附加',
        '                       30240',
        '                               费用',
        '                               其他商品和',
        '                       30299           0.18',
        '                               服务支出',
        '人员经费合计           805.63 公用经费合计                              79.45',
        '',
        '   注：本表反映部门年度一般公共预算财政拨款基本支出明细情况。',
      ].join('\n'),
    )
    const [block] = spaceAlignedExtractor.extract(doc)
    if (!block) throw new Error('no block')
    expect(texts(rowWith(block, '30239')).filter(Boolean)).toEqual(['30399', '对其他个人和家庭的补助支出', '30239', '其他交通费用', '21.62'])
    expect(texts(rowWith(block, '30299')).filter(Boolean)).toEqual(['30299', '其他商品和服务支出', '0.18'])
    // The same columns as on the first page: 30239's name where 办公费 is.
    expect(indexOf(rowWith(block, '30239'), '其他交通费用')).toBe(indexOf(rowWith(block, '30201'), '办公费'))
  })
})

const JS_PROCUREMENT = resolve(ROOT, '..', 'shared', 'corpus', 'real', 'js-3b37a238.layout.txt')

describe.skipIf(!existsSync(JS_PROCUREMENT))('space-aligned: the name columns of a later page, shifted by pdftotext', () => {
  it('stay apart, mapped in order (js-3b37a238 政府采购预算表: 品目 and 采购方式 on p. 2)', () => {
    const doc = load(JS_PROCUREMENT)
    const rows = spaceAlignedExtractor.extract(doc).flatMap((block) => block.rows)
    // Line 578: `便携式计算机（20万以下）   政府集中采购       3.50`, two name cells and a figure.
    const row = rows.find((entry) => entry.line === 578)
    expect(row && texts(row).filter(Boolean)).toEqual(['便携式计算机（20万以下）', '政府集中采购', '3.50'])
  })
})
