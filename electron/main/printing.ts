import { BrowserWindow, webContents } from 'electron'
import type { SystemPrinter } from '../core'

export type Paper = '80mm' | 'a4'

// Electron prints A4 unless told otherwise; a thermal roll needs its width in microns and a
// long page (the driver cuts at the end of the content).
const PAGE_SIZES: Record<Paper, { width: number; height: number } | 'A4'> = {
  '80mm': { width: 80_000, height: 297_000 },
  a4: 'A4',
}

/** Loads a self-contained receipt page into a hidden, sandboxed window with no preload. */
async function withReceiptWindow<T>(
  html: string,
  use: (w: BrowserWindow) => Promise<T>,
): Promise<T> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
    },
  })
  try {
    await win.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html).toString('base64')}`)
    return await use(win)
  } finally {
    win.destroy()
  }
}

/** Prints an HTML receipt silently to the named printer with an explicit page size. */
export function printReceiptHtml(html: string, deviceName: string, paper: Paper): Promise<void> {
  return withReceiptWindow(
    html,
    (win) =>
      new Promise<void>((resolve, reject) => {
        win.webContents.print(
          {
            silent: true,
            deviceName,
            printBackground: true,
            pageSize: PAGE_SIZES[paper],
            margins: { marginType: paper === '80mm' ? 'none' : 'default' },
          },
          (success, reason) => (success ? resolve() : reject(new Error(reason || 'print failed'))),
        )
      }),
  )
}

/** Renders an HTML receipt to PDF (archive, e-mail). */
export function receiptPdf(html: string, paper: Paper): Promise<Buffer> {
  return withReceiptWindow(html, (win) =>
    win.webContents.printToPDF({
      printBackground: true,
      pageSize: paper === 'a4' ? 'A4' : { width: 80 / 25.4, height: 297 / 25.4 },
      margins:
        paper === 'a4'
          ? { top: 0.4, bottom: 0.4, left: 0.4, right: 0.4 }
          : { top: 0, bottom: 0, left: 0, right: 0 },
    }),
  )
}

/** The system's printers, for the settings screen. */
export async function listSystemPrinters(): Promise<Array<{ name: string; isDefault: boolean }>> {
  const contents = webContents.getAllWebContents()[0]
  if (!contents) return []
  const printers = await contents.getPrintersAsync()
  return printers.map((p) => ({
    name: p.name,
    isDefault: Boolean((p as { isDefault?: boolean }).isDefault),
  }))
}

/**
 * The core's system printer port, built on Electron's printing: the core decides what to print
 * and renders the HTML; the shell only owns the browser engine that lays it out and the OS spooler.
 */
export function createSystemPrinter(): SystemPrinter {
  return {
    list: listSystemPrinters,
    print: printReceiptHtml,
    pdf: async (html, paper) => new Uint8Array(await receiptPdf(html, paper)),
  }
}
