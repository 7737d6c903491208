import { randomUUID } from 'node:crypto'
import {
  existsSync,
  fsyncSync,
  openSync,
  closeSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'
import { KioskError, type KioskErrorShape } from '../../../shared/errors'
import type { Logger } from '../logger'
import { printToTcp, type TcpPrinterAddress } from './tcp-printer'
import { PRIVATE_FILE_MODE, ensurePrivateDir } from '../util/private-files'

/** Sends bytes to a printer; throws a KioskError when it cannot. */
export type PrintSender = (printer: TcpPrinterAddress, bytes: Uint8Array) => Promise<unknown>

/** A print job as stored next to its bytes (`<id>.json` beside `<id>.bin`). */
export interface PrintJob {
  id: string
  printer: TcpPrinterAddress
  /** What it prints, for the clerk's list: document kind and number, copy. */
  kind?: string
  reference?: string
  copy?: number
  byteLength: number
  createdAt: string
  /** `printed` only in the result of the attempt that printed it: printed jobs leave the disk. */
  status: 'pending' | 'failed' | 'printed'
  attempts: number
  lastAttemptAt?: string
  lastError?: KioskErrorShape
}

/** What a print or retry did: `error` set means the job is kept for a retry. */
export interface PrintResult {
  job: PrintJob
  printed: boolean
  error?: KioskErrorShape
}

/** Input of {@link PrintQueue.print}. */
export interface NewPrintJob {
  printer: TcpPrinterAddress
  bytes: Uint8Array
  kind?: string
  reference?: string
  copy?: number
}

export interface PrintQueue {
  /** Stores the job durably, then sends it. Printer trouble is returned, not thrown. */
  print(job: NewPrintJob): Promise<PrintResult>
  /** Sends a kept job again, optionally to another printer. Throws PRINT_JOB_NOT_FOUND. */
  retry(id: string, options?: { printer?: TcpPrinterAddress }): Promise<PrintResult>
  /** Retries every kept job, oldest first. */
  retryAll(): Promise<PrintResult[]>
  /** Jobs not yet printed, oldest first. */
  list(): PrintJob[]
  /** Gives up on a job (a manager decided it is not needed). Throws PRINT_JOB_NOT_FOUND. */
  discard(id: string): void
}

/** What the queue needs from its world. */
export interface PrintQueueOptions {
  dataDir: string
  clock: () => number
  logger: Logger
  send?: PrintSender
}

// Write to a temporary name, fsync, rename: after a power cut a file is either whole or absent.
function writeDurably(path: string, data: Uint8Array | string): void {
  const tmp = `${path}.tmp`
  const fd = openSync(tmp, 'w', PRIVATE_FILE_MODE)
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
  renameSync(tmp, path)
}

const JOB_ID = /^[0-9]{13}-[0-9a-f]{8}$/

/**
 * A print queue on disk (`dataDir/print-jobs`). Each job's bytes and description are written
 * before anything is sent and deleted only after the printer took every byte, so a receipt is
 * never lost because the printer was off, out of paper or the kiosk restarted.
 */
export function createPrintQueue(options: PrintQueueOptions): PrintQueue {
  const dir = join(options.dataDir, 'print-jobs')
  ensurePrivateDir(dir)
  const send: PrintSender = options.send ?? ((printer, bytes) => printToTcp(printer, bytes))
  const inFlight = new Map<string, Promise<PrintResult>>()
  const now = () => new Date(options.clock()).toISOString()
  const paths = (id: string) => ({ bin: join(dir, `${id}.bin`), json: join(dir, `${id}.json`) })

  const load = (id: string): PrintJob => {
    const { json, bin } = paths(id)
    if (!JOB_ID.test(id) || !existsSync(json) || !existsSync(bin)) {
      throw new KioskError('PRINT_JOB_NOT_FOUND', `No print job ${id} is waiting.`)
    }
    return JSON.parse(readFileSync(json, 'utf8')) as PrintJob
  }

  const attempt = async (job: PrintJob, printer: TcpPrinterAddress): Promise<PrintResult> => {
    const { bin, json } = paths(job.id)
    const bytes = new Uint8Array(readFileSync(bin))
    const tried: PrintJob = { ...job, printer, attempts: job.attempts + 1, lastAttemptAt: now() }
    try {
      await send(printer, bytes)
    } catch (err) {
      const error =
        err instanceof KioskError
          ? err.toShape()
          : {
              code: 'PRINTER_OFFLINE' as const,
              message: `Printing failed: ${(err as Error).message}`,
            }
      const failed: PrintJob = { ...tried, status: 'failed', lastError: error }
      writeDurably(json, JSON.stringify(failed, null, 2))
      options.logger.warn('print job kept for retry', {
        jobId: job.id,
        kind: job.kind,
        code: error.code,
      })
      return { job: failed, printed: false, error }
    }
    // The .json goes first: without it a leftover .bin is ignored by list() and swept below.
    rmSync(json, { force: true })
    rmSync(bin, { force: true })
    options.logger.info('print job printed', {
      jobId: job.id,
      kind: job.kind,
      attempts: tried.attempts,
    })
    const { lastError: _dropped, ...done } = tried
    return { job: { ...done, status: 'printed' }, printed: true }
  }

  const once = (id: string, run: () => Promise<PrintResult>): Promise<PrintResult> => {
    // Two retries of one job at once would print it twice.
    const running = inFlight.get(id)
    if (running) return running
    const p = run().finally(() => inFlight.delete(id))
    inFlight.set(id, p)
    return p
  }

  const list = (): PrintJob[] => {
    const jobs: PrintJob[] = []
    for (const name of readdirSync(dir)) {
      const id = name.replace(/\.json$/, '')
      if (!name.endsWith('.json') || !JOB_ID.test(id)) continue
      try {
        jobs.push(load(id))
      } catch {
        // A description without its bytes cannot print; it is swept below.
      }
    }
    return jobs.sort((a, b) => a.id.localeCompare(b.id))
  }

  // Leftovers of a crash between the two deletes or mid-write hold nothing printable.
  for (const name of readdirSync(dir)) {
    const id = name.replace(/\.(bin|json|bin\.tmp|json\.tmp)$/, '')
    const { bin, json } = paths(id)
    if (
      name.endsWith('.tmp') ||
      (name.endsWith('.bin') && !existsSync(json)) ||
      (name.endsWith('.json') && !existsSync(bin))
    ) {
      rmSync(join(dir, name), { force: true })
    }
  }

  const retry = (id: string, retryOptions?: { printer?: TcpPrinterAddress }) =>
    once(id, async () => {
      const job = load(id)
      return attempt(job, retryOptions?.printer ?? job.printer)
    })

  return {
    async print(input) {
      const id = `${String(options.clock()).padStart(13, '0')}-${randomUUID().slice(0, 8)}`
      const job: PrintJob = {
        id,
        printer: input.printer,
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.reference !== undefined ? { reference: input.reference } : {}),
        ...(input.copy !== undefined ? { copy: input.copy } : {}),
        byteLength: input.bytes.length,
        createdAt: now(),
        status: 'pending',
        attempts: 0,
      }
      const { bin, json } = paths(id)
      writeDurably(bin, input.bytes)
      writeDurably(json, JSON.stringify(job, null, 2))
      return once(id, () => attempt(job, input.printer))
    },
    retry,
    async retryAll() {
      const results: PrintResult[] = []
      for (const job of list()) results.push(await retry(job.id))
      return results
    },
    list,
    discard(id) {
      load(id)
      const { bin, json } = paths(id)
      rmSync(json, { force: true })
      rmSync(bin, { force: true })
      options.logger.warn('print job discarded', { jobId: id })
    },
  }
}
