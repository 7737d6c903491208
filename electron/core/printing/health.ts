import type { PrinterHealth } from '../../../shared/sync/fleet'
import type { CoreDeps } from '../context'
import type { PrintQueue } from './print-queue'
import { readPrinterSettings } from './printer-settings'

const BY_ERROR: Record<string, PrinterHealth> = {
  PRINTER_OUT_OF_PAPER: 'paper-out',
  PRINTER_COVER_OPEN: 'cover-open',
  PRINTER_OFFLINE: 'offline',
}

/**
 * The receipt printer's last known state for the heartbeat (docs/fleet.md#heartbeat): no printer
 * set up, or why the newest job kept for a retry failed; `ok` when nothing waits (a printed job
 * leaves the queue).
 */
export async function printerHealth(deps: CoreDeps, queue: PrintQueue): Promise<PrinterHealth> {
  const settings = await deps.store.read((sql) => readPrinterSettings(sql, deps))
  if (!settings?.thermal && !settings?.system) return 'not-configured'
  const waiting = queue.list()
  const newest = waiting[waiting.length - 1]
  if (!newest) return 'ok'
  const code = newest.lastError?.code
  return code ? (BY_ERROR[code] ?? 'error') : 'unknown'
}
