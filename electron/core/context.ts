import type { KioskCoreConfig } from './config'
import type { CatalogStore } from './catalog/catalog-store'
import type { SignedInStaff } from './session'
import type { Store } from './storage/store'
import type { PlanLinks } from './sync/plan-links'

/** What every service of the core is given: storage, catalog, time and the kiosk's identity. */
export interface CoreDeps {
  store: Store
  catalogs: CatalogStore
  config: KioskCoreConfig
  training: boolean
  /** Keys the fingerprints of idempotent requests (idempotency.ts); derived from the KYC key. */
  fingerprintKey: Buffer
  /** The certificate QR's link to head office's public plan page (set by the sync). */
  planLinks: PlanLinks
  /** The business date: today in Asia/Kolkata, or the training date when one is set. */
  businessDate(): string
  /** Now as an ISO instant. */
  nowIso(): string
}

/** The staff member doing a business action; channels with role access always have one. */
export type Actor = SignedInStaff

/** Narrows the handler's staff (null only on public channels). */
export function requireActor(staff: SignedInStaff | null): Actor {
  if (!staff) throw new Error('a role-checked channel was called without a signed-in staff member')
  return staff
}
