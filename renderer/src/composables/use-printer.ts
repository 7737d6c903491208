import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { PrintableKind } from '../../../shared/contract/receipts'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import type { Lang } from '../i18n'

export type PrintState = 'idle' | 'printing' | 'printed' | 'failed'

/**
 * Prints a document through `receipts.print`, in the language on screen (the customer's). A
 * printer that cannot take the job is an answer (`printed: false` + PRINTER_* error), shown next
 * to the button; the core keeps the job for a retry.
 */
export function usePrinter() {
  const { locale } = useI18n()
  const state = ref<PrintState>('idle')
  const error = ref<KioskErrorShape | null>(null)
  const duplicate = ref(false)

  async function print(
    kind: PrintableKind,
    docRef: string,
    options: { openDrawer?: boolean } = {},
  ) {
    if (state.value === 'printing') return
    state.value = 'printing'
    error.value = null
    const result = await kiosk().receipts.print({
      kind,
      ref: docRef,
      lang: locale.value as Lang,
      openDrawer: options.openDrawer ?? false,
    })
    if (result.ok && result.data.printed) {
      state.value = 'printed'
      duplicate.value = result.data.duplicate
    } else {
      state.value = 'failed'
      error.value = result.ok
        ? (result.data.error ?? { code: 'PRINTER_OFFLINE', message: 'not printed' })
        : result.error
    }
  }

  return { state, error, duplicate, print }
}
