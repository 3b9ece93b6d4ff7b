/**
 * Statements prepared once per connection and kept: the sale path runs the same few statements for
 * every sale, and building their SQL and preparing it afresh cost more than writing the rows. SQLite
 * prepares a kept statement again by itself when a migration has changed the schema under it.
 */
import type Database from 'better-sqlite3';
import { getTableColumns, getTableName } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { LedgerWriter } from './open';

const kept = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The SQLite connection under the ledger or under a transaction on it. Drizzle keeps it on the session
 * the ledger shares with its transactions, the one place a transaction has it.
 */
export function connectionOf(writer: LedgerWriter): Database.Database {
  if ('$client' in writer) return writer.$client;
  const client = (writer as unknown as { session?: { client?: Database.Database } }).session?.client;
  if (!client) throw new Error('a ledger transaction without its SQLite connection: has drizzle-orm changed?');
  return client;
}

/** The statement kept under `key` on this connection, prepared from `sql()` the first time. */
export function keptStatement(writer: LedgerWriter, key: string, sql: () => string): Database.Statement {
  const client = connectionOf(writer);
  let statements = kept.get(client);
  if (!statements) kept.set(client, (statements = new Map()));
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = client.prepare(sql())));
  return statement;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

const columnsByTable = new WeakMap<SQLiteTable, Record<string, SQLiteColumn>>();

function columnsOf(table: SQLiteTable): Record<string, SQLiteColumn> {
  let columns = columnsByTable.get(table);
  if (!columns) columnsByTable.set(table, (columns = getTableColumns(table)));
  return columns;
}

/**
 * Inserts `rows` with one kept statement (one per table, set of fields and number of rows); the
 * fields are the first row's, each written as drizzle writes its column (JSON, booleans). Returns the
 * rowid of the last row.
 */
export function insertRows<T extends SQLiteTable>(writer: LedgerWriter, table: T, rows: readonly Partial<T['$inferInsert']>[]): number {
  if (rows.length === 0) return 0;
  const fields = Object.keys(rows[0]!);
  const columns = columnsOf(table);
  const statement = keptStatement(writer, `insert ${getTableName(table)} ${fields.join(',')} x${rows.length}`, () => {
    const names = fields.map((field) => {
      const column = columns[field];
      if (!column) throw new Error(`${getTableName(table)} has no column for ${field}`);
      return quote(column.name);
    });
    const row = `(${fields.map(() => '?').join(',')})`;
    return `INSERT INTO ${quote(getTableName(table))} (${names.join(',')}) VALUES ${Array(rows.length).fill(row).join(',')}`;
  });
  const values: unknown[] = [];
  for (const row of rows) {
    for (const field of fields) {
      const value = (row as Record<string, unknown>)[field];
      values.push(value === null || value === undefined ? null : columns[field]!.mapToDriverValue(value));
    }
  }
  return Number(statement.run(values).lastInsertRowid);
}
