import { parse } from 'csv-parse/sync'

/** Rows of an RFC 4180 CSV text (BOM dropped), header row included. */
export function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relax_column_count: true }) as string[][]
}

/** Records of a CSV text keyed by its header row (BOM dropped). */
export function parseCsvRecords(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true }) as Record<string, string>[]
}
