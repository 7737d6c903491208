import Database from 'better-sqlite3'
import type BetterSqlite3 from 'better-sqlite3'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { SCRUBBED_FINGERPRINT } from '../idempotency'
import { compact, secureDelete } from './secure-erase'

/** What {@link scrubBackups} did with the backups that still held unkeyed fingerprints. */
export interface BackupScrubOutcome {
  /** Backups rewritten without their unkeyed fingerprints (file names). */
  scrubbed: string[]
  /** Left as they are because the live database did not pass its integrity check. */
  keptUnverified: string[]
  /** Files in backups/ that could not be read or rewritten, with SQLite's reason. */
  failed: Array<{ name: string; error: string }>
}

function legacyFingerprintCount(db: BetterSqlite3.Database): number {
  const hasColumn = db
    .prepare("SELECT 1 FROM pragma_table_info('requests') WHERE name = 'body_hash'")
    .get()
  if (!hasColumn) return 0
  const row = db
    .prepare('SELECT COUNT(*) AS n FROM requests WHERE body_hash <> ?')
    .get(SCRUBBED_FINGERPRINT) as { n: number }
  return row.n
}

/**
 * Scrubs the backups taken before migration 5 (issue #12): their `requests.body_hash` is a plain
 * hash of each request body, Aadhaar numbers included. Each such backup is rewritten the way the
 * migration rewrote the live file (marker in place of the hash, then VACUUM with secure_delete),
 * so it keeps everything else and still restores. Only once the migrated live database passes
 * SQLite's integrity check: until then a backup stays exactly as it was taken.
 */
export function scrubBackups(live: BetterSqlite3.Database, backupDir: string): BackupScrubOutcome {
  const outcome: BackupScrubOutcome = { scrubbed: [], keptUnverified: [], failed: [] }
  if (!existsSync(backupDir)) return outcome
  let verified: boolean | undefined
  for (const name of readdirSync(backupDir)
    .filter((n) => n.endsWith('.sqlite'))
    .sort()) {
    let backup: BetterSqlite3.Database | undefined
    try {
      backup = new Database(join(backupDir, name))
      if (legacyFingerprintCount(backup) === 0) continue
      verified ??= live.pragma('integrity_check', { simple: true }) === 'ok'
      if (!verified) {
        outcome.keptUnverified.push(name)
        continue
      }
      secureDelete(backup)
      backup
        .prepare('UPDATE requests SET body_hash = ? WHERE body_hash <> ?')
        .run(SCRUBBED_FINGERPRINT, SCRUBBED_FINGERPRINT)
      compact(backup)
      outcome.scrubbed.push(name)
    } catch (err) {
      // A damaged file in backups/ must not stop the kiosk; it is reported (and logged) instead.
      outcome.failed.push({ name, error: err instanceof Error ? err.message : String(err) })
    } finally {
      backup?.close()
    }
  }
  return outcome
}
