import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { PlanLookupResponse } from '../../../shared/contract/plan-queries'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import { registerReset } from './reset'

export type LookupBy = 'auto' | 'planNumber' | 'imei' | 'mobile'

/**
 * Find plan: by plan number (typed or scanned), IMEI or mobile
 * (docs/program-rules.md#redemption-checks).
 */
export const useLookupStore = defineStore('lookup', () => {
  const query = ref('')
  const by = ref<LookupBy>('auto')
  const result = ref<PlanLookupResponse | null>(null)
  const loading = ref(false)
  const error = ref<KioskErrorShape | null>(null)

  async function search() {
    const q = query.value.trim()
    if (!q || loading.value) return
    loading.value = true
    error.value = null
    const answer = await kiosk().plans.lookup(
      by.value === 'auto' ? { query: q } : { query: q, by: by.value },
    )
    loading.value = false
    if (answer.ok) result.value = answer.data
    else {
      result.value = null
      error.value = answer.error
    }
  }

  function reset() {
    query.value = ''
    by.value = 'auto'
    result.value = null
    error.value = null
  }
  registerReset(reset)

  return { query, by, result, loading, error, search, reset }
})
