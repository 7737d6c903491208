import { z } from 'zod'
import { envelopeOf } from './protocol'

/**
 * The kiosk's update feed (issue 20, docs/updates.md): head office decides which release each
 * kiosk gets (staged rollout, hold, roll back) and answers a signed `GET /sync/update` with that
 * release's electron-updater metadata (`latest-linux.yml` / `latest.yml`) and its detached
 * Ed25519 signature, made at release time with a key head office never holds. The kiosk checks the
 * signature against the public key pinned below before it lets electron-updater fetch anything,
 * and checks the downloaded artifact's SHA-512 against the signed metadata before installing.
 */

/**
 * The feed-signing public key pinned in the app (SPKI, PEM). The organisation replaces it with
 * its own before the first release (docs/updates.md#keys); a kiosk only ever installs what the
 * matching private key signed.
 */
export const UPDATE_FEED_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAQujZhIbp5C5dRRMzK4jzkCSEwCD6eYjgufulxarNFLY=
-----END PUBLIC KEY-----
`

/** The platforms kiosks run on, and the metadata file electron-updater reads for each. */
export const UPDATE_PLATFORMS = ['linux', 'win32'] as const
export type UpdatePlatform = (typeof UPDATE_PLATFORMS)[number]
export const METADATA_FILE: Record<UpdatePlatform, string> = {
  linux: 'latest-linux.yml',
  win32: 'latest.yml',
}

const version = z.string().regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/)

export const UpdateQuerySchema = z.object({
  /** The version the kiosk runs now. */
  version,
  platform: z.enum(UPDATE_PLATFORMS).default('linux'),
})

export const UpdateOfferSchema = z.object({
  version,
  /** True when head office rolls the kiosk back to an older release. */
  downgrade: z.boolean(),
  /** Where the release's files are, relative to head office's URL (electron-updater's generic feed). */
  feedPath: z.string().regex(/^\/updates\/[^/]+\/$/),
  /** The metadata file's exact text, and its detached Ed25519 signature (base64). */
  metadata: z.string().min(1).max(64_000),
  signature: z.string().min(1).max(200),
})
export type UpdateOffer = z.infer<typeof UpdateOfferSchema>

export const UpdateResponseSchema = envelopeOf(z.object({ offer: UpdateOfferSchema.nullable() }))
