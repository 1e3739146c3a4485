/**
 * `datapackage.json`: a Frictionless Data Package (v1) describing every table
 * and column of `dist/` in Chinese and English, generated from the data
 * dictionary so it cannot drift from the files.
 */
import { writeFile } from 'node:fs/promises'
import { decimalTypeOf, type FieldSchema, type TableSchema } from '../schema.ts'
import { CSV_GUARD_NOTE } from './csv-cell.ts'
import { MEASURE_TITLES } from '../../normalizers/normalize-measure.ts'

const TABLE_SCHEMA_TYPES: Record<FieldSchema['type'], string> = {
  string: 'string',
  integer: 'integer',
  // Table Schema `number` is an arbitrary-precision decimal in the CSV text; `decimal` values are printed exactly.
  decimal: 'number',
}

/** Both languages in one description: Table Schema v1 has a single `description` per field. */
function bilingual(zh: string, en: string): string {
  return `${zh}\n\n${en}`
}

/** A Table Schema field descriptor for one dictionary field. */
function fieldDescriptor(field: FieldSchema): Record<string, unknown> {
  const descriptor: Record<string, unknown> = {
    name: field.name,
    type: TABLE_SCHEMA_TYPES[field.type],
    title: field.title_zh,
    description: bilingual(field.description_zh, field.description_en),
  }
  // `unit` is not a Table Schema v1 property; v1 allows additional properties on a field descriptor.
  if (field.unit !== undefined) descriptor.unit = field.unit
  // Nor are these: the DECIMAL(precision, scale) a decimal column has in Arrow and Parquet (the CSV has the plain decimal text).
  if (field.type === 'decimal') Object.assign(descriptor, decimalTypeOf(field))
  // The measure keys and what each means (Table Schema v2 `categories`; v1 allows it as an additional property). Not
  // an enum: a 预算's previous-year column is `prior_` + a key, and a new template may bring a key of its own.
  if (field.name === 'measure') descriptor.categories = Object.entries(MEASURE_TITLES).map(([value, title]) => ({ value, label: `${title.zh} · ${title.en}` }))
  // An empty cell is a missing value (`missingValues: [""]`), which constraints other than `required` do not apply to, so the enum lists only real values.
  const constraints: Record<string, unknown> = {}
  // A column that is not `nullable` is never empty (NULL in Arrow and Parquet is what the optional ones have instead of '').
  if (!field.nullable) constraints.required = true
  if (field.enum) constraints.enum = [...field.enum]
  if (Object.keys(constraints).length > 0) descriptor.constraints = constraints
  return descriptor
}

/** The CSV resource of a table: a Tabular Data Resource with its dialect and Table Schema. */
function csvResource(schema: TableSchema): Record<string, unknown> {
  const tableSchema: Record<string, unknown> = {
    fields: schema.fields.map(fieldDescriptor),
    missingValues: [''],
  }
  if (schema.primaryKey.length > 0) tableSchema.primaryKey = schema.primaryKey
  if (schema.foreignKeys && schema.foreignKeys.length > 0) tableSchema.foreignKeys = schema.foreignKeys
  return {
    profile: 'tabular-data-resource',
    name: schema.name,
    path: `${schema.name}.csv`,
    title: `${schema.title_zh} ${schema.title_en}`,
    description: bilingual(
      `${schema.description_zh}。CSV：${CSV_GUARD_NOTE.zh}。`,
      `${schema.description_en}. CSV: ${CSV_GUARD_NOTE.en}.`,
    ),
    format: 'csv',
    mediatype: 'text/csv',
    // `utf-8-sig`: UTF-8 with a byte order mark, so Excel opens the Chinese text correctly.
    encoding: 'utf-8-sig',
    dialect: {
      csvddfVersion: 1.2,
      delimiter: ',',
      lineTerminator: '\r\n',
      quoteChar: '"',
      doubleQuote: true,
      header: true,
    },
    schema: tableSchema,
  }
}

/**
 * The Arrow and Parquet copies of a table. Data Package v1 has no notion of
 * alternative formats of one resource (an array `path` means chunks to
 * concatenate), so each copy is a separate plain Data Resource that points at
 * the CSV resource for its column descriptions; both formats carry their
 * column types themselves.
 */
function binaryResources(schema: TableSchema): Record<string, unknown>[] {
  return [
    {
      profile: 'data-resource',
      name: `${schema.name}-arrow`,
      path: `${schema.name}.arrow`,
      title: `${schema.title_zh} ${schema.title_en} (Arrow)`,
      description: bilingual(
        `与资源 ${schema.name} 相同的行与列，Apache Arrow IPC 文件格式（列说明见该资源）。`,
        `Same rows and columns as resource \`${schema.name}\`, as an Apache Arrow IPC file (see that resource for the columns).`,
      ),
      format: 'arrow',
      mediatype: 'application/vnd.apache.arrow.file',
    },
    {
      profile: 'data-resource',
      name: `${schema.name}-parquet`,
      path: `${schema.name}.parquet`,
      title: `${schema.title_zh} ${schema.title_en} (Parquet)`,
      description: bilingual(
        `与资源 ${schema.name} 相同的行与列，Apache Parquet 格式（列说明见该资源）。`,
        `Same rows and columns as resource \`${schema.name}\`, in Apache Parquet format (see that resource for the columns).`,
      ),
      format: 'parquet',
      mediatype: 'application/vnd.apache.parquet',
    },
  ]
}

/** The Data Package descriptor for `schemas`: per table a CSV tabular resource, then its Arrow and Parquet copies. */
export function buildDataPackage(schemas: readonly TableSchema[]): Record<string, unknown> {
  return {
    profile: 'data-package',
    name: 'cn-budget-etl',
    title: '中国政府部门预决算公开数据 Chinese government department budgets and final accounts',
    description: bilingual(
      '由政府部门预算、决算公开文本提取的规范化数据集：每个数值精确到人民币元，并指向其在源文件中的行与列。',
      'A normalized dataset extracted from the published text of Chinese government department budgets (部门预算) and final accounts (部门决算): every figure is exact, in CNY yuan, and points at the line and column of the source file it came from.',
    ),
    keywords: ['budget', 'final accounts', 'China', '部门预算', '部门决算', '政府收支分类科目'],
    // The license of the repository (package.json); the figures themselves are public government disclosures.
    licenses: [{ name: 'MIT', path: 'https://opensource.org/licenses/MIT', title: 'MIT License' }],
    resources: schemas.flatMap((schema) => [csvResource(schema), ...binaryResources(schema)]),
  }
}

/** Write the Data Package descriptor as deterministic JSON (2-space indent, trailing newline, no timestamps). */
export async function writeDataPackage(path: string, schemas: readonly TableSchema[]): Promise<void> {
  await writeFile(path, `${JSON.stringify(buildDataPackage(schemas), null, 2)}\n`, 'utf8')
}
