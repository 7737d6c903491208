import { createHash } from 'node:crypto'
import type { DataSource, QueryRunner } from 'typeorm'

/**
 * Thin raw-SQL helpers over TypeORM's query runner. The hot paths (push ingest, the change feed,
 * reports) use hand-written SQL that runs unchanged on PostgreSQL and SQLite; only parameter
 * placeholders differ (`$1` vs `?`), so SQL is written with `?` and converted here.
 */
export type Dialect = 'postgres' | 'sqlite'

/** The SQL dialect of a data source. */
export function dialectOf(ds: DataSource): Dialect {
  return ds.options.type === 'postgres' ? 'postgres' : 'sqlite'
}

/** Rewrites `?` placeholders to `$n` for PostgreSQL (our SQL never has `?` inside literals). */
export function toDialect(dialect: Dialect, sql: string): string {
  if (dialect === 'sqlite') return sql
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

/** How many distinct statements get a name (the SQL is built from a bounded set of shapes). */
const MAX_NAMED_STATEMENTS = 500
const statementNames = new Map<string, { name: string; text: string }>()

/**
 * What to hand the driver for `sql`: on PostgreSQL a named prepared statement, which each pooled
 * connection parses and plans once and afterwards only binds and executes (in the sync benchmark
 * ~15% less PostgreSQL CPU per push); on SQLite, and past the cap, the SQL text. The name is a
 * hash of the text, so one name never stands for two statements.
 */
function statement(dialect: Dialect, sql: string): string {
  if (dialect === 'sqlite') return sql
  let named = statementNames.get(sql)
  if (!named) {
    const text = toDialect(dialect, sql)
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return text
    named = { name: `ho_${createHash('sha1').update(text).digest('base64url')}`, text }
    statementNames.set(sql, named)
  }
  // pg's client.query takes a query config object wherever it takes SQL text; TypeORM's runner
  // passes it through untouched.
  return named as unknown as string
}

/** The SQL text of what {@link statement} returned (for logs and test seams). */
export function statementText(query: unknown): string {
  return typeof query === 'string' ? query : (query as { text: string }).text
}

/** A query runner bound to its dialect: the unit every service function works with. */
export interface Db {
  dialect: Dialect
  runner: QueryRunner
}

/** Rows of a SELECT (or of `... RETURNING`). */
export async function rows<T = Record<string, unknown>>(
  db: Db,
  sql: string,
  params: unknown[] = [],
): Promise<T[]> {
  const result = await db.runner.query(statement(db.dialect, sql), params, true)
  return (result.records ?? []) as T[]
}

/** The first row, or null. */
export async function one<T = Record<string, unknown>>(
  db: Db,
  sql: string,
  params: unknown[] = [],
): Promise<T | null> {
  return (await rows<T>(db, sql, params))[0] ?? null
}

/** Runs a statement; returns the number of affected rows. */
export async function exec(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  const result = await db.runner.query(statement(db.dialect, sql), params, true)
  return result.affected ?? 0
}

// Both engines cap bound parameters per statement (PostgreSQL 65,535; SQLite 32,766).
const MAX_PARAMS = 30_000

/** Multi-row INSERT, chunked under the parameter limit of either engine. */
export async function insertRows(
  db: Db,
  table: string,
  columns: readonly string[],
  values: unknown[][],
  options: { onConflictDoNothing?: boolean } = {},
): Promise<void> {
  if (values.length === 0) return
  const perChunk = Math.max(1, Math.floor(MAX_PARAMS / columns.length))
  const tuple = `(${columns.map(() => '?').join(',')})`
  for (let start = 0; start < values.length; start += perChunk) {
    const chunk = values.slice(start, start + perChunk)
    const sql =
      `INSERT INTO ${table} (${columns.join(',')}) VALUES ` +
      chunk.map(() => tuple).join(',') +
      (options.onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '')
    await db.runner.query(toDialect(db.dialect, sql), chunk.flat(), true)
  }
}

/**
 * Rows as one JSON parameter for PostgreSQL's `json_populate_recordset(NULL::table, ?::json)`:
 * a whole multi-row write then binds ONE parameter, whatever the row count — no chunking under
 * the parameter limit, and no per-value bind work in the driver.
 */
export function jsonRows(columns: readonly string[], values: unknown[][]): string {
  return JSON.stringify(
    values.map((row) => {
      const o: Record<string, unknown> = {}
      for (let i = 0; i < columns.length; i++) o[columns[i] as string] = row[i]
      return o
    }),
  )
}

/** `INSERT … SELECT` of {@link jsonRows} (PostgreSQL); one `?` for the JSON. */
export function insertJsonSql(
  table: string,
  columns: readonly string[],
  options: { onConflictDoNothing?: boolean } = {},
): string {
  const cols = columns.join(',')
  return (
    `INSERT INTO ${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::${table}, ?::json)` +
    (options.onConflictDoNothing ? ' ON CONFLICT DO NOTHING' : '')
  )
}

/** `IN (?, ?, …)` for a list (callers never pass an empty list). */
export function inList(count: number): string {
  return `(${Array.from({ length: count }, () => '?').join(',')})`
}

// TypeORM's SQLite drivers share ONE connection (one query runner) for the whole data source,
// so two requests must never interleave on it: SQLite work is serialized per data source.
// PostgreSQL gets a pooled connection per call and its own row locks.
const sqliteQueues = new WeakMap<DataSource, Promise<unknown>>()

function serialized<T>(ds: DataSource, work: () => Promise<T>): Promise<T> {
  if (dialectOf(ds) !== 'sqlite') return work()
  const previous = sqliteQueues.get(ds) ?? Promise.resolve()
  const next = previous.then(work, work)
  sqliteQueues.set(
    ds,
    next.catch(() => undefined),
  )
  return next
}

/**
 * Runs `work` in one transaction on a fresh query runner. Everything a push does — effects,
 * idempotency records, change feed entries, notifications — commits or rolls back together.
 */
export function inTransaction<T>(ds: DataSource, work: (db: Db) => Promise<T>): Promise<T> {
  return serialized(ds, () => transaction(ds, work))
}

async function transaction<T>(ds: DataSource, work: (db: Db) => Promise<T>): Promise<T> {
  const runner = ds.createQueryRunner()
  await runner.connect()
  try {
    await runner.startTransaction()
    try {
      const result = await work({ dialect: dialectOf(ds), runner })
      await runner.commitTransaction()
      return result
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction()
      throw error
    }
  } finally {
    await runner.release()
  }
}

/** Runs `work` outside a transaction (reads, single statements). */
export function withDb<T>(ds: DataSource, work: (db: Db) => Promise<T>): Promise<T> {
  return serialized(ds, async () => {
    const runner = ds.createQueryRunner()
    await runner.connect()
    try {
      return await work({ dialect: dialectOf(ds), runner })
    } finally {
      await runner.release()
    }
  })
}

/** Number from a SQL value (PostgreSQL returns bigint and sums as strings). */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0
  return typeof value === 'number' ? value : Number(value)
}
