import { randomUUID } from 'node:crypto'
import {
  EVENT_PAYLOAD_SCHEMAS,
  OutboxEventSchema,
  type OutboxEvent,
  type OutboxEventType,
  type PayloadOf,
} from '../../../shared/sync/events'
import { OutboxEntity, type OutboxRow } from '../storage/entities'
import { pendingEventRows } from '../storage/repos/outbox'
import type { Sql, Tx } from '../storage/store'

/** Who and when every event of this kiosk carries. */
export interface EventOrigin {
  kioskCode: string
  storeCode: string
  training: boolean
  occurredAt: string
  businessDate: string
}

/** The origin of an event this kiosk writes now (`at`) on business day `businessDate`. */
export function eventOrigin(
  deps: { config: { kioskCode: string; storeCode: string }; training: boolean },
  at: string,
  businessDate: string,
): EventOrigin {
  return {
    kioskCode: deps.config.kioskCode,
    storeCode: deps.config.storeCode,
    training: deps.training,
    occurredAt: at,
    businessDate,
  }
}

/**
 * Appends an event inside the caller's transaction. `seq` comes from the sequences table in the
 * same transaction, so it is gapless: a rolled-back sale takes its number back with it.
 */
export async function appendEvent<T extends OutboxEventType>(
  tx: Tx,
  origin: EventOrigin,
  type: T,
  payload: PayloadOf<T>,
): Promise<OutboxRow> {
  // A payload that does not fit the wire format is a bug here, not head office's problem later.
  const checked = EVENT_PAYLOAD_SCHEMAS[type].parse(payload)
  const row: OutboxRow = {
    seq: await tx.next('outbox'),
    id: randomUUID(),
    kioskCode: origin.kioskCode,
    storeCode: origin.storeCode,
    type,
    occurredAt: origin.occurredAt,
    businessDate: origin.businessDate,
    payload: JSON.stringify(checked),
    training: origin.training,
    status: 'pending',
    sentAt: null,
    result: null,
  }
  await tx.insert(OutboxEntity, row)
  return row
}

/** Events head office has not acknowledged yet (for the sync client and the end-of-day report). */
export { pendingEventCount } from '../storage/repos/outbox'

/** The next pending events in seq order, as wire envelopes (for the sync client). */
export function readPendingEvents(sql: Sql, limit: number): OutboxEvent[] {
  return pendingEventRows(sql, limit).map((r) =>
    OutboxEventSchema.parse({
      id: r.id,
      kioskCode: r.kiosk_code,
      storeCode: r.store_code,
      seq: r.seq,
      type: r.type,
      occurredAt: r.occurred_at,
      businessDate: r.business_date,
      training: r.training === 1,
      payload: JSON.parse(r.payload),
    }),
  )
}

export { randomUUID as newEventId }
