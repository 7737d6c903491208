import type { Change, PullResponseData } from '../../shared/sync/protocol'
import { ChangeSchema } from '../../shared/sync/protocol'
import { type Db, exec, insertRows, one, rows } from '../db/sql'

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

/**
 * The changes a kiosk of `storeCode` should see after `since`, in sequence order — and, when the
 * request's `nonce` is given, records it first: null when it was already used (a replayed pull
 * gets nothing). On PostgreSQL that is one statement (a data-modifying CTE for the nonce), so a
 * pull costs one round trip instead of two.
 */
export async function pullChanges(
  db: Db,
  storeCode: string,
  since: number,
  limit: number,
  nonce?: { kioskId: string; nonce: string; at: number },
): Promise<PullResponseData | null> {
  let found: Array<{ seq: number | string; data: string }>
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
      [nonce.kioskId, nonce.nonce, nonce.at, storeCode, since, limit + 1],
    )
    if (Number(row?.fresh) !== 1) return null
    found = (row?.found ?? []).map(([seq, data]) => ({ seq, data }))
  } else {
    if (nonce && !(await recordNonce(db, nonce))) return null
    found = await rows<{ seq: number; data: string }>(
      db,
      `SELECT seq, data FROM ho_change WHERE audience = ? AND seq > ? ORDER BY seq LIMIT ?`,
      [storeCode, since, limit + 1],
    )
  }
  const page = found.slice(0, limit)
  const changes = page.map((r) => ChangeSchema.parse({ ...JSON.parse(r.data), seq: Number(r.seq) }))
  const last = changes[changes.length - 1]
  return { changes, nextSince: last ? last.seq : since, hasMore: found.length > limit }
}

async function recordNonce(db: Db, n: { kioskId: string; nonce: string; at: number }) {
  const inserted = await exec(
    db,
    `INSERT INTO ho_nonce (kiosk_id, nonce, seen_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
    [n.kioskId, n.nonce, n.at],
  )
  return inserted === 1
}
