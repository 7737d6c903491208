import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PlanQuoteRequest, PlanQuoteResponse } from '../../../shared/contract/plans'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'

/** The Quote screen's request and answer. The value always comes from the core. */
export const useQuoteStore = defineStore('quote', () => {
  const result = ref<PlanQuoteResponse | null>(null)
  const error = ref<KioskErrorShape | null>(null)
  const loading = ref(false)

  async function fetchQuote(request: PlanQuoteRequest) {
    loading.value = true
    error.value = null
    const answer = await kiosk().plans.quote(request)
    loading.value = false
    if (answer.ok) {
      result.value = answer.data
    } else {
      result.value = null
      error.value = answer.error
    }
  }

  function clear() {
    result.value = null
    error.value = null
  }

  return { result, error, loading, fetchQuote, clear }
})
