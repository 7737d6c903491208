import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryLogger } from '../../../../electron/core/logger'
import { createPrintQueue } from '../../../../electron/core/printing/print-queue'
import { encodeEscPos } from '../../../../electron/core/printing/escpos'
import { buildDocument } from '../../../../electron/core/receipts/build'
import { realDocuments } from '../receipts/real-documents'
import { decodeEscPos } from './support/escpos-decoder'
import { closedPort, startFakePrinter, type FakePrinter } from './support/fake-printer'

// Documents the core builds in a real flow, never hand-written (issue 16 item 5).
const fx = await realDocuments()

const clock = () => Date.UTC(2020, 10, 5, 9, 2)

describe('print queue', () => {
  let dataDir: string
  let printer: FakePrinter | undefined
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'print-queue-'))
  })
  afterEach(async () => {
    await printer?.close()
    printer = undefined
    rmSync(dataDir, { recursive: true, force: true })
  })

  const receipt = () =>
    encodeEscPos(buildDocument('tax-invoice', fx.enrollment, { lang: 'en' }), {
      width: '80mm',
      mode: 'native-qr',
      text: 'ascii',
    })

  it('keeps a job the offline printer did not take, and prints it on retry once the printer is back', async () => {
    const port = await closedPort()
    const logger = createMemoryLogger()
    const queue = createPrintQueue({ dataDir, clock, logger })
    const bytes = await receipt()
    const first = await queue.print({
      printer: { host: '127.0.0.1', port },
      bytes,
      kind: 'tax-invoice',
      reference: fx.enrollment.taxInvoiceNumber,
      copy: 1,
    })
    expect(first.printed).toBe(false)
    expect(first.error?.code).toBe('PRINTER_OFFLINE')
    expect(queue.list()).toEqual([
      expect.objectContaining({ id: first.job.id, status: 'failed', attempts: 1 }),
    ])
    expect(readdirSync(join(dataDir, 'print-jobs')).sort()).toEqual([
      `${first.job.id}.bin`,
      `${first.job.id}.json`,
    ])

    // The kiosk restarts: a new queue on the same directory still has the job.
    const restarted = createPrintQueue({ dataDir, clock, logger })
    expect(restarted.list().map((j) => j.id)).toEqual([first.job.id])

    printer = await startFakePrinter({}, port)
    const received = printer.nextJob()
    const again = await restarted.retry(first.job.id)
    expect(again).toMatchObject({ printed: true, job: { status: 'printed', attempts: 2 } })
    const job = await received
    expect(Buffer.compare(Buffer.from(job), Buffer.from(bytes))).toBe(0)
    expect(decodeEscPos(job).qrPayloads).toEqual([fx.enrollment.planNumber])
    expect(restarted.list()).toEqual([])
    expect(readdirSync(join(dataDir, 'print-jobs'))).toEqual([])
    expect(logger.lines.map((l) => l.message)).toEqual([
      'print job kept for retry',
      'print job printed',
    ])
  })

  it('writes the job to disk before sending it', async () => {
    const seen: boolean[] = []
    const queue = createPrintQueue({
      dataDir,
      clock,
      logger: createMemoryLogger(),
      send: async () => {
        const files = readdirSync(join(dataDir, 'print-jobs'))
        seen.push(files.some((f) => f.endsWith('.bin')) && files.some((f) => f.endsWith('.json')))
      },
    })
    const result = await queue.print({
      printer: { host: '127.0.0.1' },
      bytes: Uint8Array.of(0x1b, 0x40),
    })
    expect(result.printed).toBe(true)
    expect(seen).toEqual([true])
  })

  it('keeps out-of-paper jobs with the reason, and retryAll prints them in order', async () => {
    printer = await startFakePrinter({ paper: 0x12 | 0x60 })
    let t = clock()
    const queue = createPrintQueue({ dataDir, clock: () => t++, logger: createMemoryLogger() })
    const target = { host: '127.0.0.1', port: printer.port }
    const a = await queue.print({ printer: target, bytes: Uint8Array.from(Buffer.from('first\n')) })
    const b = await queue.print({
      printer: target,
      bytes: Uint8Array.from(Buffer.from('second\n')),
    })
    expect([a.error?.code, b.error?.code]).toEqual(['PRINTER_OUT_OF_PAPER', 'PRINTER_OUT_OF_PAPER'])
    expect(queue.list().map((j) => j.lastError?.code)).toEqual([
      'PRINTER_OUT_OF_PAPER',
      'PRINTER_OUT_OF_PAPER',
    ])
    await printer.close()

    printer = await startFakePrinter({}, target.port) // paper loaded
    const results = await queue.retryAll()
    expect(results.map((r) => r.printed)).toEqual([true, true])
    await new Promise((r) => setTimeout(r, 50))
    expect(printer.jobs.map((j) => Buffer.from(j).toString())).toEqual(['first\n', 'second\n'])
    expect(queue.list()).toEqual([])
  })

  it('prints a job once when two retries race', async () => {
    let sends = 0
    let fail = true
    const queue = createPrintQueue({
      dataDir,
      clock,
      logger: createMemoryLogger(),
      send: async () => {
        sends++
        await new Promise((r) => setTimeout(r, 20))
        if (fail) throw new Error('socket hang up')
      },
    })
    const { job, error } = await queue.print({
      printer: { host: '127.0.0.1' },
      bytes: Uint8Array.of(1),
    })
    expect(error?.code).toBe('PRINTER_OFFLINE')
    fail = false
    const [x, y] = await Promise.all([queue.retry(job.id), queue.retry(job.id)])
    expect(x).toBe(y)
    expect(sends).toBe(2)
  })

  it('answers PRINT_JOB_NOT_FOUND for an unknown or printed job, and can discard a job', async () => {
    const queue = createPrintQueue({
      dataDir,
      clock,
      logger: createMemoryLogger(),
      send: async () => {
        throw new Error('off')
      },
    })
    await expect(queue.retry('0000000000000-deadbeef')).rejects.toMatchObject({
      code: 'PRINT_JOB_NOT_FOUND',
    })
    await expect(queue.retry('../../etc/passwd')).rejects.toMatchObject({
      code: 'PRINT_JOB_NOT_FOUND',
    })
    const { job } = await queue.print({ printer: { host: '127.0.0.1' }, bytes: Uint8Array.of(1) })
    queue.discard(job.id)
    expect(queue.list()).toEqual([])
    expect(existsSync(join(dataDir, 'print-jobs', `${job.id}.bin`))).toBe(false)
  })
})
