// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../../shared/domain/checksums'
import { setKioskApi } from '../../../renderer/src/api'
import { useCatalogStore } from '../../../renderer/src/stores/catalog'
import { DRAFT_KEY, useEnrollmentStore } from '../../../renderer/src/stores/enrollment'
import { fail, fakeApi, ok } from '../fake-api'

const IMEI1 = '86000000000001' + luhnCheckDigit('86000000000001')
const IMEI2 = '86000000000002' + luhnCheckDigit('86000000000002')
const AADHAAR = '23456789012' + verhoeffCheckDigit('23456789012')

async function filledStore(handlers: Record<string, (req: unknown) => unknown> = {}) {
  const fake = fakeApi({
    'catalog.list': () => ok(demoCatalog),
    'plans.quote': () =>
      ok({
        modelName: 'Redmi Note 9 Pro',
        variantName: '4 GB + 64 GB',
        srpPaise: 1399900,
        feePaise: 54900,
        feeGst: {
          ratePercent: 18,
          intraState: true,
          taxablePaise: 46525,
          cgstPaise: 4188,
          sgstPaise: 4187,
          igstPaise: 0,
          taxPaise: 8375,
          totalPaise: 54900,
        },
        onDate: '2026-11-28',
        quote: {},
        timeline: [],
      }),
    'enrollment.check': () =>
      ok({ ok: true, issues: [], enrollmentWindowDays: 7, enrollBy: '2026-12-05' }),
    ...handlers,
  })
  setKioskApi(fake.api)
  await useCatalogStore().load()
  const store = useEnrollmentStore()
  Object.assign(store.draft, {
    modelId: 'redmi-note-9-pro',
    variantId: 'redmi-note-9-pro-4-64',
    imei1: IMEI1,
    imei2: IMEI2,
    invoiceNumber: 'mh01/2026/42',
    invoiceDate: '2026-11-28',
    storeCode: 'MH01',
    pricePaid: '13,999',
  })
  return { store, fake }
}

function fillCustomer(store: ReturnType<typeof useEnrollmentStore>) {
  Object.assign(store.draft, {
    name: 'Priya Sharma',
    mobile: '+91 98765 43210',
    idType: 'aadhaar',
    idNumber: AADHAAR,
    consentData: true,
  })
}

describe('enrollment store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('checks each step with the shared validators before moving on', async () => {
    const { store } = await filledStore()
    store.draft.imei2 = ''
    expect(await store.next()).toBe(false)
    expect(store.step).toBe('phone')
    // A dual-SIM model needs both IMEIs.
    expect(store.phoneErrors['imeis.1']).toBe('REQUIRED')
    store.draft.imei2 = IMEI1
    expect(store.phoneErrors['imeis.1']).toBe('IMEI_DUPLICATE')
    store.draft.imei2 = IMEI2.slice(0, 14) + ((Number(IMEI2[14]) + 1) % 10)
    expect(store.phoneErrors['imeis.1']).toBe('IMEI_INVALID')
    store.draft.imei2 = IMEI2
    expect(await store.next()).toBe(true)
    expect(store.step).toBe('customer')
    expect(await store.next()).toBe(false)
    expect(store.customerErrors).toMatchObject({
      // Empty: "please fill this in", not the name rule.
      'customer.name': 'REQUIRED',
      'consent.dataProcessing': 'CONSENT_REQUIRED',
    })
  })

  it('keeps every entry going back and forward, and loads the fee from the core for the review', async () => {
    const { store, fake } = await filledStore()
    await store.next()
    fillCustomer(store)
    await store.next()
    expect(store.step).toBe('review')
    expect(fake.calls.find((c) => c.channel === 'plans.quote')?.request).toEqual({
      variantId: 'redmi-note-9-pro-4-64',
      purchaseDate: '2026-11-28',
    })
    expect(store.preview?.feePaise).toBe(54900)
    expect(store.preview?.feeGst.totalPaise).toBe(54900)
    store.back()
    store.back()
    expect(store.step).toBe('phone')
    expect(store.draft.imei1).toBe(IMEI1)
    expect(store.draft.name).toBe('Priya Sharma')
    expect(store.dirty).toBe(true)
  })

  it('submits once with one request id, even on a double tap, and keeps the id for a retry', async () => {
    let resolve: (v: unknown) => void = () => {}
    const { store, fake } = await filledStore({
      'enrollment.create': () => new Promise((r) => (resolve = r)),
    })
    await store.next()
    fillCustomer(store)
    await store.next()
    await store.next()
    expect(store.step).toBe('payment')
    const first = store.submit()
    const second = store.submit()
    expect(fake.count('enrollment.create')).toBe(1)
    resolve(fail('INTERNAL'))
    await Promise.all([first, second])
    expect(store.error?.code).toBe('INTERNAL')
    const sent = fake.calls
      .filter((c) => c.channel === 'enrollment.create')
      .map((c) => c.request as { requestId: string; payment: unknown; imeis: string[] })
    expect(sent[0]).toMatchObject({
      imeis: [IMEI1, IMEI2],
      payment: { method: 'cash', reference: null, amountPaise: 54900 },
      // The notice version is the catalog's; an adult customer consents for themself.
      consent: {
        dataProcessing: true,
        version: 'dpdp-2026.11',
        givenBy: 'adult',
        guardianName: null,
      },
    })
    const retry = store.submit()
    resolve(ok({ plan: { planNumber: 'MH01-K1-0000001-X' }, timeline: [], receipt: {} }))
    await retry
    const ids = fake.calls
      .filter((c) => c.channel === 'enrollment.create')
      .map((c) => (c.request as { requestId: string }).requestId)
    expect(ids).toHaveLength(2)
    expect(ids[0]).toBe(ids[1])
    expect(store.step).toBe('done')
    expect(store.dirty).toBe(false)
    store.reset()
    expect(store.requestId).not.toBe(ids[0])
  })

  it('a customer under 18 needs a named parent or guardian, whose consent is sent', async () => {
    const { store, fake } = await filledStore({
      'enrollment.create': () => ok({ plan: { planNumber: 'X' }, timeline: [], receipt: {} }),
    })
    await store.next()
    fillCustomer(store)
    store.draft.consentMinor = true
    expect(await store.next()).toBe(false)
    expect(store.customerErrors['consent.guardianName']).toBe('NAME_INVALID')
    store.draft.guardianName = ' Meena Rao '
    expect(await store.next()).toBe(true)
    await store.next()
    await store.submit()
    const sent = fake.calls.find((c) => c.channel === 'enrollment.create')!.request
    expect(sent).toMatchObject({ consent: { givenBy: 'guardian', guardianName: 'Meena Rao' } })
  })

  it('a business purchase needs a valid GSTIN, legal name and address on the customer step, and sends them', async () => {
    const { store, fake } = await filledStore({
      'enrollment.create': () => ok({ plan: { planNumber: 'X' }, timeline: [], receipt: {} }),
    })
    await store.next()
    fillCustomer(store)
    store.draft.business = true
    store.draft.businessGstin = '27AAACR5055K1Z8'
    store.draft.businessName = 'R'
    store.draft.businessAddress = 'Mumbai'
    expect(await store.next()).toBe(false)
    expect(store.step).toBe('customer')
    expect(store.customerErrors).toMatchObject({
      'business.gstin': 'GSTIN_INVALID',
      'business.legalName': 'BUSINESS_NAME_INVALID',
      'business.address': 'BUSINESS_ADDRESS_INVALID',
    })
    Object.assign(store.draft, {
      businessGstin: '27aaacr5055k1z7',
      businessName: 'Reliance Industries Limited',
      businessAddress: 'Maker Chambers IV, Nariman Point, Mumbai 400021',
    })
    expect(await store.next()).toBe(true)
    const check = fake.calls.filter((c) => c.channel === 'enrollment.check').at(-1)!.request
    expect(check).toMatchObject({ business: { gstin: '27aaacr5055k1z7' } })
    // The review's fee split is asked for the recipient's state of supply.
    const quote = fake.calls.filter((c) => c.channel === 'plans.quote').at(-1)!.request
    expect(quote).toMatchObject({ recipientGstin: '27aaacr5055k1z7' })
    await store.next()
    await store.submit()
    const sent = fake.calls.find((c) => c.channel === 'enrollment.create')!.request
    expect(sent).toMatchObject({
      business: {
        gstin: '27aaacr5055k1z7',
        legalName: 'Reliance Industries Limited',
        address: 'Maker Chambers IV, Nariman Point, Mumbai 400021',
      },
    })
  })

  it('sends the clerk back to the step of the field the core refused, and drops that message once edited', async () => {
    const { store } = await filledStore({
      'enrollment.create': () =>
        fail('IMEI_ALREADY_ENROLLED', [
          { path: 'imeis.0', code: 'IMEI_ALREADY_ENROLLED', message: 'taken' },
        ]),
    })
    await store.next()
    fillCustomer(store)
    await store.next()
    await store.next()
    store.draft.paymentMethod = 'upi'
    expect(await store.submit()).toBe(false)
    expect(store.paymentErrors['payment.reference']).toBe('PAYMENT_REFERENCE_REQUIRED')
    store.draft.paymentReference = 'UPI123'
    await store.submit()
    expect(store.step).toBe('phone')
    expect(store.error?.issues?.[0]?.path).toBe('imeis.0')
    store.draft.imei1 = IMEI1.slice(0, 13) + '9' + luhnCheckDigit(IMEI1.slice(0, 13) + '9')
    await Promise.resolve()
    expect(store.error).toBeNull()
  })

  it('starts with the kiosk’s defaults — business date, store, today’s usual payment — each still editable', async () => {
    const fake = fakeApi({
      'catalog.list': () => ok(demoCatalog),
      'enrollment.defaults': () =>
        ok({ businessDate: '2026-11-28', storeCode: 'MH01', paymentMethod: 'upi' }),
    })
    setKioskApi(fake.api)
    await useCatalogStore().load()
    const store = useEnrollmentStore()
    await store.loadDefaults()
    expect(store.draft).toMatchObject({
      invoiceDate: '2026-11-28',
      storeCode: 'MH01',
      paymentMethod: 'upi',
      pricePaid: '',
    })
    // Defaults are not the clerk's entries: leaving now asks nothing.
    expect(store.dirty).toBe(false)
    store.draft.storeCode = 'MS01'
    expect(store.dirty).toBe(true)
    store.draft.storeCode = 'MH01'

    // Price paid follows the variant's SRP until the clerk types one.
    const model = demoCatalog.models.find((m) => m.variants.length > 1)!
    store.draft.modelId = model.id
    store.draft.variantId = model.variants[0]!.id
    await Promise.resolve()
    expect(store.draft.pricePaid).toBe(String(model.variants[0]!.srpPaise / 100))
    store.draft.variantId = model.variants[1]!.id
    await Promise.resolve()
    expect(store.draft.pricePaid).toBe(String(model.variants[1]!.srpPaise / 100))
    store.draft.pricePaid = '12500'
    store.draft.variantId = model.variants[0]!.id
    await Promise.resolve()
    expect(store.draft.pricePaid).toBe('12500')

    // A store that does not sell the program is not offered; an upgrade's prefill is kept.
    store.reset({ imei1: IMEI1 })
    store.draft.paymentMethod = 'card'
    store.applyDefaults({ businessDate: '2026-11-28', storeCode: 'ZZ99', paymentMethod: 'upi' })
    expect(store.draft).toMatchObject({ imei1: IMEI1, storeCode: '', paymentMethod: 'card' })
  })
})

describe('enrollment draft across a reload (issue 14)', () => {
  it('keeps what was typed in session storage, never the ID number, and reopens on the customer step', async () => {
    sessionStorage.clear()
    setActivePinia(createPinia())
    const first = useEnrollmentStore()
    first.draft.imei1 = '490154203237518'
    first.draft.name = 'Priya Sharma'
    first.draft.idNumber = '234567890124'
    first.step = 'review'
    await nextTick()
    const saved = sessionStorage.getItem(DRAFT_KEY) ?? ''
    expect(saved).toContain('Priya Sharma')
    expect(saved).not.toContain('234567890124')
    const requestId = first.requestId

    // The page reloads: a new Pinia, the same tab.
    setActivePinia(createPinia())
    const again = useEnrollmentStore()
    expect(again.draft.imei1).toBe('490154203237518')
    expect(again.draft.name).toBe('Priya Sharma')
    expect(again.draft.idNumber).toBe('')
    expect(again.step).toBe('customer')
    expect(again.requestId).toBe(requestId)

    // A reset (new plan, sign-out) forgets it.
    again.reset()
    await nextTick()
    expect(sessionStorage.getItem(DRAFT_KEY)).toBeNull()
  })
})

describe('enrollment wizard asks the core before the review and payment (issue 14 item 3)', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('a duplicate IMEI stops the phone step with the message on IMEI 1; changing it clears it', async () => {
    const { store, fake } = await filledStore({
      'enrollment.check': () =>
        ok({
          ok: false,
          issues: [{ path: 'imeis.0', code: 'IMEI_ALREADY_ENROLLED', message: 'on plan X' }],
          enrollmentWindowDays: 7,
          enrollBy: '2026-12-05',
        }),
    })
    expect(await store.next()).toBe(false)
    expect(store.step).toBe('phone')
    expect(store.error?.issues?.[0]).toMatchObject({
      path: 'imeis.0',
      code: 'IMEI_ALREADY_ENROLLED',
    })
    expect(fake.calls.find((c) => c.channel === 'enrollment.check')?.request).not.toHaveProperty(
      'customer',
    )
    store.draft.imei1 = IMEI2
    await nextTick()
    expect(store.error).toBeNull()
  })

  it('the customer step sends the customer too, and goes on to the review when the core accepts', async () => {
    const { store, fake } = await filledStore()
    expect(await store.next()).toBe(true)
    fillCustomer(store)
    expect(await store.next()).toBe(true)
    expect(store.step).toBe('review')
    const checks = fake.calls.filter((c) => c.channel === 'enrollment.check')
    expect(checks).toHaveLength(2)
    expect(checks[1]!.request).toMatchObject({ customer: { name: 'Priya Sharma' } })
  })
})
