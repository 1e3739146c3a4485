/** DuckDB as a user queries the outputs, for tests: one in-memory database per query. */
import { DuckDBInstance } from '@duckdb/node-api'

/** Rows of a query as JSON-like objects: DECIMAL and HUGEINT values as their exact text, integers as numbers, NULL as null. */
export async function duckdbRows(sql: string): Promise<Record<string, unknown>[]> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect()
  try {
    return (await connection.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[]
  } finally {
    connection.closeSync()
  }
}
