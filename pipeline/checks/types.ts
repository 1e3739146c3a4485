/**
 * Shapes of the consistency checks: one row per identity evaluated on the
 * facts of one document, passes included, so a reader can see what was
 * verified and not only what failed.
 */
import type { Fact, TableId } from '../../core/types.ts'
import type { CheckableFacts } from './check-helpers.ts'

/** How bad a check row is: `info` for passes, `warning` for rounding-sized or only-comparable-in-general differences, `error` otherwise. */
export type CheckSeverity = 'error' | 'warning' | 'info'

/** Whether the identity held exactly. */
export type CheckStatus = 'pass' | 'fail'

/** The rules, one file each; `rounding` is what a rule's failure becomes when the difference is within the printing tolerance. */
export type CheckRuleName = 'hierarchy' | 'row-identity' | 'balance-identity' | 'cross-table' | 'prose-vs-table'

/** One evaluated identity: a row of `dist/checks`. */
export interface CheckRow {
  /** sha256 of `doc_id|base_rule|table_id|key|measure`, 16 hex: stable across rebuilds and across outcomes. */
  check_id: string
  doc_id: string
  /** The rule that judged the row: its own name, or `rounding` for a failure within the tolerance. */
  rule: CheckRuleName | 'rounding'
  /** The rule that evaluated the identity, whatever the outcome. */
  base_rule: CheckRuleName
  severity: CheckSeverity
  status: CheckStatus
  /** The table of the printed (actual) figure. */
  table_id: TableId | ''
  subject_code: string
  line_item: string
  measure: string
  /** What the figures around it add up to, decimal string of yuan. */
  expected: string
  /** The printed figure being checked, decimal string of yuan. */
  actual: string
  /** actual − expected, decimal string of yuan. */
  difference: string
  /** Largest difference that printing (rounding to the last printed digit) explains, decimal string of yuan. */
  tolerance: string
  /** Facts involved, actual first, `;`-joined. */
  fact_ids: string
  /** Chinese · English, with the numbers, where each was printed, and by how much they differ. */
  message: string
}

/** A rule: the facts of ONE document in, one row per identity it could evaluate out; `runChecks` gives the checkable facts it selected once for all rules. */
export type CheckRule = (facts: Fact[], checkable?: CheckableFacts) => CheckRow[]
