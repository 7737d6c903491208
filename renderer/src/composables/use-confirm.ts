import { onBeforeUnmount, onMounted, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { onBeforeRouteLeave, useRoute, type RouteLocationNormalized } from 'vue-router'
import { useSessionStore } from '../stores/session'

interface ConfirmRequest {
  title: string
  message: string
  confirmLabel: string
  cancelLabel: string
  danger: boolean
}

/** The one confirm dialog of the app (rendered by ConfirmDialog.vue in App.vue). */
export const confirmState = reactive<{
  open: boolean
  request: ConfirmRequest | null
  resolve: ((ok: boolean) => void) | null
}>({ open: false, request: null, resolve: null })

/**
 * Asks the staff member a yes/no question in the kiosk's own dialog (a touch-sized, translated
 * one: the browser's `confirm()` is tiny and always English).
 */
export function askConfirm(
  request: Partial<ConfirmRequest> & {
    title: string
    message: string
    confirmLabel: string
    cancelLabel: string
  },
): Promise<boolean> {
  confirmState.resolve?.(false)
  return new Promise((resolve) => {
    confirmState.request = { danger: false, ...request }
    confirmState.open = true
    confirmState.resolve = (ok) => {
      confirmState.open = false
      confirmState.request = null
      confirmState.resolve = null
      resolve(ok)
    }
  })
}

/**
 * Guards a half-done task (an enrollment, an inspection, an upgrade) against leaving its screen:
 * while `busy(to)` holds and someone is signed in, leaving asks first (`titleKey`/`messageKey`
 * are i18n keys); "discard" runs `discard` and lets the route change, "stay" keeps the staff
 * member where they were. Signing out or locking is not asked about: the session code decides
 * what happens to the entries then.
 */
export function useLeaveGuard(options: {
  busy: (to: RouteLocationNormalized) => boolean
  titleKey: string
  messageKey: string
  discard: () => void
  /**
   * Browser mode: a reload of the page (F5, the browser's button) would lose the task without a
   * word, so the browser asks first (issue 14). Off for a task whose entries survive a reload
   * (the enrollment keeps its draft in session storage). Never in the Electron kiosk
   * (`window.kiosk`): there a `beforeunload` answer silently keeps the window from closing, and
   * the shell swallows the reload keys anyway.
   */
  warnOnReload?: boolean
}): void {
  const { t } = useI18n()
  const session = useSessionStore()
  const route = useRoute()
  const onUnload = (event: BeforeUnloadEvent) => {
    if (window.kiosk || !session.signedIn || !options.busy(route)) return
    event.preventDefault()
    // Older browsers ask only when returnValue is set.
    event.returnValue = ''
  }
  if (options.warnOnReload ?? true) {
    onMounted(() => window.addEventListener('beforeunload', onUnload))
    onBeforeUnmount(() => window.removeEventListener('beforeunload', onUnload))
  }
  onBeforeRouteLeave(async (to) => {
    if (!options.busy(to) || !session.signedIn) return true
    const leave = await askConfirm({
      title: t(options.titleKey),
      message: t(options.messageKey),
      confirmLabel: t('enroll.leaveDiscard'),
      cancelLabel: t('enroll.leaveStay'),
      danger: true,
    })
    if (leave) options.discard()
    return leave
  })
}
