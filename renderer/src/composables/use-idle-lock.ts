import { onBeforeUnmount, onMounted } from 'vue'

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const

/**
 * Calls `onIdle` once after `minutes()` without a touch, key or scroll while `active()` (signed
 * in, not locked). The core has its own timer; this one locks the screen at the moment the time
 * runs out instead of at the next call, so a customer never sees the last customer's details.
 */
export function useIdleLock(options: {
  minutes: () => number
  active: () => boolean
  onIdle: () => void
  checkEveryMs?: number
  now?: () => number
}) {
  const now = options.now ?? Date.now
  let last = now()
  let timer: ReturnType<typeof setInterval> | undefined
  const touch = () => {
    last = now()
  }
  const check = () => {
    if (!options.active()) {
      last = now()
      return
    }
    if (now() - last >= options.minutes() * 60_000) {
      last = now()
      options.onIdle()
    }
  }
  onMounted(() => {
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true })
    timer = setInterval(check, options.checkEveryMs ?? 5_000)
  })
  onBeforeUnmount(() => {
    for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch)
    clearInterval(timer)
  })
  return { touch, check }
}
