import { randomUUID } from 'node:crypto'
import type { ValueBand } from '../../shared/catalog'
import { planKey } from '../../shared/domain/plan-number'
import type { Conflict, PushEventResult } from '../../shared/sync/protocol'
import { catalogsByVersion, type CatalogBody } from '../db/repos/catalogs'
import { conflictValues } from '../db/repos/conflicts'
import type { ChangeEntry } from '../db/repos/feed'
import { notificationValues } from '../db/repos/notifications'
import type { PlanRow } from '../db/repos/plan-row'
import { lockPlansByKeys } from '../db/repos/plans'
import { creditedRedemptionsByDevice, inspectionsByIds, writeBatch } from '../db/repos/push-batch'
import type { Db } from '../db/sql'
import type { NotificationDraft } from '../notifications/draft'

/**
 * Everything one push batch reads and writes, held in memory: the plans, inspections and
 * redemptions the batch touches are loaded (and on PostgreSQL row-locked) up front in a few
 * queries, the events mutate this state in kiosk order, and `flush` writes it back with
 * multi-row INSERTs. That keeps a 500-event batch to a handful of round trips.
 */
export class BatchState {
  readonly plans = new Map<string, PlanRow>()
  private readonly planNumbersByKey = new Map<string, string>()
  readonly newPlans = new Set<string>()
  readonly changedPlans = new Set<string>()
  readonly inspections = new Map<string, { verdict: string; imei: string; planNumber: string }>()
  /** device intake id → redemption id, for device.collected. */
  readonly devices = new Map<string, string>()
  readonly collected: Array<{ redemptionId: string; on: string }> = []
  readonly schedules = new Map<string, ValueBand[] | null>()
  readonly redemptionRows: unknown[][] = []
  readonly cancellationRows: unknown[][] = []
  readonly inspectionRows: unknown[][] = []
  readonly conflictRows: unknown[][] = []
  readonly eventRows: unknown[][] = []
  readonly notifications: NotificationDraft[] = []
  readonly changes: ChangeEntry[] = []

  constructor(
    readonly db: Db,
    readonly now: number,
  ) {}

  /**
   * Loads the rows the batch refers to; on PostgreSQL locks the plans (in a stable order). Plans
   * are read by key, so an enrollment whose number differs from a registered one only in its
   * separators is seen (and refused) instead of failing the batch on the unique key.
   */
  async load(input: {
    planNumbers: string[]
    inspectionIds: string[]
    deviceIds: string[]
    catalogVersions: string[]
  }): Promise<void> {
    const { db } = this
    const keys = [...new Set(input.planNumbers.map(planKey))].sort()
    for (const chunk of chunks(keys)) {
      for (const plan of await lockPlansByKeys(db, chunk)) this.setPlan(plan)
    }
    for (const chunk of chunks(input.inspectionIds)) {
      for (const { inspectionId, ...inspection } of await inspectionsByIds(db, chunk)) {
        this.inspections.set(inspectionId, inspection)
      }
    }
    for (const chunk of chunks(input.deviceIds)) {
      for (const r of await creditedRedemptionsByDevice(db, chunk)) {
        this.devices.set(r.deviceIntakeId, r.redemptionId)
      }
    }
    if (input.catalogVersions.length > 0) {
      this.setCatalogs(await catalogsByVersion(db, input.catalogVersions))
    }
  }

  /** Catalog rows read elsewhere (push ingest reads them with the kiosk lock, same round trip). */
  setCatalogs(found: CatalogBody[]): void {
    for (const r of found) {
      this.schedules.set(r.version, (JSON.parse(r.body) as { schedule: ValueBand[] }).schedule)
    }
  }

  /** The schedule frozen with a plan enrolled under a catalog version (null → default). */
  scheduleFor(catalogVersion: string): ValueBand[] | null {
    return this.schedules.get(catalogVersion) ?? null
  }

  /** The number of the plan registered (or enrolled in this batch) under a plan key, if any. */
  planNumberOfKey(key: string): string | undefined {
    return this.planNumbersByKey.get(key)
  }

  addPlan(plan: PlanRow): void {
    this.setPlan(plan)
    this.newPlans.add(plan.planNumber)
  }

  private setPlan(plan: PlanRow): void {
    this.plans.set(plan.planNumber, plan)
    this.planNumbersByKey.set(planKey(plan.planNumber), plan.planNumber)
  }

  touchPlan(plan: PlanRow): void {
    plan.updatedAt = this.now
    if (!this.newPlans.has(plan.planNumber)) this.changedPlans.add(plan.planNumber)
  }

  addConflict(conflict: Conflict): void {
    this.conflictRows.push(conflictValues(conflict, this.now))
  }

  recordEvent(
    event: {
      id: string
      seq: number
      type: string
      storeCode: string
      businessDate?: string
      occurredAt?: string
    },
    kioskId: string,
    result: PushEventResult,
    payload: unknown,
  ): void {
    this.eventRows.push([
      event.id,
      kioskId,
      event.seq,
      event.type,
      event.storeCode,
      event.businessDate ?? null,
      event.occurredAt ?? null,
      result.status,
      JSON.stringify(result),
      JSON.stringify(payload),
      this.now,
    ])
  }

  /**
   * Writes everything the batch did, inside the caller's transaction: the effects, the kiosk's
   * new last seq, the change feed entries, and last the idempotency ledger rows.
   */
  async flush(kiosk: { id: string; lastSeq: number }): Promise<void> {
    const plan = (n: string) => this.plans.get(n) as PlanRow
    await writeBatch(
      this.db,
      {
        newPlans: [...this.newPlans].map(plan),
        changedPlans: [...this.changedPlans].map(plan),
        inspectionRows: this.inspectionRows,
        redemptionRows: this.redemptionRows,
        cancellationRows: this.cancellationRows,
        conflictRows: this.conflictRows,
        notificationRows: this.notifications.map((d) =>
          notificationValues(randomUUID(), d, this.now),
        ),
        collected: this.collected,
        changes: this.changes,
        eventRows: this.eventRows,
      },
      kiosk,
      this.now,
    )
  }
}

function chunks<T>(items: T[], size = 1000): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
