// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { nextTick } from 'vue'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../../shared/domain/checksums'
import { useEnrollmentStore } from '../../../renderer/src/stores/enrollment'
import CustomerStep from '../../../renderer/src/views/enroll/CustomerStep.vue'
import PaymentStep from '../../../renderer/src/views/enroll/PaymentStep.vue'
import PhoneStep from '../../../renderer/src/views/enroll/PhoneStep.vue'
import ReviewStep from '../../../renderer/src/views/enroll/ReviewStep.vue'
import { stepHarness } from './step-harness'

const IMEI = '86000000000001' + luhnCheckDigit('86000000000001')

describe('enrollment wizard steps', () => {
  let mountStep: Awaited<ReturnType<typeof stepHarness>>
  beforeEach(async () => {
    mountStep = await stepHarness()
  })

  it('phone: gives instant IMEI check-digit feedback once 15 digits are typed', async () => {
    const w = mountStep(PhoneStep)
    await w.get('[data-testid="enroll-model"]').setValue('redmi-note-9-pro')
    const imei = w.get('[data-testid="enroll-imei1"]')
    await imei.setValue(IMEI.slice(0, 10))
    expect(w.find('[data-testid="enroll-imei1-error"]').exists()).toBe(false)
    await imei.setValue(IMEI.slice(0, 14) + ((Number(IMEI[14]) + 1) % 10))
    expect(w.get('[data-testid="enroll-imei1-error"]').text()).toContain('IMEI')
    expect(imei.attributes('aria-invalid')).toBe('true')
    await imei.setValue(IMEI)
    expect(w.text()).toContain('IMEI check digit is correct')
    // Variants of the chosen model only, with Indian-format prices.
    expect(w.get('[data-testid="enroll-variant"]').text()).toContain('₹13,999')
  })

  it('phone: a refused step shows each message next to its field, in Hindi too', async () => {
    const store = useEnrollmentStore()
    await store.next()
    const w = mountStep(PhoneStep, 'hi')
    expect(w.get('[data-testid="enroll-invoice-error"]').text()).toBe('कृपया इसे भरें।')
    expect(w.get('#enroll-store-msg').text()).toBe('कृपया इसे भरें।')
  })

  it('phone: every empty field says so the same way — model, both IMEIs, invoice (issue 14)', async () => {
    const store = useEnrollmentStore()
    await store.next()
    const w = mountStep(PhoneStep)
    const required = 'Please fill this in.'
    expect(w.get('#enroll-model-msg').text()).toBe(required)
    expect(w.get('[data-testid="enroll-model"]').attributes('aria-invalid')).toBe('true')
    expect(w.get('[data-testid="enroll-imei1-error"]').text()).toBe(required)
    expect(w.get('[data-testid="enroll-invoice-error"]').text()).toBe(required)
    // A dual-SIM model: the second IMEI is required, and an empty one is flagged.
    await w.get('[data-testid="enroll-model"]').setValue('redmi-note-9-pro')
    expect(w.get('[data-testid="enroll-imei2-error"]').text()).toBe(required)
    expect(w.get('#enroll-variant-msg').text()).toBe(required)
    // A typed invoice number that breaks the rule shows the rule.
    await w.get('[data-testid="enroll-invoice"]').setValue('INV#1')
    expect(w.get('[data-testid="enroll-invoice-error"]').text()).toContain('Invoice number:')
  })

  it('customer: a 12-digit Aadhaar with a wrong check digit is "mistyped", not "12 digits"', async () => {
    const store = useEnrollmentStore()
    store.step = 'customer'
    const good = '23456789012' + verhoeffCheckDigit('23456789012')
    store.draft.idType = 'aadhaar'
    store.draft.idNumber = good.slice(0, 11) + ((Number(good[11]) + 1) % 10)
    await store.next()
    const w = mountStep(CustomerStep)
    await nextTick()
    const text = w.get('#enroll-id-number-msg').text()
    expect(text).toContain('mistyped')
    expect(text).not.toContain('12 digits')
    expect(w.get('#enroll-name-msg').text()).toBe('Please fill this in.')
  })

  it('customer: the ID number is hidden as typed and shown masked once valid', async () => {
    const w = mountStep(CustomerStep)
    const id = w.get('[data-testid="enroll-id-number"]')
    expect(id.attributes('type')).toBe('password')
    const aadhaar = '23456789012' + verhoeffCheckDigit('23456789012')
    await id.setValue(aadhaar)
    expect(w.get('[data-testid="enroll-id-masked"]').text()).toBe(
      `Will be stored as XXXX XXXX ${aadhaar.slice(-4)}`,
    )
    expect(w.text()).not.toContain(aadhaar)
  })

  it('customer: the help prefers a Virtual ID, in Hindi too, and a VID is taken and masked', async () => {
    const w = mountStep(CustomerStep)
    expect(w.get('#enroll-id-type-hint').text()).toContain('Virtual ID')
    await w.get('[data-testid="enroll-id-type"]').setValue('aadhaar-vid')
    const id = w.get('[data-testid="enroll-id-number"]')
    expect(id.attributes('inputmode')).toBe('numeric')
    const vid = '912345678901234' + verhoeffCheckDigit('912345678901234')
    await id.setValue(vid)
    expect(w.get('[data-testid="enroll-id-masked"]').text()).toBe(
      `Will be stored as XXXX XXXX XXXX ${vid.slice(-4)}`,
    )
    expect(w.text()).not.toContain(vid)
    const hi = mountStep(CustomerStep, 'hi')
    expect(hi.get('#enroll-id-type-hint').text()).toContain('वर्चुअल आईडी')
  })

  it('customer: shows the DPDP notice from the catalog, in the customer’s language', async () => {
    const w = mountStep(CustomerStep)
    const notice = w.get('[data-testid="privacy-notice"]')
    for (const part of ['Why we use it', 'What we collect', 'How long we keep it', 'Your rights'])
      expect(notice.text()).toContain(part)
    expect(notice.text()).toContain('365 days after it ends')
    expect(notice.text()).toContain('only if you ask for them')
    expect(w.get('[data-testid="privacy-notice-grievance"]').text()).toBe(
      'Grievance Officer, Smart Upgrade Programme · e-mail grievance@smartupgrade.example.in · phone 18001030000',
    )
    expect(w.get('[data-testid="privacy-notice-version"]').text()).toBe(
      'Notice version dpdp-2026.11',
    )
    expect(w.text()).toContain('I am 18 or older')
    // The customer reads it in Hindi while the clerk's screen stays English.
    await w.get('[data-testid="privacy-notice-language"]').trigger('click')
    expect(notice.attributes('lang')).toBe('hi')
    expect(notice.text()).toContain('आपके अधिकार')
    expect(w.get('[data-testid="enroll-name"]').element.closest('.field')?.textContent).toContain(
      'Customer name',
    )
    // Under 18: the guardian's name is asked and the confirmation is the guardian's.
    await w.get('[data-testid="enroll-consent-minor"]').setValue(true)
    expect(w.find('[data-testid="enroll-guardian-name"]').exists()).toBe(true)
    expect(w.text()).toContain('parent or guardian, I have read this notice')
  })

  const preview = (feeGst: Record<string, unknown>) =>
    ({
      modelName: 'Redmi Note 9 Pro',
      variantName: '4 GB + 64 GB',
      srpPaise: 1399900,
      feePaise: 54900,
      feeGst,
      onDate: '2026-11-28',
      quote: {},
      timeline: [],
    }) as never

  it('review: shows the fee’s GST split exactly as the core’s quote gives it', async () => {
    const store = useEnrollmentStore()
    // Odd numbers on purpose: the screen must show the core's split, not work out its own.
    store.preview = preview({
      ratePercent: 18,
      intraState: true,
      taxablePaise: 46500,
      cgstPaise: 4201,
      sgstPaise: 4199,
      igstPaise: 0,
      taxPaise: 8400,
      totalPaise: 54900,
    })
    const w = mountStep(ReviewStep)
    expect(w.get('[data-testid="review-fee-taxable"]').text()).toBe('₹465')
    expect(w.get('[data-testid="review-fee-cgst"]').text()).toBe('₹42.01')
    expect(w.get('[data-testid="review-fee-sgst"]').text()).toBe('₹41.99')
    expect(w.find('[data-testid="review-fee-igst"]').exists()).toBe(false)
    expect(w.get('[data-testid="review-fee"]').text()).toContain('CGST 9%')
    expect(w.get('[data-testid="review-fee-total"]').text()).toBe('₹549')
  })

  it('review: an inter-state split from the core shows IGST instead of CGST + SGST', async () => {
    const store = useEnrollmentStore()
    store.preview = preview({
      ratePercent: 18,
      intraState: false,
      taxablePaise: 46525,
      cgstPaise: 0,
      sgstPaise: 0,
      igstPaise: 8375,
      taxPaise: 8375,
      totalPaise: 54900,
    })
    const w = mountStep(ReviewStep)
    expect(w.get('[data-testid="review-fee-igst"]').text()).toBe('₹83.75')
    expect(w.get('[data-testid="review-fee"]').text()).toContain('IGST 18%')
    expect(w.find('[data-testid="review-fee-cgst"]').exists()).toBe(false)
  })

  it('payment: asks for the UPI reference and shows the core’s refusal next to it', async () => {
    const store = useEnrollmentStore()
    store.preview = { feePaise: 54900 } as never
    const w = mountStep(PaymentStep)
    expect(w.get('[data-testid="enroll-amount-due"]').text()).toBe('₹549')
    await w.get('[data-testid="enroll-pay-method-upi"]').setValue(true)
    expect(w.find('[data-testid="enroll-pay-reference"]').exists()).toBe(true)
    store.error = {
      code: 'PAYMENT_REFERENCE_REQUIRED',
      message: 'x',
      issues: [{ path: 'payment.reference', code: 'PAYMENT_REFERENCE_REQUIRED', message: 'x' }],
    }
    await nextTick()
    expect(w.get('[data-testid="enroll-pay-reference-error"]').text()).toBe(
      'UPI and card payments need their reference.',
    )
  })
})
