import { reactive } from 'vue'

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
