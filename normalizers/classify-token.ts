import { isAmountToken, type UnplacedReason } from '../core/registry.ts'

/** A line that is only a page number with spaced digits between dashes (`— 1 0 —`, `- 2 4 -`). */
const SPACED_PAGE_NUMBER = /^[\s\f]*[-—－–](?:\s*[0-9]){1,4}\s*[-—－–]\s*$/

/** Words or sentence punctuation right before a number (at most one blank between): it is inside a text. */
const TEXT_BEFORE = /[\u3400-\u9fff，。；：、（“”）,;:(\-－—–]\s?$/
/** Words right after a number: a measure word or the sentence going on. */
const TEXT_AFTER = /^\s?[\u3400-\u9fff，。；、）”,;)\-－—–]/
/** A line of a wrapped text cell starting with a number glued to its words (`6次，年度指标值`). */
const GLUED_AFTER = /^[\u3400-\u9fff－—–]/

/**
 * Why a number outside the figures is not one, from the text around it.
 *
 * > | 截止2020年12月31日，我单位…保有量为4辆
 *         ^^^^ year ^^ date ^^ date       ^ prose-figure
 */
export function classifyToken(text: string, index: number, token: string, inTable: boolean): UnplacedReason {
  const before = text.slice(Math.max(0, index - 6), index)
  const after = text.slice(index + token.length, index + token.length + 6)
  if ((/^\s*[-—－]\s*$/.test(before) && /^\s*[-—－]\s*$/.test(after)) || (/第\s*$/.test(before) && /^\s*页/.test(after))) return 'page-number'
  // A page number printed with its digits spaced: `— 1 0 —`, centred (a short line: the test stays linear on long ones).
  const trimmed = text.trim()
  if (trimmed.length <= 40 && SPACED_PAGE_NUMBER.test(trimmed)) return 'page-number'
  if (/^\s*(年|年度)/.test(after) && /^(19|20)\d{2}$/.test(token)) return 'year'
  if (/^\s*(月|日)/.test(after) || /月\s*$/.test(before)) return 'date'
  if (/公开\s*$/.test(before) && /^\s*表/.test(after)) return 'table-number'
  // `表5`, `表 10`, `公开表7`, `附表3` alone or before the title (`表5：…`), not `详见表5`.
  if (/(?:^|[\s\f公开附])表\s*$/.test(before) && /^\s*(?:[：:.．、]|$)/.test(after)) return 'table-number'
  if (/[【\[〔]\s*$/.test(before) && /^\s*[】\]〕]/.test(after)) return 'document-number'
  if (/^\s*号/.test(after)) return 'document-number'
  if (/^\s*[、．.](?![0-9０-９])/.test(after) && /(?:^|[\s（(：:；;。])$/.test(before)) return 'ordinal'
  if (/[（(]\s*$/.test(before) && /^\s*[）)]/.test(after)) return 'ordinal'
  if (/第\s*$/.test(before)) return 'ordinal'
  if (/(分值|得分|得|扣|满分)\s*$/.test(before) || /^\s*分/.test(after)) return 'score'
  // `2020.12.31`: a date printed with points, not an amount.
  if (/^(19|20)\d{2}[.．]\d{1,2}$/.test(token) && /^[.．]\d/.test(after)) return 'date'
  // A number with decimals or separators is an amount: say so, so that no catch-all hides a figure.
  const amount = isAmountToken(token)
  if (inTable) {
    // A target or threshold of a 绩效 table: `≥90%`, `=100%`, `>1 年`, `≤5300元/月` is a limit, not a figure of the grid.
    if (/[≥≤≧≦＞＜><=＝]\s*$/.test(before) || /^\s*[%％]/.test(after)) return 'indicator'
    // A measure glued to its unit in a text cell (`沥青砼 15cm`, `49.5×20×10 缘石`, `1.5×1.5 树池`): a size, not a figure.
    if (/^(?:[a-zA-Z]|[×xX*]\d)/.test(after) || /\d[×xX*]$/.test(before)) return 'cell-text'
    // An item number of a list in a text cell (`1.4－成本指标，41－经济成本指标`, 广州's 绩效 indicators): a dash then words.
    if (/^[－—–][\u3400-\u9fff]/.test(after)) return 'cell-text'
    // A whole number inside the words of a text cell (`黄埔东路3座隧道`, `完成2项`): part of its sentence.
    if (!amount && ((TEXT_BEFORE.test(before) && TEXT_AFTER.test(after)) || (/^\s*$/.test(before) && GLUED_AFTER.test(after)))) return 'cell-text'
    return amount ? 'table-amount' : 'table-text'
  }
  if (/^\s*(万元|元|亿元|千元)/.test(after)) return 'prose-money'
  if (/^\s*[%％]/.test(after)) return 'prose-percent'
  return amount ? 'prose-amount' : 'prose-number'
}
