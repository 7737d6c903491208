import { defineStore } from 'pinia'
import { reactive, ref } from 'vue'
import type { PlanCancelResponse } from '../../../shared/contract/cancellation'
import type { PlanDetail } from '../../../shared/contract/plan-queries'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'
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
  const error = ref<KioskErrorShape | null>(null)
  const loadCall = useSubmit(error)
  const cancelCall = useSubmit(error)
  const result = ref<PlanCancelResponse | null>(null)

  async function load() {
    if (!planNumber.value.trim()) return
    result.value = null
    const found = await loadCall.run(
      () => kiosk().plans.get({ planNumber: planNumber.value.trim() }),
      { overlap: true, onError: () => (plan.value = null) },
    )
    if (!found) return
    plan.value = found
    // Finding the same plan again (after a timeout, say) is still the same cancellation.
    if (found.plan.planNumber !== requestFor) {
      requestId.value = crypto.randomUUID()
      requestFor = found.plan.planNumber
    }
    form.refundMethod = found.payments.find((p) => p.kind === 'fee')?.method ?? 'cash'
  }

  /** `refund: false` (outside the cooling-off window): no refund method or reference is sent. */
  async function cancel(options: { refund: boolean } = { refund: true }) {
    const open = plan.value
    if (!open) return false
    const done = await cancelCall.run(() =>
      kiosk().plans.cancel({
        requestId: requestId.value,
        planNumber: open.plan.planNumber,
        reason: form.reason.trim(),
        ...(options.refund
          ? {
              refundMethod: form.refundMethod,
              refundReference:
                form.refundMethod === 'cash' ? null : form.refundReference.trim() || null,
            }
          : { refundReference: null }),
      }),
    )
    if (!done) return false
    result.value = done
    return true
  }

  function reset() {
    planNumber.value = ''
    plan.value = null
    requestId.value = crypto.randomUUID()
    requestFor = null
    Object.assign(form, { reason: '', refundMethod: 'cash', refundReference: '' })
    loadCall.reset()
    cancelCall.reset()
    result.value = null
  }
  registerReset(reset)

  return {
    planNumber,
    plan,
    requestId,
    form,
    loading: loadCall.busy,
    submitting: cancelCall.busy,
    error,
    result,
    load,
    cancel,
    reset,
  }
})
