import { randomUUID } from 'node:crypto'
import type { ValueBand } from '../../shared/catalog'
import { planKey } from '../../shared/domain/plan-number'
import type { Conflict, PushEventResult } from '../../shared/sync/protocol'
import { appendChanges, appendChangesCte, type ChangeEntry } from '../services/change-feed'
import type { NotificationDraft } from '../notifications/draft'
import { type Db, exec, inList, insertJsonSql, insertRows, jsonRows, rows } from '../db/sql'
import { NOTIFICATION_COLUMNS, notificationValues } from '../notifications/draft'
import { PLAN_COLUMNS, planFromRow, planValues, type PlanRow } from './plan-row'

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
    const lock = db.dialect === 'postgres' ? ' ORDER BY plan_number FOR UPDATE' : ''
    const keys = [...new Set(input.planNumbers.map(planKey))].sort()
    for (const chunk of chunks(keys)) {
      const found = await rows(
        db,
        `SELECT * FROM ho_plan WHERE plan_key IN ${inList(chunk.length)}${lock}`,
        chunk,
      )
      for (const r of found) this.setPlan(planFromRow(r))
    }
    for (const chunk of chunks(input.inspectionIds)) {
      const found = await rows<Record<string, string>>(
        db,
        `SELECT inspection_id, verdict, imei, plan_number FROM ho_inspection
         WHERE inspection_id IN ${inList(chunk.length)}`,
        chunk,
      )
      for (const r of found) {
        this.inspections.set(String(r.inspection_id), {
          verdict: String(r.verdict),
          imei: String(r.imei),
          planNumber: String(r.plan_number),
        })
      }
    }
    for (const chunk of chunks(input.deviceIds)) {
      const found = await rows<Record<string, string>>(
        db,
        `SELECT redemption_id, device_intake_id FROM ho_redemption
         WHERE device_intake_id IN ${inList(chunk.length)} AND status = 'credited'`,
        chunk,
      )
      for (const r of found) this.devices.set(String(r.device_intake_id), String(r.redemption_id))
    }
    if (input.catalogVersions.length > 0) {
      const found = await rows<{ version: string; body: string }>(
        db,
        `SELECT version, body FROM ho_catalog WHERE version IN ${inList(input.catalogVersions.length)}`,
        input.catalogVersions,
      )
      this.setCatalogs(found)
    }
  }

  /** Catalog rows read elsewhere (push ingest reads them with the kiosk lock, same round trip). */
  setCatalogs(found: Array<{ version: string; body: string }>): void {
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
    this.conflictRows.push([
      conflict.conflictId,
      conflict.planNumber,
      conflict.kind,
      JSON.stringify(conflict.winner),
      JSON.stringify(conflict.loser),
      this.now,
      conflict.status,
    ])
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
    if (this.db.dialect === 'postgres') await this.flushPostgres(kiosk)
    else await this.flushStatements(kiosk)
  }

  private notificationRows(): unknown[][] {
    return this.notifications.map((d) => notificationValues(randomUUID(), d, this.now))
  }

  private changedPlanRows(): unknown[][] {
    return [...this.changedPlans].map((n) => {
      const p = this.plans.get(n) as PlanRow
      return [
        p.planNumber,
        p.status,
        p.closedStore,
        p.closedKiosk,
        p.closedOn,
        p.closedEventId,
        p.closedRef,
        p.reservationId,
        p.reservedBy,
        p.reservedUntil,
        p.updatedAt,
      ]
    })
  }

  /**
   * PostgreSQL: the effects, kiosk update and feed entries go in ONE statement of data-modifying
   * CTEs (each table's rows bound as one JSON parameter), then the ledger rows in a second.
   * Round trips, not rows, are what a small batch costs: every statement is a socket write and a
   * wake-up of the backend, which on a loaded machine dominated the push (see the benchmark notes).
   * The CTEs touch disjoint rows (new rows, or existing rows updated once), so their unspecified
   * order does not matter; device collections may target a redemption inserted by this very
   * batch, which a sibling CTE could not see, so they stay separate statements after it.
   */
  private async flushPostgres(kiosk: { id: string; lastSeq: number }): Promise<void> {
    const { db, now } = this
    const ctes: Array<{ name: string; sql: string }> = []
    const params: unknown[] = []
    const insert = (
      table: string,
      columns: readonly string[],
      values: unknown[][],
      options?: { onConflictDoNothing?: boolean },
    ) => {
      if (values.length === 0) return
      ctes.push({ name: `w_${table}`, sql: insertJsonSql(table, columns, options) })
      params.push(jsonRows(columns, values))
    }
    insert(
      'ho_plan',
      PLAN_COLUMNS,
      [...this.newPlans].map((n) => planValues(this.plans.get(n) as PlanRow)),
    )
    if (this.changedPlans.size > 0) {
      const set = PLAN_UPDATE_COLUMNS.slice(1)
        .map((c) => `${c} = v.${c}`)
        .join(', ')
      ctes.push({
        name: 'u_ho_plan',
        sql: `UPDATE ho_plan SET ${set}
          FROM json_populate_recordset(NULL::ho_plan, ?::json) AS v
          WHERE ho_plan.plan_number = v.plan_number`,
      })
      params.push(jsonRows(PLAN_UPDATE_COLUMNS, this.changedPlanRows()))
    }
    insert('ho_inspection', INSPECTION_COLUMNS, this.inspectionRows)
    insert('ho_redemption', REDEMPTION_COLUMNS, this.redemptionRows)
    insert('ho_cancellation', CANCELLATION_COLUMNS, this.cancellationRows)
    insert('ho_conflict', CONFLICT_COLUMNS, this.conflictRows)
    // A replayed enrollment must never message the customer twice.
    insert('ho_notification', NOTIFICATION_COLUMNS, this.notificationRows(), {
      onConflictDoNothing: true,
    })
    ctes.push({
      name: 'u_ho_kiosk',
      sql: `UPDATE ho_kiosk SET last_seq = ?, last_seen_at = ? WHERE id = ?`,
    })
    params.push(kiosk.lastSeq, now, kiosk.id)
    const feed = appendChangesCte(this.changes, now)
    if (feed) {
      ctes.push({ name: 'feed_counter', sql: feed.counter })
      ctes.push({ name: 'w_ho_change', sql: feed.insert })
      params.push(...feed.params)
    }
    const last = ctes.pop() as { sql: string }
    const sql =
      (ctes.length ? `WITH ${ctes.map((c) => `${c.name} AS (${c.sql})`).join(',\n')}\n` : '') +
      last.sql
    await exec(db, sql, params)
    await this.collect()
    if (this.eventRows.length > 0) {
      await exec(db, insertJsonSql('ho_sync_event', SYNC_EVENT_COLUMNS), [
        jsonRows(SYNC_EVENT_COLUMNS, this.eventRows),
      ])
    }
  }

  private async collect(): Promise<void> {
    for (const c of this.collected) {
      await exec(
        this.db,
        `UPDATE ho_redemption SET device_status = 'collected', collected_on = ? WHERE redemption_id = ?`,
        [c.on, c.redemptionId],
      )
    }
  }

  /** SQLite (in-process, so statements are cheap): one multi-row INSERT per table. */
  private async flushStatements(kiosk: { id: string; lastSeq: number }): Promise<void> {
    const { db, now } = this
    await insertRows(
      db,
      'ho_plan',
      PLAN_COLUMNS,
      [...this.newPlans].map((n) => planValues(this.plans.get(n) as PlanRow)),
    )
    const set = PLAN_UPDATE_COLUMNS.slice(1)
      .map((c) => `${c} = ?`)
      .join(', ')
    for (const [planNumber, ...values] of this.changedPlanRows()) {
      await exec(db, `UPDATE ho_plan SET ${set} WHERE plan_number = ?`, [...values, planNumber])
    }
    await insertRows(db, 'ho_inspection', INSPECTION_COLUMNS, this.inspectionRows)
    await insertRows(db, 'ho_redemption', REDEMPTION_COLUMNS, this.redemptionRows)
    await insertRows(db, 'ho_cancellation', CANCELLATION_COLUMNS, this.cancellationRows)
    await this.collect()
    await insertRows(db, 'ho_conflict', CONFLICT_COLUMNS, this.conflictRows)
    await insertRows(db, 'ho_notification', NOTIFICATION_COLUMNS, this.notificationRows(), {
      // A replayed enrollment must never message the customer twice.
      onConflictDoNothing: true,
    })
    await exec(db, `UPDATE ho_kiosk SET last_seq = ?, last_seen_at = ? WHERE id = ?`, [
      kiosk.lastSeq,
      now,
      kiosk.id,
    ])
    await appendChanges(db, this.changes, now)
    await insertRows(db, 'ho_sync_event', SYNC_EVENT_COLUMNS, this.eventRows)
  }
}

/** The plan columns a batch may change on an existing plan (plan_number first: the key). */
const PLAN_UPDATE_COLUMNS = [
  'plan_number',
  'status',
  'closed_store',
  'closed_kiosk',
  'closed_on',
  'closed_event_id',
  'closed_ref',
  'reservation_id',
  'reserved_by',
  'reserved_until',
  'updated_at',
] as const

const CONFLICT_COLUMNS = [
  'conflict_id',
  'plan_number',
  'kind',
  'winner',
  'loser',
  'detected_at',
  'status',
] as const

export const SYNC_EVENT_COLUMNS = [
  'id',
  'kiosk_id',
  'seq',
  'type',
  'store_code',
  'business_date',
  'occurred_at',
  'status',
  'result',
  'payload',
  'received_at',
] as const

export const REDEMPTION_COLUMNS = [
  'redemption_id',
  'plan_number',
  'event_id',
  'store_code',
  'kiosk_code',
  'on_date',
  'business_date',
  'age_month',
  'percent',
  'srp_paise',
  'assured_value_paise',
  'credit_paise',
  'new_price_paise',
  'amount_paid_paise',
  'device_intake_id',
  'device_status',
  'status',
  'created_at',
] as const

export const CANCELLATION_COLUMNS = [
  'cancellation_id',
  'plan_number',
  'event_id',
  'store_code',
  'kiosk_code',
  'cancelled_on',
  'refund_paise',
  'within_window',
  'status',
  'created_at',
] as const

export const INSPECTION_COLUMNS = [
  'inspection_id',
  'plan_number',
  'event_id',
  'store_code',
  'kiosk_code',
  'imei',
  'verdict',
  'submitted_at',
] as const

function chunks<T>(items: T[], size = 1000): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
