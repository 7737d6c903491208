import type BetterSqlite3 from 'better-sqlite3'

/**
 * Makes SQLite overwrite deleted content with zeros instead of leaving it in free space (a
 * retention anonymisation, a pruned request's answer). Per connection: set it on every one.
 */
export function secureDelete(db: BetterSqlite3.Database): void {
  db.pragma('secure_delete = ON')
}

/**
 * Rewrites the whole file from its live content, then empties the WAL (if any), so no freed page
 * or old WAL frame keeps a copy of what a scrub overwrote. Takes as long as copying the file.
 */
export function compact(db: BetterSqlite3.Database): void {
  db.exec('VACUUM')
  if (db.pragma('journal_mode', { simple: true }) === 'wal') db.pragma('wal_checkpoint(TRUNCATE)')
}
