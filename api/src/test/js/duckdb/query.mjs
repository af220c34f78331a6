// node query.mjs <file with one SQL statement>: prints each result row as one JSON line
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const sql = readFileSync(process.argv[2], 'utf8');
const db = await DuckDBInstance.create(':memory:');
const connection = await db.connect();
const result = await connection.runAndReadAll(sql);
for (const row of result.getRowObjectsJson()) {
  console.log(JSON.stringify(row));
}
