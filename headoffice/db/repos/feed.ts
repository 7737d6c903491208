import type { Change } from '../../../shared/sync/protocol'
import { type Db, insertRows, one, rows } from '../sql'
import { recordNonce } from './nonces'
import { storeCodes } from './stores'

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
  const everyStore = entries.some((e) => e.audience.includes('*')) ? await storeCodes(db) : []
  const values: unknown[][] = []
  for (const { store, changes } of feedsOf(entries, everyStore)) {
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

/** Changes grouped by store feed, stores in sorted order (the order their counters are locked). */
export function feedsOf(
  entries: ChangeEntry[],
  everyStore: readonly string[] = [],
): Array<{ store: string; changes: NewChange[] }> {
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
  return [...perStore.keys()].sort().map((store) => ({
    store,
    changes: perStore.get(store) as NewChange[],
  }))
}

/**
 * The same append as {@link appendChanges} for PostgreSQL, as two CTE bodies to embed in a
 * larger statement (push ingest writes a whole batch in one round trip): `feed_counter` bumps
 * each store's counter (sorted, so locks are taken in a stable order) and returns the new value;
 * the ho_change insert numbers each store's entries below it, exactly as appendChanges does.
 * Entries for every store (`'*'`) are not supported here (push never produces them).
 */
export function appendChangesCte(
  entries: ChangeEntry[],
  now: number,
): { counter: string; insert: string; params: unknown[] } | null {
  if (entries.some((e) => e.audience.includes('*'))) {
    throw new Error("appendChangesCte: '*' audiences need appendChanges")
  }
  const feeds = feedsOf(entries)
  if (feeds.length === 0) return null
  const counters = feeds.map((f) => ({ name: `feed:${f.store}`, n: f.changes.length }))
  const changes = feeds.flatMap((f) =>
    f.changes.map((change, i) => ({
      name: `feed:${f.store}`,
      audience: f.store,
      // Position from the end of this store's block: seq = new counter value - back.
      back: f.changes.length - 1 - i,
      kind: change.kind,
      data: JSON.stringify(change),
    })),
  )
  return {
    counter: `INSERT INTO ho_counter (name, value)
      SELECT name, n FROM json_to_recordset(?::json) AS x(name text, n bigint) ORDER BY name
      ON CONFLICT (name) DO UPDATE SET value = ho_counter.value + excluded.value
      RETURNING name, value`,
    insert: `INSERT INTO ho_change (seq, audience, kind, data, created_at)
      SELECT feed_counter.value - x.back, x.audience, x.kind, x.data, ?
      FROM json_to_recordset(?::json) AS x(name text, audience text, back bigint, kind text, data text)
      JOIN feed_counter ON feed_counter.name = x.name`,
    params: [JSON.stringify(counters), now, JSON.stringify(changes)],
  }
}

/** One entry of a store's feed as stored: its sequence number and the change's JSON. */
export interface FeedRow {
  seq: number | string
  data: string
}

/**
 * Up to `limit` entries of a store's feed after `since`, in sequence order — and, when the
 * request's `nonce` is given, records it first: null when it was already used (a replayed pull
 * reads nothing). On PostgreSQL that is one statement (a data-modifying CTE for the nonce), so
 * a pull costs one round trip instead of two.
 */
export async function readFeed(
  db: Db,
  storeCode: string,
  since: number,
  limit: number,
  nonce?: { kioskId: string; nonce: string; at: number },
): Promise<FeedRow[] | null> {
  if (db.dialect === 'postgres' && nonce) {
    const row = await one<{ fresh: number | string; found: Array<[number, string]> | null }>(
      db,
      `WITH nonce AS (
         INSERT INTO ho_nonce (kiosk_id, nonce, seen_at) VALUES (?, ?, ?)
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT (SELECT count(*) FROM nonce) AS fresh,
         (SELECT json_agg(json_build_array(c.seq, c.data) ORDER BY c.seq) FROM (
            SELECT seq, data FROM ho_change WHERE audience = ? AND seq > ? ORDER BY seq LIMIT ?
          ) c) AS found`,
      [nonce.kioskId, nonce.nonce, nonce.at, storeCode, since, limit],
    )
    if (Number(row?.fresh) !== 1) return null
    return (row?.found ?? []).map(([seq, data]) => ({ seq, data }))
  }
  if (nonce && !(await recordNonce(db, nonce))) return null
  return rows<FeedRow>(
    db,
    `SELECT seq, data FROM ho_change WHERE audience = ? AND seq > ? ORDER BY seq LIMIT ?`,
    [storeCode, since, limit],
  )
}
