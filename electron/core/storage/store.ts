import type BetterSqlite3 from 'better-sqlite3'
import type { DataSource, EntityManager, EntitySchema, ObjectLiteral } from 'typeorm'
import type { OpenDatabase } from './database'

/** Test seams a test passes in through the core's config (never read from the environment). */
export interface StorageHooks {
  /** Called after every insert inside a business transaction; throwing aborts the transaction. */
  afterInsert?: (table: string) => void
}

/** Cached prepared statements on the shared connection, for hot reads. */
export interface Sql {
  all<T>(sql: string, ...params: unknown[]): T[]
  get<T>(sql: string, ...params: unknown[]): T | undefined
  run(sql: string, ...params: unknown[]): BetterSqlite3.RunResult
}

/** What a business transaction may do: TypeORM writes, raw reads, gapless sequences. */
export interface Tx {
  em: EntityManager
  sql: Sql
  insert<T extends ObjectLiteral>(entity: EntitySchema<T>, rows: T | T[]): Promise<void>
  update<T extends ObjectLiteral>(
    entity: EntitySchema<T>,
    where: Partial<T>,
    patch: Partial<T>,
  ): Promise<number>
  /** Next value of a named counter (plan numbers, invoice numbers, outbox seq); rolls back too. */
  next(sequence: string): Promise<number>
}

function tableOf(entity: EntitySchema<ObjectLiteral>): string {
  return entity.options.tableName ?? entity.options.name
}

/**
 * The kiosk's storage: one SQLite connection, used by one operation at a time. Everything is
 * serialized through a queue because TypeORM's SQLite driver shares one query runner: a read
 * interleaved with another call's open transaction would see (or join) uncommitted rows.
 */
export class Store {
  readonly dataSource: DataSource
  readonly raw: BetterSqlite3.Database
  readonly sql: Sql
  private queue: Promise<unknown> = Promise.resolve()
  private readonly statements = new Map<string, BetterSqlite3.Statement>()

  constructor(
    db: OpenDatabase,
    private readonly hooks: StorageHooks = {},
  ) {
    this.dataSource = db.dataSource
    this.raw = db.raw
    const prepare = (sql: string) => {
      let stmt = this.statements.get(sql)
      if (!stmt) {
        stmt = this.raw.prepare(sql)
        this.statements.set(sql, stmt)
      }
      return stmt
    }
    this.sql = {
      all: <T>(sql: string, ...params: unknown[]) => prepare(sql).all(...params) as T[],
      get: <T>(sql: string, ...params: unknown[]) => prepare(sql).get(...params) as T | undefined,
      run: (sql: string, ...params: unknown[]) => prepare(sql).run(...params),
    }
  }

  private serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const result = this.queue.then(fn, fn)
    this.queue = result.catch(() => undefined)
    return result
  }

  /** Runs a read with nobody else's transaction open. */
  read<T>(fn: (sql: Sql) => T): Promise<T> {
    return this.serial(() => fn(this.sql))
  }

  /** Runs `fn` as ONE transaction: all its rows, audit entry and outbox event, or nothing. */
  write<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.serial(() =>
      this.dataSource.transaction(async (em) => {
        const tx: Tx = {
          em,
          sql: this.sql,
          insert: async (entity, rows) => {
            await em.insert(entity, rows as never)
            this.hooks.afterInsert?.(tableOf(entity as EntitySchema<ObjectLiteral>))
          },
          update: async (entity, where, patch) => {
            const result = await em.update(entity, where as never, patch as never)
            return result.affected ?? 0
          },
          next: async (sequence) => {
            const rows = (await em.query(
              `INSERT INTO sequences (name, value) VALUES (?, 1)
               ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
              [sequence],
            )) as Array<{ value: number }>
            return rows[0]!.value
          },
        }
        return fn(tx)
      }),
    )
  }

  /** Waits for queued work, then closes the connection. */
  async close(): Promise<void> {
    await this.serial(async () => {
      this.statements.clear()
      if (this.dataSource.isInitialized) await this.dataSource.destroy()
    })
  }
}
