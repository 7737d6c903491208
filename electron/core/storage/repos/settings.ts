import type { Sql } from '../store'

// The settings table's SQL, once: the training date, printers, head office's URL and the pull
// cursor all live in it under their own key.

/** A settings row's value, or null when the key was never written. */
export function getSetting(sql: Sql, key: string): string | null {
  return sql.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key)?.value ?? null
}

/** Writes a settings row (inside the caller's transaction). */
export function putSetting(sql: Sql, key: string, value: string, at: string): void {
  sql.run(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    key,
    value,
    at,
  )
}

/** Removes a settings row. */
export function deleteSetting(sql: Sql, key: string): void {
  sql.run('DELETE FROM settings WHERE key = ?', key)
}
