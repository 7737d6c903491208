/**
 * A schema migration: numbered, raw SQL, append-only
 * (docs/architecture.md#migrations-are-append-only). The runner records the checksum of `up` so a
 * database whose history disagrees with the code is refused, not guessed at.
 */
export interface Migration {
  /** 1, 2, 3 … in order, no gaps. */
  id: number
  name: string
  up: readonly string[]
  down: readonly string[]
  /**
   * Rewrite the whole file after applying (VACUUM, then truncate the WAL): for a migration that
   * scrubs data, so no freed page or old WAL frame keeps a copy. Not part of the checksum.
   */
  compactAfter?: boolean
  /**
   * Rebuilds tables others reference (SQLite's create-copy-drop-rename): foreign keys are turned
   * off around the transaction, as SQLite requires, and checked in full before it commits
   * (`PRAGMA foreign_key_check`), so a rebuild that breaks a reference is rolled back.
   * Not part of the checksum.
   */
  rebuildsTables?: boolean
}
