import { describe, expect, it } from 'vitest'
import { makePlanToken } from '../../shared/domain/plan-token'
import { asPlanNumber, parseQrPayload } from '../../renderer/src/qr-payload'

// Real plan numbers, as shared/domain/plan-number.ts formatPlanNumber makes them.
const LIVE = 'MH01-K1-0000001-1'
const TRAINING = 'TRN-MH01-K1-0000003-Y'
const OTHER_STORE = 'DL02-K12-1234567-G'

describe('parseQrPayload', () => {
  it('reads a plan number as printed on the receipt (live and training)', () => {
    expect(parseQrPayload(LIVE)).toEqual({ kind: 'plan', planNumber: LIVE, source: 'text' })
    expect(parseQrPayload(TRAINING)).toEqual({
      kind: 'plan',
      planNumber: TRAINING,
      source: 'text',
    })
    expect(parseQrPayload(OTHER_STORE)).toMatchObject({ planNumber: OTHER_STORE })
  })

  it('tolerates surrounding whitespace and lower case', () => {
    expect(parseQrPayload(`  ${TRAINING.toLowerCase()}\n`)).toMatchObject({
      kind: 'plan',
      planNumber: TRAINING,
    })
  })

  it('finds the plan number in a URL: query parameter, path segment, hash route', () => {
    for (const url of [
      `https://verify.example.in/plan?plan=${LIVE}`,
      `https://verify.example.in/check?ref=abc&planNumber=${encodeURIComponent(LIVE)}`,
      `https://verify.example.in/p/${LIVE}`,
      `https://verify.example.in/p/${encodeURIComponent(LIVE)}/details`,
      `kiosk://app/index.html#/plans/${encodeURIComponent(LIVE)}`,
      `https://example.in/#/plans?id=${LIVE}`,
    ]) {
      expect(parseQrPayload(url), url).toEqual({ kind: 'plan', planNumber: LIVE, source: 'url' })
    }
    expect(parseQrPayload(`https://x.in/t/${TRAINING}`)).toMatchObject({ planNumber: TRAINING })
  })

  it('reads a certificate’s public-page link as the plan’s random id (issue 22)', () => {
    const planId = '3f1c2a9e-6b7d-4e21-9a3b-0c5d7e8f9a10'
    const token = makePlanToken(planId, 'MH01/K1', () => new Uint8Array(32).fill(1))
    expect(parseQrPayload(`https://plans.example.in/p/${token}`)).toEqual({
      kind: 'planLink',
      planId,
    })
    // A link whose token is not one (wrong length) is not a plan at all.
    expect(parseQrPayload(`https://plans.example.in/p/${token.slice(0, -2)}`)).toEqual({
      kind: 'other',
    })
  })

  it('rejects everything else: garbage, other QR codes, a typo in the check character', () => {
    for (const text of [
      '',
      '   ',
      'hello world',
      'upi://pay?pa=shop@upi&pn=Shop&am=100',
      'https://example.in/offers/diwali',
      'https://example.in/p/MH01-K1-0000001-2', // wrong check character
      'MH01-K1-0000001-2',
      'MH01-K1-0000010-1', // swapped digits
      'MH01K100000011', // the lookup key, not what a receipt prints
      '860000000000011', // an IMEI
      'WIFI:S:kiosk;T:WPA;P:secret;;',
      'x'.repeat(5000),
      'http://[bad',
    ]) {
      expect(parseQrPayload(text), text).toEqual({ kind: 'other' })
    }
  })

  it('asPlanNumber checks the Luhn mod 36 character', () => {
    expect(asPlanNumber(LIVE)).toBe(LIVE)
    expect(asPlanNumber('TRN-MH01-K1-0000003-Z')).toBeNull()
    expect(asPlanNumber('MH01-K1-000001-1')).toBeNull() // 6-digit sequence
  })
})
