import type { SealedKey } from '../../../../shared/sync/protocol'
import type { Sql } from '../store'

/** The newest key version this kiosk holds (0: none). */
export function newestKeyVersion(sql: Sql): number {
  return sql.get<{ v: number | null }>(`SELECT MAX(version) AS v FROM kiosk_key`)?.v ?? 0
}

/** Keeps keys as head office sealed them (a version already held is left as it is). */
export function insertKeys(sql: Sql, keys: readonly SealedKey[], at: string): void {
  for (const k of keys) {
    sql.run(
      `INSERT INTO kiosk_key (name, version, sealed, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name, version) DO NOTHING`,
      k.name,
      k.version,
      k.sealed,
      at,
    )
  }
}

/** A key's newest version (or the version asked for), still sealed; null when not held. */
export function sealedKey(sql: Sql, name: string, version?: number): SealedKey | null {
  const row =
    version === undefined
      ? sql.get<SealedKey>(
          `SELECT name, version, sealed FROM kiosk_key WHERE name = ?
           ORDER BY version DESC LIMIT 1`,
          name,
        )
      : sql.get<SealedKey>(
          `SELECT name, version, sealed FROM kiosk_key WHERE name = ? AND version = ?`,
          name,
          version,
        )
  return row ?? null
}

/**
 * Forgets every key held: they were sealed under a kiosk secret that has just been replaced, so
 * they can no longer be opened; the next pull asks from version 0 and head office seals them
 * again under the new secret (docs/fleet.md#keys-head-office-hands-kiosks).
 */
export function forgetKeys(sql: Sql): void {
  sql.run(`DELETE FROM kiosk_key`)
}
