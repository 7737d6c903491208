import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  gstinCheckChar,
  isLuhnValid,
  isVerhoeffValid,
  luhnCheckDigit,
  maskAadhaar,
  maskIdNumber,
  validateAadhaar,
  validateAadhaarVid,
  validateEmail,
  validateGstin,
  validateIdNumber,
  validateImei,
  validateInvoiceNumber,
  validateMobile,
  validatePan,
  validatePersonName,
  verhoeffCheckDigit,
  type Validation,
} from '../../../shared/domain/validators'

const digitsArb = (min: number, max: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max })
    .map((d) => d.join(''))

/** Every string that differs from `s` in exactly one character, drawn from `alphabet`. */
function singleChanges(s: string, alphabet: string): string[] {
  const out: string[] = []
  for (let i = 0; i < s.length; i++) {
    for (const c of alphabet) if (c !== s[i]) out.push(s.slice(0, i) + c + s.slice(i + 1))
  }
  return out
}

function expectOk(result: Validation<string>, value: string): void {
  expect(result).toEqual({ ok: true, value })
}

function expectFail(result: Validation<string>, code: string): void {
  expect(result.ok).toBe(false)
  if (!result.ok) {
    expect(result.code).toBe(code)
    expect(result.message.length).toBeGreaterThan(0)
  }
}

describe('Luhn', () => {
  it('matches published vectors', () => {
    // IMEI example from Wikipedia's "International Mobile Equipment Identity" article.
    expect(luhnCheckDigit('49015420323751')).toBe('8')
    expect(isLuhnValid('490154203237518')).toBe(true)
    // The classic example of the Luhn algorithm article.
    expect(luhnCheckDigit('7992739871')).toBe('3')
    expect(isLuhnValid('79927398713')).toBe(true)
    expect(isLuhnValid('79927398710')).toBe(false)
  })

  it('accepts what it generates and rejects every single-digit change', () => {
    fc.assert(
      fc.property(digitsArb(1, 20), (body) => {
        const full = body + luhnCheckDigit(body)
        expect(isLuhnValid(full)).toBe(true)
        for (const changed of singleChanges(full, '0123456789'))
          expect(isLuhnValid(changed)).toBe(false)
      }),
    )
  })

  it('rejects what is not digits', () => {
    expect(isLuhnValid('4901542032375l8')).toBe(false)
    expect(isLuhnValid('0')).toBe(false)
    expect(() => luhnCheckDigit('12a')).toThrow()
  })
})

describe('Verhoeff', () => {
  it('matches published vectors', () => {
    // Wikipedia "Verhoeff algorithm" worked example and the Rosetta Code task's vectors.
    expect(verhoeffCheckDigit('236')).toBe('3')
    expect(isVerhoeffValid('2363')).toBe(true)
    expect(verhoeffCheckDigit('12345')).toBe('1')
    expect(isVerhoeffValid('123451')).toBe(true)
    expect(verhoeffCheckDigit('123456789012')).toBe('0')
    expect(isVerhoeffValid('1234567890120')).toBe(true)
    expect(isVerhoeffValid('2364')).toBe(false)
  })

  it('accepts what it generates and rejects every single-digit change', () => {
    fc.assert(
      fc.property(digitsArb(1, 20), (body) => {
        const full = body + verhoeffCheckDigit(body)
        expect(isVerhoeffValid(full)).toBe(true)
        for (const changed of singleChanges(full, '0123456789')) {
          expect(isVerhoeffValid(changed)).toBe(false)
        }
      }),
    )
  })

  it('rejects every adjacent transposition (which Luhn cannot)', () => {
    fc.assert(
      fc.property(digitsArb(2, 20), (body) => {
        const full = body + verhoeffCheckDigit(body)
        for (let i = 0; i + 1 < full.length; i++) {
          if (full[i] === full[i + 1]) continue
          const swapped = full.slice(0, i) + full[i + 1] + full[i] + full.slice(i + 2)
          expect(isVerhoeffValid(swapped)).toBe(false)
        }
      }),
    )
  })
})

describe('validateImei', () => {
  it('normalises spaces and dashes', () => {
    expectOk(validateImei('490154203237518'), '490154203237518')
    expectOk(validateImei('49-015420-323751-8'), '490154203237518')
    expectOk(validateImei(' 4901 5420 3237 518 '), '490154203237518')
  })

  it.each([
    ['49015420323751', 'too short'],
    ['4901542032375180', 'too long'],
    ['490154203237519', 'wrong check digit'],
    ['49015420323751A', 'a letter'],
    ['000000000000000', 'all zeros'],
    ['', 'empty'],
  ])('rejects %s (%s)', (imei) => {
    expectFail(validateImei(imei), 'IMEI_INVALID')
  })

  it('rejects non-strings', () => {
    expectFail(validateImei(490154203237518), 'IMEI_INVALID')
  })

  it('accepts every generated IMEI and rejects every single-digit typo', () => {
    fc.assert(
      fc.property(digitsArb(14, 14), (body) => {
        fc.pre(!/^0+$/.test(body))
        const imei = body + luhnCheckDigit(body)
        expectOk(validateImei(imei), imei)
        for (const typo of singleChanges(imei, '0123456789')) {
          expectFail(validateImei(typo), 'IMEI_INVALID')
        }
      }),
      { numRuns: 50 },
    )
  })
})

describe('validateMobile', () => {
  it.each([
    '9876543210',
    '+91 98765 43210',
    '+919876543210',
    '+91-98765-43210',
    '919876543210',
    '09876543210',
    '0091 98765 43210',
    '(+91) 98765-43210',
    '98765.43210',
  ])('accepts %s', (mobile) => {
    expectOk(validateMobile(mobile), '9876543210')
  })

  it('keeps a 10-digit number that itself starts with 91', () => {
    expectOk(validateMobile('9123456789'), '9123456789')
    expectOk(validateMobile('+91 91234 56789'), '9123456789')
  })

  it.each([
    '5876543210',
    '0876543210',
    '987654321',
    '98765432101',
    '+1 415 555 2671',
    '+92 300 1234567',
    '+91 5876543210',
    'abcdefghij',
    '',
  ])('rejects %s', (mobile) => {
    expectFail(validateMobile(mobile), 'MOBILE_INVALID')
  })
})

describe('validateEmail', () => {
  it('accepts ordinary addresses and lowercases the domain', () => {
    expectOk(validateEmail(' Asha.K@Example.COM '), 'Asha.K@example.com')
    expectOk(validateEmail('ravi+kiosk@mail.co.in'), 'ravi+kiosk@mail.co.in')
  })

  it.each([
    'a@b',
    'a..b@x.com',
    '.a@x.com',
    '@x.com',
    'a@x',
    'a b@x.com',
    'a@-x.com',
    'a@x..com',
    '',
  ])('rejects %j', (email) => {
    expectFail(validateEmail(email), 'EMAIL_INVALID')
  })

  it('rejects an over-long local part', () => {
    expectFail(validateEmail(`${'a'.repeat(65)}@x.com`), 'EMAIL_INVALID')
  })
})

describe('Aadhaar', () => {
  const body = '23412341234'
  const aadhaar = body + verhoeffCheckDigit(body)

  it('accepts a Verhoeff-valid number with or without spaces', () => {
    expect(aadhaar).toBe('234123412346')
    expectOk(validateAadhaar(aadhaar), aadhaar)
    expectOk(validateAadhaar('2341 2341 2346'), aadhaar)
  })

  it('rejects numbers starting 0 or 1 even with a valid check digit', () => {
    for (const start of ['0', '1']) {
      const b = start + body.slice(1)
      expectFail(validateAadhaar(b + verhoeffCheckDigit(b)), 'AADHAAR_INVALID')
    }
  })

  it('rejects every single-digit typo, and wrong lengths', () => {
    for (const typo of singleChanges(aadhaar, '0123456789')) {
      expectFail(validateAadhaar(typo), 'AADHAAR_INVALID')
    }
    expectFail(validateAadhaar(aadhaar.slice(1)), 'AADHAAR_INVALID')
    expectFail(validateAadhaar(`${aadhaar}0`), 'AADHAAR_INVALID')
    expectFail(validateAadhaar(undefined), 'AADHAAR_INVALID')
  })

  it('masks from the full number or from the kept last 4', () => {
    expect(maskAadhaar(aadhaar)).toBe('XXXX XXXX 2346')
    expect(maskAadhaar('2341 2341 2346')).toBe('XXXX XXXX 2346')
    expect(maskAadhaar('2346')).toBe('XXXX XXXX 2346')
    expect(() => maskAadhaar('123')).toThrow()
    expect(() => maskAadhaar('12345')).toThrow()
  })
})

describe('validatePan', () => {
  it('accepts and normalises', () => {
    expectOk(validatePan('ABCPE1234F'), 'ABCPE1234F')
    expectOk(validatePan(' abcpe 1234f '), 'ABCPE1234F')
  })

  it('knows every holder type letter', () => {
    for (const t of 'PCHFATBLJG') expect(validatePan(`ABC${t}E1234F`).ok).toBe(true)
    for (const t of 'DEIKMNOQRSUVWXYZ') expectFail(validatePan(`ABC${t}E1234F`), 'PAN_INVALID')
  })

  it.each(['ABCP1234F', 'ABCPE12345', '1BCPE1234F', 'ABCPE1234', ''])('rejects %j', (pan) => {
    expectFail(validatePan(pan), 'PAN_INVALID')
  })
})

describe('GSTIN', () => {
  it('matches a published GSTIN', () => {
    // The sample GSTIN used across GSTN's and the tax portals' documentation.
    expect(gstinCheckChar('27AAPFU0939F1Z')).toBe('V')
    expectOk(validateGstin('27AAPFU0939F1ZV'), '27AAPFU0939F1ZV')
    expectOk(validateGstin('27aapfu0939f1zv'), '27AAPFU0939F1ZV')
  })

  it.each([
    ['00AAPFU0939F1ZV', 'state 00'],
    ['39AAPFU0939F1ZV', 'state 39'],
    ['27AAPXU0939F1ZV', 'PAN holder type X'],
    ['27AAPFU0939F0ZV', 'entity number 0'],
    ['27AAPFU0939F1ZW', 'wrong check character'],
    ['27AAPFU0939F1Z', 'too short'],
    ['2AAPFU0939F1ZVX', 'no state code'],
  ])('rejects %s (%s)', (gstin) => {
    expectFail(validateGstin(gstin), 'GSTIN_INVALID')
  })

  it('accepts state codes 01–38, 97 and 99 with their own check character', () => {
    for (const code of ['01', '07', '29', '36', '38', '97', '99']) {
      const body = `${code}AAPFU0939F1Z`
      expect(validateGstin(body + gstinCheckChar(body)).ok).toBe(true)
    }
  })

  it('accepts what it generates and rejects every single-character change', () => {
    const alnum = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
    const panArb = fc
      .tuple(
        fc.stringMatching(/^[A-Z]{3}$/),
        fc.constantFrom(...'PCHFATBLJG'),
        fc.stringMatching(/^[A-Z][0-9]{4}[A-Z]$/),
      )
      .map((parts) => parts.join(''))
    const bodyArb = fc
      .tuple(
        fc.integer({ min: 1, max: 38 }).map((n) => String(n).padStart(2, '0')),
        panArb,
        fc.constantFrom(...'123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'),
        fc.constantFrom(...alnum),
      )
      .map((parts) => parts.join(''))
    fc.assert(
      fc.property(bodyArb, (body) => {
        const gstin = body + gstinCheckChar(body)
        expectOk(validateGstin(gstin), gstin)
        for (const changed of singleChanges(gstin, alnum)) {
          expect(validateGstin(changed).ok).toBe(false)
        }
      }),
      { numRuns: 40 },
    )
  })
})

describe('validateInvoiceNumber', () => {
  it('trims and uppercases', () => {
    expectOk(validateInvoiceNumber(' inv/2020-21/0001 '), 'INV/2020-21/0001')
    expectOk(validateInvoiceNumber('7'), '7')
    expectOk(validateInvoiceNumber('A'.repeat(30)), 'A'.repeat(30))
  })

  it.each(['', '   ', 'A'.repeat(31), 'INV 1', '/INV1', 'INV#1', 'चालान1'])('rejects %j', (n) => {
    expectFail(validateInvoiceNumber(n), 'INVOICE_NUMBER_INVALID')
  })
})

describe('validatePersonName', () => {
  it.each([
    ['Asha Kumari', 'Asha Kumari'],
    ['  Asha   Kumari ', 'Asha Kumari'],
    ['आशा कुमारी', 'आशा कुमारी'],
    ['श्री', 'श्री'],
    ["D'Souza", "D'Souza"],
    ['D’Souza', "D'Souza"],
    ['K. R. Rao', 'K. R. Rao'],
    ['Mary-Ann', 'Mary-Ann'],
    ['Li', 'Li'],
  ])('accepts %j', (name, normalized) => {
    expectOk(validatePersonName(name), normalized)
  })

  it.each(['A', 'Asha1', '.Asha', 'Asha@Home', 'x'.repeat(101), '  ', ''])('rejects %j', (name) => {
    expectFail(validatePersonName(name), 'NAME_INVALID')
  })
})

describe('Aadhaar Virtual ID (VID)', () => {
  const body = '912345678901234'
  const vid = body + verhoeffCheckDigit(body)

  it('accepts a 16-digit Verhoeff-valid VID with or without spaces', () => {
    expect(vid).toHaveLength(16)
    expectOk(validateAadhaarVid(vid), vid)
    expectOk(validateAadhaarVid(vid.replace(/(\d{4})(?=\d)/g, '$1 ')), vid)
    expectOk(validateIdNumber('aadhaar-vid', vid), vid)
  })

  it('rejects every single-digit typo, wrong lengths and a 12-digit Aadhaar', () => {
    for (const typo of singleChanges(vid, '0123456789')) {
      expectFail(validateAadhaarVid(typo), 'VID_INVALID')
    }
    expectFail(validateAadhaarVid(vid.slice(1)), 'VID_INVALID')
    expectFail(validateAadhaarVid(`${vid}0`), 'VID_INVALID')
    expectFail(validateAadhaarVid('234123412346'), 'VID_INVALID')
    expectFail(validateAadhaarVid(undefined), 'VID_INVALID')
  })

  it('is masked like Aadhaar, the last 4 only, from the full VID or the kept last 4', () => {
    expect(maskIdNumber('aadhaar-vid', vid)).toBe(`XXXX XXXX XXXX ${vid.slice(-4)}`)
    expect(maskIdNumber('aadhaar-vid', vid.slice(-4))).toBe(`XXXX XXXX XXXX ${vid.slice(-4)}`)
  })
})

describe('validateIdNumber / maskIdNumber', () => {
  it.each([
    ['driving-licence', 'KA01 20190012345', 'KA0120190012345'],
    ['driving-licence', 'ka-01-2019-0012345', 'KA0120190012345'],
    ['driving-licence', 'MH12/2011/0062821', 'MH1220110062821'],
    ['voter-id', 'abc 1234567', 'ABC1234567'],
    ['passport', 'j8369854', 'J8369854'],
    ['pan', 'abcpe1234f', 'ABCPE1234F'],
    ['aadhaar', '2341 2341 2346', '234123412346'],
  ] as const)('%s %j → %s', (type, value, normalized) => {
    expectOk(validateIdNumber(type, value), normalized)
  })

  it.each([
    ['driving-licence', 'KA01 18900012345', 'ID_NUMBER_INVALID'],
    ['driving-licence', 'KA1 20190012345', 'ID_NUMBER_INVALID'],
    ['voter-id', 'AB12345678', 'ID_NUMBER_INVALID'],
    ['passport', 'J836985', 'ID_NUMBER_INVALID'],
    ['passport', '18369854', 'ID_NUMBER_INVALID'],
    ['pan', 'ABCXE1234F', 'PAN_INVALID'],
    ['aadhaar', '234123412345', 'AADHAAR_INVALID'],
  ] as const)('%s %j fails with %s', (type, value, code) => {
    expectFail(validateIdNumber(type, value), code)
  })

  it('masks all but the last 4', () => {
    expect(maskIdNumber('aadhaar', '234123412346')).toBe('XXXX XXXX 2346')
    expect(maskIdNumber('passport', 'J8369854')).toBe('XXXX9854')
    expect(maskIdNumber('pan', 'ABCPE1234F')).toBe('XXXXXX234F')
    expect(maskIdNumber('driving-licence', 'KA0120190012345')).toBe('XXXXXXXXXXX2345')
    expect(maskIdNumber('voter-id', 'ABC1234567')).toBe('XXXXXX4567')
  })
})
