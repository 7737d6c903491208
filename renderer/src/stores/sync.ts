import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { KioskErrorShape } from '../../../shared/errors'
import { callOptional } from '../api/optional'

/**
 * What the sync client reports, when the core offers `sync.status` (see .ui-needs.md); the
 * fields the header and the Sync screen read.
 */
export interface SyncStatus {
  online: boolean
  pendingEvents: number
  lastSyncAt: string | null
  conflicts: number
}

/** The online/offline + unsynced-events indicator and the Sync screen. */
export const useSyncStore = defineStore('sync', () => {
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const status = ref<SyncStatus | null>(null)
  /** False when the running core has no sync channel yet. */
  const available = ref<boolean | null>(null)
  const error = ref<KioskErrorShape | null>(null)
  const busy = ref(false)

  async function refresh() {
    const result = await callOptional<SyncStatus>('sync.status', {})
    if (result.ok === 'unavailable') {
      available.value = false
      status.value = null
    } else if (result.ok) {
      available.value = true
      status.value = result.data
      error.value = null
    } else error.value = result.error
  }

  async function syncNow() {
    busy.value = true
    const result = await callOptional<SyncStatus>('sync.now', {})
    busy.value = false
    if (result.ok === 'unavailable') available.value = false
    else if (result.ok) status.value = result.data
    else error.value = result.error
  }

  function setBrowserOnline(online: boolean) {
    browserOnline.value = online
  }

  return { browserOnline, status, available, error, busy, refresh, syncNow, setBrowserOnline }
})
