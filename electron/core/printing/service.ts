import type { z } from 'zod'
import type {
  PrinterInfoSchema,
  PrinterSettings,
  PrintersListResponseSchema,
  PrintersTestResponseSchema,
  PrintJobSummary,
  PrintTarget,
} from '../../../shared/contract/receipts'
import { KioskError } from '../../../shared/errors'
import type { Actor, CoreDeps } from '../context'
import { renderHtml } from '../receipts/html'
import { kolkataDateTime } from '../receipts/stored-documents'
import { encodeEscPos } from './escpos'
import type { PrintJob, PrintQueue } from './print-queue'
import { readPrinterSettings, resolveTarget, writePrinterSettings } from './printer-settings'
import type { SystemPrinterInfo } from './system-printer'
import { printToTcp } from './tcp-printer'
import { buildTestPage } from './test-page'
import { storeByCode } from '../storage/repos/stores'

type PrinterInfo = z.infer<typeof PrinterInfoSchema>

/** The printer side of printing: what is configured, the test page and the kept jobs. */
export interface PrinterService {
  list(): Promise<z.infer<typeof PrintersListResponseSchema>>
  configure(settings: PrinterSettings, actor: Actor): Promise<PrinterSettings>
  test(target: PrintTarget | undefined): Promise<z.infer<typeof PrintersTestResponseSchema>>
  jobs(): PrintJobSummary[]
}

/** A kept job as the clerk's list shows it. */
export function summarizeJob(job: PrintJob): PrintJobSummary {
  return {
    id: job.id,
    kind: job.kind ?? null,
    ref: job.reference ?? null,
    copy: job.copy ?? null,
    printer: `${job.printer.host}:${job.printer.port ?? 9100}`,
    createdAt: job.createdAt,
    attempts: job.attempts,
    status: job.status === 'failed' ? 'failed' : 'pending',
    lastAttemptAt: job.lastAttemptAt ?? null,
    lastError: job.lastError ?? null,
  }
}

/** Builds the printer service over the kiosk's settings table and print queue. */
export function createPrinterService(deps: CoreDeps, queue: PrintQueue): PrinterService {
  const settings = () => deps.store.read((sql) => readPrinterSettings(sql, deps))
  const port = deps.config.systemPrinter

  const systemPrinters = async (): Promise<SystemPrinterInfo[]> => {
    if (!port) return []
    try {
      return await port.list()
    } catch (err) {
      deps.config.logger.warn('system printers could not be listed', {
        error: (err as Error).message,
      })
      return []
    }
  }

  return {
    async list() {
      const s = await settings()
      const system = await systemPrinters()
      const printers: PrinterInfo[] = []
      if (s?.thermal) {
        printers.push({
          id: 'thermal',
          name: `Thermal ${s.thermal.host}:${s.thermal.port}`,
          paper: s.thermal.width,
          isDefault: s.defaultTarget === 'thermal',
          available: true,
        })
      }
      if (s?.system) {
        const deviceName = s.system.deviceName
        printers.push({
          id: 'system',
          name: deviceName,
          paper: s.system.paper,
          isDefault: s.defaultTarget === 'system',
          available: system.some((p) => p.name === deviceName),
        })
      }
      printers.sort((a, b) => Number(b.isDefault) - Number(a.isDefault))
      return {
        printers,
        settings: s,
        systemPrinters: system,
        systemPrintingAvailable: port !== undefined,
        waitingJobs: queue.list().length,
      }
    },

    configure(next, actor) {
      return writePrinterSettings(deps, actor, next)
    },

    async test(requested) {
      const s = await settings()
      const target = resolveTarget(s, requested)
      const store = await deps.store.read((sql) => storeByCode(sql, deps.config.storeCode))
      const page = (columns: number, printer: string) =>
        buildTestPage({
          storeName: store?.name ?? deps.config.storeCode,
          kioskCode: deps.config.kioskCode,
          at: kolkataDateTime(deps.nowIso()),
          columns,
          target: printer,
        })
      if (target === 'thermal') {
        const thermal = s!.thermal!
        const address = { host: thermal.host, port: thermal.port }
        const bytes = await encodeEscPos(
          page(thermal.width === '80mm' ? 48 : 32, `${thermal.host}:${thermal.port}`),
          // The test page is ASCII by construction, whatever the receipts' text mode.
          { width: thermal.width, mode: thermal.mode, text: 'ascii' },
        )
        try {
          const result = await printToTcp(address, bytes)
          return { printed: true, target, status: result.status }
        } catch (err) {
          if (!(err instanceof KioskError)) throw err
          return { printed: false, target, status: null, error: err.toShape() }
        }
      }
      const system = s!.system!
      if (!port) {
        throw new KioskError(
          'PRINTER_NOT_CONFIGURED',
          'System printing needs the kiosk app; this mode has none.',
        )
      }
      const html = renderHtml(page(48, system.deviceName), { paper: system.paper })
      try {
        await port.print(html, system.deviceName, system.paper)
        return { printed: true, target, status: null }
      } catch (err) {
        return {
          printed: false,
          target,
          status: null,
          error: { code: 'PRINTER_OFFLINE', message: (err as Error).message },
        }
      }
    },

    jobs() {
      return queue.list().map(summarizeJob)
    },
  }
}
