import {
  PRINT_ROLES,
  type Paper,
  type PrintableKind,
  type PrinterSettings,
  type PrintTarget,
  type ReceiptLang,
  type ReceiptsPrintResponse,
  type ThermalPrinterSettings,
} from '../../../shared/contract/receipts'
import type { ReceiptKind } from '../../../shared/contract/receipt-data'
import { KioskError, type KioskErrorShape } from '../../../shared/errors'
import { appendAudit } from '../audit/audit-log'
import type { Actor, CoreDeps } from '../context'
import { encodeEscPos } from '../printing/escpos'
import type { PrintJob, PrintQueue, PrintResult } from '../printing/print-queue'
import { readPrinterSettings, resolveTarget } from '../printing/printer-settings'
import type { SystemPrinter } from '../printing/system-printer'
import type { TcpPrinterAddress } from '../printing/tcp-printer'
import { countPrintedCopy } from './printed-copies'
import { buildDocument } from './build'
import type { ReceiptDocument } from './document'
import { renderHtml } from './html'
import type { DocumentDataByKind, DocumentKind } from './model'
import { loadStoredDocument, type StoredDocument } from './stored-documents'

/** A document named by its kind and ref, in a language. */
export interface DocumentRequest {
  kind: PrintableKind
  ref: string
  lang: ReceiptLang
}

/** One retried job's outcome. */
export interface RetryOutcome {
  jobId: string
  printed: boolean
  copy: number | null
  error?: KioskErrorShape
}

/** The document side of printing: preview, print, PDF and the retry of kept jobs. */
export interface ReceiptService {
  preview(
    req: DocumentRequest & { paper: Paper },
    actor: Actor,
  ): Promise<{
    kind: PrintableKind
    ref: string
    documentNumber: string | null
    title: string
    html: string
    copy: number
    lang: ReceiptLang
  }>
  print(
    req: DocumentRequest & { target?: PrintTarget | undefined; openDrawer: boolean },
    actor: Actor,
  ): Promise<ReceiptsPrintResponse>
  pdf(
    req: DocumentRequest & { paper: Paper },
    actor: Actor,
  ): Promise<{ fileName: string; pdfBase64: string; copy: number }>
  /** Retries one kept job, or all of them (oldest first), counting each copy that printed. */
  retry(jobId: string | undefined, actor: Actor): Promise<RetryOutcome[]>
}

const COUNTED_KINDS: readonly string[] = [
  'enrollment',
  'inspection',
  'redemption',
  'cancellation',
  'trade-in-voucher',
]

function isCounted(kind: string | undefined): kind is ReceiptKind | 'trade-in-voucher' {
  return kind !== undefined && COUNTED_KINDS.includes(kind)
}

/** Where a thermal job goes: the printer configured now (its address may have been fixed). */
export function thermalAddress(thermal: ThermalPrinterSettings): TcpPrinterAddress {
  return { host: thermal.host, port: thermal.port }
}

function requireRole(kind: PrintableKind, actor: Actor): void {
  if (!PRINT_ROLES[kind].includes(actor.role)) {
    throw new KioskError('ROLE_FORBIDDEN', `A ${actor.role} may not print this document (${kind}).`)
  }
}

function requireSystemPrinter(port: SystemPrinter | undefined, what: string): SystemPrinter {
  if (!port) {
    // Browser mode: no OS printing from a web page's backend. The UI prints the preview's HTML
    // with window.print() instead (the page carries its own print CSS and page size).
    throw new KioskError(
      'PRINTER_NOT_CONFIGURED',
      `${what} needs the kiosk app's system printing, which this mode does not have. ` +
        "Use the preview and the browser's print instead.",
    )
  }
  return port
}

function build(doc: StoredDocument, lang: ReceiptLang, copy: number): ReceiptDocument {
  return buildDocument(doc.docKind, doc.data as DocumentDataByKind[DocumentKind] as never, {
    lang,
    copy,
  })
}

/** The copy the next print will be: 1 for the original, and for reports (never counted). */
function nextCopy(doc: StoredDocument): number {
  return (doc.copiesPrinted ?? 0) + 1
}

/**
 * Receipts through the contract.
 *
 * Copy numbering: a copy is counted (`receipts.copies_printed`, reprints after the first) only
 * once the printer took every byte, and in the same order as it is numbered: each document has a
 * lock, so deciding the number, printing and counting never interleave with another print of it.
 * The number on the paper is `copies printed + 1` when the job is built. A job the printer could
 * not take stays on disk with its number and is NOT counted; while it waits, printing the document
 * again retries that very job (same bytes, same number) instead of issuing a new copy, so no two
 * papers can carry one number and the original stays the original. A discarded job never reached
 * paper, so its number is free again. Preview and PDF show the next copy and count nothing.
 *
 * Language: an `ascii` thermal printer prints English with "Rs." (no ₹ or Devanagari in its code
 * page, and no shaper in plain Node); Hindi goes to the system printer, which renders HTML.
 */
export function createReceiptService(deps: CoreDeps, queue: PrintQueue): ReceiptService {
  const locks = new Map<string, Promise<unknown>>()
  const logger = deps.config.logger

  const withLock = <T>(key: string, fn: () => Promise<T>): Promise<T> => {
    const previous = locks.get(key) ?? Promise.resolve()
    const run = previous.then(fn, fn)
    const tail = run.catch(() => undefined)
    locks.set(key, tail)
    void tail.then(() => {
      if (locks.get(key) === tail) locks.delete(key)
    })
    return run
  }

  const settings = (): Promise<PrinterSettings | null> =>
    deps.store.read((sql) => readPrinterSettings(sql, deps))

  const load = (kind: PrintableKind, ref: string, actor: Actor) =>
    deps.store.read((sql) =>
      loadStoredDocument(sql, deps, kind, ref, { actor, pendingPrintJobs: queue.list().length }),
    )

  const waitingJob = (kind: string, ref: string): PrintJob | undefined =>
    queue.list().find((j) => j.kind === kind && j.reference === ref)

  /** Counts a copy that printed, with its audit entry, in one transaction. */
  const count = async (
    kind: ReceiptKind | 'trade-in-voucher',
    ref: string,
    copy: number,
    actor: Actor,
    target: PrintTarget,
  ): Promise<void> => {
    const at = deps.nowIso()
    try {
      await deps.store.write(async (tx) => {
        const counted = await countPrintedCopy(tx, kind, ref, at)
        if (counted.copiesPrinted !== copy) {
          logger.warn('printed copy number differs from the count', { kind, ref, copy, counted })
        }
        await appendAudit(tx, {
          at,
          businessDate: deps.businessDate(),
          staff: actor,
          action: copy > 1 ? 'receipts.reprint' : 'receipts.print',
          entity: 'receipt',
          entityId: `${kind}:${ref}`,
          details: { copy, target, reprintCount: counted.reprintCount },
        })
      })
    } catch (err) {
      // The paper is out; failing the call now would make the clerk print it again.
      logger.error('a printed copy could not be counted', {
        kind,
        ref,
        copy,
        error: err instanceof Error ? err.message : String(err),
      })
    }
  }

  const thermalOutcome = async (
    result: PrintResult,
    kind: string,
    ref: string,
    copy: number,
    actor: Actor,
  ): Promise<void> => {
    if (result.printed && isCounted(kind)) await count(kind, ref, copy, actor, 'thermal')
  }

  const printThermal = async (
    req: DocumentRequest & { openDrawer: boolean },
    thermal: ThermalPrinterSettings,
    doc: StoredDocument,
    actor: Actor,
  ): Promise<ReceiptsPrintResponse> => {
    const copy = nextCopy(doc)
    // See the service's comment: an ASCII code page cannot print Hindi, English beats '?'.
    const lang: ReceiptLang = thermal.text === 'ascii' ? 'en' : req.lang
    const bytes = await encodeEscPos(build(doc, lang, copy), {
      width: thermal.width,
      mode: thermal.mode,
      text: thermal.text,
      ...(deps.config.textRasteriser ? { rasteriser: deps.config.textRasteriser } : {}),
      // Money moves with the original only; a duplicate never opens the drawer.
      openDrawer: req.openDrawer && copy === 1,
    })
    const result = await queue.print({
      printer: thermalAddress(thermal),
      bytes,
      kind: req.kind,
      reference: req.ref,
      copy,
    })
    await thermalOutcome(result, req.kind, req.ref, copy, actor)
    return {
      printed: result.printed,
      target: 'thermal',
      copy,
      duplicate: copy > 1,
      lang,
      jobId: result.job.id,
      ...(result.error ? { error: result.error } : {}),
    }
  }

  const printSystem = async (
    req: DocumentRequest,
    system: NonNullable<PrinterSettings['system']>,
    doc: StoredDocument,
    actor: Actor,
  ): Promise<ReceiptsPrintResponse> => {
    const port = requireSystemPrinter(deps.config.systemPrinter, 'Printing to a system printer')
    const copy = nextCopy(doc)
    const html = renderHtml(build(doc, req.lang, copy), { paper: system.paper })
    const response = {
      target: 'system' as const,
      copy,
      duplicate: copy > 1,
      lang: req.lang,
      jobId: null,
    }
    try {
      await port.print(html, system.deviceName, system.paper)
    } catch (err) {
      // The OS spooler keeps its own queue; what failed here never printed, so nothing is
      // counted and printing again gives the same copy number.
      return {
        ...response,
        printed: false,
        error: {
          code: 'PRINTER_OFFLINE',
          message: `The printer "${system.deviceName}" did not print: ${(err as Error).message}`,
        },
      }
    }
    if (doc.copiesPrinted !== null && isCounted(req.kind)) {
      await count(req.kind, req.ref, copy, actor, 'system')
    }
    return { ...response, printed: true }
  }

  const retryJob = (
    job: PrintJob,
    thermal: ThermalPrinterSettings | null,
    actor: Actor,
    missing: 'throw' | 'skip',
  ): Promise<RetryOutcome | null> =>
    withLock(`${job.kind}:${job.reference}`, async () => {
      // Another call may have printed it while this one waited for the lock.
      if (!queue.list().some((j) => j.id === job.id)) {
        if (missing === 'skip') return null
        throw new KioskError('PRINT_JOB_NOT_FOUND', `No print job ${job.id} is waiting.`)
      }
      const result = await queue.retry(
        job.id,
        thermal ? { printer: thermalAddress(thermal) } : undefined,
      )
      if (job.kind !== undefined && job.reference !== undefined && job.copy !== undefined) {
        await thermalOutcome(result, job.kind, job.reference, job.copy, actor)
      }
      return {
        jobId: job.id,
        printed: result.printed,
        copy: job.copy ?? null,
        ...(result.error ? { error: result.error } : {}),
      }
    })

  return {
    async preview(req, actor) {
      requireRole(req.kind, actor)
      const doc = await load(req.kind, req.ref, actor)
      const copy = nextCopy(doc)
      const document = build(doc, req.lang, copy)
      return {
        kind: req.kind,
        ref: req.ref,
        documentNumber: doc.documentNumber,
        title: document.title,
        html: renderHtml(document, { paper: req.paper }),
        copy,
        lang: req.lang,
      }
    },

    print(req, actor) {
      requireRole(req.kind, actor)
      return withLock(`${req.kind}:${req.ref}`, async () => {
        const s = await settings()
        const target = resolveTarget(s, req.target)
        const doc = await load(req.kind, req.ref, actor)
        const waiting = doc.copiesPrinted !== null ? waitingJob(req.kind, req.ref) : undefined
        if (waiting) {
          if (target === 'system') {
            throw new KioskError(
              waiting.lastError?.code ?? 'PRINTER_OFFLINE',
              `Copy ${waiting.copy ?? 1} of this document is waiting for the thermal printer ` +
                `(job ${waiting.id}): retry it there first.`,
            )
          }
          const result = await queue.retry(waiting.id, { printer: thermalAddress(s!.thermal!) })
          const copy = waiting.copy ?? 1
          await thermalOutcome(result, req.kind, req.ref, copy, actor)
          return {
            printed: result.printed,
            target,
            copy,
            duplicate: copy > 1,
            lang: s!.thermal!.text === 'ascii' ? 'en' : req.lang,
            jobId: waiting.id,
            ...(result.error ? { error: result.error } : {}),
          }
        }
        return target === 'thermal'
          ? printThermal(req, s!.thermal!, doc, actor)
          : printSystem(req, s!.system!, doc, actor)
      })
    },

    async pdf(req, actor) {
      requireRole(req.kind, actor)
      const port = requireSystemPrinter(deps.config.systemPrinter, 'A PDF')
      const doc = await load(req.kind, req.ref, actor)
      const copy = nextCopy(doc)
      const document = build(doc, req.lang, copy)
      const pdf = await port.pdf(renderHtml(document, { paper: req.paper }), req.paper)
      const name = document.reference.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-|-$/g, '')
      return {
        fileName: `${document.kind}-${name || req.ref}.pdf`,
        pdfBase64: Buffer.from(pdf).toString('base64'),
        copy,
      }
    },

    async retry(jobId, actor) {
      const thermal = (await settings())?.thermal ?? null
      if (jobId !== undefined) {
        const job = queue.list().find((j) => j.id === jobId)
        if (!job) throw new KioskError('PRINT_JOB_NOT_FOUND', `No print job ${jobId} is waiting.`)
        const outcome = await retryJob(job, thermal, actor, 'throw')
        return outcome ? [outcome] : []
      }
      const outcomes: RetryOutcome[] = []
      for (const job of queue.list()) {
        const outcome = await retryJob(job, thermal, actor, 'skip')
        if (outcome) outcomes.push(outcome)
      }
      return outcomes
    },
  }
}
