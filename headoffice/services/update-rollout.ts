import { createHash } from 'node:crypto'
import semver from 'semver'

/**
 * Staged rollout of kiosk releases (docs/updates.md#staged-rollout): which release head office
 * offers one kiosk, decided from the releases' rollout state alone, so every head-office process
 * answers a kiosk the same way.
 */

/** `active`: offered to the kiosks it targets; `held`: offered to none more (kiosks on it stay);
 * `rolled-back`: withdrawn — kiosks on it are sent back to the newest active release for them. */
export const RELEASE_STATUSES = ['active', 'held', 'rolled-back'] as const
export type ReleaseStatus = (typeof RELEASE_STATUSES)[number]

export interface Release {
  version: string
  status: ReleaseStatus
  /** Share of kiosks (0–100) that get it, by {@link rolloutBucket}. */
  percent: number
  /** Stores whose kiosks get it whatever the percentage (pilot stores first). */
  stores: string[]
}

export interface KioskVersion {
  id: string
  storeCode: string
  version: string
}

/**
 * The kiosk's bucket 0–99 for one release: a hash of the version and the kiosk's id. Stable (the
 * same kiosk is in or out of a release on every request and every process, and raising the
 * percentage only adds kiosks), and different per release, so the same kiosks are not always the
 * first to take the risk.
 */
export function rolloutBucket(kioskId: string, version: string): number {
  return createHash('sha256').update(`${version}\n${kioskId}`).digest().readUInt32BE(0) % 100
}

/** Whether a release reaches this kiosk (its store is a pilot, or its bucket is under the percentage). */
export function targets(release: Release, kiosk: KioskVersion): boolean {
  return (
    release.stores.includes(kiosk.storeCode) ||
    rolloutBucket(kiosk.id, release.version) < release.percent
  )
}

/**
 * What to offer a kiosk: the newest active release that targets it, when newer than what it
 * runs; and when it runs a rolled-back release, the newest active one for it even if older (a
 * downgrade). Null: stay.
 */
export function decideUpdate(
  releases: readonly Release[],
  kiosk: KioskVersion,
): { version: string; downgrade: boolean } | null {
  const best = releases
    .filter((r) => r.status === 'active' && semver.valid(r.version) && targets(r, kiosk))
    .sort((a, b) => semver.rcompare(a.version, b.version))[0]
  if (!best || best.version === kiosk.version || !semver.valid(kiosk.version)) return null
  const current = releases.find((r) => r.version === kiosk.version)
  if (semver.gt(best.version, kiosk.version)) return { version: best.version, downgrade: false }
  if (current?.status === 'rolled-back') return { version: best.version, downgrade: true }
  return null
}
