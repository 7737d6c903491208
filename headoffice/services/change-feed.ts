import type { Change, PullResponseData } from '../../shared/sync/protocol'
import { ChangeSchema } from '../../shared/sync/protocol'
import { type Db, insertRows, one, rows } from '../db/sql'

/** A change without its sequence number (assigned when appended). */
export type NewChange = Change extends infer C ? (C extends Change ? Omit<C, 'seq'> : never) : never

/** A change and who sees it: `'*'` (every store) or the store codes concerned. */
export interface ChangeEntry {
  audience: readonly string[]
  change: NewChange
}

/**
 * Appends changes to the feeds inside the caller's transaction. Each store has its own feed and
 * sequence (a counter row per store): the counter's row lock is held to commit, so a store's
 * entries commit in sequence order and a pull by `since` can never skip one committed late —
 * while kiosks of different stores never wait on each other. `'*'` fans out to every store
 * (catalog publications are rare). Counters are locked in sorted order (no deadlocks); call
 * this last in a transaction to keep the locks short.
 */
export async function appendChanges(db: Db, entries: ChangeEntry[], now: number): Promise<void> {
  if (entries.length === 0) return
  const everyStore = entries.some((e) => e.audience.includes('*'))
    ? (await rows<{ code: string }>(db, `SELECT code FROM ho_store`)).map((r) => r.code)
    : []
  const perStore = new Map<string, NewChange[]>()
  for (const entry of entries) {
    const stores = new Set(entry.audience.flatMap((a) => (a === '*' ? everyStore : [a])))
    for (const store of stores) {
      if (!store) continue
      const list = perStore.get(store) ?? []
      list.push(entry.change)
      perStore.set(store, list)
    }
  }
  const values: unknown[][] = []
  for (const store of [...perStore.keys()].sort()) {
    const changes = perStore.get(store) as NewChange[]
    const counter = await one<{ value: number | string }>(
      db,
      `INSERT INTO ho_counter (name, value) VALUES (?, ?)
       ON CONFLICT (name) DO UPDATE SET value = ho_counter.value + excluded.value RETURNING value`,
      [`feed:${store}`, changes.length],
    )
    let seq = Number(counter?.value) - changes.length
    for (const change of changes) {
      seq += 1
      values.push([seq, store, change.kind, JSON.stringify(change), now])
    }
  }
  await insertRows(db, 'ho_change', ['seq', 'audience', 'kind', 'data', 'created_at'], values)
}

/** Copies the newest catalog into a new store's feed (its kiosks start from it). */
export async function seedStoreFeed(db: Db, storeCode: string, now: number): Promise<void> {
  const catalogs = await rows<{ version: string; body: string }>(
    db,
    `SELECT version, body FROM ho_catalog ORDER BY published_at DESC LIMIT 1`,
  )
  const latest = catalogs[0]
  if (!latest) return
  await appendChanges(
    db,
    [
      {
        audience: [storeCode],
        change: { kind: 'catalog', version: latest.version, catalog: JSON.parse(latest.body) },
      },
    ],
    now,
  )
}

/** The changes a kiosk of `storeCode` should see after `since`, in sequence order. */
export async function pullChanges(
  db: Db,
  storeCode: string,
  since: number,
  limit: number,
): Promise<PullResponseData> {
  const found = await rows<{ seq: number; data: string }>(
    db,
    `SELECT seq, data FROM ho_change WHERE audience = ? AND seq > ? ORDER BY seq LIMIT ?`,
    [storeCode, since, limit + 1],
  )
  const page = found.slice(0, limit)
  const changes = page.map((r) => ChangeSchema.parse({ ...JSON.parse(r.data), seq: Number(r.seq) }))
  const last = changes[changes.length - 1]
  return { changes, nextSince: last ? last.seq : since, hasMore: found.length > limit }
}
