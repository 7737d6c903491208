import type { Release, ReleaseStatus } from '../../services/update-rollout'
import { type Db, exec, one, rows } from '../sql'

interface ReleaseRow {
  version: string
  status: string
  percent: number | string
  stores: string
  created_at: number | string
  updated_at: number | string
}

const fromRow = (r: ReleaseRow): Release & { createdAt: number; updatedAt: number } => ({
  version: r.version,
  status: r.status as ReleaseStatus,
  percent: Number(r.percent),
  stores: JSON.parse(r.stores) as string[],
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
})

/** Every release head office knows, oldest first. */
export async function releaseRows(db: Db) {
  const found = await rows<ReleaseRow>(db, `SELECT * FROM ho_update_release ORDER BY created_at`)
  return found.map(fromRow)
}

export async function findRelease(db: Db, version: string) {
  const row = await one<ReleaseRow>(db, `SELECT * FROM ho_update_release WHERE version = ?`, [
    version,
  ])
  return row ? fromRow(row) : null
}

/** Adds a release; false when the version is already there. */
export async function insertRelease(db: Db, release: Release, now: number): Promise<boolean> {
  const added = await exec(
    db,
    `INSERT INTO ho_update_release (version, status, percent, stores, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (version) DO NOTHING`,
    [release.version, release.status, release.percent, JSON.stringify(release.stores), now, now],
  )
  return added > 0
}

export async function updateRelease(db: Db, release: Release, now: number): Promise<void> {
  await exec(
    db,
    `UPDATE ho_update_release SET status = ?, percent = ?, stores = ?, updated_at = ?
     WHERE version = ?`,
    [release.status, release.percent, JSON.stringify(release.stores), now, release.version],
  )
}
