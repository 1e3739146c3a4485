import { parseNumber, toYuan } from '../../normalizers/parse-amount.ts'
import type { Fact } from '../../core/types.ts'

let nextLine = 1

/** A hand-made table fact: value from the printed text in its unit (万元 unless given), everything else blank, each on a line of its own. */
export function makeFact(fields: Partial<Fact> & Pick<Fact, 'table_id' | 'measure' | 'value_raw'>): Fact {
  const unitRaw = fields.unit_raw ?? '万元'
  const number = parseNumber(fields.value_raw)
  const line = nextLine++
  return {
    fact_id: `f${line}`, doc_id: 'doc', source_file: 'doc.txt', fiscal_year: 2020, doc_kind: 'final_accounts', department: '', department_id: '', origin: 'table',
    side: '', line_item: '', subject_system: '', subject_code: '', subject_name: '', label_raw: '', measure_raw: '',
    value: number ? toYuan(number, unitRaw) : '0', unit: 'CNY', unit_raw: unitRaw, unit_basis: 'printed',
    line, column: 5, end_line: line, end_column: 5 + fields.value_raw.length, page: null, x0: null, y0: null, x1: null, y1: null, column_label: '', table_title_raw: '', row_number: '', section: '', sentence: '', label: '', table_fact_id: '',
    ...fields,
  }
}
