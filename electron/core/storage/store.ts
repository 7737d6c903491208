import type BetterSqlite3 from 'better-sqlite3'
import type {
  DataSource,
  EntityManager,
  EntityMetadata,
  EntitySchema,
  ObjectLiteral,
} from 'typeorm'
import type { OpenDatabase } from './database'
import { createIdleCollector, type IdleCollector } from '../util/idle-gc'

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

/** What a business transaction may do: entity writes, raw reads, gapless sequences. */
export interface Tx {
  /** TypeORM's manager on the same transaction, for the rare write `insert`/`update` can't say. */
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

/** When and how the WAL is copied back into the database file (see `Store.scheduleCheckpoint`). */
export interface CheckpointOptions {
  /** Checkpoint once no write has happened for this long (ms); 0 turns idle checkpoints off. */
  idleMs?: number
  /**
   * Collect the young generation in the event-loop turn after each write (see idle-gc.ts), so no
   * sale pays for the garbage of the ones before it. On unless false.
   */
  collectAfterWrite?: boolean
}

/** How long the store must be quiet before it checkpoints: a clerk's pause, not a sale's. */
export const CHECKPOINT_IDLE_MS = 500

/** An entity's table and columns, resolved from TypeORM's metadata once. */
interface Shape {
  table: string
  columns: ColumnMetadata[]
  /** Prepared statements by the set of columns a row or patch actually carries. */
  statements: Map<string, BetterSqlite3.Statement>
}

type ColumnMetadata = EntityMetadata['columns'][number]

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`

/**
 * The kiosk's storage: one SQLite connection, used by one operation at a time. Everything is
 * serialized through a queue because TypeORM's SQLite driver shares one query runner: a read
 * interleaved with another call's open transaction would see (or join) uncommitted rows.
 *
 * Entity inserts and updates do not go through TypeORM's query builders: profiling an enrollment
 * (9 inserts) showed more time spent building the same SQL text again on every call than SQLite
 * spent executing it. The store builds each statement once from TypeORM's own entity metadata
 * and converts values with the driver's own `preparePersistentValue` (booleans to 0/1,
 * simple-json to text), so the rows written are the same; the statements run on the same
 * connection, inside the same TypeORM transaction.
 */
export class Store {
  readonly dataSource: DataSource
  readonly raw: BetterSqlite3.Database
  readonly sql: Sql
  private queue: Promise<unknown> = Promise.resolve()
  private readonly statements = new Map<string, BetterSqlite3.Statement>()
  private readonly shapes = new Map<unknown, Shape>()
  private readonly prepare: (sql: string) => BetterSqlite3.Statement
  private readonly idleMs: number
  private checkpointTimer: NodeJS.Timeout | null = null
  private lastWriteAt = 0
  private dirty = false
  private closed = false
  /** Durations (ms) of the idle checkpoints run so far, newest last (a benchmark reports them). */
  readonly checkpointTimes: number[] = []
  /** Young-generation collections between writes (idle-gc.ts). */
  readonly collector: IdleCollector

  constructor(
    db: OpenDatabase,
    private readonly hooks: StorageHooks = {},
    checkpoint: CheckpointOptions = {},
  ) {
    this.dataSource = db.dataSource
    this.raw = db.raw
    this.idleMs = checkpoint.idleMs ?? CHECKPOINT_IDLE_MS
    this.collector = createIdleCollector({ enabled: checkpoint.collectAfterWrite !== false })
    const prepare = (sql: string) => {
      let stmt = this.statements.get(sql)
      if (!stmt) {
        stmt = this.raw.prepare(sql)
        this.statements.set(sql, stmt)
      }
      return stmt
    }
    this.prepare = prepare
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
    return this.serial(async () => {
      try {
        return await this.dataSource.transaction(async (em) => {
          const tx: Tx = {
            em,
            sql: this.sql,
            insert: async (entity, rows) => {
              if (Array.isArray(rows)) for (const row of rows) this.insertRow(entity, row)
              else this.insertRow(entity, rows)
              this.hooks.afterInsert?.(this.shape(entity).table)
            },
            update: async (entity, where, patch) => this.updateRows(entity, where, patch),
            next: async (sequence) =>
              this.sql.get<{ value: number }>(
                `INSERT INTO sequences (name, value) VALUES (?, 1)
                 ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
                sequence,
              )!.value,
          }
          return fn(tx)
        })
      } finally {
        this.scheduleCheckpoint()
        this.collector.afterWrite()
      }
    })
  }

  private shape(entity: EntitySchema<never> | EntitySchema<ObjectLiteral>): Shape {
    let shape = this.shapes.get(entity)
    if (!shape) {
      const meta = this.dataSource.getMetadata(entity)
      shape = { table: meta.tableName, columns: meta.columns, statements: new Map() }
      this.shapes.set(entity, shape)
    }
    return shape
  }

  /** The driver's conversion of one value (booleans, simple-json), as TypeORM would bind it. */
  private bind(column: ColumnMetadata, value: unknown): unknown {
    return this.dataSource.driver.preparePersistentValue(value, column)
  }

  private insertRow(entity: EntitySchema<ObjectLiteral>, row: ObjectLiteral): void {
    const shape = this.shape(entity)
    // Columns left undefined are omitted, so SQLite applies the column's DEFAULT.
    const values: unknown[] = []
    let key = ''
    for (const column of shape.columns) {
      const value = column.getEntityValue(row)
      if (value === undefined) continue
      values.push(this.bind(column, value))
      key += `${column.databaseName},`
    }
    let stmt = shape.statements.get(key)
    if (!stmt) {
      const names = key.slice(0, -1).split(',')
      stmt = this.prepare(
        `INSERT INTO ${quote(shape.table)} (${names.map(quote).join(', ')}) ` +
          `VALUES (${names.map(() => '?').join(', ')})`,
      )
      shape.statements.set(key, stmt)
    }
    stmt.run(...values)
  }

  private updateRows(
    entity: EntitySchema<ObjectLiteral>,
    where: ObjectLiteral,
    patch: ObjectLiteral,
  ): number {
    const shape = this.shape(entity)
    const values: unknown[] = []
    const set: string[] = []
    const match: string[] = []
    for (const column of shape.columns) {
      const value = column.getEntityValue(patch)
      if (value === undefined) continue
      values.push(this.bind(column, value))
      set.push(column.databaseName)
    }
    for (const column of shape.columns) {
      const value = column.getEntityValue(where)
      if (value === undefined) continue
      values.push(this.bind(column, value))
      match.push(column.databaseName)
    }
    // Like TypeORM: an update without criteria would change every row, so it is refused.
    if (set.length === 0 || match.length === 0) {
      throw new Error(`update of ${shape.table} needs both a patch and criteria`)
    }
    const key = `${set.join(',')}|${match.join(',')}`
    let stmt = shape.statements.get(key)
    if (!stmt) {
      stmt = this.prepare(
        `UPDATE ${quote(shape.table)} SET ${set.map((c) => `${quote(c)} = ?`).join(', ')} ` +
          // IS rather than = so a null criterion matches NULL; SQLite uses indexes for both.
          `WHERE ${match.map((c) => `${quote(c)} IS ?`).join(' AND ')}`,
      )
      shape.statements.set(key, stmt)
    }
    return stmt.run(...values).changes
  }

  /**
   * Moves WAL checkpoints off the sale path. SQLite's default (wal_autocheckpoint = 1000 pages)
   * runs a checkpoint inside whichever COMMIT crosses the threshold: that sale then also writes
   * back a few thousand pages and syncs the database file, ten times its usual latency. Here the
   * store checkpoints (PASSIVE) once it has been idle for `idleMs` — between customers — through
   * the same queue, so never inside a transaction. Durability does not change: a committed
   * transaction is already synced in the WAL (synchronous=FULL); a checkpoint only copies it into
   * the main file. `openDatabase` raises wal_autocheckpoint to a cap instead of disabling it, so
   * a kiosk that never goes idle still bounds its WAL.
   */
  private scheduleCheckpoint(): void {
    this.dirty = true
    this.lastWriteAt = performance.now()
    if (this.idleMs <= 0 || this.checkpointTimer || this.closed) return
    const tick = () => {
      this.checkpointTimer = null
      if (this.closed || !this.dirty) return
      const quietFor = performance.now() - this.lastWriteAt
      if (quietFor < this.idleMs) {
        this.checkpointTimer = setTimeout(tick, this.idleMs - quietFor)
        this.checkpointTimer.unref()
        return
      }
      void this.serial(() => {
        if (this.closed) return
        const start = performance.now()
        this.dirty = false
        this.raw.pragma('wal_checkpoint(PASSIVE)')
        this.checkpointTimes.push(performance.now() - start)
        if (this.checkpointTimes.length > 100) this.checkpointTimes.shift()
      }).catch(() => {
        // A failed checkpoint leaves the WAL as it was; the next idle period tries again.
        this.dirty = true
      })
    }
    this.checkpointTimer = setTimeout(tick, this.idleMs)
    this.checkpointTimer.unref()
  }

  /**
   * Copies the WAL into the database file and empties it (issue 18): after an anonymisation or an
   * erasure the old frames would still hold what was overwritten; secure_delete zeroes freed
   * space in the file itself.
   */
  truncateWal(): Promise<void> {
    return this.serial(() => {
      if (this.closed) return
      this.raw.pragma('wal_checkpoint(TRUNCATE)')
      this.dirty = false
    })
  }

  /** Waits for queued work, then closes the connection (SQLite checkpoints on close). */
  async close(): Promise<void> {
    await this.serial(async () => {
      this.closed = true
      this.collector.stop()
      if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
      this.checkpointTimer = null
      this.statements.clear()
      this.shapes.clear()
      if (this.dataSource.isInitialized) await this.dataSource.destroy()
    })
  }
}
