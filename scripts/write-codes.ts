/**
 * Writes docs/CODES.md from the registry (core/registry.ts): every message
 * rule id, unplaced reason and check rule with its meaning. `npm run codes`
 * after adding a code; a test fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CHECK_RULES, MESSAGE_CODES, ROUNDING_RULE, UNPLACED_REASONS, type CodeEntry } from '../core/registry.ts'

const ROOT = resolve(import.meta.dirname, '..')

/** A Markdown table of codes and their meanings. */
function table(heading: string, entries: Record<string, CodeEntry & { attention?: boolean }>): string[] {
  const rows = Object.entries(entries).map(([code, entry]) => `| \`${code}\` | ${entry.zh} | ${entry.en}${entry.attention ? ' — worth a look (shown first)' : ''} |`)
  return [`| ${heading} | 含义 | meaning |`, '|---|---|---|', ...rows]
}

/** The text of docs/CODES.md. */
export function codesMarkdown(): string {
  return [
    '# Codes the dataset uses',
    '',
    'Generated from `core/registry.ts` by `npm run codes`; do not edit by hand.',
    '',
    '## `messages.rule_id`: problems found in a document',
    '',
    ...table('rule_id', MESSAGE_CODES),
    '',
    '## `unplaced.reason`: why a printed number is not a figure',
    '',
    ...table('reason', UNPLACED_REASONS),
    '',
    '## `checks.base_rule`: consistency rules (one file each in `pipeline/checks/`)',
    '',
    ...table('rule', CHECK_RULES),
    '',
    `A failed check whose difference is within half a unit of the last printed digit per figure has \`rule\` = \`${ROUNDING_RULE}\` and severity \`warning\`.`,
    '',
  ].join('\n')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(join(ROOT, 'docs', 'CODES.md'), codesMarkdown())
}
