import type { Catalog } from '../../../shared/catalog'
import type { OutboxEvent } from '../../../shared/sync/events'
import type { Change, PushEventResult, StaffRecord } from '../../../shared/sync/protocol'
import { appendAudit } from '../audit/audit-log'
import { compareCatalogVersions } from '../catalog/catalog-store'
import type { CoreDeps } from '../context'
import type { Logger } from '../logger'
import { pendingEventCount, readPendingEvents } from '../outbox/outbox'
import { planKey } from '../../../shared/domain/plan-number'
import { markEvent, oldestPendingOccurredAt } from '../storage/repos/outbox'
import { closeActivePlanFromHeadOffice } from '../storage/repos/plans'
import { getSetting, putSetting } from '../storage/repos/settings'
import {
  insertStaffFromHeadOffice,
  staffIdByCode,
  updateStaffFromHeadOffice,
} from '../storage/repos/staff'
import { updateStoreNameAndStatus } from '../storage/repos/stores'
import { openConflictCount, upsertConflict, upsertRegistryEntry } from '../storage/repos/sync'
import type { Sql, Tx } from '../storage/store'
import type { OutboxPort } from './outbox-port'
import { applyPrivacyRequestState } from '../privacy/erasure'
import { deletePrintJobsOf } from '../retention/files'
import { markPrivacyRequestsSynced } from '../storage/repos/privacy'
import { headOfficePinHashToKiosk } from './staff-pin'

/** The `settings` key of the pull cursor (head office's feed sequence for this store). */
export const PULL_CURSOR_KEY = 'sync.pullCursor'

type ChangeOf<K extends Change['kind']> = Extract<Change, { kind: K }>

/**
 * The sync client's OutboxPort on the kiosk's SQLite. Each method is one short serialized
 * operation of the store (never a network call inside), so a sale waits at most for one of
 * them; everything that matters — what is pending, the cursor — is committed state, so a crash
 * anywhere resumes exactly where it stopped.
 */
/** A staff account as a pull left it (for the sessions open at the kiosk: session.ts follow). */
export interface PulledStaff {
  code: string
  name: string
  role: StaffRecord['role']
  active: boolean
}

export function createSqliteOutbox(
  deps: CoreDeps,
  logger: Logger,
  /** Called once a pulled page is committed, with the staff accounts it changed. */
  staffPulled?: (accounts: PulledStaff[]) => void,
): OutboxPort {
  const { store, catalogs } = deps

  function markOne(sql: Sql, r: PushEventResult, at: string): void {
    if (r.status === 'deferred') return
    // Only a pending event changes: an answer replayed for an event already settled (a lost
    // response, a retried batch) must not turn a conflict back into an acknowledgement.
    markEvent(sql, r.id, r.status, at, r, true)
    if (r.status === 'conflict') upsertConflict(sql, r.conflict, at)
  }

  async function applyStaff(tx: Tx, c: ChangeOf<'staff'>, at: string): Promise<PulledStaff | null> {
    if (c.storeCode !== deps.config.storeCode) return null
    const code = c.staff.staffCode.toUpperCase()
    const pin = headOfficePinHashToKiosk(c.staff.pinHash)
    const existing = staffIdByCode(tx.sql, code)
    if (!pin) {
      // Head office sent a hash this kiosk cannot verify: keep the PIN it has (or create no
      // account) rather than lock the person out or let anything through.
      logger.warn('staff PIN hash from head office not usable here', { staffCode: code })
    }
    const account = { code, name: c.staff.name, role: c.staff.role, active: c.staff.active }
    if (existing) updateStaffFromHeadOffice(tx.sql, existing, { ...account, pin })
    else if (pin) insertStaffFromHeadOffice(tx.sql, { ...account, pin }, at)
    else return null
    return account
  }

  function applyPlanStatus(sql: Sql, c: ChangeOf<'plan.status'>, at: string): void {
    const key = planKey(c.planNumber)
    upsertRegistryEntry(
      sql,
      {
        key,
        planNumber: c.planNumber,
        status: c.status,
        storeCode: c.storeCode,
        closedBy: c.closedBy ?? null,
        seq: c.seq,
      },
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
    closeActivePlanFromHeadOffice(sql, key, c.status, c.closedBy.onDate)
  }

  function applyStore(sql: Sql, c: ChangeOf<'store'>): void {
    // Only name and status travel here; the rest of a store comes with the catalog.
    updateStoreNameAndStatus(sql, c.store.code, c.store.name, c.store.active)
  }

  return {
    pending: (limit) => store.read((sql): OutboxEvent[] => readPendingEvents(sql, limit)),

    async markResults(results) {
      if (results.length === 0) return
      const at = deps.nowIso()
      await store.write(async (tx) => {
        for (const r of results) markOne(tx.sql, r, at)
        markPrivacyRequestsSynced(
          tx.sql,
          results.filter((r) => r.status !== 'deferred').map((r) => r.id),
        )
      })
    },

    pendingCount: () => store.read((sql) => pendingEventCount(sql)),

    oldestPendingAt: () =>
      store.read((sql) => {
        const occurredAt = oldestPendingOccurredAt(sql)
        return occurredAt === null ? null : Date.parse(occurredAt)
      }),

    pullCursor: () => store.read((sql) => Number(getSetting(sql, PULL_CURSOR_KEY) ?? 0)),

    async applyPull(changes, nextSince) {
      const at = deps.nowIso()
      const businessDate = deps.businessDate()
      const installed: Catalog[] = []
      const pulledStaff: PulledStaff[] = []
      const erased: string[] = []
      await store.write(async (tx) => {
        let latest = catalogs.latest().version
        const staffCodes: string[] = []
        pulledStaff.length = 0
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
              const account = await applyStaff(tx, c, at)
              if (account) {
                staffCodes.push(account.code)
                pulledStaff.push(account)
              }
              break
            }
            case 'plan.status':
              applyPlanStatus(tx.sql, c, at)
              break
            case 'conflict':
              upsertConflict(tx.sql, c.conflict, at)
              break
            case 'privacy.request':
              erased.push(...(await applyPrivacyRequestState(tx, deps, c.request, at)))
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
      if (pulledStaff.length > 0) staffPulled?.([...pulledStaff])
      if (erased.length > 0) {
        // An erased customer's receipts waiting for a printer go, and no WAL frame keeps them.
        deletePrintJobsOf(deps.config.dataDir, erased)
        await store.truncateWal()
      }
    },

    openConflictCount: () => store.read((sql) => openConflictCount(sql)),
  }
}
