import { randomUUID } from 'node:crypto'
import type { DataSource } from 'typeorm'
import type { Heartbeat } from '../../shared/sync/fleet'
import {
  deleteKioskLogsBefore,
  deleteKioskLogsBeyond,
  fleetRows,
  insertKioskLog,
  kioskLogBody,
  kioskLogList,
  setLogsRequested,
  upsertHeartbeat,
} from '../db/repos/fleet'
import { inTransaction, withDb } from '../db/sql'
import { HeadOfficeError } from '../errors'

/** When a kiosk is flagged (docs/fleet.md#flags); HEADOFFICE_FLAG_* override the defaults. */
export interface FleetThresholds {
  /** Not seen (no heartbeat) for this many hours. */
  notSeenHours: number
  /** Its oldest unsent event older than this many hours. */
  backlogHours: number
  /** Its clock off head office's by more than this (ms). */
  clockSkewMs: number
}

export const DEFAULT_FLEET_THRESHOLDS: FleetThresholds = {
  notSeenHours: 24,
  backlogHours: 6,
  clockSkewMs: 60_000,
}

/** How many uploads head office keeps per kiosk, and for how long (docs/fleet.md#logs). */
export const LOG_KEEP_PER_KIOSK = 5
export const LOG_RETENTION_DAYS = 30

export type FleetFlag =
  'not-seen' | 'backlog-old' | 'clock-off' | 'printer-out-of-paper' | 'lost-at-risk'

/** Stores a kiosk's heartbeat; answers the clock offset head office measured. */
export async function recordHeartbeat(
  ds: DataSource,
  kioskId: string,
  hb: Heartbeat,
  now: number,
): Promise<{ clockOffsetMs: number }> {
  // Measured here, not taken from the kiosk: head office's clock minus the kiosk's at arrival.
  const clockOffsetMs = now - Date.parse(hb.sentAt)
  await inTransaction(ds, async (db) => {
    await upsertHeartbeat(
      db,
      kioskId,
      {
        ...hb,
        // Kiosk fields a bad build could bloat are capped by the schema; the error is kept short.
        lastError: hb.lastError ? `${hb.lastError.code}: ${hb.lastError.message}` : null,
        clockOffsetMs,
        lockedStaff: hb.lockedStaff?.length ? JSON.stringify(hb.lockedStaff) : null,
      },
      now,
    )
  })
  return { clockOffsetMs }
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))

/** The flags of one kiosk's row at `now`. */
function flagsOf(r: Record<string, unknown>, now: number, t: FleetThresholds): FleetFlag[] {
  const flags: FleetFlag[] = []
  const seen = num(r.last_seen_at) ?? num(r.created_at) ?? 0
  const retiredAt = num(r.retired_at)
  const backlog = num(r.backlog) ?? 0
  if (retiredAt !== null) {
    // Its unsent events are at risk if it never synced again after it was retired.
    if (backlog > 0 && seen <= retiredAt) flags.push('lost-at-risk')
    return flags
  }
  if (r.status !== 'active') return flags
  if (now - seen > t.notSeenHours * 3_600_000) flags.push('not-seen')
  const oldest = num(r.oldest_unsent_age_s)
  const heardAt = num(r.received_at)
  // The age the kiosk reported, plus the time since it reported it.
  if (oldest !== null && heardAt !== null) {
    if (oldest * 1000 + (now - heardAt) > t.backlogHours * 3_600_000) flags.push('backlog-old')
  }
  const offset = num(r.clock_offset_ms)
  if (offset !== null && Math.abs(offset) > t.clockSkewMs) flags.push('clock-off')
  if (r.printer === 'paper-out') flags.push('printer-out-of-paper')
  return flags
}

/** Every kiosk with its latest heartbeat and flags (the admin's fleet list). */
export async function fleetHealth(ds: DataSource, now: number, t: FleetThresholds) {
  const found = await withDb(ds, fleetRows)
  return found.map((r) => ({
    kioskId: String(r.id),
    storeCode: String(r.store_code),
    kioskCode: String(r.kiosk_code),
    status: r.retired_at !== null && r.retired_at !== undefined ? 'retired' : String(r.status),
    lastSeq: Number(r.last_seq),
    lastSeenAt: iso(num(r.last_seen_at)),
    retiredAt: iso(num(r.retired_at)),
    logsRequested: r.logs_requested_at !== null && r.logs_requested_at !== undefined,
    heartbeat:
      r.received_at === null || r.received_at === undefined
        ? null
        : {
            receivedAt: iso(num(r.received_at)),
            appVersion: String(r.app_version),
            os: String(r.os),
            freeDiskBytes: num(r.free_disk_bytes),
            databaseBytes: num(r.database_bytes),
            backlog: Number(r.backlog),
            oldestUnsentAgeSeconds: num(r.oldest_unsent_age_s),
            printer: String(r.printer),
            lastError: (r.last_error as string | null) ?? null,
            clockOffsetMs: Number(r.clock_offset_ms),
            catalogVersion: (r.catalog_version as string | null) ?? null,
            catalogLatest: (r.catalog_latest as string | null) ?? null,
          },
    flags: flagsOf(r, now, t),
  }))
}

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString()
}

/** Asks a kiosk for its logs on its next sync. */
export async function requestKioskLogs(ds: DataSource, kioskId: string, now: number) {
  const found = await withDb(ds, (db) => setLogsRequested(db, kioskId, now))
  if (!found) throw new HeadOfficeError('KIOSK_UNKNOWN', `No kiosk ${kioskId}.`)
}

/**
 * Keeps a kiosk's upload (already redacted by the kiosk's logger), clears head office's request,
 * and drops the kiosk's uploads beyond the newest {@link LOG_KEEP_PER_KIOSK}.
 */
export async function storeKioskLogs(
  ds: DataSource,
  kioskId: string,
  upload: { reason: string; text: string },
  now: number,
): Promise<{ logId: string; bytes: number }> {
  const logId = randomUUID()
  const bytes = Buffer.byteLength(upload.text, 'utf8')
  await inTransaction(ds, async (db) => {
    await insertKioskLog(
      db,
      { id: logId, kioskId, reason: upload.reason, body: upload.text, bytes },
      now,
    )
    await setLogsRequested(db, kioskId, null)
    await deleteKioskLogsBeyond(db, kioskId, LOG_KEEP_PER_KIOSK)
  })
  return { logId, bytes }
}

export function kioskLogs(ds: DataSource, kioskId: string) {
  return withDb(ds, async (db) =>
    (await kioskLogList(db, kioskId)).map((r) => ({
      logId: r.id,
      receivedAt: iso(Number(r.received_at)),
      reason: r.reason,
      bytes: Number(r.bytes),
    })),
  )
}

export async function kioskLogText(ds: DataSource, kioskId: string, logId: string) {
  const body = await withDb(ds, (db) => kioskLogBody(db, kioskId, logId))
  if (body === null) throw new HeadOfficeError('NOT_FOUND', `No log ${logId} of ${kioskId}.`)
  return body
}

/** Forgets uploads past {@link LOG_RETENTION_DAYS} (run by the background job). */
export function purgeKioskLogs(ds: DataSource, now: number): Promise<number> {
  return withDb(ds, (db) => deleteKioskLogsBefore(db, now - LOG_RETENTION_DAYS * 86_400_000))
}
