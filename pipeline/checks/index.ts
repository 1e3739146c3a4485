/**
 * The consistency checks of a document's facts: every rule, and one entry
 * point that runs them all in a stable order.
 */
import type { Fact } from '../../core/types.ts'
import { checkBalanceIdentities } from './balance-identities.ts'
import { checkCrossTable } from './cross-table.ts'
import { checkHierarchy } from './hierarchy.ts'
import { checkRowIdentities } from './row-identities.ts'
import { checkProseVsTable } from './prose-vs-table.ts'
import { checkProseComparison } from './prose-comparison.ts'
import { checkDocumentMetadata } from './document-metadata.ts'
import { checkTablePresence } from './table-presence.ts'
import { checkBlankCells } from './blank-cells.ts'
import type { CheckRow } from '../../core/types.ts'
import type { CheckRuleName } from '../../core/registry.ts'
import type { CheckDocument, CheckRule } from './check-helpers.ts'
import { checkableFacts } from './check-helpers.ts'

/** The check shapes, for callers that import only this module. */
export type { CheckRow, CheckSeverity, CheckStatus } from '../../core/types.ts'
export type { CheckRuleName } from '../../core/registry.ts'
export type { CheckDocument, CheckRule } from './check-helpers.ts'

/** Every rule by name, in the order their rows are listed. */
export const CHECK_RULES: Readonly<Record<CheckRuleName, CheckRule>> = {
  hierarchy: checkHierarchy,
  'row-identity': checkRowIdentities,
  'balance-identity': checkBalanceIdentities,
  'cross-table': checkCrossTable,
  'prose-vs-table': checkProseVsTable,
  'prose-comparison': checkProseComparison,
  'table-presence': checkTablePresence,
  'blank-cells': checkBlankCells,
  'document-metadata': checkDocumentMetadata,
}

const RULE_ORDER = Object.keys(CHECK_RULES)
const RULES = Object.values(CHECK_RULES)

/** Order of rows: rule, table, subject code, line item, measure, then the id (plain code-unit order, not locale). */
function compareRows(a: CheckRow, b: CheckRow): number {
  const rule = RULE_ORDER.indexOf(a.base_rule) - RULE_ORDER.indexOf(b.base_rule)
  if (rule !== 0) return rule
  for (const field of ['table_id', 'subject_code', 'line_item', 'measure', 'check_id'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1
  }
  return 0
}

/**
 * Run every rule over facts, one document at a time (rules assume one
 * document), and list the rows in a stable order. Given the document the
 * facts come from, the rules that read its text (headings, prose sentences,
 * the tables it lists) run too.
 */
export function runChecks(facts: Fact[], document?: CheckDocument): CheckRow[] {
  const documents = new Map<string, Fact[]>()
  for (const fact of facts) {
    const list = documents.get(fact.doc_id)
    if (list) list.push(fact)
    else documents.set(fact.doc_id, [fact])
  }
  const rows: CheckRow[] = []
  for (const documentFacts of documents.values()) {
    const checkable = checkableFacts(documentFacts)
    for (const rule of RULES) rows.push(...rule(documentFacts, checkable, document))
  }
  // A document without facts still has headings and tables to check.
  if (document && documents.size === 0) for (const rule of RULES) rows.push(...rule([], checkableFacts([]), document))
  return rows.sort((a, b) => (a.doc_id === b.doc_id ? compareRows(a, b) : a.doc_id < b.doc_id ? -1 : 1))
}
