import { randomUUID } from 'node:crypto'
import type { Catalog, ValueBand } from '../../shared/catalog'
import { planKey } from '../../shared/domain/plan-number'
import type { Conflict, PushEventResult } from '../../shared/sync/protocol'
import { catalogsByVersion, latestCatalog, type CatalogBody } from '../db/repos/catalogs'
import { conflictValues } from '../db/repos/conflicts'
import { verifiedOtps } from '../db/repos/otps'
import type { ChangeEntry } from '../db/repos/feed'
import { notificationValues } from '../db/repos/notifications'
import type { PlanRow } from '../db/repos/plan-row'
import { activePlansByImeis, lockImeis, lockPlansByKeys } from '../db/repos/plans'
import {
  creditedRedemptionsByDevice,
  inspectionsByIds,
  inspectionsByPlans,
  writeBatch,
  type InspectionRecord,
} from '../db/repos/push-batch'
import type { Db } from '../db/sql'
import type { NotificationDraft } from '../notifications/draft'
import { compareCatalogVersions } from '../services/catalog-publisher'
import { tradeInsByIds, writeTradeIns, type HoTradeIn } from '../db/repos/tradeins'
import { recordPrivacyRequest, type NewPrivacyRequest } from '../services/privacy'

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
  readonly inspections = new Map<string, Omit<InspectionRecord, 'inspectionId'>>()
  /** IMEI → the active plan holding it (registered or enrolled in this batch). */
  private readonly activeImeis = new Map<string, string>()
  /** device intake id → redemption id, for device.collected. */
  readonly devices = new Map<string, string>()
  readonly collected: Array<{ redemptionId: string; on: string }> = []
  /** Published catalogs by version (the versions the batch names, and the newest). */
  readonly catalogs = new Map<string, Catalog>()
  /** One-time codes head office verified (id → plan number), for redemptions that name one. */
  readonly verifiedOtps = new Map<string, string>()
  /** The newest published catalog: the price list a new phone is checked against. */
  newestCatalog: Catalog | null = null
  readonly redemptionRows: unknown[][] = []
  readonly cancellationRows: unknown[][] = []
  readonly inspectionRows: unknown[][] = []
  readonly conflictRows: unknown[][] = []
  readonly eventRows: unknown[][] = []
  readonly notifications: NotificationDraft[] = []
  readonly changes: ChangeEntry[] = []
  /** Data principals' requests taken at kiosks (issue 18), recorded after the batch's rows. */
  readonly privacyRequests: NewPrivacyRequest[] = []
  /** Trade-ins the batch names (issue 22), and which of them it adds or changes. */
  readonly tradeIns = new Map<string, HoTradeIn>()
  private readonly newTradeIns = new Set<string>()
  private readonly changedTradeIns = new Set<string>()

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
    /** IMEIs of the batch's enrollments: the active plans holding them are loaded. */
    imeis?: string[]
    /** The batch redeems: the newest catalog is loaded for the new phones. */
    needsNewestCatalog?: boolean
    /** One-time codes the batch's redemptions say the customer gave. */
    otpIds?: string[]
    /** Trade-ins the batch's trade-in events name. */
    tradeInIds?: string[]
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
    // Every inspection of the plans the batch touches: a redemption rests on the latest one.
    for (const chunk of chunks([...this.plans.keys()])) {
      for (const { inspectionId, ...inspection } of await inspectionsByPlans(db, chunk)) {
        this.inspections.set(inspectionId, inspection)
      }
    }
    // Before the IMEIs are read: another kiosk's push enrolling one of them commits first.
    await lockImeis(db, input.imeis ?? [])
    for (const chunk of chunks(input.imeis ?? [], 500)) {
      for (const plan of await activePlansByImeis(db, chunk)) {
        if (!this.plans.has(plan.planNumber)) this.plans.set(plan.planNumber, plan)
        for (const imei of plan.imeis) this.activeImeis.set(imei, plan.planNumber)
      }
    }
    for (const plan of this.plans.values()) {
      if (plan.status === 'active')
        for (const imei of plan.imeis) this.activeImeis.set(imei, plan.planNumber)
    }
    const missing = [...new Set([...this.plans.values()].map((p) => p.catalogVersion))].filter(
      (v) => !this.catalogs.has(v),
    )
    if (missing.length > 0) this.setCatalogs(await catalogsByVersion(db, missing))
    if (input.needsNewestCatalog) {
      const newest = await latestCatalog(db)
      if (newest) this.setCatalogs([newest])
    }
    for (const chunk of chunks(input.deviceIds)) {
      for (const r of await creditedRedemptionsByDevice(db, chunk)) {
        this.devices.set(r.deviceIntakeId, r.redemptionId)
      }
    }
    if (input.catalogVersions.length > 0) {
      this.setCatalogs(await catalogsByVersion(db, input.catalogVersions))
    }
    for (const chunk of chunks(input.tradeInIds ?? [], 500)) {
      for (const t of await tradeInsByIds(db, chunk)) this.tradeIns.set(t.tradeInId, t)
    }
    for (const chunk of chunks(input.otpIds ?? [], 500)) {
      for (const otp of await verifiedOtps(db, chunk))
        this.verifiedOtps.set(otp.otpId, otp.planNumber)
    }
  }

  /**
   * Catalog rows read elsewhere (push ingest reads them with the kiosk lock, same round trip).
   * Published catalogs were validated with CatalogSchema when head office published them.
   */
  setCatalogs(found: CatalogBody[]): void {
    for (const r of found) {
      const catalog = JSON.parse(r.body) as Catalog
      this.catalogs.set(r.version, catalog)
      if (!this.newestCatalog || compareCatalogVersions(r.version, this.newestCatalog.version) > 0)
        this.newestCatalog = catalog
    }
  }

  /** The schedule frozen with a plan enrolled under a catalog version (null → default). */
  scheduleFor(catalogVersion: string): ValueBand[] | null {
    return this.catalogs.get(catalogVersion)?.schedule ?? null
  }

  /** The active plan holding an IMEI, if any (registered, or enrolled earlier in this batch). */
  activePlanWithImei(imei: string): PlanRow | undefined {
    const number = this.activeImeis.get(imei)
    const plan = number === undefined ? undefined : this.plans.get(number)
    return plan?.status === 'active' && plan.imeis.includes(imei) ? plan : undefined
  }

  /** The number of the plan registered (or enrolled in this batch) under a plan key, if any. */
  planNumberOfKey(key: string): string | undefined {
    return this.planNumbersByKey.get(key)
  }

  addPlan(plan: PlanRow): void {
    this.setPlan(plan)
    this.newPlans.add(plan.planNumber)
    for (const imei of plan.imeis) {
      if (!this.activePlanWithImei(imei)) this.activeImeis.set(imei, plan.planNumber)
    }
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

  /** A trade-in the batch records (tradein.accepted). */
  addTradeIn(t: HoTradeIn): void {
    this.tradeIns.set(t.tradeInId, t)
    this.newTradeIns.add(t.tradeInId)
  }

  /** A trade-in the batch changes (confirmed, voucher used, collected). */
  changeTradeIn(t: HoTradeIn): void {
    this.tradeIns.set(t.tradeInId, t)
    if (!this.newTradeIns.has(t.tradeInId)) this.changedTradeIns.add(t.tradeInId)
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
    for (const r of this.privacyRequests) await recordPrivacyRequest(this.db, r, this.now)
    const pick = (ids: Set<string>) => [...ids].map((id) => this.tradeIns.get(id) as HoTradeIn)
    await writeTradeIns(this.db, pick(this.newTradeIns), pick(this.changedTradeIns))
  }
}

function chunks<T>(items: T[], size = 1000): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
