import { describe, expect, it } from 'vitest'
import { buildKioskApi } from '../../../electron/preload/build-api'
import { CHANNELS, IPC_PREFIX } from '../../../shared/ipc'

describe('window.kiosk built by the preload', () => {
  it('has exactly one method per contract channel', () => {
    const api = buildKioskApi(async () => null) as unknown as Record<
      string,
      Record<string, unknown>
    >
    const exposed = Object.entries(api).flatMap(([domain, verbs]) =>
      Object.keys(verbs).map((verb) => `${domain}.${verb}`),
    )
    expect(exposed.sort()).toEqual([...CHANNELS].sort())
    for (const [, verbs] of Object.entries(api)) {
      for (const fn of Object.values(verbs)) expect(typeof fn).toBe('function')
    }
  })

  it('invokes the prefixed channel with the request', async () => {
    const calls: Array<[string, unknown]> = []
    const api = buildKioskApi(async (channel, request) => {
      calls.push([channel, request])
      return { ok: true, data: 42 }
    })
    const result = await api.plans.quote({ variantId: 'x', purchaseDate: '2021-01-01' })
    expect(result).toEqual({ ok: true, data: 42 })
    expect(calls).toEqual([
      [`${IPC_PREFIX}plans.quote`, { variantId: 'x', purchaseDate: '2021-01-01' }],
    ])
  })
})
