import { defineStore } from 'pinia'
import { computed, reactive, ref, watch } from 'vue'
import type {
  RedemptionCheckResponse,
  RedemptionCompleteResponse,
} from '../../../shared/contract/redemption'
import type {
  VoucherCheckResponse,
  VoucherCompleteResponse,
} from '../../../shared/contract/tradein'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { touchesAny } from '../composables/use-field-errors'
import { useSubmit } from '../composables/use-submit'
import { parseRupees } from '../format'
import { registerReset } from './reset'

export const UPGRADE_STEPS = ['plan', 'device', 'handover', 'payment', 'receipt'] as const
export type UpgradeStep = (typeof UPGRADE_STEPS)[number]

/**
 * The upgrade sale (docs/program-rules.md#upgrade-credit): plan → inspection verdict → new phone →
 * the customer's signed hand-over declaration and one-time code
 * (docs/program-rules.md#hand-over-declaration) → payment → receipt.
 */
export const useRedemptionStore = defineStore('redemption', () => {
  const step = ref<UpgradeStep>('plan')
  /**
   * What pays for the new phone: a plan's assured-value credit, or a trade-in voucher (issue 22)
   * — the same screen, the same new-phone and payment steps; a voucher's phone was handed over
   * with its declaration at the trade-in, so the voucher skips the hand-over step.
   */
  const mode = ref<'plan' | 'voucher'>('plan')
  /** The voucher as typed or scanned: its number and the code printed on it. */
  const voucher = reactive({ number: '', code: '' })
  const voucherCheck = ref<VoucherCheckResponse | null>(null)
  const voucherResult = ref<VoucherCompleteResponse | null>(null)
  const planNumber = ref('')
  const proof = reactive({ mobile: '', idLast4: '' })
  const check = ref<RedemptionCheckResponse | null>(null)
  /** Failed required checklist items of the latest inspection (from the plan's history). */
  const failedItems = ref<string[]>([])
  /** The new phone: `option` is the catalog variant chosen from the list (no free text). */
  const device = reactive({ option: '', modelName: '', imei: '', price: '' })
  /** The chosen phone's catalog ids, sent with the sale (docs/program-rules.md#the-new-phone). */
  const newPhone = ref<{ modelId: string; variantId: string } | null>(null)
  /** The hand-over declaration: each statement confirmed, and the signature (PNG data URL). */
  const handover = reactive({
    ownership: false,
    accountsRemoved: false,
    dataWiped: false,
    transfer: false,
    signaturePng: '',
  })
  /**
   * The customer's proof: a code head office texts (`otpId` once sent, `verified` once checked),
   * or — head office cannot send one — the clerk's check of the ID (`idChecked`).
   */
  const otp = reactive({
    otpId: '',
    mobileLast4: '',
    code: '',
    verified: false,
    unavailable: false,
    idChecked: false,
  })
  /** "Next" was pressed on the new-phone step: its instant errors are shown from then on. */
  const deviceAttempted = ref(false)
  const payment = reactive({ method: 'cash' as PaymentMethod, reference: '' })
  /** The new phone's tax invoice number at the store's POS (docs/tax-documents.md#exchange-voucher). */
  const salesInvoice = ref('')
  const requestId = ref(crypto.randomUUID())
  const error = ref<KioskErrorShape | null>(null)
  const checkCall = useSubmit(error)
  const priceCall = useSubmit(error)
  const completeCall = useSubmit(error)
  const otpCall = useSubmit(error)
  const result = ref<RedemptionCompleteResponse | null>(null)
  // The core's refusal of the new phone (e.g. its IMEI is the old phone's) is about what was
  // typed then: once the clerk changes the phone, it no longer holds and must not block Next.
  watch(
    () => [device.option, device.modelName, device.imei, device.price],
    () => {
      if (touchesAny(error.value, ['newDevice'])) error.value = null
    },
  )

  const customer = computed(() => ({
    ...(proof.mobile.trim() ? { mobile: proof.mobile.trim() } : {}),
    ...(proof.idLast4.trim() ? { idLast4: proof.idLast4.trim() } : {}),
  }))
  const pricePaise = computed(() => parseRupees(device.price))
  const inspectionOk = computed(() => check.value?.inspection?.verdict === 'eligible')
  const canContinue = computed(() =>
    mode.value === 'voucher' ? !!voucherCheck.value?.ok : !!check.value?.ok && inspectionOk.value,
  )
  /** The steps this sale goes through: a voucher has no hand-over (done at the trade-in). */
  const steps = computed(() =>
    UPGRADE_STEPS.filter((s) => mode.value === 'plan' || s !== 'handover'),
  )
  /** The core's credit and amount due for the price the clerk entered (redemption.check). */
  const priced = ref<{ pricePaise: number; creditPaise: number; duePaise: number } | null>(null)
  // What the sale will look like, shown before the clerk confirms: computed by the core with the
  // rule redemption.complete records, and only for the price currently entered.
  const current = computed(() =>
    priced.value && priced.value.pricePaise === pricePaise.value ? priced.value : null,
  )
  const creditPaise = computed(() => current.value?.creditPaise ?? null)
  const duePaise = computed(() => current.value?.duePaise ?? null)

  /** Fills the voucher in (from the trade-in's voucher screen, or a scan of its QR). */
  function useVoucher(number: string, code: string) {
    mode.value = 'voucher'
    voucher.number = number
    voucher.code = code
    voucherCheck.value = null
  }

  async function runVoucherCheck() {
    if (!voucher.number.trim() || !voucher.code.trim()) return
    const answer = await checkCall.run(
      () =>
        kiosk().redemption.voucherCheck({
          voucherNumber: voucher.number.trim(),
          code: voucher.code.trim(),
        }),
      { onError: () => (voucherCheck.value = null) },
    )
    if (answer) voucherCheck.value = answer
  }

  async function runCheck() {
    if (mode.value === 'voucher') return runVoucherCheck()
    if (!planNumber.value.trim()) return
    // Busy until the failed items of an ineligible verdict are in too.
    await checkCall.run(
      async () => {
        failedItems.value = []
        const answer = await kiosk().redemption.check({
          planNumber: planNumber.value.trim(),
          customer: customer.value,
        })
        if (!answer.ok) return answer
        check.value = answer.data
        if (answer.data.inspection?.verdict === 'ineligible') {
          const detail = await kiosk().plans.get({ planNumber: answer.data.plan.planNumber })
          if (detail.ok) {
            const latest = detail.data.inspections.find((i) => i.id === answer.data.inspection?.id)
            failedItems.value = latest?.failedRequired ?? []
          }
        }
        return answer
      },
      { onError: () => (check.value = null) },
    )
  }

  /** Asks the core for the credit and the amount due at the entered price; then to payment. */
  async function priceUpgrade(): Promise<boolean> {
    if (mode.value === 'voucher') return priceVoucher()
    const price = pricePaise.value
    const checked = check.value
    if (!checked || price === null) return false
    const answer = await priceCall.run(() =>
      kiosk().redemption.check({
        planNumber: checked.plan.planNumber,
        customer: customer.value,
        newPricePaise: price,
      }),
    )
    if (!answer) return false
    const { creditPaise: credit, duePaise: due } = answer
    if (credit === undefined || due === undefined) {
      error.value = { code: 'INTERNAL', message: 'The core did not price the upgrade.' }
      return false
    }
    check.value = answer
    priced.value = { pricePaise: price, creditPaise: credit, duePaise: due }
    step.value = 'handover'
    return true
  }

  /** The voucher's credit and the amount due at the entered price; then straight to payment. */
  async function priceVoucher(): Promise<boolean> {
    const price = pricePaise.value
    if (!voucherCheck.value || price === null) return false
    const answer = await priceCall.run(() =>
      kiosk().redemption.voucherCheck({
        voucherNumber: voucher.number.trim(),
        code: voucher.code.trim(),
        newPricePaise: price,
      }),
    )
    if (!answer) return false
    const { creditPaise: credit, duePaise: due } = answer
    if (credit === undefined || due === undefined) {
      error.value = { code: 'INTERNAL', message: 'The core did not price the upgrade.' }
      return false
    }
    voucherCheck.value = answer
    priced.value = { pricePaise: price, creditPaise: credit, duePaise: due }
    step.value = 'payment'
    return true
  }

  const declared = computed(
    () =>
      handover.ownership &&
      handover.accountsRemoved &&
      handover.dataWiped &&
      handover.transfer &&
      handover.signaturePng !== '',
  )
  const customerChecked = computed(() => otp.verified || (otp.unavailable && otp.idChecked))
  const handoverReady = computed(() => declared.value && customerChecked.value)

  /** Has head office text the plan's mobile a code; no code can be sent → the ID check. */
  async function sendOtp(): Promise<void> {
    const checked = check.value
    if (!checked) return
    Object.assign(otp, { otpId: '', code: '', verified: false })
    const sent = await otpCall.run(
      () => kiosk().redemption.otpSend({ planNumber: checked.plan.planNumber }),
      { onError: () => (otp.unavailable = true) },
    )
    if (sent) Object.assign(otp, { otpId: sent.otpId, mobileLast4: sent.mobileLast4 })
  }

  async function verifyOtp(): Promise<void> {
    const checked = check.value
    if (!checked || !otp.otpId) return
    const answer = await otpCall.run(
      () =>
        kiosk().redemption.otpVerify({
          planNumber: checked.plan.planNumber,
          otpId: otp.otpId,
          code: otp.code.trim(),
        }),
      {
        // Head office gone meanwhile: the ID check is offered.
        onError: (e) => {
          if (e.code === 'OTP_UNAVAILABLE') otp.unavailable = true
        },
      },
    )
    if (answer) otp.verified = true
  }

  /** The sale paid with the trade-in voucher (`redemption.voucherComplete`). */
  async function completeVoucher() {
    const price = pricePaise.value
    const due = duePaise.value
    if (!voucherCheck.value || price === null || due === null) return false
    const done = await completeCall.run(
      () =>
        kiosk().redemption.voucherComplete({
          requestId: requestId.value,
          voucherNumber: voucher.number.trim(),
          code: voucher.code.trim(),
          newDevice: {
            brand: brand.value,
            modelName: device.modelName.trim(),
            ...(newPhone.value ?? {}),
            imei: device.imei.replace(/[\s-]/g, ''),
            pricePaise: price,
            salesInvoiceNumber: salesInvoice.value.trim(),
          },
          payment:
            due > 0
              ? {
                  method: payment.method,
                  reference: payment.method === 'cash' ? null : payment.reference.trim(),
                  amountPaise: due,
                }
              : null,
        }),
      {
        onError: (e) => {
          const onDevice = (i: { path: string }) =>
            i.path.startsWith('newDevice') && i.path !== 'newDevice.salesInvoiceNumber'
          if (e.issues?.some(onDevice)) step.value = 'device'
        },
      },
    )
    if (!done) return false
    voucherResult.value = done
    step.value = 'receipt'
    return true
  }

  async function complete() {
    if (mode.value === 'voucher') return completeVoucher()
    const checked = check.value
    const inspection = checked?.inspection
    const price = pricePaise.value
    const due = duePaise.value
    if (!checked || !inspection || price === null || due === null) return false
    const done = await completeCall.run(
      () =>
        kiosk().redemption.complete({
          requestId: requestId.value,
          planNumber: checked.plan.planNumber,
          inspectionId: inspection.id,
          customer: customer.value,
          newDevice: {
            brand: brand.value,
            modelName: device.modelName.trim(),
            ...(newPhone.value ?? {}),
            imei: device.imei.replace(/[\s-]/g, ''),
            pricePaise: price,
            salesInvoiceNumber: salesInvoice.value.trim(),
          },
          payment:
            due > 0
              ? {
                  method: payment.method,
                  reference: payment.method === 'cash' ? null : payment.reference.trim(),
                  amountPaise: due,
                }
              : null,
          handover: { ...handover },
          customerCheck: otp.verified
            ? { method: 'otp', otpId: otp.otpId }
            : otp.idChecked
              ? { method: 'id-check' }
              : null,
        }),
      {
        // A refused new phone sends the clerk back to the step where it was entered.
        onError: (e) => {
          const onDevice = (i: { path: string }) =>
            i.path.startsWith('newDevice') && i.path !== 'newDevice.salesInvoiceNumber'
          if (e.issues?.some(onDevice)) step.value = 'device'
          const onHandover = (i: { path: string }) =>
            i.path.startsWith('handover') || i.path.startsWith('customerCheck')
          if (e.issues?.some(onHandover)) step.value = 'handover'
        },
      },
    )
    if (!done) return false
    result.value = done
    step.value = 'receipt'
    return true
  }

  /** The brand the new phone must be of (the catalog's). */
  const brand = ref('')

  function reset() {
    step.value = 'plan'
    mode.value = 'plan'
    voucher.number = ''
    voucher.code = ''
    voucherCheck.value = null
    voucherResult.value = null
    planNumber.value = ''
    proof.mobile = ''
    proof.idLast4 = ''
    check.value = null
    priced.value = null
    checkCall.reset()
    priceCall.reset()
    completeCall.reset()
    failedItems.value = []
    Object.assign(device, { option: '', modelName: '', imei: '', price: '' })
    newPhone.value = null
    Object.assign(handover, {
      ownership: false,
      accountsRemoved: false,
      dataWiped: false,
      transfer: false,
      signaturePng: '',
    })
    Object.assign(otp, {
      otpId: '',
      mobileLast4: '',
      code: '',
      verified: false,
      unavailable: false,
      idChecked: false,
    })
    otpCall.reset()
    deviceAttempted.value = false
    Object.assign(payment, { method: 'cash', reference: '' })
    salesInvoice.value = ''
    requestId.value = crypto.randomUUID()
    result.value = null
  }
  registerReset(reset)

  return {
    step,
    mode,
    voucher,
    voucherCheck,
    voucherResult,
    steps,
    useVoucher,
    planNumber,
    proof,
    check,
    failedItems,
    device,
    newPhone,
    handover,
    otp,
    otpBusy: otpCall.busy,
    declared,
    customerChecked,
    handoverReady,
    sendOtp,
    verifyOtp,
    deviceAttempted,
    payment,
    salesInvoice,
    requestId,
    checking: checkCall.busy,
    submitting: completeCall.busy,
    error,
    result,
    brand,
    pricePaise,
    inspectionOk,
    canContinue,
    pricing: priceCall.busy,
    creditPaise,
    duePaise,
    runCheck,
    priceUpgrade,
    complete,
    reset,
  }
})
