import type { IdentityMode } from '../../../shared/contract/setup'
import type { KioskCoreConfig } from '../config'
import { databaseFile } from '../handlers'
import { readIdentityFile } from '../storage/repos/identity'

/** Where the shell says the identity comes from (KioskCoreConfig.identitySource). */
export type IdentitySource = 'fixed' | 'demo' | 'provisioned'

/** Who the running kiosk is; `mode` and `storeName` change when a setup completes. */
export interface IdentityState {
  mode: IdentityMode
  /** The store's name as head office gave it; null: the catalog's. */
  storeName: string | null
}

/**
 * The kiosk's identity at start (docs/fleet.md#provisioning). `fixed` and `demo` take the shell's
 * store and kiosk codes. `provisioned` takes what the live database holds — a code redeemed, or
 * the demo chosen on the setup screen — and, when it holds nothing, leaves the shell's codes as
 * placeholders under the `unprovisioned` mode: the UI shows the setup screen, no staff is seeded.
 */
export function resolveIdentity(config: KioskCoreConfig): {
  storeCode: string
  kioskCode: string
  state: IdentityState
} {
  const source = config.identitySource ?? 'fixed'
  const fixed = { storeCode: config.storeCode, kioskCode: config.kioskCode }
  if (source !== 'provisioned') return { ...fixed, state: { mode: source, storeName: null } }
  // The live database's identity, also for the training database beside it.
  const stored = readIdentityFile(databaseFile(config.dataDir, false))
  if (!stored) return { ...fixed, state: { mode: 'unprovisioned', storeName: null } }
  return {
    storeCode: stored.storeCode,
    kioskCode: stored.kioskCode,
    state: {
      mode: stored.mode,
      storeName: stored.mode === 'provisioned' ? stored.store.name : null,
    },
  }
}
