import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { issueStaffUnlockCode } from '../../headoffice/services/unlock-codes'
import { MAX_PIN_ATTEMPTS } from '../../electron/core/staff/staff-service'
import { makeCore } from '../electron/core/helpers'
import { TARGETS, adminCli, startHeadOffice, type TestHeadOffice } from './harness'

describe.each(TARGETS)('head office’s unlock code, on %s', (kind) => {
  let ho: TestHeadOffice
  beforeAll(async () => {
    ho = await startHeadOffice(kind)
  })
  afterAll(async () => {
    await ho?.close()
  })

  it('issue-unlock-code gives a code the kiosk accepts offline', { timeout: 60_000 }, async () => {
    const secret = await ho.register('MH01', 'KU')
    let stored: string | null = secret
    const tc = await makeCore({
      kioskCode: 'KU',
      clock: Date.now,
      sync: { secretStore: { get: async () => stored, set: async (s) => void (stored = s) } },
    })
    try {
      for (let i = 0; i < MAX_PIN_ATTEMPTS; i++) {
        await tc.call('staff.signIn', { staffCode: 'M1', pin: '9999' })
      }
      const out = await adminCli(ho, [
        'issue-unlock-code',
        '--store',
        'MH01',
        '--kiosk',
        'KU',
        '--staff',
        'M1',
      ])
      const code = /^\s+(\d{8})$/m.exec(out)?.[1]
      expect(code).toMatch(/^\d{8}$/)
      expect(await tc.call('staff.unlockWithCode', { staffCode: 'M1', code })).toMatchObject({
        ok: true,
      })
      await tc.signIn('M1')
      // Another kiosk's code, or one for a revoked kiosk, is never given.
      const other = await issueStaffUnlockCode(
        ho.ds,
        ho.box,
        { storeCode: 'MH01', kioskCode: 'KU', staffCode: 'C1' },
        Date.now(),
      )
      expect(other.code).not.toBe(code)
      await expect(
        issueStaffUnlockCode(
          ho.ds,
          ho.box,
          { storeCode: 'MH01', kioskCode: 'NOPE', staffCode: 'M1' },
          Date.now(),
        ),
      ).rejects.toMatchObject({ code: 'KIOSK_UNKNOWN' })
    } finally {
      await tc.cleanup()
    }
  })
})
