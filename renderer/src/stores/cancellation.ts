import { defineStore } from 'pinia'
import { reactive, ref, watch } from 'vue'
import type { PlanCancelResponse } from '../../../shared/contract/cancellation'
import type { PlanDetail } from '../../../shared/contract/plan-queries'
import type { PlanView } from '../../../shared/contract/plan-view'
import type { PaymentMethod } from '../../../shared/domain/vocabulary'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'
import { registerReset } from './reset'

/** Codes that are about one field of the form. */
const FIELD_OF: Partial<Record<string, 'reason' | 'refundReference'>> = {
  CANCELLATION_REASON_REQUIRED: 'reason',
  PAYMENT_REFERENCE_REQUIRED: 'refundReference',
}

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
  // A message about the reason or the refund reference goes once that field is edited (issue 14:
  // "reason required" stayed next to a reason already typed).
  for (const field of ['reason', 'refundReference'] as const) {
    watch(
      () => form[field],
      () => {
        const e = error.value
        if (e?.issues?.some((i) => i.path === field) || (e && FIELD_OF[e.code] === field))
          error.value = null
      },
    )
  }
  /** Plans found for a mobile with more than one: the manager picks. */
  const matches = ref<PlanView[] | null>(null)

  /**
   * Finds the plan to cancel by what the manager has, as Find plan does (issue 14): a plan number,
   * an IMEI or the customer's mobile (`plans.lookup` reads the query's shape). One plan opens;
   * several (a mobile with more than one plan) are listed to choose from.
   */
  async function load() {
    const query = planNumber.value.trim()
    if (!query) return
    result.value = null
    matches.value = null
    const looked = await loadCall.run(() => kiosk().plans.lookup({ query }), {
      overlap: true,
      onError: () => (plan.value = null),
    })
    if (!looked) return
    const found = looked.plans.map((x) => x.plan)
    if (found.length === 1) return open(found[0]!.planNumber)
    plan.value = null
    if (found.length > 1) matches.value = found
    else error.value = { code: 'PLAN_NOT_FOUND', message: `No plan found for ${query}.` }
  }

  /** Opens one plan for cancellation (from the search, a choice among several, or a link). */
  async function open(number: string) {
    matches.value = null
    const found = await loadCall.run(() => kiosk().plans.get({ planNumber: number }), {
      overlap: true,
      onError: () => (plan.value = null),
    })
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
    matches.value = null
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
    matches,
    load,
    open,
    cancel,
    reset,
  }
})
