import type { Paper } from '../../../shared/contract/receipts'

/** An OS printer the shell can see. */
export interface SystemPrinterInfo {
  name: string
  isDefault: boolean
}

/**
 * Printing through the operating system (Electron's `webContents.print` / `printToPDF`): A4 and
 * driver-installed receipt printers, and every Hindi document, since only a browser engine shapes
 * Devanagari. The shell passes one in; browser mode (the HTTP bridge) has none, and the channels
 * that need it answer PRINTER_NOT_CONFIGURED.
 */
export interface SystemPrinter {
  list(): Promise<SystemPrinterInfo[]>
  /** Prints a self-contained HTML page silently with an explicit page size; rejects on failure. */
  print(html: string, deviceName: string, paper: Paper): Promise<void>
  pdf(html: string, paper: Paper): Promise<Uint8Array>
}
