import { describe, expect, it } from 'vitest'
import {
  feePlaceOfSupply,
  validateBusinessAddress,
  validateBusinessName,
  validateRecipientGstin,
} from '../../../shared/domain'

// Issue 16 item 1: the B2B recipient of a tax invoice (docs/tax-documents.md#b2b-tax-invoice).
describe('a recipient GSTIN', () => {
  it.each([
    ['27AAPFU0939F1ZV', 'the sample GSTIN of GSTN’s documentation (Maharashtra)'],
    ['27AAACR5055K1Z7', 'Reliance Industries, Maharashtra'],
    ['29AAACR5055K1Z3', 'the same PAN registered in Karnataka'],
    ['07AAGCM8207B1ZR', 'a company in Delhi'],
    ['38AAACR5055K1Z4', 'Ladakh, the last state code'],
  ])('accepts %s (%s), normalised to capitals', (gstin) => {
    expect(validateRecipientGstin(` ${gstin.toLowerCase()} `)).toEqual({ ok: true, value: gstin })
  })

  it.each([
    ['27AAACR5055K1Z8', 'a wrong check character'],
    ['27AAACR5055K1Z', '14 characters'],
    ['00AAACR5055K1ZN', 'state code 00 (check character right)'],
    ['39AAACR5055K1Z2', 'state code 39, no state (check character right)'],
    ['27AAAXR5055K1Z0', 'a PAN whose 4th letter is no holder type (check character right)'],
    ['2712345678901Z5', 'no PAN in the middle'],
    ['27AAACR5055K0Z8', 'entity number 0 (check character right)'],
    ['27AAACR-5055K1Z', 'a character outside 0-9 A-Z'],
  ])('refuses %s (%s) with GSTIN_INVALID', (gstin) => {
    expect(validateRecipientGstin(gstin)).toMatchObject({ ok: false, code: 'GSTIN_INVALID' })
  })

  it('refuses a GSTIN of state 99 that the plain GSTIN check accepts', async () => {
    const { gstinCheckChar, validateGstin } = await import('../../../shared/domain')
    const centre = `99AAACR5055K1Z${gstinCheckChar('99AAACR5055K1Z')}`
    expect(validateGstin(centre).ok).toBe(true)
    expect(validateRecipientGstin(centre).ok).toBe(false)
  })
})

describe('the place of supply of the plan fee', () => {
  it('is the store’s state for a consumer: CGST + SGST', () => {
    expect(feePlaceOfSupply('29', null)).toEqual({ stateCode: '29', intraState: true })
  })

  it('is the registered recipient’s state, from its GSTIN: IGST when not the store’s', () => {
    expect(feePlaceOfSupply('29', '29AAACR5055K1Z3')).toEqual({ stateCode: '29', intraState: true })
    expect(feePlaceOfSupply('29', '27AAACR5055K1Z7')).toEqual({
      stateCode: '27',
      intraState: false,
    })
  })
})

describe('the recipient’s legal name and address', () => {
  it('takes a registered name in any script, tidied', () => {
    expect(validateBusinessName('  Reliance   Industries Limited ')).toEqual({
      ok: true,
      value: 'Reliance Industries Limited',
    })
    expect(validateBusinessName('M/s. Sharma & Sons (HUF)').ok).toBe(true)
    expect(validateBusinessName('शर्मा ट्रेडर्स').ok).toBe(true)
  })

  it.each(['', 'R', '<b>Shop</b>', '-Shop', 'x'.repeat(121)])('refuses the name %j', (name) => {
    expect(validateBusinessName(name)).toMatchObject({ ok: false, code: 'BUSINESS_NAME_INVALID' })
  })

  it('takes an address of 10 to 250 characters on one line', () => {
    expect(validateBusinessAddress('Maker Chambers IV,\n Nariman Point, Mumbai')).toEqual({
      ok: true,
      value: 'Maker Chambers IV, Nariman Point, Mumbai',
    })
    for (const bad of ['Mumbai', 'x'.repeat(251), '<script>alert(1)</script>', 42]) {
      expect(validateBusinessAddress(bad)).toMatchObject({
        ok: false,
        code: 'BUSINESS_ADDRESS_INVALID',
      })
    }
  })
})
