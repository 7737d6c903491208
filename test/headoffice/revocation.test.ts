import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TARGETS, adminCli, startHeadOffice, type TestHeadOffice } from './harness'

/**
 * Issue 19 item 6: the admin command line (headoffice/admin.ts, its own process and its own
 * connection to the database) revokes or re-keys a kiosk while head office runs; the very next
 * request the kiosk signs is refused — no cache in the running server keeps accepting it.
 */

describe.each(TARGETS)('revocation from the admin command line, on %s', (kind) => {
  let ho: TestHeadOffice

  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('refuses the very next signed request after revoke-kiosk', { timeout: 30_000 }, async () => {
    const secret = await ho.register('MH01', 'KR')
    const http = ho.client('MH01', 'KR', secret)
    // The running server has just authenticated this kiosk (whatever it keeps, it is warm).
    await http.pull(0)
    await http.pull(0)
    expect(await adminCli(ho, ['revoke-kiosk', '--store', 'MH01', '--kiosk', 'KR'])).toContain(
      'revoked',
    )
    await expect(http.pull(0)).rejects.toMatchObject({ code: 'KIOSK_REVOKED', status: 403 })
    await expect(http.lookup('MH01-K1-0000001-X', '2026-11-28')).rejects.toMatchObject({
      code: 'KIOSK_REVOKED',
    })
  })

  it(
    'refuses the old secret at once after register-kiosk --rotate',
    { timeout: 30_000 },
    async () => {
      const secret = await ho.register('MH01', 'KS')
      const old = ho.client('MH01', 'KS', secret)
      await old.pull(0)
      const out = await adminCli(ho, [
        'register-kiosk',
        '--store',
        'MH01',
        '--kiosk',
        'KS',
        '--rotate',
      ])
      const fresh = /^\s+(\S{20,})\s*$/m.exec(out)?.[1] as string
      expect(fresh).toBeTruthy()
      await expect(old.pull(0)).rejects.toMatchObject({ code: 'SIGNATURE_INVALID', status: 401 })
      await expect(ho.client('MH01', 'KS', fresh).pull(0)).resolves.toBeTruthy()
    },
  )
})
