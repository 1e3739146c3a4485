import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chromium, type BrowserContext } from 'playwright-core'
import { build } from '../../runtime/build.ts'
import { OUTPUT_TABLES } from '../../outputs/tables.ts'
import { SourceDocument } from '../../core/document.ts'
import { reportPart } from '../../outputs/writers/write-report.ts'
import { ROOT, seedName } from '../helpers/documents.ts'
import { departmentIdOf } from '../../normalizers/normalize-department.ts'

const CHROMIUM = '/usr/bin/chromium'
// No network, no first-run or background traffic: the page must work from disk alone.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const OUTPUT = join(ROOT, 'test', 'output')

let work: string
let dist: string

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cn-budget-report-'))
  dist = join(work, 'dist')
  await build({ inputs: [join(ROOT, 'seeds')], out: dist, root: ROOT, cache: false, workers: 0 })
}, 120_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('dist/report.html as a file', () => {
  it('is one self-contained page: no external scripts, styles, fonts or images, and a policy that forbids loading any', () => {
    const html = readFileSync(join(dist, 'report.html'), 'utf8')
    expect(html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none';/)
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=/i)
    expect(html).not.toMatch(/url\(/)
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/)
  })

  it('embeds the source lines figures point at, escaped, with an anchor per line', () => {
    const html = readFileSync(join(dist, 'report.html'), 'utf8')
    // 001: the printed 20103 figure of the failed check, in its source line.
    expect(html).toContain('id="src-001_fcedaedd7c0e673c-L126"')
    expect(html).toMatch(/href="#src-001_fcedaedd7c0e673c-L126">126:32</)
    expect(html).not.toMatch(/<(?!\/?(a|b|br|code|details|div|figcaption|figure|footer|g|h[1-4]|header|html|head|body|li|main|meta|p|pre|rect|section|small|span|style|script|summary|svg|table|tbody|td|text|th|thead|title|tr|ul)\b)[a-z]/i)
  })
})

describe('documents and their checks', () => {
  it('a budget in prose (seed 004) is checked on its prose comparisons; none says "All 0 checks pass"', () => {
    const html = readFileSync(join(dist, 'report.html'), 'utf8')
    const section = (docId: string): string => html.slice(html.indexOf(`<section class="doc" id="doc-${docId}"`), html.indexOf('</section>', html.indexOf(`id="doc-${docId}"`)))
    expect(section('004_029cdf212501b074')).toContain('所有核对均通过 All 2 checks pass.')
    expect(html).not.toContain('All 0 checks pass')
    // A document whose checks ran says how many, and which failed.
    expect(section('002_c7d260566f70815e')).toMatch(/核对未通过 Failed checks <small>0 错误 errors · \d+ 尾数 rounding · [1-9]\d* evaluated/)
  })
})

describe('report parts', () => {
  it('a megabyte-long line with 130 000 numbers on it is cut in the page, and rendered in linear time', () => {
    // Built by hand rather than processed, so the test times the report and nothing else.
    const line = '\t12.30\t—'.repeat(130_000)
    const doc = new SourceDocument('long.txt', new TextEncoder().encode(line))
    doc.docId = 'long'
    doc.setText(`title\n${line}\n`)
    for (let index = 0; index < 130_000; index++) {
      const column = index * 8 + 2
      doc.unplaced.push({ doc_id: 'long', source_file: 'long.txt', table_id: '', line: 2, column, end_line: 2, end_column: column + 5, raw: '12.30', reason: 'table-text' })
    }
    const started = performance.now()
    const part = reportPart(doc)
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(part.section).toContain('line cut at 2000 characters')
    expect(part.section.length).toBeLessThan(200_000)
  })
})

describe('dist/README.md', () => {
  it('lists every table and every column with its Chinese and English description, and the caveats', () => {
    const readme = readFileSync(join(dist, 'README.md'), 'utf8')
    for (const { schema } of OUTPUT_TABLES) {
      expect(readme).toContain(`### \`${schema.name}\` — ${schema.title_zh} ${schema.title_en}`)
      for (const field of schema.fields) expect(readme, `${schema.name}.${field.name}`).toContain(`| \`${field.name}\` | ${field.title_zh} |`)
    }
    expect(readme).toContain('核对未通过 What a check failure means')
    expect(readme).toContain('未归位数值 unplaced')
    expect(readme).toContain('尾数误差 rounding')
    expect(readme).not.toContain('构建选项 Build options')
  })
})

describe.skipIf(!existsSync(CHROMIUM))('dist/report.html in headless Chromium (needs /usr/bin/chromium; `make test` installs it)', () => {
  let context: BrowserContext
  let profile: string
  const requests: string[] = []

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'cn-budget-chromium-'))
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 1000 } })
    context.on('request', (request) => requests.push(request.url()))
  }, 60_000)

  afterAll(async () => {
    await context?.close()
    rmSync(profile, { recursive: true, force: true })
  })

  it('renders the charts, shows a failed check with its numbers, jumps to the source line, and loads nothing from the network', async () => {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const url = pathToFileURL(join(dist, 'report.html')).href
    await page.goto(url)

    // Charts: every document with tables has its three SVG charts, with bars of real width.
    const section = page.locator('[id="doc-000_3c34c72f74ac532a"]')
    await expect.poll(() => section.locator('figure.chart svg').count()).toBe(3)
    const bars = section.locator('svg rect.bar')
    expect(await bars.count()).toBeGreaterThan(10)
    const box = await bars.first().boundingBox()
    expect(box?.width ?? 0).toBeGreaterThan(5)
    expect(box?.height ?? 0).toBeGreaterThan(5)
    expect(await page.locator('figure.chart figcaption', { hasText: '“三公”经费' }).count()).toBeGreaterThanOrEqual(4)

    // The failed check of 001: 20103 printed 951.38 万元 against children summing to 931.38 — a difference of 200000 yuan.
    const check = page.locator(`[id="doc-${seedName('001').replace('.txt', '')}"] tr.check.error`, { hasText: '20103' }).first()
    await expect.poll(() => check.isVisible()).toBe(true)
    const text = await check.innerText()
    expect(text).toContain('200000')
    expect(text).toContain('20.00 万元')
    expect(text).toContain('9513800')
    expect(text).toContain('9313800')

    // Its place links to the source line, shown highlighted in context.
    await check.locator('td.places a').first().click()
    expect(page.url()).toMatch(/#src-001_fcedaedd7c0e673c-L126$/)
    const target = page.locator('[id="src-001_fcedaedd7c0e673c-L126"]')
    expect(await target.innerText()).toContain('951.38')
    // Runs in the page; the repository's type-check has no DOM library, hence the cast.
    const background = await target.evaluate((element) => (globalThis as unknown as { getComputedStyle(node: unknown): { backgroundColor: string } }).getComputedStyle(element).backgroundColor)
    expect(background).not.toBe('rgba(0, 0, 0, 0)')

    // A figure in the source links to its row in the (closed) list of figures, which opens.
    await target.locator('a.fig').first().click()
    expect(await page.locator('details.figures[open]').count()).toBeGreaterThan(0)

    mkdirSync(OUTPUT, { recursive: true })
    await page.goto(url)
    await page.screenshot({ path: join(OUTPUT, 'report.png') })
    await page.goto(`${url}#doc-001_fcedaedd7c0e673c`)
    await page.screenshot({ path: join(OUTPUT, 'report-001.png'), fullPage: false })
    expect(errors).toEqual([])
    expect(requests.filter((request) => !request.startsWith('file://'))).toEqual([])
  }, 60_000)

  it('shows a page per department: its years side by side with a chart per functional class, and its budget against final', async () => {
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    const id = departmentIdOf('湖南省人民政府驻上海办事处', '部门')
    // A document's section links to its department's page.
    await page.goto(`${pathToFileURL(join(dist, 'report.html')).href}#doc-000_3c34c72f74ac532a`)
    await page.locator('[id="doc-000_3c34c72f74ac532a"] p.meta a', { hasText: '部门逐年' }).click()
    expect(page.url()).toMatch(new RegExp(`#dept-${id}$`))
    const section = page.locator(`[id="dept-${id}"]`)
    await expect.poll(() => section.isVisible()).toBe(true)
    expect(await page.locator('section.dept').count()).toBe(5)
    expect(await section.locator('h2').innerText()).toContain('湖南省人民政府驻上海办事处')
    // Its 2020 决算, class by class: 201 一般公共服务支出 1345.98 万元 (seed 000's 支出决算表), one small chart per class with a bar of real width.
    const years = section.locator('table.years')
    expect(await years.locator('th').allInnerTexts()).toEqual(['类 class', '2020 决算'])
    expect(await years.locator('tr', { hasText: '201 一般公共服务支出' }).innerText()).toContain('1345.98')
    const charts = section.locator('figure.chart svg')
    expect(await charts.count()).toBe(await years.locator('tbody tr').count())
    const box = await section.locator('svg rect.bar').first().boundingBox()
    expect(box?.width ?? 0).toBeGreaterThan(5)
    // The budget the 决算 prints itself against what it spent: 公务接待费 26.27 against 16.55 万元, 63%.
    const reception = section.locator('table.bvf tr', { hasText: 'official_reception' }).filter({ hasText: 'printed' })
    expect(await reception.innerText()).toMatch(/26\.27\s+16\.55\s+-9\.72\s+63%/)
    // And what its explanations print in one sentence: 一般公共服务支出年初预算为684.08万元，支出决算为1345.98万元.
    expect(await section.locator('table.bvf tr', { hasText: '说明 201' }).innerText()).toMatch(/684\.08\s+1345\.98\s+661\.90\s+196\.76%/)
    mkdirSync(OUTPUT, { recursive: true })
    await section.screenshot({ path: join(OUTPUT, 'report-department.png') })
    expect(errors).toEqual([])
  }, 60_000)
})
