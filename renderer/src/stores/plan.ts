import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PlanDetail } from '../../../shared/contract/plan-queries'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'
import { registerReset } from './reset'

/** One plan with its live quote and whole history (the plan page). */
export const usePlanStore = defineStore('plan', () => {
  const detail = ref<PlanDetail | null>(null)
  const { busy: loading, error, run, reset: resetCall } = useSubmit()

  async function load(planNumber: string) {
    if (detail.value?.plan.planNumber !== planNumber) detail.value = null
    // A new plan number (the route changed) is loaded even while the previous one is on its way.
    detail.value = await run(() => kiosk().plans.get({ planNumber }), { overlap: true })
  }

  function reset() {
    detail.value = null
    resetCall()
  }
  registerReset(reset)

  return { detail, loading, error, load, reset }
})
