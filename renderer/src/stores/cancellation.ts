import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { PlanCancelResponse } from '../../../shared/contract/cancellation'
import type { PlanDetail } from '../../../shared/contract/plan-queries'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { registerReset } from './reset'

/**
 * A manager's cancellation: refund inside the cooling-off window, none after
 * (docs/program-rules.md#cancellation-and-refunds). The request id is made once per plan opened for
 * cancellation and kept across retries, so a retry after a lost answer (timeout, restart) gets the
 * first answer back, not PLAN_CANCELLED.
 */
export const useCancellationStore = defineStore('cancellation', () => {
  const planNumber = ref('')
  const plan = ref<PlanDetail | null>(null)
  const requestId = ref(crypto.randomUUID())
  /** The plan the current request id is for; opening another plan starts a new cancellation. */
  let requestFor: string | null = null
  const form = reactive({ reason: '', refundMethod: 'cash' as PaymentMethod, refundReference: '' })
  const loading = ref(false)
  const submitting = ref(false)
  const error = ref<KioskErrorShape | null>(null)
  const result = ref<PlanCancelResponse | null>(null)

  async function load() {
    if (!planNumber.value.trim()) return
    loading.value = true
    error.value = null
    result.value = null
    const answer = await kiosk().plans.get({ planNumber: planNumber.value.trim() })
    loading.value = false
    if (!answer.ok) {
      plan.value = null
      error.value = answer.error
      return
    }
    plan.value = answer.data
    // Finding the same plan again (after a timeout, say) is still the same cancellation.
    if (answer.data.plan.planNumber !== requestFor) {
      requestId.value = crypto.randomUUID()
      requestFor = answer.data.plan.planNumber
    }
    form.refundMethod = answer.data.payments.find((p) => p.kind === 'fee')?.method ?? 'cash'
  }

  async function cancel() {
    if (!plan.value || submitting.value) return false
    submitting.value = true
    error.value = null
    const answer = await kiosk().plans.cancel({
      requestId: requestId.value,
      planNumber: plan.value.plan.planNumber,
      reason: form.reason.trim(),
      refundMethod: form.refundMethod,
      refundReference: form.refundMethod === 'cash' ? null : form.refundReference.trim() || null,
    })
    submitting.value = false
    if (!answer.ok) {
      error.value = answer.error
      return false
    }
    result.value = answer.data
    return true
  }

  function reset() {
    planNumber.value = ''
    plan.value = null
    requestId.value = crypto.randomUUID()
    requestFor = null
    Object.assign(form, { reason: '', refundMethod: 'cash', refundReference: '' })
    error.value = null
    result.value = null
  }
  registerReset(reset)

  return {
    planNumber,
    plan,
    requestId,
    form,
    loading,
    submitting,
    error,
    result,
    load,
    cancel,
    reset,
  }
})
