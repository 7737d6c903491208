import { z } from 'zod'
import { channel } from './channel'
import { EmptySchema } from './common'
import { SyncConfigureRequestSchema } from './sync'

/**
 * Where this kiosk's store and kiosk code come from (docs/fleet.md#provisioning): `provisioned`
 * from head office with a one-time code; `unprovisioned` (the setup screen shows until a code
 * is redeemed or the demo is chosen); `demo` (the demo store, no head office, marked on every
 * screen); `fixed` (given by the launcher: development and tests).
 */
export const IdentityModeSchema = z.enum(['provisioned', 'unprovisioned', 'demo', 'fixed'])
export type IdentityMode = z.infer<typeof IdentityModeSchema>

export const SetupProvisionRequestSchema = z.object({
  headOfficeUrl: SyncConfigureRequestSchema.shape.headOfficeUrl.unwrap(),
  /** The one-time code, as typed (spaces, small letters and dashes are forgiven). */
  code: z.string().trim().min(16).max(40),
})

export const SetupProvisionResponseSchema = z.object({
  storeCode: z.string(),
  storeName: z.string(),
  kioskCode: z.string(),
  identity: IdentityModeSchema,
})

export const setupChannels = {
  /**
   * Redeems a provisioning code at head office and takes the identity it answers. Public (no
   * staff exist before it), and refused once the kiosk has an identity or any sale.
   */
  'setup.provision': channel(SetupProvisionRequestSchema, SetupProvisionResponseSchema, 'public'),
  /** Runs this kiosk as the demo store (no head office). Only on a kiosk with no identity. */
  'setup.useDemo': channel(EmptySchema, SetupProvisionResponseSchema, 'public'),
}
