import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PlanLookupResponse } from '../../../shared/contract/plan-queries'
import { kiosk } from '../api'
import { useSubmit } from '../composables/use-submit'
import { registerReset } from './reset'

export type LookupBy = 'auto' | 'planNumber' | 'imei' | 'mobile' | 'planId'

/**
 * Find plan: by plan number (typed or scanned), IMEI or mobile
 * (docs/program-rules.md#redemption-checks).
 */
export const useLookupStore = defineStore('lookup', () => {
  const query = ref('')
  const by = ref<LookupBy>('auto')
  const result = ref<PlanLookupResponse | null>(null)
  const { busy: loading, error, run, reset: resetCall } = useSubmit()

  async function search() {
    const q = query.value.trim()
    if (!q) return
    const found = await run(
      () => kiosk().plans.lookup(by.value === 'auto' ? { query: q } : { query: q, by: by.value }),
      { onError: () => (result.value = null) },
    )
    if (found) result.value = found
  }

  function reset() {
    query.value = ''
    by.value = 'auto'
    result.value = null
    resetCall()
  }
  registerReset(reset)

  return { query, by, result, loading, error, search, reset }
})
