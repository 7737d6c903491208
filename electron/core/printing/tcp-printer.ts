import { Socket } from 'node:net'
import { KioskError } from '../../../shared/errors'
import {
  isStatusByte,
  parseStatus,
  statusError,
  STATUS_REQUESTS,
  type PrinterStatus,
} from './status'

/** A network receipt printer: raw TCP, port 9100 on nearly every model. */
export interface TcpPrinterAddress {
  host: string
  port?: number
}

/** Timeouts and checks of {@link printToTcp}. */
export interface TcpPrintOptions {
  connectTimeoutMs?: number
  /** Longest time the printer may take to accept the whole job. */
  writeTimeoutMs?: number
  /** How long to wait for each status answer before printing "blind". */
  statusTimeoutMs?: number
  /** Ask DLE EOT status before printing (default true). */
  checkStatus?: boolean
}

/** What happened: the status when the printer answered, null when it did not. */
export interface TcpPrintResult {
  status: PrinterStatus | null
  bytesWritten: number
}

const offline = (where: string, why: string) =>
  new KioskError(
    'PRINTER_OFFLINE',
    `The printer at ${where} ${why}. Check that it is on and connected, then retry.`,
  )

/** Collects bytes the printer sends and hands them out one at a time. */
class ByteReader {
  private buffer: number[] = []
  private waiter: ((b: number | null) => void) | null = null
  constructor(socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer.push(...chunk)
      this.flush()
    })
  }
  private flush() {
    if (this.waiter && this.buffer.length > 0) {
      const w = this.waiter
      this.waiter = null
      w(this.buffer.shift() ?? null)
    }
  }
  next(timeoutMs: number): Promise<number | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = null
        resolve(null)
      }, timeoutMs)
      this.waiter = (b) => {
        clearTimeout(timer)
        resolve(b)
      }
      this.flush()
    })
  }
}

function connect(
  address: Required<TcpPrinterAddress>,
  timeoutMs: number,
  where: string,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = new Socket()
    const timer = setTimeout(() => {
      socket.destroy()
      reject(offline(where, `did not answer within ${timeoutMs / 1000} s`))
    }, timeoutMs)
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      socket.destroy()
      const why =
        err.code === 'ECONNREFUSED'
          ? 'refused the connection'
          : `is unreachable (${err.code ?? err.message})`
      reject(offline(where, why))
    })
    socket.connect(address.port, address.host, () => {
      clearTimeout(timer)
      socket.removeAllListeners('error')
      resolve(socket)
    })
  })
}

/**
 * Real-time status (DLE EOT 1, 2, 4). Printers that do not answer the first request in time
 * (many network clones, or ASB-only firmware) get null: status unknown, print anyway.
 */
async function queryStatus(
  socket: Socket,
  reader: ByteReader,
  timeoutMs: number,
): Promise<PrinterStatus | null> {
  const answers: number[] = []
  for (const n of STATUS_REQUESTS) {
    socket.write(Uint8Array.of(0x10, 0x04, n))
    const b = await reader.next(timeoutMs)
    if (b === null || !isStatusByte(b)) return null
    answers.push(b)
  }
  return parseStatus(answers[0] ?? 0x12, answers[1] ?? 0x12, answers[2] ?? 0x12)
}

function writeAll(
  socket: Socket,
  bytes: Uint8Array,
  timeoutMs: number,
  where: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.destroy()
      reject(offline(where, `stopped taking data after ${timeoutMs / 1000} s`))
    }, timeoutMs)
    socket.once('error', (err) => {
      clearTimeout(timer)
      reject(offline(where, `dropped the connection (${err.message})`))
    })
    // end() resolves once every byte has been handed to the kernel and the FIN sent: the job
    // is then the printer's, and only then may the queue drop it.
    socket.end(bytes, () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * Sends a job to a network printer: connect, check its status where it answers, write, close.
 * Throws KioskError PRINTER_OFFLINE / PRINTER_OUT_OF_PAPER / PRINTER_COVER_OPEN.
 */
export async function printToTcp(
  address: TcpPrinterAddress,
  bytes: Uint8Array,
  options: TcpPrintOptions = {},
): Promise<TcpPrintResult> {
  const target = { host: address.host, port: address.port ?? 9100 }
  const where = `${target.host}:${target.port}`
  const socket = await connect(target, options.connectTimeoutMs ?? 3000, where)
  socket.setNoDelay(true)
  // A reset during the status query must not crash the process; writeAll reports errors itself.
  socket.on('error', () => {})
  try {
    const reader = new ByteReader(socket)
    const status =
      options.checkStatus === false
        ? null
        : await queryStatus(socket, reader, options.statusTimeoutMs ?? 500)
    const stop = status ? statusError(status, where) : null
    if (stop) throw stop
    await writeAll(socket, bytes, options.writeTimeoutMs ?? 15_000, where)
    return { status, bytesWritten: bytes.length }
  } finally {
    socket.destroy()
  }
}
