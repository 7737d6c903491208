import { randomUUID } from 'node:crypto'
import type { Catalog } from '../../../shared/catalog'
import type { OutboxEvent } from '../../../shared/sync/events'
import type { Change, Conflict, PushEventResult } from '../../../shared/sync/protocol'
import { appendAudit } from '../audit/audit-log'
import { compareCatalogVersions } from '../catalog/catalog-store'
import type { CoreDeps } from '../context'
import type { Logger } from '../logger'
import { pendingEventCount, readPendingEvents } from '../outbox/outbox'
import { planKey } from '../../../shared/domain/plan-number'
import type { Sql, Tx } from '../storage/store'
import type { OutboxPort } from './outbox-port'
import { headOfficePinHashToKiosk } from './staff-pin'

/** The `settings` key of the pull cursor (head office's feed sequence for this store). */
export const PULL_CURSOR_KEY = 'sync.pullCursor'

type ChangeOf<K extends Change['kind']> = Extract<Change, { kind: K }>

/** Writes a settings row inside a transaction. */
export function putSetting(sql: Sql, key: string, value: string, at: string): void {
  sql.run(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    key,
    value,
    at,
  )
}

/** Reads a settings row. */
export function getSetting(sql: Sql, key: string): string | null {
  return sql.get<{ value: string }>('SELECT value FROM settings WHERE key = ?', key)?.value ?? null
}

/**
 * Stores a conflict as head office reported it, keeping the kiosk manager's own note: head
 * office's status and resolution win (it is the authority), the local note is never overwritten.
 */
export function upsertConflict(sql: Sql, conflict: Conflict, at: string): void {
  sql.run(
    `INSERT INTO sync_conflicts (conflict_id, plan_number, kind, winner, loser, detected_at, status,
       resolution, received_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (conflict_id) DO UPDATE SET status = excluded.status,
       resolution = excluded.resolution, updated_at = excluded.updated_at`,
    conflict.conflictId,
    conflict.planNumber,
    conflict.kind,
    JSON.stringify(conflict.winner),
    JSON.stringify(conflict.loser),
    conflict.detectedAt,
    conflict.status,
    conflict.resolution,
    at,
    at,
  )
}

/**
 * The sync client's OutboxPort on the kiosk's SQLite. Each method is one short serialized
 * operation of the store (never a network call inside), so a sale waits at most for one of
 * them; everything that matters — what is pending, the cursor — is committed state, so a crash
 * anywhere resumes exactly where it stopped.
 */
export function createSqliteOutbox(deps: CoreDeps, logger: Logger): OutboxPort {
  const { store, catalogs } = deps

  function markOne(sql: Sql, r: PushEventResult, at: string): void {
    if (r.status === 'deferred') return
    // Only a pending event changes: an answer replayed for an event already settled (a lost
    // response, a retried batch) must not turn a conflict back into an acknowledgement.
    sql.run(
      `UPDATE outbox SET status = ?, sent_at = ?, result = ? WHERE id = ? AND status = 'pending'`,
      r.status,
      at,
      JSON.stringify(r),
      r.id,
    )
    if (r.status === 'conflict') upsertConflict(sql, r.conflict, at)
  }

  async function applyStaff(tx: Tx, c: ChangeOf<'staff'>, at: string): Promise<string | null> {
    if (c.storeCode !== deps.config.storeCode) return null
    const code = c.staff.staffCode.toUpperCase()
    const pin = headOfficePinHashToKiosk(c.staff.pinHash)
    const existing = tx.sql.get<{ id: string }>('SELECT id FROM staff WHERE code = ?', code)
    if (!pin) {
      // Head office sent a hash this kiosk cannot verify: keep the PIN it has (or create no
      // account) rather than lock the person out or let anything through.
      logger.warn('staff PIN hash from head office not usable here', { staffCode: code })
    }
    if (existing) {
      tx.sql.run(
        `UPDATE staff SET name = ?, role = ?, active = ?${pin ? ', pin_hash = ?, pin_salt = ?' : ''}
         WHERE id = ?`,
        c.staff.name,
        c.staff.role,
        c.staff.active ? 1 : 0,
        ...(pin ? [pin.hash, pin.salt] : []),
        existing.id,
      )
    } else if (pin) {
      tx.sql.run(
        `INSERT INTO staff (id, code, name, role, pin_hash, pin_salt, failed_attempts, locked_at,
           active, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, ?, ?)`,
        randomUUID(),
        code,
        c.staff.name,
        c.staff.role,
        pin.hash,
        pin.salt,
        c.staff.active ? 1 : 0,
        at,
      )
    } else return null
    return code
  }

  function applyPlanStatus(sql: Sql, c: ChangeOf<'plan.status'>, at: string): void {
    const key = planKey(c.planNumber)
    sql.run(
      `INSERT INTO sync_plan_registry (plan_key, plan_number, status, store_code, closed_store_code,
         closed_kiosk_code, closed_on, feed_seq, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (plan_key) DO UPDATE SET status = excluded.status,
         closed_store_code = excluded.closed_store_code,
         closed_kiosk_code = excluded.closed_kiosk_code, closed_on = excluded.closed_on,
         feed_seq = excluded.feed_seq, updated_at = excluded.updated_at
       WHERE excluded.feed_seq > sync_plan_registry.feed_seq`,
      key,
      c.planNumber,
      c.status,
      c.storeCode,
      c.closedBy?.storeCode ?? null,
      c.closedBy?.kioskCode ?? null,
      c.closedBy?.onDate ?? null,
      c.seq,
      at,
    )
    if (c.status === 'active' || !c.closedBy) return
    const closedHere =
      c.closedBy.storeCode === deps.config.storeCode &&
      c.closedBy.kioskCode === deps.config.kioskCode
    if (closedHere) return
    // Closed at another kiosk: an active copy here must stop being redeemable or cancellable
    // (docs/program-rules.md#offline-first-and-sync: head office is the authority for plan status
    // across stores). The local money records are untouched; only the status moves, and only away
    // from active.
    const plan = sql.get<{ id: string }>(
      "SELECT id FROM plans WHERE plan_key = ? AND status = 'active'",
      key,
    )
    if (!plan) return
    sql.run(
      'UPDATE plans SET status = ?, closed_on = ? WHERE id = ?',
      c.status,
      c.closedBy.onDate,
      plan.id,
    )
    sql.run('UPDATE plan_imeis SET active = 0 WHERE plan_id = ?', plan.id)
  }

  function applyStore(sql: Sql, c: ChangeOf<'store'>): void {
    // Only name and status travel here; the rest of a store comes with the catalog.
    sql.run(
      'UPDATE stores SET name = ?, active = ? WHERE code = ?',
      c.store.name,
      c.store.active ? 1 : 0,
      c.store.code,
    )
  }

  return {
    pending: (limit) => store.read((sql): OutboxEvent[] => readPendingEvents(sql, limit)),

    async markResults(results) {
      if (results.length === 0) return
      const at = deps.nowIso()
      await store.write(async (tx) => {
        for (const r of results) markOne(tx.sql, r, at)
      })
    },

    pendingCount: () => store.read((sql) => pendingEventCount(sql)),

    oldestPendingAt: () =>
      store.read((sql) => {
        const row = sql.get<{ occurred_at: string }>(
          "SELECT occurred_at FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT 1",
        )
        return row ? Date.parse(row.occurred_at) : null
      }),

    pullCursor: () => store.read((sql) => Number(getSetting(sql, PULL_CURSOR_KEY) ?? 0)),

    async applyPull(changes, nextSince) {
      const at = deps.nowIso()
      const businessDate = deps.businessDate()
      const installed: Catalog[] = []
      await store.write(async (tx) => {
        let latest = catalogs.latest().version
        const staffCodes: string[] = []
        for (const c of changes) {
          switch (c.kind) {
            case 'catalog':
              // Newer only: a store's feed starts with the newest catalog, which the kiosk may
              // already have bundled. Plans keep their frozen SRP and fee whatever comes.
              if (compareCatalogVersions(c.catalog.version, latest) > 0) {
                await catalogs.writeVersion(
                  tx,
                  c.catalog,
                  'headoffice',
                  null,
                  at,
                  businessDate,
                  latest,
                )
                installed.push(c.catalog)
                latest = c.catalog.version
              }
              break
            case 'store':
              applyStore(tx.sql, c)
              break
            case 'staff': {
              const code = await applyStaff(tx, c, at)
              if (code) staffCodes.push(code)
              break
            }
            case 'plan.status':
              applyPlanStatus(tx.sql, c, at)
              break
            case 'conflict':
              upsertConflict(tx.sql, c.conflict, at)
              break
          }
        }
        if (staffCodes.length > 0) {
          await appendAudit(tx, {
            at,
            businessDate,
            staff: null,
            action: 'staff.sync',
            entity: 'staff',
            entityId: null,
            details: { codes: staffCodes },
          })
        }
        putSetting(tx.sql, PULL_CURSOR_KEY, String(nextSince), at)
      })
      // Only now: a rolled-back page must not leave a catalog in memory that is not on disk.
      for (const catalog of installed) catalogs.remember(catalog)
    },

    openConflictCount: () =>
      store.read(
        (sql) =>
          sql.get<{ n: number }>(
            `SELECT COUNT(*) AS n FROM sync_conflicts
             WHERE status = 'open' AND local_resolved_at IS NULL`,
          )!.n,
      ),
  }
}
