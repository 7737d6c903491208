import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type {
  RedemptionCheckResponse,
  RedemptionCompleteResponse,
} from '../../../shared/contract/redemption'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { parseRupees } from '../format'
import { registerReset } from './reset'

export const UPGRADE_STEPS = ['plan', 'device', 'payment', 'receipt'] as const
export type UpgradeStep = (typeof UPGRADE_STEPS)[number]

/**
 * The upgrade sale (docs/program-rules.md#upgrade-credit): plan → inspection verdict → new phone →
 * payment → receipt.
 */
export const useRedemptionStore = defineStore('redemption', () => {
  const step = ref<UpgradeStep>('plan')
  const planNumber = ref('')
  const proof = reactive({ mobile: '', idLast4: '' })
  const check = ref<RedemptionCheckResponse | null>(null)
  /** Failed required checklist items of the latest inspection (from the plan's history). */
  const failedItems = ref<string[]>([])
  const device = reactive({ modelName: '', imei: '', price: '' })
  const payment = reactive({ method: 'cash' as PaymentMethod, reference: '' })
  const requestId = ref(crypto.randomUUID())
  const checking = ref(false)
  const submitting = ref(false)
  const error = ref<KioskErrorShape | null>(null)
  const result = ref<RedemptionCompleteResponse | null>(null)

  const customer = computed(() => ({
    ...(proof.mobile.trim() ? { mobile: proof.mobile.trim() } : {}),
    ...(proof.idLast4.trim() ? { idLast4: proof.idLast4.trim() } : {}),
  }))
  const pricePaise = computed(() => parseRupees(device.price))
  const inspectionOk = computed(() => check.value?.inspection?.verdict === 'eligible')
  const canContinue = computed(() => !!check.value?.ok && inspectionOk.value)
  /** The core's credit and amount due for the price the clerk entered (redemption.check). */
  const priced = ref<{ pricePaise: number; creditPaise: number; duePaise: number } | null>(null)
  const pricing = ref(false)
  // What the sale will look like, shown before the clerk confirms: computed by the core with the
  // rule redemption.complete records, and only for the price currently entered.
  const current = computed(() =>
    priced.value && priced.value.pricePaise === pricePaise.value ? priced.value : null,
  )
  const creditPaise = computed(() => current.value?.creditPaise ?? null)
  const duePaise = computed(() => current.value?.duePaise ?? null)

  async function runCheck() {
    if (checking.value || !planNumber.value.trim()) return
    checking.value = true
    error.value = null
    failedItems.value = []
    const answer = await kiosk().redemption.check({
      planNumber: planNumber.value.trim(),
      customer: customer.value,
    })
    if (!answer.ok) {
      checking.value = false
      check.value = null
      error.value = answer.error
      return
    }
    check.value = answer.data
    if (answer.data.inspection?.verdict === 'ineligible') {
      const detail = await kiosk().plans.get({ planNumber: answer.data.plan.planNumber })
      if (detail.ok) {
        const latest = detail.data.inspections.find((i) => i.id === answer.data.inspection?.id)
        failedItems.value = latest?.failedRequired ?? []
      }
    }
    checking.value = false
  }

  /** Asks the core for the credit and the amount due at the entered price; then to payment. */
  async function priceUpgrade(): Promise<boolean> {
    const price = pricePaise.value
    if (pricing.value || !check.value || price === null) return false
    pricing.value = true
    error.value = null
    const answer = await kiosk().redemption.check({
      planNumber: check.value.plan.planNumber,
      customer: customer.value,
      newPricePaise: price,
    })
    pricing.value = false
    if (!answer.ok) {
      error.value = answer.error
      return false
    }
    const { creditPaise: credit, duePaise: due } = answer.data
    if (credit === undefined || due === undefined) {
      error.value = { code: 'INTERNAL', message: 'The core did not price the upgrade.' }
      return false
    }
    check.value = answer.data
    priced.value = { pricePaise: price, creditPaise: credit, duePaise: due }
    step.value = 'payment'
    return true
  }

  async function complete() {
    if (submitting.value || !check.value?.inspection || pricePaise.value === null) return false
    const due = duePaise.value
    if (due === null) return false
    submitting.value = true
    error.value = null
    const answer = await kiosk().redemption.complete({
      requestId: requestId.value,
      planNumber: check.value.plan.planNumber,
      inspectionId: check.value.inspection.id,
      customer: customer.value,
      newDevice: {
        brand: brand.value,
        modelName: device.modelName.trim(),
        imei: device.imei.replace(/[\s-]/g, ''),
        pricePaise: pricePaise.value,
      },
      payment:
        due > 0
          ? {
              method: payment.method,
              reference: payment.method === 'cash' ? null : payment.reference.trim(),
              amountPaise: due,
            }
          : null,
    })
    submitting.value = false
    if (!answer.ok) {
      error.value = answer.error
      const paths = answer.error.issues?.map((i) => i.path) ?? []
      if (paths.some((p) => p.startsWith('newDevice'))) step.value = 'device'
      return false
    }
    result.value = answer.data
    step.value = 'receipt'
    return true
  }

  /** The brand the new phone must be of (the catalog's). */
  const brand = ref('')

  function reset() {
    step.value = 'plan'
    planNumber.value = ''
    proof.mobile = ''
    proof.idLast4 = ''
    check.value = null
    priced.value = null
    pricing.value = false
    failedItems.value = []
    Object.assign(device, { modelName: '', imei: '', price: '' })
    Object.assign(payment, { method: 'cash', reference: '' })
    requestId.value = crypto.randomUUID()
    error.value = null
    result.value = null
  }
  registerReset(reset)

  return {
    step,
    planNumber,
    proof,
    check,
    failedItems,
    device,
    payment,
    requestId,
    checking,
    submitting,
    error,
    result,
    brand,
    pricePaise,
    inspectionOk,
    canContinue,
    pricing,
    creditPaise,
    duePaise,
    runCheck,
    priceUpgrade,
    complete,
    reset,
  }
})
