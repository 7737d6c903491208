import { describe, expect, it } from 'vitest'
import demo from '../../../resources/catalog/demo-catalog.json'
import { CatalogSchema, type Catalog } from '../../../shared/catalog'
import { DEFAULT_SCHEDULE } from '../../../shared/domain/assured-value'
import {
  checkEnrollment,
  checkRedemption,
  type EnrollmentCheckInput,
  type RedemptionCheckInput,
} from '../../../shared/domain/eligibility'
import { luhnCheckDigit } from '../../../shared/domain/validators'

const catalog: Catalog = CatalogSchema.parse(demo)
const imei = (body: string) => body + luhnCheckDigit(body)
const IMEI1 = imei('86123405123456')
const IMEI2 = imei('86123405123457')

function enrollment(overrides: Partial<EnrollmentCheckInput> = {}): EnrollmentCheckInput {
  return {
    catalog,
    variantId: 'redmi-note-9-pro-4-64',
    purchaseStoreCode: 'MH01',
    invoiceDate: '2020-11-05',
    enrollmentDate: '2020-11-05',
    imeis: [IMEI1, IMEI2],
    activeImeis: new Set(),
    ...overrides,
  }
}

const codes = (r: { reasons: Array<{ code: string; path: string }> }) =>
  r.reasons.map((x) => `${x.code}@${x.path}`)

describe('checkEnrollment', () => {
  it('passes a phone bought today at a Mi Home', () => {
    expect(checkEnrollment(enrollment())).toEqual({ ok: true, reasons: [] })
  })

  it('accepts IMEIs typed with spaces and dashes', () => {
    const typed = [`${IMEI1.slice(0, 2)}-${IMEI1.slice(2)}`, IMEI2.replace(/(\d{5})/g, '$1 ')]
    expect(checkEnrollment(enrollment({ imeis: typed })).ok).toBe(true)
  })

  it.each([
    [{ variantId: 'redmi-note-9-pro-12-512' }, 'VARIANT_NOT_FOUND@variantId'],
    [{ variantId: 'redmi-note-9-pro' }, 'VARIANT_NOT_FOUND@variantId'],
    [{ variantId: 'redmi-note-8-pro-6-64' }, 'MODEL_INACTIVE@variantId'],
    [{ purchaseStoreCode: 'ZZ99' }, 'STORE_NOT_FOUND@purchaseStoreCode'],
    [{ purchaseStoreCode: 'ONLINE' }, 'ONLINE_PURCHASE@purchaseStoreCode'],
    [{ purchaseStoreCode: 'MH02' }, 'STORE_NOT_IN_PROGRAM@purchaseStoreCode'],
    [{ invoiceDate: '2020-11-06' }, 'PURCHASE_DATE_IN_FUTURE@invoiceDate'],
    [{ enrollmentDate: '2020-11-13' }, 'ENROLLMENT_WINDOW_CLOSED@invoiceDate'],
    [{ invoiceDate: '2020-02-30' }, 'DATE_INVALID@invoiceDate'],
    [{ enrollmentDate: '5/11/2020' }, 'DATE_INVALID@enrollmentDate'],
    [{ imeis: [IMEI1, '86123405123450'] }, 'IMEI_INVALID@imeis.1'],
    [{ imeis: [IMEI1, IMEI1] }, 'IMEI_DUPLICATE@imeis.1'],
    [{ imeis: [IMEI1, IMEI2], activeImeis: new Set([IMEI2]) }, 'IMEI_ALREADY_ENROLLED@imeis.1'],
    [{ imeis: [IMEI1] }, 'IMEI_INVALID@imeis'],
    [{ imeis: [] }, 'IMEI_INVALID@imeis'],
  ] as Array<[Partial<EnrollmentCheckInput>, string]>)(
    '%j fails with %s only',
    (overrides, code) => {
      const result = checkEnrollment(enrollment(overrides))
      expect(result.ok).toBe(false)
      expect(codes(result)).toEqual([code])
    },
  )

  it('allows enrollment up to and including the last day of the window', () => {
    expect(catalog.enrollmentWindowDays).toBe(7)
    expect(checkEnrollment(enrollment({ enrollmentDate: '2020-11-12' })).ok).toBe(true)
    expect(
      checkEnrollment(enrollment({ invoiceDate: '2020-12-31', enrollmentDate: '2021-01-07' })).ok,
    ).toBe(true)
    expect(
      checkEnrollment(enrollment({ invoiceDate: '2020-12-31', enrollmentDate: '2021-01-08' })).ok,
    ).toBe(false)
  })

  it('with an explicit today, tells an enrollment dated before the purchase from a future invoice', () => {
    const backdated = enrollment({
      invoiceDate: '2020-11-05',
      enrollmentDate: '2020-11-04',
      today: '2020-11-20',
    })
    expect(codes(checkEnrollment(backdated))).toEqual(['ENROLLMENT_BEFORE_PURCHASE@enrollmentDate'])
    const future = enrollment({
      invoiceDate: '2020-11-21',
      enrollmentDate: '2020-11-20',
      today: '2020-11-20',
    })
    expect(codes(checkEnrollment(future))).toEqual(['PURCHASE_DATE_IN_FUTURE@invoiceDate'])
    const ahead = enrollment({ enrollmentDate: '2020-11-06', today: '2020-11-05' })
    expect(codes(checkEnrollment(ahead))).toEqual(['DATE_INVALID@enrollmentDate'])
  })

  it('a single-SIM model takes exactly one IMEI', () => {
    const singleSim = structuredClone(catalog)
    singleSim.models[0]!.dualSim = false
    const variantId = singleSim.models[0]!.variants[0]!.id
    expect(checkEnrollment(enrollment({ catalog: singleSim, variantId, imeis: [IMEI1] })).ok).toBe(
      true,
    )
    expect(codes(checkEnrollment(enrollment({ catalog: singleSim, variantId })))).toEqual([
      'IMEI_INVALID@imeis',
    ])
  })

  it('reports every failure at once, not just the first', () => {
    const result = checkEnrollment(
      enrollment({
        variantId: 'redmi-note-8-pro-6-64',
        purchaseStoreCode: 'ONLINE',
        invoiceDate: '2020-10-01',
        imeis: ['123', IMEI1],
        activeImeis: new Set([IMEI1]),
      }),
    )
    expect(result.ok).toBe(false)
    expect(codes(result)).toEqual([
      'MODEL_INACTIVE@variantId',
      'ONLINE_PURCHASE@purchaseStoreCode',
      'ENROLLMENT_WINDOW_CLOSED@invoiceDate',
      'IMEI_INVALID@imeis.0',
      'IMEI_ALREADY_ENROLLED@imeis.1',
    ])
    for (const reason of result.reasons) expect(reason.message.length).toBeGreaterThan(0)
  })
})

describe('checkRedemption', () => {
  const plan: RedemptionCheckInput['plan'] = {
    status: 'active',
    purchaseDate: '2020-11-05',
    srpPaise: 1_399_900,
    mobile: '9876543210',
    idLast4: '234F',
  }
  const redemption = (overrides: Partial<RedemptionCheckInput> = {}): RedemptionCheckInput => ({
    plan,
    onDate: '2021-02-05',
    schedule: catalog.schedule,
    customer: { mobile: '9876543210' },
    ...overrides,
  })

  it('passes an active plan in month 4 with the customer matching, and quotes it', () => {
    const result = checkRedemption(redemption())
    expect(result.ok).toBe(true)
    expect(result.reasons).toEqual([])
    expect(result.quote).toMatchObject({ status: 'redeemable', percent: 70, valuePaise: 979_900 })
  })

  it.each([
    [{ onDate: '2021-02-04' }, ['TOO_EARLY@onDate']],
    [{ onDate: '2022-02-05' }, ['PLAN_EXPIRED@onDate']],
    [{ plan: { ...plan, status: 'redeemed' } }, ['PLAN_REDEEMED@plan.status']],
    [{ plan: { ...plan, status: 'cancelled' } }, ['PLAN_CANCELLED@plan.status']],
    [{ plan: { ...plan, status: 'expired' } }, ['PLAN_EXPIRED@plan.status']],
    [{ plan: { ...plan, status: 'expired' }, onDate: '2022-03-01' }, ['PLAN_EXPIRED@plan.status']],
    [{ plan: { ...plan, status: 'pending' } }, ['PLAN_NOT_ACTIVE@plan.status']],
    [{ customer: { mobile: '9876543211' } }, ['CUSTOMER_MISMATCH@customer']],
    [{ customer: { idLast4: '1234' } }, ['CUSTOMER_MISMATCH@customer']],
    [{ customer: {} }, ['CUSTOMER_MISMATCH@customer']],
    [
      {
        plan: { ...plan, status: 'redeemed' },
        onDate: '2020-12-01',
        customer: { mobile: '7000000000' },
      },
      ['PLAN_REDEEMED@plan.status', 'TOO_EARLY@onDate', 'CUSTOMER_MISMATCH@customer'],
    ],
  ] as Array<[Partial<RedemptionCheckInput>, string[]]>)(
    '%j fails with %j',
    (overrides, expected) => {
      const result = checkRedemption(redemption(overrides))
      expect(result.ok).toBe(false)
      expect(codes(result)).toEqual(expected)
    },
  )

  it.each([
    [{ mobile: '+91 98765 43210' }],
    [{ idLast4: '234f' }],
    [{ mobile: '9000000000', idLast4: '234F' }],
    [{ mobile: 'not a number', idLast4: '234F' }],
  ])('customer %j matches (mobile OR ID last 4)', (customer) => {
    expect(checkRedemption(redemption({ customer })).ok).toBe(true)
  })

  it('leaves the identity check to the caller when no customer is given', () => {
    expect(checkRedemption(redemption({ customer: undefined })).ok).toBe(true)
  })

  it('uses the schedule it is given and the SRP recorded on the plan', () => {
    const schedule = [{ fromMonth: 2, toMonth: 3, percent: 80 }, ...DEFAULT_SCHEDULE]
    const result = checkRedemption(redemption({ schedule, onDate: '2021-01-05' }))
    expect(result.ok).toBe(true)
    expect(result.quote.valuePaise).toBe(1_119_900) // 80% of ₹13,999 = ₹11,199.20
  })

  it('throws DATE_INVALID when no quote can be made', () => {
    expect(() => checkRedemption(redemption({ onDate: '2021-02-30' }))).toThrow(/calendar date/)
  })
})
