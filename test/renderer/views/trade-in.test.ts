// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import demoCatalog from '../../../resources/catalog/demo-catalog.json'
import type { TradeInView } from '../../../shared/contract/tradein'
import { setKioskApi } from '../../../renderer/src/api'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { useCatalogStore } from '../../../renderer/src/stores/catalog'
import { useRedemptionStore } from '../../../renderer/src/stores/redemption'
import { useSessionStore } from '../../../renderer/src/stores/session'
import { useTradeInStore } from '../../../renderer/src/stores/trade-in'
import ChecklistStep from '../../../renderer/src/views/tradein/ChecklistStep.vue'
import HandoverStep from '../../../renderer/src/views/tradein/HandoverStep.vue'
import PhoneStep from '../../../renderer/src/views/tradein/PhoneStep.vue'
import QuoteStep from '../../../renderer/src/views/tradein/QuoteStep.vue'
import PlanDetailView from '../../../renderer/src/views/PlanDetailView.vue'
import VoucherCheck from '../../../renderer/src/views/tradein/VoucherCheck.vue'
import { readVoucherScan } from '../../../renderer/src/views/tradein/voucher-scan'
import { fail, fakeApi, ok } from '../fake-api'

// The trade-in screens (issue 22) against a fake core: what the counter sees at each step for
// the core's answers (shared/contract/tradein.ts). The real walk is test/e2e/ui-trade-in.test.ts.

const ID = '5b0e8a47-3a59-4a3c-9a55-7c5c4f0f2a11'
const IMEI = '490154203237518'

function view(over: Partial<TradeInView> = {}): TradeInView {
  return {
    tradeInId: ID,
    status: 'open',
    imei: IMEI,
    modelId: 'redmi-note-9-pro',
    modelName: 'Redmi Note 9 Pro',
    variantId: 'redmi-note-9-pro-4-64',
    variantName: '4 GB + 64 GB',
    planNumber: null,
    inspectionId: null,
    grade: null,
    gradeLabel: null,
    notAcceptable: [],
    quote: null,
    voucher: null,
    partnerReference: null,
    confirmation: null,
    deviceIntakeId: null,
    businessDate: '2026-11-30',
    createdAt: '2026-11-30T10:00:00.000Z',
    ...over,
  }
}
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString()
const gridQuote = () => ({
  source: 'grid' as const,
  partnerId: 'cashify',
  partnerName: 'Cashify',
  quoteId: null,
  amountPaise: 288_000,
  validUntil: inAnHour(),
  provisional: true,
})
const partnerQuote = (amountPaise: number) => ({
  source: 'partner' as const,
  partnerId: 'cashify',
  partnerName: 'Cashify',
  quoteId: 'Q-1',
  amountPaise,
  validUntil: inAnHour(),
  provisional: false,
})

async function harness(
  role: 'clerk' | 'technician' | 'manager',
  handlers: Record<string, (r: unknown) => unknown>,
) {
  const pinia = createPinia()
  setActivePinia(pinia)
  const api = fakeApi({ 'catalog.list': () => ok(demoCatalog), ...handlers })
  setKioskApi(api.api)
  await useCatalogStore().load()
  useSessionStore().current = { staff: { code: 'X', name: 'X', role }, locked: false } as never
  const mountStep = (component: unknown, lang: 'en' | 'hi' = 'en') =>
    mount(component as never, {
      // happy-dom draws no canvas: the signature pad is the e2e test's.
      global: {
        plugins: [pinia, createKioskI18n(lang)],
        stubs: { RouterLink: true, SignaturePad: true },
      },
    })
  return { api, mountStep, store: useTradeInStore() }
}

describe('trade-in wizard', () => {
  let checklist: typeof demoCatalog.checklist
  beforeEach(() => {
    checklist = demoCatalog.checklist
  })

  it('the checklist grades as the technician goes, and a graded phone is priced at once: grade in words, the grid price marked provisional', async () => {
    const { api, mountStep, store } = await harness('technician', {
      'tradein.start': () => ok({ tradeIn: view(), checklist }),
      'tradein.checklist': () =>
        ok({
          tradeIn: view({
            status: 'graded',
            grade: 'B',
            gradeLabel: { en: 'Good, minor faults', hi: 'अच्छा, छोटी कमियाँ' },
          }),
          acceptable: true,
        }),
      'tradein.quote': () =>
        ok({
          tradeIn: view({
            status: 'quoted',
            grade: 'B',
            gradeLabel: { en: 'Good, minor faults', hi: 'अच्छा, छोटी कमियाँ' },
            quote: gridQuote(),
          }),
          quote: gridQuote(),
          partnerError: 'TRADE_IN_PARTNER_UNAVAILABLE',
        }),
    })
    store.phone.imei = IMEI
    store.phone.modelId = 'redmi-note-9-pro'
    store.phone.variantId = 'redmi-note-9-pro-4-64'
    expect(await store.start()).toBe(true)
    expect(store.step).toBe('checklist')
    // The IMEI item is answered by the IMEI the trade-in was opened with.
    expect(store.answers['imei-matches']?.result).toBe('pass')

    const w = mountStep(ChecklistStep)
    expect(w.find('[data-testid="check-powers-on-photo"]').exists()).toBe(false)
    await w.get('[data-testid="inspect-all-pass"]').trigger('click')
    await w.get('[data-testid="check-microphone-fail"]').trigger('click')
    expect(w.get('[data-testid="tradein-grade-sofar"]').text()).toBe(
      'Grade so far: B — Good, minor faults',
    )
    await w.get('[data-testid="check-powers-on-fail"]').trigger('click')
    expect(w.get('[data-testid="tradein-grade-sofar"]').text()).toContain(
      'Not acceptable for trade-in',
    )
    await w.get('[data-testid="check-powers-on-pass"]').trigger('click')
    await w.get('[data-testid="tradein-grade"]').trigger('click')
    await flushPromises()
    const sent = api.calls.find((c) => c.channel === 'tradein.checklist')!.request as {
      answers: { itemId: string; result: string }[]
    }
    expect(sent.answers.find((a) => a.itemId === 'microphone')?.result).toBe('fail')
    expect(api.count('tradein.quote')).toBe(1)
    expect(store.step).toBe('quote')

    const q = mountStep(QuoteStep)
    expect(q.get('[data-testid="tradein-grade-words"]').text()).toBe('Grade B: Good, minor faults')
    expect(q.get('[data-testid="tradein-amount"]').text()).toContain('2,880')
    expect(q.get('[data-testid="tradein-provisional"]').text()).toBe(
      'Provisional — Cashify confirms this price on sync',
    )
    expect(q.find('[data-testid="tradein-partner-down"]').exists()).toBe(true)
    // The technician does not close the deal: the clerk does.
    expect(q.find('[data-testid="tradein-accept"]').exists()).toBe(false)
    expect(q.find('[data-testid="tradein-hand-to-clerk"]').exists()).toBe(true)
    const hi = mountStep(QuoteStep, 'hi')
    expect(hi.get('[data-testid="tradein-grade-words"]').text()).toBe('ग्रेड B: अच्छा, छोटी कमियाँ')
  })

  it('a phone that is not acceptable shows why, and no price or accept', async () => {
    const { mountStep, store } = await harness('manager', {})
    store.tradeIn = view({
      status: 'not-acceptable',
      notAcceptable: [
        { itemId: 'no-liquid-damage', label: { en: 'No liquid damage', hi: 'पानी से नुकसान नहीं' } },
      ],
    })
    store.step = 'quote'
    const w = mountStep(QuoteStep)
    expect(w.get('[data-testid="tradein-not-acceptable"]').text()).toBe('Not acceptable')
    expect(w.get('[data-testid="tradein-reasons"]').text()).toBe('No liquid damage')
    expect(w.find('[data-testid="tradein-quote"]').exists()).toBe(false)
    expect(w.find('[data-testid="tradein-accept"]').exists()).toBe(false)
  })

  it('the partner changed its price at confirmation: back at the price with both amounts, nothing issued; agreeing again sends the new amount', async () => {
    let stored = partnerQuote(450_000)
    const accepts: { amountPaise: number; requestId: string }[] = []
    const { mountStep, store } = await harness('clerk', {
      'tradein.accept': (r) => {
        const req = r as { amountPaise: number; requestId: string }
        accepts.push(req)
        if (req.amountPaise !== 400_000) {
          stored = partnerQuote(400_000)
          return {
            ok: false,
            error: {
              code: 'TRADE_IN_PRICE_CHANGED',
              message: 'changed',
              params: { quotedPaise: 450_000, newPaise: 400_000 },
            },
          }
        }
        const voucher = {
          number: 'K1/T2627/000001',
          code: 'AB12CD',
          amountPaise: 400_000,
          issuedOn: '2026-11-30',
          validTo: '2026-12-30',
          status: 'issued' as const,
          usedOn: null,
        }
        return ok({
          tradeIn: view({ status: 'accepted', quote: stored, voucher }),
          voucher,
          deviceIntakeId: 'd1',
        })
      },
      'tradein.get': () => ok({ tradeIn: view({ status: 'quoted', grade: 'A', quote: stored }) }),
    })
    store.tradeIn = view({ status: 'quoted', grade: 'A', quote: stored })
    store.step = 'quote'
    const q = mountStep(QuoteStep)
    await q.get('[data-testid="tradein-accept"]').trigger('click')
    expect(store.step).toBe('handover')
    const h = mountStep(HandoverStep)
    expect(h.get('[data-testid="tradein-issue"]').attributes('disabled')).toBeDefined()
    Object.assign(store.handover, {
      ownership: true,
      accountsRemoved: true,
      dataWiped: true,
      transfer: true,
      signaturePng: 'data:image/png;base64,iVBORw0KGgo=',
    })
    expect(await store.accept()).toBe(false)
    expect(store.step).toBe('quote')
    expect(store.voucher).toBeNull()
    // Declared for ₹4,500: the customer confirms and signs again for the new amount.
    expect(store.declared).toBe(false)
    expect(store.handover.transfer).toBe(false)
    await flushPromises()
    const again = mountStep(QuoteStep)
    expect(again.get('[data-testid="tradein-price-changed"]').text()).toBe(
      'Cashify now pays ₹4,000 instead of ₹4,500. Tell the customer the new price and ask again.',
    )
    expect(again.get('[data-testid="tradein-amount"]').text()).toContain('4,000')
    expect(again.find('[data-testid="tradein-requote"]').exists()).toBe(false)
    Object.assign(store.handover, {
      transfer: true,
      signaturePng: 'data:image/png;base64,iVBORw0KGgo=',
    })
    expect(await store.accept()).toBe(true)
    expect(accepts.map((a) => a.amountPaise)).toEqual([450_000, 400_000])
    expect(accepts[0]!.requestId).not.toBe(accepts[1]!.requestId)
    expect(store.step).toBe('voucher')
    expect(store.voucher?.number).toBe('K1/T2627/000001')
  })

  it('a grid price that changed at accept (a new price list): the new amount is shown though the core stores no grid quote', async () => {
    const { store } = await harness('clerk', {
      'tradein.accept': () => ({
        ok: false,
        error: {
          code: 'TRADE_IN_PRICE_CHANGED',
          message: 'changed',
          params: { quotedPaise: 288_000, newPaise: 270_000 },
        },
      }),
      // A grid price is not stored: the trade-in reads back graded, without a quote.
      'tradein.get': () => ok({ tradeIn: view({ status: 'graded', grade: 'B', quote: null }) }),
    })
    store.tradeIn = view({ status: 'quoted', grade: 'B', quote: gridQuote() })
    Object.assign(store.handover, {
      ownership: true,
      accountsRemoved: true,
      dataWiped: true,
      transfer: true,
      signaturePng: 'data:image/png;base64,iVBORw0KGgo=',
    })
    expect(await store.accept()).toBe(false)
    expect(store.step).toBe('quote')
    expect(store.quote?.amountPaise).toBe(270_000)
    expect(store.quote?.provisional).toBe(true)
    expect(store.priceChanged).toEqual({ quotedPaise: 288_000, newPaise: 270_000 })
  })

  it('the customer declines: the trade-in is closed as declined, nothing issued, and the screen says the phone stays', async () => {
    const { api, mountStep, store } = await harness('clerk', {
      'tradein.decline': () =>
        ok({ tradeIn: view({ status: 'declined', grade: 'A', quote: partnerQuote(600_000) }) }),
    })
    store.tradeIn = view({ status: 'quoted', grade: 'A', quote: partnerQuote(600_000) })
    store.step = 'quote'
    const w = mountStep(QuoteStep)
    await w.get('[data-testid="tradein-decline"]').trigger('click')
    await flushPromises()
    expect(api.count('tradein.decline')).toBe(1)
    expect(api.count('tradein.accept')).toBe(0)
    expect(w.get('[data-testid="tradein-declined"]').text()).toContain('stays with the customer')
    expect(w.find('[data-testid="tradein-accept"]').exists()).toBe(false)
    expect(w.find('[data-testid="tradein-finish"]').exists()).toBe(true)
  })

  it('a clerk cannot start the checklist: the phone step says who does', async () => {
    const { mountStep } = await harness('clerk', {})
    const w = mountStep(PhoneStep)
    expect(w.find('[data-testid="tradein-imei"]').exists()).toBe(false)
    expect(w.get('[data-testid="tradein-need-tech"]').text()).toContain('technician')
  })
})

describe('the upgrade with a trade-in voucher', () => {
  it('reads the voucher QR a scanner types', () => {
    expect(readVoucherScan('TV:K1/T2627/000001:AB12CD')).toEqual({
      number: 'K1/T2627/000001',
      code: 'AB12CD',
    })
    expect(readVoucherScan('K1/T2627/000001')).toBeNull()
  })

  it('a scanned voucher fills number and code, is checked, then skips the hand-over: new phone → payment → voucherComplete', async () => {
    const voucher = {
      number: 'K1/T2627/000001',
      code: 'AB12CD',
      amountPaise: 400_000,
      issuedOn: '2026-11-30',
      validTo: '2026-12-30',
      status: 'issued' as const,
      usedOn: null,
    }
    const tradeIn = view({ status: 'accepted', grade: 'A', voucher, quote: partnerQuote(400_000) })
    const { api, mountStep } = await harness('clerk', {
      'redemption.voucherCheck': (r) => {
        const req = r as { voucherNumber: string; code: string; newPricePaise?: number }
        if (req.code !== 'AB12CD') return fail('TRADE_IN_VOUCHER_CODE_INVALID')
        return ok({
          tradeIn,
          ok: true,
          reasons: [],
          ...(req.newPricePaise !== undefined
            ? { creditPaise: 400_000, duePaise: req.newPricePaise - 400_000 }
            : {}),
        })
      },
      'redemption.voucherComplete': () =>
        ok({
          tradeIn: { ...tradeIn, status: 'used' },
          voucherNumber: voucher.number,
          creditPaise: 400_000,
          amountPaidPaise: 1_199_900,
        }),
    })
    const store = useRedemptionStore()
    store.mode = 'voucher'
    expect(store.steps).toEqual(['plan', 'device', 'payment', 'receipt'])
    const w = mountStep(VoucherCheck)
    await w.get('[data-testid="upgrade-voucher"]').setValue('TV:K1/T2627/000001:AB12CD')
    await w.get('[data-testid="upgrade-voucher"]').trigger('blur')
    expect(store.voucher).toEqual({ number: 'K1/T2627/000001', code: 'AB12CD' })
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="upgrade-voucher-amount"]').text()).toContain('4,000')
    await w.get('[data-testid="upgrade-continue"]').trigger('click')
    expect(store.step).toBe('device')
    Object.assign(store.device, {
      option: 'mi-10t-8-128',
      modelName: 'Mi 10T 8 GB + 128 GB',
      imei: '490154203237526',
      price: '15999',
    })
    expect(await store.priceUpgrade()).toBe(true)
    expect(store.step).toBe('payment')
    expect(store.duePaise).toBe(1_599_900 - 400_000)
    store.salesInvoice = 'POS/1'
    expect(await store.complete()).toBe(true)
    expect(store.step).toBe('receipt')
    const sale = api.calls.find((c) => c.channel === 'redemption.voucherComplete')!.request as {
      voucherNumber: string
      code: string
      payment: { amountPaise: number }
    }
    expect(sale).toMatchObject({ voucherNumber: voucher.number, code: 'AB12CD' })
    expect(sale.payment.amountPaise).toBe(1_199_900)
    expect(api.count('redemption.complete')).toBe(0)
  })

  it('a wrong code is said under the code field', async () => {
    const { mountStep } = await harness('clerk', {
      'redemption.voucherCheck': () => fail('TRADE_IN_VOUCHER_CODE_INVALID'),
    })
    const store = useRedemptionStore()
    store.mode = 'voucher'
    const w = mountStep(VoucherCheck)
    await w.get('[data-testid="upgrade-voucher"]').setValue('K1/T2627/000001')
    await w.get('[data-testid="upgrade-voucher-code"]').setValue('ZZZZZZ')
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.get('[data-testid="upgrade-voucher-code-error"]').text()).toContain(
      'code does not match',
    )
    expect(w.find('[data-testid="upgrade-voucher-result"]').exists()).toBe(false)
  })
})

describe('the ways into a trade-in (issue 22)', () => {
  async function planPage(plan: { status: string }, quoteStatus: string, redeemed = false) {
    const { mountStep } = await harness('technician', {
      'plans.get': () =>
        ok({
          plan: {
            planNumber: 'MS01-E1-0000001-3',
            status: plan.status,
            imeis: [IMEI, '490154203237526'],
            modelName: 'Redmi Note 9 Pro',
            variantName: '4 GB + 64 GB',
            srpPaise: 1_399_900,
            feePaise: 54_900,
            invoice: { number: 'I-1', date: '2025-01-10', storeCode: 'MS01' },
            enrolledOn: '2025-01-10',
            expiresOn: '2026-04-10',
            closedOn: null,
            customer: { name: 'K', mobileMasked: 'XX', idType: 'pan', idMasked: 'XX' },
          },
          onDate: '2026-11-30',
          quote: {
            status: quoteStatus,
            ageMonth: 22,
            valuePaise: 100_000,
            percent: 10,
            next: null,
            expiresAfter: '2026-04-10',
          },
          timeline: [],
          payments: [],
          inspections: [],
          redemption: redeemed ? { onDate: '2026-01-01', creditPaise: 1, newModelName: 'X' } : null,
          cancellation: null,
          device: null,
          receipts: [],
        }),
    })
    const w = mount(PlanDetailView, {
      props: { planNumber: 'MS01-E1-0000001-3' },
      global: {
        plugins: [createKioskI18n('en')],
        stubs: {
          RouterLink: { props: ['to'], template: '<a :data-to="JSON.stringify(to)"><slot /></a>' },
          ValueChart: true,
          ValueTimeline: true,
        },
      },
    })
    void mountStep
    await flushPromises()
    return w
  }

  it('an expired plan’s page offers a trade-in of its phone; a redeemable one does not', async () => {
    const expired = await planPage({ status: 'active' }, 'expired')
    const link = expired.get('[data-testid="action-trade-in"]')
    expect(link.text()).toBe('Offer a trade-in')
    expect(JSON.parse(link.attributes('data-to')!)).toEqual({
      path: '/trade-in',
      query: { imei: IMEI, plan: 'MS01-E1-0000001-3' },
    })
    const live = await planPage({ status: 'active' }, 'redeemable')
    expect(live.find('[data-testid="action-trade-in"]').exists()).toBe(false)
    // A redeemed plan's phone was handed over already: nothing to trade in.
    const redeemed = await planPage({ status: 'redeemed' }, 'expired', true)
    expect(redeemed.find('[data-testid="action-trade-in"]').exists()).toBe(false)
  })
})
