import { createHmac, randomUUID } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planTokenKey } from '../../../electron/core/sync/plan-links'
import {
  decodePlanToken,
  makePlanToken,
  planPageUrl,
  planTokenFromUrl,
  verifyPlanToken,
} from '../../../shared/domain/plan-token'

/** The token MAC as both ends compute it: HMAC-SHA256 under the kiosk's token key. */
const macWith = (secrets: Record<string, string>) => (kioskId: string, message: Uint8Array) => {
  const secret = secrets[kioskId]
  return secret
    ? createHmac('sha256', planTokenKey(secret, kioskId)).update(message).digest()
    : null
}

const SECRETS = { 'MH01/K1': 'secret-of-k1', 'MH01/K2': 'secret-of-k2' }
const sign = macWith(SECRETS)
const verify = (token: string, secrets: Record<string, string> = SECRETS) =>
  verifyPlanToken(token, async (k, m) => macWith(secrets)(k, m))

function flip(token: string, byte: number): string {
  const bytes = Buffer.from(token, 'base64url')
  bytes[byte] = (bytes[byte] as number) ^ 0x80
  return bytes.toString('base64url')
}

describe('plan token', () => {
  const planId = randomUUID()
  const token = makePlanToken(planId, 'MH01/K1', (k, m) => sign(k, m)!)

  it('is compact and URL-safe, and names the plan only by its random id', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(token.length).toBe(55)
    expect(decodePlanToken(token)).toMatchObject({ planId, kioskId: 'MH01/K1' })
  })

  it('verifies under the issuing kiosk’s key', async () => {
    expect(await verify(token)).toEqual({ planId, kioskId: 'MH01/K1' })
  })

  it('fails when any byte is altered', async () => {
    const length = Buffer.from(token, 'base64url').length
    for (let i = 0; i < length; i++) expect(await verify(flip(token, i))).toBeNull()
  })

  it('fails under another kiosk’s secret, and for an unknown kiosk', async () => {
    const byK2 = makePlanToken(planId, 'MH01/K1', (_k, m) => sign('MH01/K2', m)!)
    expect(await verify(byK2)).toBeNull()
    expect(await verify(token, { 'MH01/K2': 'secret-of-k2' })).toBeNull()
  })

  it('refuses tokens that are not canonical or not of this shape', async () => {
    for (const bad of [
      '',
      'x',
      token + 'A',
      token.slice(0, -1),
      `${token}=`,
      '!!!',
      'A'.repeat(300),
    ]) {
      expect(await verify(bad)).toBeNull()
    }
  })

  it('round-trips any plan id and kiosk id (property)', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.stringMatching(/^[A-Z0-9]{2,8}\/[A-Z0-9]{1,3}$/), (id, kiosk) => {
        const t = makePlanToken(id, kiosk, () => new Uint8Array(32).fill(7))
        const d = decodePlanToken(t)
        return d?.planId === id.toLowerCase() && d.kioskId === kiosk
      }),
    )
  })

  it('is read back from the public page URL', () => {
    const url = planPageUrl('https://plans.example.in/', token)
    expect(url).toBe(`https://plans.example.in/p/${token}`)
    expect(planTokenFromUrl(url)).toBe(token)
    expect(planTokenFromUrl('https://plans.example.in/p/MH01-K1-0000001-X')).toBeNull()
    expect(planTokenFromUrl('not a url')).toBeNull()
  })
})
