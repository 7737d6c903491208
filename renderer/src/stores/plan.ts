import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PlanDetail } from '../../../shared/contract/plan-queries'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { registerReset } from './reset'

/** One plan with its live quote and whole history (the plan page). */
export const usePlanStore = defineStore('plan', () => {
  const detail = ref<PlanDetail | null>(null)
  const loading = ref(false)
  const error = ref<KioskErrorShape | null>(null)

  async function load(planNumber: string) {
    loading.value = true
    error.value = null
    if (detail.value?.plan.planNumber !== planNumber) detail.value = null
    const answer = await kiosk().plans.get({ planNumber })
    loading.value = false
    if (answer.ok) detail.value = answer.data
    else {
      detail.value = null
      error.value = answer.error
    }
  }

  function reset() {
    detail.value = null
    error.value = null
  }
  registerReset(reset)

  return { detail, loading, error, load, reset }
})
