import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { z } from 'zod'
import type {
  PrintableKind,
  PrintersListResponseSchema,
  ReceiptsPreviewResponseSchema,
} from '../../../shared/contract/receipts'
import type { KioskErrorShape } from '../../../shared/errors'
import { kiosk } from '../api'
import type { Lang } from '../i18n'

export type PrintState = 'idle' | 'printing' | 'printed' | 'failed'
export type PrintersList = z.infer<typeof PrintersListResponseSchema>
export type ReceiptPreview = z.infer<typeof ReceiptsPreviewResponseSchema>

/**
 * Prints a document through `receipts.print`, in the language on screen (the customer's), and
 * shows it first through `receipts.preview` — the same document the printer gets, on the paper
 * of the default printer (A4 when none is set up: the browser's own print then takes it). A
 * printer that cannot take the job is an answer (`printed: false` + PRINTER_* error), shown next
 * to the button; the core keeps the job for a retry.
 */
export function usePrinter() {
  const { locale } = useI18n()
  const state = ref<PrintState>('idle')
  const error = ref<KioskErrorShape | null>(null)
  const duplicate = ref(false)
  const printers = ref<PrintersList | null>(null)
  const preview = ref<ReceiptPreview | null>(null)
  const previewError = ref<KioskErrorShape | null>(null)

  const defaultPrinter = computed(() => printers.value?.printers.find((p) => p.isDefault) ?? null)
  /** The paper the preview is drawn on: the default printer's. */
  const paper = computed<'80mm' | '58mm' | 'a4'>(() => defaultPrinter.value?.paper ?? 'a4')
  /** The next print is the original (copy 1) or a duplicate: "Print" or "Reprint". */
  const isReprint = computed(() => (preview.value?.copy ?? 1) > 1)

  async function loadPrinters() {
    const result = await kiosk().printers.list({})
    printers.value = result.ok ? result.data : null
  }

  async function loadPreview(kind: PrintableKind, docRef: string) {
    const result = await kiosk().receipts.preview({
      kind,
      ref: docRef,
      lang: locale.value as Lang,
      paper: paper.value === 'a4' ? 'a4' : '80mm',
    })
    if (result.ok) {
      preview.value = result.data
      previewError.value = null
    } else previewError.value = result.error
  }

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
    // The copy counter moved (or not): the preview shows what the next print will be.
    if (preview.value) await loadPreview(kind, docRef)
  }

  /** A PDF from the shell's system printer port (Electron); browser mode has none. */
  async function savePdf(kind: PrintableKind, docRef: string) {
    const result = await kiosk().receipts.pdf({
      kind,
      ref: docRef,
      lang: locale.value as Lang,
      paper: 'a4',
    })
    if (!result.ok) {
      error.value = result.error
      return
    }
    const bytes = Uint8Array.from(atob(result.data.pdfBase64), (c) => c.charCodeAt(0))
    download(new Blob([bytes], { type: 'application/pdf' }), result.data.fileName)
  }

  /** The previewed page as a file (it is self-contained: opens and prints anywhere). */
  function saveHtml() {
    const p = preview.value
    if (!p) return
    const name = `${(p.documentNumber ?? `${p.kind}-${p.ref}`).replace(/[^\w.-]+/g, '_')}.html`
    download(new Blob([p.html], { type: 'text/html' }), name)
  }

  return {
    state,
    error,
    duplicate,
    printers,
    preview,
    previewError,
    paper,
    isReprint,
    loadPrinters,
    loadPreview,
    print,
    savePdf,
    saveHtml,
  }
}

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/**
 * The browser's own print of the preview alone (browser mode, or a kiosk without a printer): the
 * print stylesheet (styles/base.css) hides everything but the marked preview while it prints.
 */
export function printPreviewInBrowser(target: HTMLElement) {
  target.setAttribute('data-printing', '')
  document.documentElement.classList.add('printing-receipt')
  const done = () => {
    document.documentElement.classList.remove('printing-receipt')
    target.removeAttribute('data-printing')
    window.removeEventListener('afterprint', done)
  }
  window.addEventListener('afterprint', done)
  window.print()
  // Chromium's print() returns once the dialog closed; afterprint may not fire everywhere.
  done()
}
