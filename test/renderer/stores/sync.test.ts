// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import type { SyncStatusView } from '../../../shared/contract/sync'
import type { KioskApi } from '../../../shared/ipc'
import { setKioskApi } from '../../../renderer/src/api'
import { useSyncStore } from '../../../renderer/src/stores/sync'

const base: SyncStatusView = {
  configured: true,
  disabledReason: null,
  headOfficeUrl: 'https://ho.example',
  online: true,
  running: false,
  lastAttemptAt: null,
  lastSyncAt: null,
  lastError: null,
  pendingEvents: 3,
  oldestPendingAgeSeconds: 60,
  rejectedEvents: 0,
  conflicts: 0,
  nextAttemptAt: null,
} as SyncStatusView

function answering(status: Partial<SyncStatusView>): KioskApi {
  return {
    sync: { status: async () => ({ ok: true, data: { ...base, ...status } }) },
  } as unknown as KioskApi
}

describe('sync store: what the header indicator says', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('online, offline after a failed attempt, standalone when not set up', async () => {
    const store = useSyncStore()
    setKioskApi(answering({}))
    await store.refresh()
    expect(store.connection).toBe('online')
    setKioskApi(answering({ online: false }))
    await store.refresh()
    expect(store.connection).toBe('offline')
    setKioskApi(answering({ configured: false, disabledReason: 'not-configured', online: null }))
    await store.refresh()
    expect(store.connection).toBe('standalone')
  })

  it('training, whatever the network: practice sales are never sent', async () => {
    const store = useSyncStore()
    setKioskApi(answering({ configured: false, disabledReason: 'training', online: null }))
    await store.refresh()
    expect(store.connection).toBe('training')
  })
})
