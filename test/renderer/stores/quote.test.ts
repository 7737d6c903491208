// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { KioskApi } from '../../../shared/ipc'
import { setKioskApi } from '../../../renderer/src/api'
import { useQuoteStore } from '../../../renderer/src/stores/quote'

function apiAnswering(answer: unknown, seen: unknown[] = []): KioskApi {
  return {
    plans: { quote: async (req: unknown) => (seen.push(req), answer) },
  } as unknown as KioskApi
}

describe('quote store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('keeps the core’s answer and clears a previous error', async () => {
    const seen: unknown[] = []
    const data = { modelName: 'Redmi Note 9 Pro', quote: { percent: 70 } }
    setKioskApi(apiAnswering({ ok: true, data }, seen))
    const store = useQuoteStore()
    store.error = { code: 'INTERNAL', message: 'old' }
    await store.fetchQuote({ variantId: 'redmi-note-9-pro-4-64', purchaseDate: '2026-06-01' })
    expect(seen).toEqual([{ variantId: 'redmi-note-9-pro-4-64', purchaseDate: '2026-06-01' }])
    expect(store.result).toEqual(data)
    expect(store.error).toBeNull()
    expect(store.loading).toBe(false)
  })

  it('keeps the error envelope and drops a stale result', async () => {
    setKioskApi(
      apiAnswering({ ok: false, error: { code: 'VARIANT_NOT_FOUND', message: 'No variant' } }),
    )
    const store = useQuoteStore()
    store.result = { modelName: 'stale' } as never
    await store.fetchQuote({ variantId: 'x', purchaseDate: '2026-06-01' })
    expect(store.result).toBeNull()
    expect(store.error).toEqual({ code: 'VARIANT_NOT_FOUND', message: 'No variant' })
  })
})
