import { EntitySchema } from 'typeorm'
import { bool, int, text } from './columns'

export interface AuditRow {
  seq: number
  at: string
  businessDate: string
  staffId: string | null
  staffCode: string | null
  action: string
  entity: string
  entityId: string | null
  details: string
  prevHash: string
  hash: string
}

export const AuditEntity = new EntitySchema<AuditRow>({
  name: 'Audit',
  tableName: 'audit_log',
  columns: {
    seq: int('seq', { key: true }),
    at: text('at'),
    businessDate: text('business_date'),
    staffId: text('staff_id', { nullable: true }),
    staffCode: text('staff_code', { nullable: true }),
    action: text('action'),
    entity: text('entity'),
    entityId: text('entity_id', { nullable: true }),
    details: text('details'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
})

export interface OutboxRow {
  seq: number
  id: string
  kioskCode: string
  storeCode: string
  type: string
  occurredAt: string
  businessDate: string
  payload: string
  training: boolean
  status: 'pending' | 'applied' | 'duplicate' | 'rejected' | 'conflict'
  sentAt: string | null
  result: string | null
}

export const OutboxEntity = new EntitySchema<OutboxRow>({
  name: 'Outbox',
  tableName: 'outbox',
  columns: {
    seq: int('seq', { key: true }),
    id: text('id'),
    kioskCode: text('kiosk_code'),
    storeCode: text('store_code'),
    type: text('type'),
    occurredAt: text('occurred_at'),
    businessDate: text('business_date'),
    payload: text('payload'),
    training: bool('training'),
    status: text('status'),
    sentAt: text('sent_at', { nullable: true }),
    result: text('result', { nullable: true }),
  },
})

export interface RequestRow {
  requestId: string
  channel: string
  /** Keyed (HMAC) fingerprint of the request body: idempotency.ts. */
  fingerprint: string
  response: string
  createdAt: string
}

export const RequestEntity = new EntitySchema<RequestRow>({
  name: 'Request',
  tableName: 'requests',
  columns: {
    requestId: text('request_id', { key: true }),
    channel: text('channel'),
    fingerprint: text('fingerprint'),
    response: text('response'),
    createdAt: text('created_at'),
  },
})
