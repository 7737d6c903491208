import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { verifyPin } from '../../electron/core/staff/pin'
import { headOfficePinHashToKiosk } from '../../electron/core/sync/staff-pin'
import {
  GENERATED_PIN_DIGITS,
  generateStaffPin,
  hashStaffPin,
  isGuessable,
} from '../../headoffice/services/staff-pins'

// The PINs the console makes for store staff (docs/console.md#staff).
describe('staff PINs made by head office', () => {
  it('calls runs of one digit and straight sequences guessable, and nothing else', () => {
    for (const pin of ['000000', '777777', '123456', '654321', '890123', '210987']) {
      expect(isGuessable(pin)).toBe(true)
    }
    for (const pin of ['645861', '112233', '135790', '123455', '000001']) {
      expect(isGuessable(pin)).toBe(false)
    }
  })

  it('generates six digits that are never guessable', () => {
    fc.assert(
      fc.property(fc.integer(), () => {
        const pin = generateStaffPin()
        expect(pin).toMatch(new RegExp(`^\\d{${GENERATED_PIN_DIGITS}}$`))
        expect(isGuessable(pin)).toBe(false)
      }),
      { numRuns: 500 },
    )
  })

  it('hashes in the form the kiosk verifies, with a fresh salt each time', async () => {
    const first = await hashStaffPin('645861')
    const second = await hashStaffPin('645861')
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/)
    expect(first).not.toBe(second)
    expect(first).not.toContain('645861')
    const kiosk = headOfficePinHashToKiosk(first)
    expect(kiosk).not.toBeNull()
    expect(await verifyPin('645861', kiosk!)).toBe(true)
    expect(await verifyPin('645862', kiosk!)).toBe(false)
  })
})
