import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { LocalConflict, SyncStatusView } from '../../../shared/contract/sync'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'

/**
 * What the header dot says: `online`/`offline` from the last sync attempt (and the browser's
 * own network flag), `standalone` when this kiosk is not connected to head office at all,
 * `training` in training mode, whose practice sales are never sent anywhere.
 */
export type Connection = 'online' | 'offline' | 'standalone' | 'training'

/** The online/offline + unsynced-events indicator, and the manager's Sync screen. */
export const useSyncStore = defineStore('sync', () => {
  const browserOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const status = ref<SyncStatusView | null>(null)
  const conflicts = ref<LocalConflict[]>([])
  const error = ref<KioskErrorShape | null>(null)
  const busy = ref(false)

  const connection = computed<Connection>(() => {
    if (status.value?.disabledReason === 'training') return 'training'
    if (!browserOnline.value) return 'offline'
    if (!status.value || !status.value.configured) return 'standalone'
    return status.value.online === false ? 'offline' : 'online'
  })

  function take(
    result: { ok: true; data: SyncStatusView } | { ok: false; error: KioskErrorShape },
  ) {
    if (result.ok) {
      status.value = result.data
      error.value = null
    } else error.value = result.error
  }

  async function refresh() {
    take(await kiosk().sync.status({}))
  }

  async function syncNow() {
    busy.value = true
    take(await kiosk().sync.now({}))
    busy.value = false
  }

  /** Manager: head-office URL and (once) the kiosk secret; the secret is never read back. */
  async function configure(headOfficeUrl: string | null, secret?: string) {
    busy.value = true
    const result = await kiosk().sync.configure(
      secret ? { headOfficeUrl, secret } : { headOfficeUrl },
    )
    busy.value = false
    if (result.ok) take({ ok: true, data: result.data.status })
    else error.value = result.error
    return result
  }

  async function loadConflicts() {
    const result = await kiosk().sync.conflicts({ status: 'all' })
    if (result.ok) conflicts.value = result.data.conflicts
    else error.value = result.error
  }

  async function resolveConflict(conflictId: string, note: string) {
    const result = await kiosk().sync.resolveConflict({ conflictId, note })
    if (result.ok) {
      conflicts.value = conflicts.value.map((c) => (c.conflictId === conflictId ? result.data : c))
      await refresh()
    } else error.value = result.error
    return result
  }

  function setBrowserOnline(online: boolean) {
    browserOnline.value = online
  }

  /** Manager: sends the kiosk's redacted logs to head office (docs/fleet.md#logs). */
  const logsSent = ref<{ bytes: number } | null>(null)
  const logsError = ref<KioskErrorShape | null>(null)
  async function sendLogs() {
    busy.value = true
    logsSent.value = null
    logsError.value = null
    const result = await kiosk().sync.sendLogs({})
    busy.value = false
    if (result.ok) logsSent.value = { bytes: result.data.bytes }
    else logsError.value = result.error
  }

  return {
    logsSent,
    logsError,
    sendLogs,
    browserOnline,
    status,
    conflicts,
    error,
    busy,
    connection,
    refresh,
    syncNow,
    configure,
    loadConflicts,
    resolveConflict,
    setBrowserOnline,
  }
})
