import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { StaffCurrent, StaffListEntry } from '../../../shared/contract/staff'
import type { KioskErrorShape } from '../../../shared/errors'
import type { Result } from '../../../shared/ipc'
import { kiosk, onKioskError } from '../api'
import { roleCan, type Capability } from '../roles'
import { useAppStore } from './app'

/** Who is signed in, the idle lock, and the sign-in screen's staff tiles. */
export const useSessionStore = defineStore('session', () => {
  const current = ref<StaffCurrent | null>(null)
  const staffList = ref<StaffListEntry[]>([])
  const loadingStaff = ref(false)
  const busy = ref(false)
  const error = ref<KioskErrorShape | null>(null)
  let loaded: Promise<void> | null = null

  const staff = computed(() => current.value?.staff ?? null)
  const role = computed(() => staff.value?.role ?? null)
  const signedIn = computed(() => staff.value !== null)
  const locked = computed(() => signedIn.value && (current.value?.locked ?? false))
  const idleLockMinutes = computed(() => current.value?.idleLockMinutes ?? 5)

  function can(capability: Capability): boolean {
    return roleCan(role.value, capability)
  }

  async function refresh() {
    const result = await kiosk().staff.current({})
    if (result.ok) current.value = result.data
    else error.value = result.error
  }

  /** Loads the session once (route guards await it before the first screen). */
  function ensure(): Promise<void> {
    loaded ??= refresh()
    return loaded
  }

  async function loadStaff() {
    loadingStaff.value = true
    const result = await kiosk().staff.list({})
    loadingStaff.value = false
    if (result.ok) {
      staffList.value = result.data.staff
      error.value = null
    } else error.value = result.error
  }

  async function run(call: () => Promise<Result<StaffCurrent>>) {
    busy.value = true
    error.value = null
    const result = await call()
    busy.value = false
    if (result.ok) {
      current.value = result.data
      return true
    }
    error.value = result.error
    return false
  }

  // A kiosk left on overnight: the business date (refunds, end of day) is read again whenever
  // someone signs in or unlocks, not only when the page loaded.
  const freshDay = async (ok: boolean) => {
    if (ok) await useAppStore().load()
    return ok
  }
  const signIn = async (staffCode: string, pin: string) =>
    freshDay(await run(() => kiosk().staff.signIn({ staffCode, pin })))
  const unlock = async (pin: string) => freshDay(await run(() => kiosk().staff.unlock({ pin })))
  /** Why the screen is locked: the staff member's Lock button, or inactivity (screen or core). */
  const lockReason = ref<'manual' | 'idle'>('idle')
  const lock = (reason: 'manual' | 'idle' = 'manual') => {
    lockReason.value = reason
    return run(() => kiosk().staff.lock({}))
  }
  const signOut = () => run(() => kiosk().staff.signOut({}))

  // Any screen's call may find the session locked by the core's own idle timer, or gone after a
  // restart: show the lock screen / sign-in at once instead of an error next to a field.
  onKioskError((e) => {
    if (e.code === 'SESSION_LOCKED' && current.value) {
      if (!current.value.locked) lockReason.value = 'idle'
      current.value = { ...current.value, locked: true }
    }
    if (e.code === 'NOT_SIGNED_IN' && current.value?.staff)
      current.value = { ...current.value, staff: null, locked: false }
  })

  return {
    current,
    staffList,
    loadingStaff,
    busy,
    error,
    staff,
    role,
    signedIn,
    locked,
    lockReason,
    idleLockMinutes,
    can,
    refresh,
    ensure,
    loadStaff,
    signIn,
    unlock,
    lock,
    signOut,
  }
})
