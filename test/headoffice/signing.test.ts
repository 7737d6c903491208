import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  canonicalString,
  isTimestampFresh,
  parseKioskId,
  signRequest,
} from '../../shared/sync/signing'
import { createSecretBox, parseMasterKey } from '../../headoffice/services/secret-box'

describe('request signing (shared by kiosk and head office)', () => {
  it('builds one canonical string and signs it with the injected HMAC', async () => {
    expect(
      canonicalString({
        method: 'post',
        path: '/sync/push',
        timestamp: '1700000000000',
        nonce: 'n1',
        bodySha256Hex: 'AB',
      }),
    ).toBe('SUK1-HMAC-SHA256\nPOST\n/sync/push\n1700000000000\nn1\nab')
    const headers = await signRequest({
      method: 'GET',
      path: '/sync/pull?since=3',
      body: new Uint8Array(),
      kioskId: 'MH01/K1',
      secret: 's3cret',
      nowMs: 1_700_000_000_123,
      nonce: 'nonce-0123456789abcdef',
      hmac: (k, m) => createHmac('sha256', k).update(m).digest('hex'),
      sha256: (b) => createHash('sha256').update(b).digest('hex'),
    })
    const expected = createHmac('sha256', 's3cret')
      .update(
        `SUK1-HMAC-SHA256\nGET\n/sync/pull?since=3\n1700000000123\nnonce-0123456789abcdef\n${createHash('sha256').update('').digest('hex')}`,
      )
      .digest('hex')
    expect(headers).toEqual({
      'x-suk-kiosk': 'MH01/K1',
      'x-suk-timestamp': '1700000000123',
      'x-suk-nonce': 'nonce-0123456789abcdef',
      'x-suk-signature': expected,
    })
  })
  it('accepts ±5 minutes of skew and parses kiosk ids', () => {
    expect(isTimestampFresh(String(1_000_000 + 300_000), 1_000_000)).toBe(true)
    expect(isTimestampFresh(String(1_000_000 + 300_001), 1_000_000)).toBe(false)
    expect(isTimestampFresh('12abc', 1_000_000)).toBe(false)
    expect(parseKioskId('MH01/K1')).toEqual({ storeCode: 'MH01', kioskCode: 'K1' })
    expect(parseKioskId('mh01/K1')).toBeNull()
  })
  it('seals kiosk secrets at rest with the master key', () => {
    const box = createSecretBox(parseMasterKey('00'.repeat(32)))
    const sealed = box.seal('kiosk-secret')
    expect(sealed).not.toContain('kiosk-secret')
    expect(box.open(sealed)).toBe('kiosk-secret')
    expect(() => createSecretBox(parseMasterKey('11'.repeat(32))).open(sealed)).toThrow()
    expect(() => parseMasterKey('short')).toThrow(/32 bytes/)
  })
})
