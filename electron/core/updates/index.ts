import type { UpdatePlatform } from '../../../shared/sync/updates'
import type { KioskSync } from '../sync/kiosk-sync'
import { verifyDownloaded, verifyOffer, type VerifiedRelease } from './feed-check'
import type { InstallConditions } from './install-gate'

export { installDecision, routeOf, INSTALL_IDLE_SECONDS, SALE_FREE_ROUTES } from './install-gate'
export type { InstallConditions, InstallDecision } from './install-gate'
export type { ReleaseFile, VerifiedRelease } from './feed-check'

/**
 * What the shell's updater asks the core (docs/updates.md): the release head office offers this
 * kiosk, checked against the pinned release key; whether downloaded files match it; and the
 * sync side of the "when to install" rules.
 */
export interface KioskUpdates {
  /** The verified offer, or null (no offer, or sync not configured). Throws UPDATE_SIGNATURE_INVALID. */
  offer(platform: UpdatePlatform): Promise<VerifiedRelease | null>
  /** Throws UPDATE_HASH_MISMATCH unless every downloaded file is the signed one. */
  verifyDownloaded(release: VerifiedRelease, paths: readonly string[]): Promise<void>
  conditions(): Promise<
    Pick<InstallConditions, 'pendingEvents' | 'syncConfigured' | 'lastSyncError'>
  >
}

export function createKioskUpdates(
  sync: KioskSync,
  appVersion: string,
  publicKey?: string,
): KioskUpdates {
  return {
    async offer(platform) {
      const feed = sync.updates()
      if (!feed) return null
      const offer = await feed.http.updateOffer(appVersion, platform)
      return offer ? verifyOffer(offer, feed.headOfficeUrl, publicKey) : null
    },
    verifyDownloaded,
    async conditions() {
      const s = await sync.status()
      return {
        pendingEvents: s.pendingEvents,
        syncConfigured: s.configured,
        lastSyncError: s.lastError,
      }
    },
  }
}
