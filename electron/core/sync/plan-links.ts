import { createHmac, hkdfSync } from 'node:crypto'
import { makePlanToken, planPageUrl, PLAN_TOKEN_KEY_INFO } from '../../../shared/domain/plan-token'

/**
 * The link the plan certificate's QR code carries (docs/program-rules.md#the-customers-own-view):
 * head office's public plan page with a token this kiosk makes offline. Set by the sync once it
 * holds a head-office URL and the kiosk secret; unset (demo, training, a kiosk waiting for its
 * setup) the certificate's QR code keeps the bare plan number.
 */
export interface PlanLinks {
  /** The public page's URL of a plan (by its random id), or null when this kiosk makes none. */
  link(planId: string): string | null
  /** Called by the sync: the public base URL, the kiosk id and secret; null to stop linking. */
  set(issuer: { publicBaseUrl: string; kioskId: string; secret: string } | null): void
}

/** The token key of a kiosk: HKDF-SHA256 of its secret, a key of its own (not the signing key). */
export function planTokenKey(secret: string, kioskId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, kioskId, PLAN_TOKEN_KEY_INFO, 32))
}

/** Makes the plan links of one core. */
export function createPlanLinks(): PlanLinks {
  let issuer: { publicBaseUrl: string; kioskId: string; key: Buffer } | null = null
  return {
    link(planId) {
      if (!issuer) return null
      const { key, kioskId, publicBaseUrl } = issuer
      const token = makePlanToken(planId, kioskId, (_kiosk, message) =>
        createHmac('sha256', key).update(message).digest(),
      )
      return planPageUrl(publicBaseUrl, token)
    },
    set(next) {
      issuer = next && {
        publicBaseUrl: next.publicBaseUrl,
        kioskId: next.kioskId,
        key: planTokenKey(next.secret, next.kioskId),
      }
    },
  }
}
