import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PlanQuoteRequest, PlanQuoteResponse } from '../../../shared/contract/plans'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'

/** The Quote screen's request and answer. The value always comes from the core. */
export const useQuoteStore = defineStore('quote', () => {
  const result = ref<PlanQuoteResponse | null>(null)
  const { busy: loading, error, run } = useSubmit()

  async function fetchQuote(request: PlanQuoteRequest) {
    result.value = await run(() => kiosk().plans.quote(request), { overlap: true })
  }

  function clear() {
    result.value = null
    error.value = null
  }

  return { result, error, loading, fetchQuote, clear }
})
