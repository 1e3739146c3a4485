/**
 * Comparison words against the figures they compare. The 情况说明 prints two
 * figures and says how they relate, and the words must agree with the
 * figures:
 *
 * > | 年初预算为1560.05万元，支出决算为1511.89万元。决算数大于预算数的主要原因是…
 *                                                   ^^^^^^^^^^^^^^ (the figures say 小于)
 *
 * > | 2026年支出预算29956.27万元，比2025年年初预算数28479.84万元增加1476.73万元，增长5.18%。
 *                                                                ^^^^^^^^^^ (29956.27 − 28479.84 = 1476.43)
 *
 * Two kinds of claims are judged, each within the rounding of the printed
 * digits:
 * - a relation word between the 决算 and 预算 figures (大于, 高于, 超过, 小于,
 *   低于, 等于, 持平 …) in the sentence of the two figures or the one right
 *   after, against the last 预算 and 决算 figure printed before it;
 * - a printed change (增加/减少 X万元, 增长/下降 X%) against the figure it
 *   follows and the base it names (`比2025年预算数 Y万元`, or in a 决算 the
 *   预算 figure when it says `比预算`); a percentage without a printed base
 *   against the figure and the change (`4万元，比2023年减少12万元，下降75%`:
 *   12 / (4 + 12)).
 * Passes are listed as well; a claim whose figures the prose did not print
 * (`与上年相比减少1.70万元` with no prior-year figure and no percentage) is
 * not judged.
 */
import type { Fact } from '../../core/types.ts'
import type { CheckRow } from '../../core/types.ts'
import { parseNumber, toYuan } from '../../normalizers/parse-amount.ts'
import type { CheckContext, CheckDocument } from './check-helpers.ts'
import { absValue, buildTextRow, compareValues, computeCheckId, createCheckContext, formatInUnit, halfUnitOf, subtractValues, sumValues, unitOf } from './check-helpers.ts'
import type { ProseText } from './prose-text.ts'
import { proseOffsetOf, proseSpan, readProseText, sentenceStart } from './prose-text.ts'

/** A relation of the 决算 figure to the 预算 figure. */
type Relation = 'greater' | 'less' | 'equal'

const RELATION_WORDS: Readonly<Record<string, Relation>> = {
  大于: 'greater',
  高于: 'greater',
  多于: 'greater',
  超过: 'greater',
  超出: 'greater',
  小于: 'less',
  低于: 'less',
  少于: 'less',
  等于: 'equal',
  持平: 'equal',
  相等: 'equal',
  一致: 'equal',
  相同: 'equal',
}

const RELATION_ZH: Readonly<Record<Relation, string>> = { greater: '大于', less: '小于', equal: '等于' }

/** `决算数大于年初预算数`: the relation word between 决算 and 预算, 决算 first. */
const ACTUAL_FIRST = /决算数?(大于|高于|多于|超过|超出|小于|低于|少于|等于)(?:年初|调整后|全年)?预算/g
/** `决算数与全年预算数持平`. */
const ACTUAL_WITH = /决算数?与(?:年初|调整后|全年)?预算数?(持平|相等|一致|相同)/g
/** `预算数大于决算数`: 预算 first, the relation reversed. */
const BUDGET_FIRST = /预算数?(大于|高于|多于|小于|低于|少于|等于)(?:年度|全年)?决算/g

/** Words right before a figure that make it the prior year's (`上年3,468.18万元`). */
const PRIOR_BEFORE = /(?:上年|去年|上一年|上年度)[:：]?$/

/** Most characters between a printed change and its percentage (`减少12万元，下降75%`): farther, the percentage is about something else. */
const PERCENT_GAP = 8

/** A percentage off by at most this many points beyond what the printed digits allow is a warning: computed from unrounded figures or a slightly other base. */
const PERCENT_SLACK = 0.1

/** `比年初预算减少`, `较预算增加`: a change measured against the 预算 figure. */
const AGAINST_BUDGET = /(?:比|较)(?:年初|调整后|全年)?预算/

/** A prose figure and where it stands in the prose text. */
interface Located {
  fact: Fact
  offset: number
  /** The unit the figure was printed in when it is read in another (a slip, see `rescaled`). */
  unitSlip?: string
}

/** A relation word printed in the prose: what it claims and where. */
interface RelationClaim {
  relation: Relation
  word: string
  offset: number
  length: number
}

/** The relation words of the prose, in text order. */
function findRelationClaims(text: string): RelationClaim[] {
  const claims: RelationClaim[] = []
  for (const [pattern, reversed] of [
    [ACTUAL_FIRST, false],
    [ACTUAL_WITH, false],
    [BUDGET_FIRST, true],
  ] as const) {
    for (const match of text.matchAll(pattern)) {
      const word = match[1] ?? ''
      const relation = RELATION_WORDS[word]
      if (!relation) continue
      const turned: Relation = reversed && relation !== 'equal' ? (relation === 'greater' ? 'less' : 'greater') : relation
      claims.push({ relation: turned, word: match[0], offset: match.index, length: match[0].length })
    }
  }
  return claims.sort((a, b) => a.offset - b.offset)
}

/** Whether a prose figure is money in yuan. */
function isMoney(fact: Fact): boolean {
  return fact.unit === 'CNY'
}

/** Whether a prose figure is a percentage. */
function isPercent(fact: Fact): boolean {
  return fact.unit === 'percent'
}

/** The start of the sentence before the one holding `offset` (the window a claim looks back in). */
function previousSentenceStart(prose: ProseText, offset: number): number {
  const start = sentenceStart(prose, offset)
  return start > 0 ? sentenceStart(prose, start - 1) : 0
}

/** The located money figures printed in `[from, to)`, found by binary search (they are sorted by offset). */
function moneyBetween(located: readonly Located[], from: number, to: number): Located[] {
  const first = firstAtOrAfter(located, from)
  const last = firstAtOrAfter(located, to)
  return located.slice(first, last).filter((entry) => isMoney(entry.fact))
}

/** The index of the first located figure at or after `offset`. */
function firstAtOrAfter(located: readonly Located[], offset: number): number {
  let low = 0
  let high = located.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((located[middle]?.offset ?? 0) < offset) low = middle + 1
    else high = middle
  }
  return low
}

/** Where a figure was printed: `952.64万元 at 345:19`. */
function printed(fact: Fact): string {
  return `${fact.value_raw}${fact.unit_raw} at ${fact.line}:${fact.column}`
}

/** A figure in the unit and decimals it was printed in, for messages. */
function inPrintedUnit(context: CheckContext, fact: Fact, yuan: string): string {
  const decimals = parseNumber(fact.value_raw)?.scale ?? 2
  const unit = unitOf(context, fact)
  return `${formatInUnit(yuan, unit, decimals)}${unit}`
}

/** Judge a relation word against the last 决算 and 预算 figures before it. */
function judgeRelation(context: CheckContext, prose: ProseText, located: readonly Located[], claim: RelationClaim, docId: string): CheckRow | undefined {
  const before = moneyBetween(located, previousSentenceStart(prose, claim.offset), claim.offset)
  const actual = before.findLast((entry) => entry.fact.measure === 'actual')
  const budget = before.findLast((entry) => entry.fact.measure === 'budget')
  // The two figures compared are printed in one sentence.
  if (!actual || !budget || sentenceStart(prose, actual.offset) !== sentenceStart(prose, budget.offset)) return undefined
  const difference = subtractValues(actual.fact.value, budget.fact.value)
  const tolerance = sumValues([halfUnitOf(context, actual.fact), halfUnitOf(context, budget.fact)])
  const sign = compareValues(difference, '0')
  const withinRounding = compareValues(absValue(difference), tolerance) <= 0
  const holds = claim.relation === 'equal' ? withinRounding : claim.relation === 'greater' ? sign > 0 : sign < 0
  const figuresSay: Relation = sign === 0 ? 'equal' : sign > 0 ? 'greater' : 'less'
  const place = proseSpan(prose, claim.offset, claim.length)
  const zh = `说明文字“${claim.word}”（${place.line}:${place.column}）${holds ? '与' : '与所印数字不符：'}决算 ${actual.fact.value_raw}${actual.fact.unit_raw}（${actual.fact.line}:${actual.fact.column}）${holds ? '、' : RELATION_ZH[figuresSay]}预算 ${budget.fact.value_raw}${budget.fact.unit_raw}（${budget.fact.line}:${budget.fact.column}）${holds ? '相符' : ''}`
  const en = holds
    ? `The prose says \`${claim.word}\` at ${place.line}:${place.column}, and the figures agree: actual ${printed(actual.fact)}, budget ${printed(budget.fact)}`
    : `The prose says \`${claim.word}\` (actual ${claim.relation === 'equal' ? 'equal to' : `${claim.relation} than`} budget) at ${place.line}:${place.column}, but the figures it compares say ${figuresSay === 'equal' ? 'equal' : `${figuresSay} than`}: actual ${printed(actual.fact)}, budget ${printed(budget.fact)}, difference ${inPrintedUnit(context, actual.fact, difference)}`
  return {
    check_id: computeCheckId(docId, 'prose-comparison', '', `relation:${place.line}:${place.column}`, 'actual'),
    doc_id: docId,
    rule: 'prose-comparison',
    base_rule: 'prose-comparison',
    severity: holds ? 'info' : 'error',
    status: holds ? 'pass' : 'fail',
    table_id: '',
    subject_code: '',
    line_item: actual.fact.line_item,
    measure: 'actual',
    expected: budget.fact.value,
    actual: actual.fact.value,
    difference,
    tolerance,
    fact_ids: `${actual.fact.fact_id};${budget.fact.fact_id}`,
    message: `${zh} · ${en}`,
    place,
  }
}

/** What a printed change is measured from: the figure it follows and, when printed, the base it names. */
interface ChangeBase {
  current: Located
  base: Located | undefined
}

/**
 * The figures a printed change relates: the last figure stating the item's
 * value before it (预算 in a 预算, 决算 or an amount otherwise) in its
 * sentence or the one before, and the base: a prior-year figure printed
 * between the two, or in a 决算 the 预算 figure when the words say `比预算`.
 */
function findChangeBase(prose: ProseText, located: readonly Located[], change: Located, docKind: string): ChangeBase | undefined {
  const before = moneyBetween(located, previousSentenceStart(prose, change.offset), change.offset)
  const stated = docKind === 'budget' ? ['budget', 'amount'] : ['actual', 'amount']
  // `（注：上年3,468.18万元）`: a figure right after 上年 is a base, whatever its measure.
  const priorLike = (entry: Located): boolean => PRIOR_BEFORE.test(prose.text.slice(Math.max(0, entry.offset - 6), entry.offset))
  const candidates = before.filter((entry) => stated.includes(entry.fact.measure) && !priorLike(entry))
  // The figure of the item the change is about (`财政拨款收入1118.77万元，支出总计1554.98万元。…财政拨款收入减少5484.14万元`); a change naming an item printed nowhere before it is not judged.
  const current = candidates.findLast((entry) => sameItem(entry.fact, change.fact)) ?? (change.fact.line_item ? undefined : candidates.at(-1))
  if (!current) return undefined
  const between = before.filter((entry) => entry.offset > current.offset)
  // Another change between the figure and this one: this change is measured from something else (`增加X万元，其中…减少Y万元`).
  if (between.some((entry) => entry.fact.measure === 'change')) return undefined
  const prior = between.findLast((entry) => entry.fact.measure === 'prior_year' || priorLike(entry))
  if (prior) return { current, base: rescaled(prior, current) }
  const words = prose.text.slice(current.offset, change.offset)
  if (docKind === 'final_accounts' && current.fact.measure === 'actual' && AGAINST_BUDGET.test(words)) {
    const budget = before.findLast((entry) => entry.fact.measure === 'budget' && entry.offset < current.offset && sameItem(entry.fact, current.fact))
    if (budget) return { current, base: rescaled(budget, current) }
  }
  return { current, base: undefined }
}

/** Whether two prose figures are about the same item: the same key, else the same label. */
function sameItem(a: Fact, b: Fact): boolean {
  if (a.line_item && b.line_item) return a.line_item === b.line_item
  return a.label !== '' && a.label === b.label
}

/**
 * A base printed in another unit than the figure it is compared with, read
 * in the figure's unit when the figures agree only so (`417.3万元，比2019年
 * 356.48元增加60.82万元`: the 元 is a slip); kept as printed otherwise. The
 * slip is named in the message (`unitSlip`).
 */
function rescaled(base: Located, current: Located): Located {
  if (!base.fact.unit_raw || !current.fact.unit_raw || base.fact.unit_raw === current.fact.unit_raw) return base
  const number = parseNumber(base.fact.value_raw)
  if (!number) return base
  const value = toYuan(number, current.fact.unit_raw)
  // Only a base that is implausibly small or large next to the figure (a factor of 1000 or more) is read as a slip.
  const ratio = Math.abs(Number(current.fact.value)) / Math.max(Math.abs(Number(base.fact.value)), 1)
  if (ratio < 1000 && ratio > 0.001) return base
  return { offset: base.offset, fact: { ...base.fact, value, unit_raw: current.fact.unit_raw }, unitSlip: base.fact.unit_raw }
}

/** Judge a printed money change against its figure and base: `current − base` within rounding. */
function judgeChangeAmount(context: CheckContext, change: Located, { current, base }: ChangeBase & { base: Located }, docId: string): CheckRow {
  const expected = subtractValues(current.fact.value, base.fact.value)
  const difference = subtractValues(change.fact.value, expected)
  const tolerance = sumValues([change, current, base].map((entry) => halfUnitOf(context, entry.fact)))
  const agrees = compareValues(difference, '0') === 0
  const slip = base.unitSlip
  // A base whose digits agree only in another unit than printed is a finding all the same.
  const equal = agrees && !slip
  const rounding = !agrees && compareValues(absValue(difference), tolerance) <= 0 && !slip
  // A change printed the wrong way (增加 where the figures went down) is named as such.
  const wrongWay = compareValues(change.fact.value, '0') * compareValues(expected, '0') < 0
  const word = change.fact.measure_raw || '变动'
  const expectedText = inPrintedUnit(context, change.fact, expected)
  const zh =
    `说明文字“${word}${change.fact.value_raw}${change.fact.unit_raw}”（${change.fact.line}:${change.fact.column}）${agrees ? '=' : '≠'} ${current.fact.value_raw}${current.fact.unit_raw}（${current.fact.line}:${current.fact.column}）− ${base.fact.value_raw}${base.fact.unit_raw}（${base.fact.line}:${base.fact.column}）= ${expectedText}` +
    (wrongWay ? `，数字为${compareValues(expected, '0') > 0 ? '增加' : '减少'}，与“${word}”相反` : agrees ? '' : `，相差 ${inPrintedUnit(context, change.fact, difference)}`) +
    (rounding ? '，在尾数误差范围内' : '') +
    (slip ? `；基数 ${base.fact.value_raw} 印为“${slip}”，按${base.fact.unit_raw}读才相符，疑为单位印错` : '')
  const en =
    `Printed change \`${word} ${change.fact.value_raw}${change.fact.unit_raw}\` at ${change.fact.line}:${change.fact.column} ${agrees ? 'equals' : 'against'} ${printed(current.fact)} − ${printed(base.fact)} = ${expectedText}` +
    (wrongWay ? ': the words say the opposite direction' : agrees ? '' : `, off by ${difference} yuan`) +
    (rounding ? ` (within the rounding tolerance ${tolerance})` : '') +
    (slip ? `; the base ${base.fact.value_raw} is printed in ${slip} and agrees only read in ${base.fact.unit_raw}: a unit slip` : '')
  return {
    check_id: computeCheckId(docId, 'prose-comparison', '', `change:${change.fact.line}:${change.fact.column}`, 'change'),
    doc_id: docId,
    rule: rounding && !wrongWay ? 'rounding' : 'prose-comparison',
    base_rule: 'prose-comparison',
    severity: equal ? 'info' : rounding && !wrongWay ? 'warning' : 'error',
    status: equal ? 'pass' : 'fail',
    table_id: '',
    subject_code: '',
    line_item: change.fact.line_item || current.fact.line_item,
    measure: 'change',
    expected,
    actual: change.fact.value,
    difference,
    tolerance,
    fact_ids: [change, current, base].map((entry) => entry.fact.fact_id).join(';'),
    message: `${zh} · ${en}`,
  }
}

/** Half a unit of the last printed digit of a figure, in its value's unit (yuan for money, points for a percentage). */
function halfDigit(context: CheckContext, fact: Fact): number {
  if (isMoney(fact)) return Number(halfUnitOf(context, fact))
  return 0.5 * 10 ** -(parseNumber(fact.value_raw)?.scale ?? 0)
}

/**
 * Judge a printed percentage change: `(current − base) / base`, or without a
 * printed base `change / (current − change)`, over every corner of the
 * figures' rounding ranges; it holds when the printed percentage, give or
 * take half its last digit, falls in that range.
 */
function judgeChangePercent(context: CheckContext, percent: Located, base: ChangeBase, money: Located | undefined, docId: string): CheckRow | undefined {
  const current = Number(base.current.fact.value)
  const currentHalf = halfDigit(context, base.current.fact)
  const corners: number[] = []
  const parts = base.base ? [base.current, base.base] : money ? [base.current, money] : undefined
  if (!parts) return undefined
  const [, other] = parts as [Located, Located]
  const otherValue = Number(other.fact.value)
  const otherHalf = halfDigit(context, other.fact)
  for (const c of [current - currentHalf, current + currentHalf]) {
    for (const o of [otherValue - otherHalf, otherValue + otherHalf]) {
      // With a base: (c − b) / b; with the change only: z / (c − z).
      const denominator = base.base ? o : c - o
      if (denominator <= 0) return undefined
      corners.push(((base.base ? c - o : o) / denominator) * 100)
    }
  }
  const low = Math.min(...corners)
  const high = Math.max(...corners)
  const value = Number(percent.fact.value)
  const half = halfDigit(context, percent.fact)
  const holds = value + half >= low && value - half <= high
  // How far the printed percentage is from what the digits allow, in points.
  const miss = holds ? 0 : Math.max(low - (value + half), value - half - high)
  const exact = base.base ? ((current - otherValue) / otherValue) * 100 : (otherValue / (current - otherValue)) * 100
  const decimals = Math.max(parseNumber(percent.fact.value_raw)?.scale ?? 0, 2)
  // A decrease is printed as its size (`减少12万元`): the base is the figure plus it.
  const decrease = otherValue < 0
  const formula = base.base
    ? `(${base.current.fact.value_raw} − ${other.fact.value_raw}) / ${other.fact.value_raw}`
    : `${decrease ? '−' : ''}${other.fact.value_raw} / (${base.current.fact.value_raw} ${decrease ? '+' : '−'} ${other.fact.value_raw})`
  const slip = other.unitSlip ? `；基数 ${other.fact.value_raw} 印为“${other.unitSlip}”，按${other.fact.unit_raw}读` : ''
  const slipEn = other.unitSlip ? `; the base ${other.fact.value_raw} is printed in ${other.unitSlip}, read in ${other.fact.unit_raw}` : ''
  const places = `${printed(base.current.fact)}, ${printed(other.fact)}`
  const word = percent.fact.measure_raw || '变动'
  const zh = `说明文字“${word}${percent.fact.value_raw}%”（${percent.fact.line}:${percent.fact.column}）${holds ? '与' : '与所印数字不符：'}${formula} = ${exact.toFixed(decimals)}%${holds ? ' 相符' : ''}${slip}`
  const en = `Printed change \`${word} ${percent.fact.value_raw}%\` at ${percent.fact.line}:${percent.fact.column} ${holds ? 'agrees with' : 'disagrees with'} ${formula} = ${exact.toFixed(decimals)}% (${places}; the printed digits allow ${low.toFixed(decimals)}% to ${high.toFixed(decimals)}%)${slipEn}`
  return buildTextRow({
    docId,
    rule: 'prose-comparison',
    key: `percent:${percent.fact.line}:${percent.fact.column}`,
    failed: !holds,
    ...(miss > 0 && miss <= PERCENT_SLACK ? { severity: 'warning' as const } : {}),
    lineItem: percent.fact.line_item || base.current.fact.line_item,
    measure: 'change',
    factIds: [percent, base.current, other].map((entry) => entry.fact.fact_id),
    place: { line: percent.fact.line, column: percent.fact.column, endLine: percent.fact.end_line, endColumn: percent.fact.end_column },
    zh,
    en,
  })
}

/** Check every comparison the prose prints against the figures it compares. */
export function checkProseComparison(facts: Fact[], _checkable?: unknown, document?: CheckDocument): CheckRow[] {
  if (!document) return []
  const proseFacts = facts.filter((fact) => fact.origin === 'prose' && (isMoney(fact) || isPercent(fact)))
  if (proseFacts.length === 0) return []
  const prose = readProseText(document)
  const located: Located[] = []
  for (const fact of proseFacts) {
    const offset = proseOffsetOf(prose, fact)
    if (offset !== undefined) located.push({ fact, offset })
  }
  located.sort((a, b) => a.offset - b.offset)
  const context = createCheckContext(proseFacts)
  const docId = document.docId
  const rows: CheckRow[] = []
  for (const claim of findRelationClaims(prose.text)) {
    const row = judgeRelation(context, prose, located, claim, docId)
    if (row) rows.push(row)
  }
  for (const [index, entry] of located.entries()) {
    if (entry.fact.measure !== 'change') continue
    const next = located[index + 1]
    if (isMoney(entry.fact)) {
      const base = findChangeBase(prose, located, entry, document.metadata.docKind)
      if (!base) continue
      if (base.base) rows.push(judgeChangeAmount(context, entry, { ...base, base: base.base }, docId))
      // `减少12万元，下降75%`: the percentage right after the amount, in the same sentence.
      const gap = next ? prose.text.slice(entry.offset, next.offset).replace(/^[^万元亿千]*[万元亿千]+元?/, '') : ''
      if (next && next.fact.measure === 'change' && isPercent(next.fact) && gap.length <= PERCENT_GAP && !/[。；;]/.test(gap)) {
        const row = judgeChangePercent(context, next, base, entry, docId)
        if (row) rows.push(row)
      }
    } else if (isPercent(entry.fact)) {
      // A percentage with no amount before it, against a printed base.
      const previous = located[index - 1]
      if (previous && previous.fact.measure === 'change' && isMoney(previous.fact)) continue
      const base = findChangeBase(prose, located, entry, document.metadata.docKind)
      if (!base?.base) continue
      const row = judgeChangePercent(context, entry, base, undefined, docId)
      if (row) rows.push(row)
    }
  }
  return rows
}
