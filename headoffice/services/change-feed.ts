import type { PullResponseData } from '../../shared/sync/protocol'
import { ChangeSchema } from '../../shared/sync/protocol'
import { latestCatalog } from '../db/repos/catalogs'
import { appendChanges, readFeed } from '../db/repos/feed'
import type { Db } from '../db/sql'

/** Copies the newest catalog into a new store's feed (its kiosks start from it). */
export async function seedStoreFeed(db: Db, storeCode: string, now: number): Promise<void> {
  const latest = await latestCatalog(db)
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
 * gets nothing).
 */
export async function pullChanges(
  db: Db,
  storeCode: string,
  since: number,
  limit: number,
  nonce?: { kioskId: string; nonce: string; at: number },
): Promise<PullResponseData | null> {
  // One more than the page, to tell whether more follow.
  const found = await readFeed(db, storeCode, since, limit + 1, nonce)
  if (!found) return null
  const page = found.slice(0, limit)
  const changes = page.map((r) => ChangeSchema.parse({ ...JSON.parse(r.data), seq: Number(r.seq) }))
  const last = changes[changes.length - 1]
  return { changes, nextSince: last ? last.seq : since, hasMore: found.length > limit }
}
