import { type Db, inList, rows } from '../sql'

/** What the idempotency ledger (`ho_sync_event`) knows of an event id: whose, and its answer. */
export interface LedgerEntry {
  kioskId: string
  status: 'applied' | 'rejected' | 'conflict'
}

/** Column order of `ho_sync_event` for inserts. */
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

/** The ledger entries of the given event ids (those it has). */
export async function ledgerLookup(db: Db, ids: string[]): Promise<Map<string, LedgerEntry>> {
  const out = new Map<string, LedgerEntry>()
  if (ids.length === 0) return out
  const found =
    db.dialect === 'postgres'
      ? await rows<{ id: string; kiosk_id: string; status: string }>(
          db,
          `SELECT id, kiosk_id, status FROM ho_sync_event WHERE id = ANY(?::text[])`,
          [ids],
        )
      : await rows<{ id: string; kiosk_id: string; status: string }>(
          db,
          `SELECT id, kiosk_id, status FROM ho_sync_event WHERE id IN ${inList(ids.length)}`,
          ids,
        )
  for (const r of found) {
    out.set(r.id, { kioskId: r.kiosk_id, status: r.status as LedgerEntry['status'] })
  }
  return out
}
