import { type Db, exec, one, rows } from '../sql'

/** A provisioning code's row, found by the hash of the code. */
export interface ProvisioningCodeRow {
  storeCode: string
  kioskCode: string
  expiresAt: number
  usedAt: number | null
}

export async function insertProvisioningCode(
  db: Db,
  code: { hash: string; storeCode: string; kioskCode: string; expiresAt: number },
  now: number,
): Promise<void> {
  await exec(
    db,
    `INSERT INTO ho_provisioning_code (code_hash, store_code, kiosk_code, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?)`,
    [code.hash, code.storeCode, code.kioskCode, now, code.expiresAt],
  )
}

export async function findProvisioningCode(
  db: Db,
  hash: string,
): Promise<ProvisioningCodeRow | null> {
  const row = await one<Record<string, unknown>>(
    db,
    `SELECT store_code, kiosk_code, expires_at, used_at FROM ho_provisioning_code
     WHERE code_hash = ?`,
    [hash],
  )
  return row
    ? {
        storeCode: String(row.store_code),
        kioskCode: String(row.kiosk_code),
        expiresAt: Number(row.expires_at),
        usedAt: row.used_at === null ? null : Number(row.used_at),
      }
    : null
}

/**
 * Spends a code: true only for the one caller that found it unused and unexpired (a conditional
 * UPDATE, so two kiosks redeeming the same code at once cannot both win).
 */
export async function spendProvisioningCode(
  db: Db,
  hash: string,
  kioskId: string,
  now: number,
): Promise<boolean> {
  const changed = await exec(
    db,
    `UPDATE ho_provisioning_code SET used_at = ?, used_by_kiosk = ?
     WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?`,
    [now, kioskId, hash, now],
  )
  return changed > 0
}

/** An unused, unexpired code already promised to this kiosk code under the store. */
export async function openCodeFor(
  db: Db,
  storeCode: string,
  kioskCode: string,
  now: number,
): Promise<boolean> {
  const row = await one(
    db,
    `SELECT code_hash FROM ho_provisioning_code
     WHERE store_code = ? AND kiosk_code = ? AND used_at IS NULL AND expires_at > ?`,
    [storeCode, kioskCode, now],
  )
  return row !== null
}

/** Whether a kiosk has been retired. */
export async function isKioskRetired(db: Db, id: string): Promise<boolean> {
  const row = await one<{ retired_at: unknown }>(
    db,
    `SELECT retired_at FROM ho_kiosk WHERE id = ?`,
    [id],
  )
  return row !== null && row.retired_at !== null && row.retired_at !== undefined
}

/** Marks a kiosk retired (and revoked: its secret no longer signs anything). */
export async function markKioskRetired(db: Db, id: string, now: number): Promise<boolean> {
  const changed = await exec(
    db,
    `UPDATE ho_kiosk SET status = 'revoked', revoked_at = COALESCE(revoked_at, ?),
     retired_at = ? WHERE id = ?`,
    [now, now, id],
  )
  return changed > 0
}

/** The latest heartbeat of a kiosk, replacing the one before. */
export async function upsertHeartbeat(
  db: Db,
  kioskId: string,
  hb: {
    appVersion: string
    os: string
    freeDiskBytes: number | null
    databaseBytes: number | null
    backlog: number
    oldestUnsentAgeSeconds: number | null
    printer: string
    lastError: string | null
    clockOffsetMs: number
    catalogVersion?: string | undefined
    catalogLatest?: string | undefined
    /** JSON of the staff locked out at the kiosk (null: none, or a kiosk that does not say). */
    lockedStaff: string | null
  },
  now: number,
): Promise<void> {
  const values = [
    now,
    hb.appVersion,
    hb.os,
    hb.freeDiskBytes,
    hb.databaseBytes,
    hb.backlog,
    hb.oldestUnsentAgeSeconds,
    hb.printer,
    hb.lastError,
    hb.clockOffsetMs,
    hb.catalogVersion ?? null,
    hb.catalogLatest ?? null,
    hb.lockedStaff,
  ]
  await exec(
    db,
    `INSERT INTO ho_kiosk_heartbeat (kiosk_id, received_at, app_version, os, free_disk_bytes,
       database_bytes, backlog, oldest_unsent_age_s, printer, last_error, clock_offset_ms,
       catalog_version, catalog_latest, locked_staff)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (kiosk_id) DO UPDATE SET received_at = excluded.received_at,
       app_version = excluded.app_version, os = excluded.os,
       free_disk_bytes = excluded.free_disk_bytes, database_bytes = excluded.database_bytes,
       backlog = excluded.backlog, oldest_unsent_age_s = excluded.oldest_unsent_age_s,
       printer = excluded.printer, last_error = excluded.last_error,
       clock_offset_ms = excluded.clock_offset_ms, catalog_version = excluded.catalog_version,
       catalog_latest = excluded.catalog_latest, locked_staff = excluded.locked_staff`,
    [kioskId, ...values],
  )
  await exec(db, `UPDATE ho_kiosk SET last_seen_at = ? WHERE id = ?`, [now, kioskId])
}

/**
 * What a pull answers beside the changes, in one statement: whether head office asks this kiosk
 * for its logs, and the newest key version there is.
 */
export async function pullFlags(
  db: Db,
  kioskId: string,
): Promise<{ logsRequested: boolean; keysVersion: number }> {
  const row = await one<{ at: unknown; keys: unknown }>(
    db,
    `SELECT logs_requested_at AS at, (SELECT MAX(version) FROM ho_org_key) AS keys
     FROM ho_kiosk WHERE id = ?`,
    [kioskId],
  )
  return {
    logsRequested: row !== null && row.at !== null && row.at !== undefined,
    keysVersion: Number(row?.keys ?? 0),
  }
}

/** Asks a kiosk for its logs (null clears the request); false when there is no such kiosk. */
export async function setLogsRequested(db: Db, kioskId: string, at: number | null) {
  return (
    (await exec(db, `UPDATE ho_kiosk SET logs_requested_at = ? WHERE id = ?`, [at, kioskId])) > 0
  )
}

/** The staff each kiosk of a store in service said were locked out, in its latest heartbeat. */
export function lockedStaffOfStore(
  db: Db,
  storeCode: string,
): Promise<Array<{ kiosk_id: string; kiosk_code: string; locked_staff: string | null }>> {
  return rows(
    db,
    `SELECT k.id AS kiosk_id, k.kiosk_code, h.locked_staff
     FROM ho_kiosk k JOIN ho_kiosk_heartbeat h ON h.kiosk_id = k.id
     WHERE k.store_code = ? AND k.status = 'active' AND h.locked_staff IS NOT NULL`,
    [storeCode],
  )
}

/** Every kiosk with its latest heartbeat (null columns when it never sent one). */
export function fleetRows(db: Db): Promise<Array<Record<string, unknown>>> {
  return rows(
    db,
    `SELECT k.id, k.store_code, k.kiosk_code, k.status, k.last_seq, k.created_at, k.revoked_at,
       k.retired_at, k.last_seen_at, k.logs_requested_at, h.received_at, h.app_version, h.os,
       h.free_disk_bytes, h.database_bytes, h.backlog, h.oldest_unsent_age_s, h.printer,
       h.last_error, h.clock_offset_ms, h.catalog_version, h.catalog_latest
     FROM ho_kiosk k LEFT JOIN ho_kiosk_heartbeat h ON h.kiosk_id = k.id
     ORDER BY k.id`,
  )
}

export async function insertKioskLog(
  db: Db,
  log: { id: string; kioskId: string; reason: string; body: string; bytes: number },
  now: number,
): Promise<void> {
  await exec(
    db,
    `INSERT INTO ho_kiosk_log (id, kiosk_id, received_at, reason, bytes, body)
     VALUES (?, ?, ?, ?, ?, ?)`,
    [log.id, log.kioskId, now, log.reason, log.bytes, log.body],
  )
}

/** A kiosk's uploads, newest first, without their text. */
export function kioskLogList(db: Db, kioskId: string) {
  return rows<{ id: string; received_at: number; reason: string; bytes: number }>(
    db,
    `SELECT id, received_at, reason, bytes FROM ho_kiosk_log WHERE kiosk_id = ?
     ORDER BY received_at DESC, id`,
    [kioskId],
  )
}

export async function kioskLogBody(db: Db, kioskId: string, id: string): Promise<string | null> {
  const row = await one<{ body: string }>(
    db,
    `SELECT body FROM ho_kiosk_log WHERE kiosk_id = ? AND id = ?`,
    [kioskId, id],
  )
  return row ? row.body : null
}

/** Uploads of a kiosk past the newest `keep` (the per-kiosk cap). */
export async function deleteKioskLogsBeyond(db: Db, kioskId: string, keep: number) {
  const old = (await kioskLogList(db, kioskId)).slice(keep)
  for (const r of old) await exec(db, `DELETE FROM ho_kiosk_log WHERE id = ?`, [r.id])
  return old.length
}

/** Uploads received before `before` (retention). */
export function deleteKioskLogsBefore(db: Db, before: number): Promise<number> {
  return exec(db, `DELETE FROM ho_kiosk_log WHERE received_at < ?`, [before])
}

/** Queue depths for /metrics: notifications waiting or failed, conflicts open, uploads kept. */
export async function queueDepths(db: Db): Promise<Record<string, number>> {
  const row = await one<Record<string, unknown>>(
    db,
    `SELECT
       (SELECT COUNT(*) FROM ho_notification WHERE status IN ('pending', 'sending')) AS notifications_pending,
       (SELECT COUNT(*) FROM ho_notification WHERE status = 'failed') AS notifications_failed,
       (SELECT COUNT(*) FROM ho_conflict WHERE status = 'open') AS conflicts_open,
       (SELECT COUNT(*) FROM ho_kiosk WHERE logs_requested_at IS NOT NULL) AS logs_requested`,
  )
  return Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]))
}

/** A trivial round trip to the database (readiness). */
export async function ping(db: Db): Promise<void> {
  await one(db, `SELECT 1 AS ok`)
}

/** Adds the next version of a key (versions are global: one sequence for every name). */
export async function insertOrgKey(
  db: Db,
  name: string,
  keySealed: string,
  now: number,
): Promise<number> {
  const row = await one<{ v: unknown }>(db, `SELECT MAX(version) AS v FROM ho_org_key`)
  const version = Number(row?.v ?? 0) + 1
  await exec(
    db,
    `INSERT INTO ho_org_key (name, version, key_sealed, created_at) VALUES (?, ?, ?, ?)`,
    [name, version, keySealed, now],
  )
  return version
}

/** Keys newer than `after`, oldest first. */
export function orgKeysAfter(db: Db, after: number) {
  return rows<{ name: string; version: unknown; key_sealed: string }>(
    db,
    `SELECT name, version, key_sealed FROM ho_org_key WHERE version > ? ORDER BY version`,
    [after],
  )
}
