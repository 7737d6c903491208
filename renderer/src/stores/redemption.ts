import { defineStore } from 'pinia'
import { computed, reactive, ref } from 'vue'
import type {
  RedemptionCheckResponse,
  RedemptionCompleteResponse,
} from '../../../shared/contract/redemption'
import type { PaymentMethod } from '../../../shared/sync/events'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { parseRupees } from '../format'
import { registerReset } from './reset'

export const UPGRADE_STEPS = ['plan', 'device', 'payment', 'receipt'] as const
export type UpgradeStep = (typeof UPGRADE_STEPS)[number]

/** The upgrade sale (PROGRAM.md §5): plan → inspection verdict → new phone → payment → receipt. */
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
  // What the sale will look like, shown before the clerk confirms: the core computes the same
  // min(assured value, price) rule again and refuses a payment that does not match it.
  const creditPaise = computed(() =>
    check.value && pricePaise.value !== null
      ? Math.min(check.value.quote.valuePaise, pricePaise.value)
      : null,
  )
  const duePaise = computed(() =>
    creditPaise.value !== null && pricePaise.value !== null
      ? pricePaise.value - creditPaise.value
      : null,
  )

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

  async function complete() {
    if (submitting.value || !check.value?.inspection || pricePaise.value === null) return false
    submitting.value = true
    error.value = null
    const due = duePaise.value ?? 0
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
    creditPaise,
    duePaise,
    runCheck,
    complete,
    reset,
  }
})
