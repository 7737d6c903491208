import { createServer, type Server, type Socket } from 'node:net'

/** How the fake printer answers DLE EOT n; `silent` never answers (status unknown). */
export type FakeStatus = 'silent' | { printer?: number; offlineCause?: number; paper?: number }

export interface FakePrinter {
  port: number
  /** Bytes of every connection, status requests removed, in order. */
  jobs: Uint8Array[]
  /** Resolves when a connection closed having sent at least one byte of job data. */
  nextJob(): Promise<Uint8Array>
  close(): Promise<void>
}

const OK = 0x12

/**
 * A network thermal printer on 127.0.0.1: records what it is sent and answers real-time status
 * requests (DLE EOT 1/2/4) like an Epson would.
 */
export async function startFakePrinter(status: FakeStatus = {}, port = 0): Promise<FakePrinter> {
  const jobs: Uint8Array[] = []
  const waiting: Array<(job: Uint8Array) => void> = []
  const sockets = new Set<Socket>()
  const server: Server = createServer((socket) => {
    sockets.add(socket)
    const chunks: number[] = []
    let pending: number[] = []
    let inJob = false
    socket.on('data', (data) => {
      if (inJob) {
        chunks.push(...data)
        return
      }
      pending.push(...data)
      // Status requests come before the job; answer them until the first job byte (the job
      // itself may contain 0x10 0x04 inside image data).
      while (pending.length > 0 && !inJob) {
        if (pending[0] !== 0x10) {
          inJob = true
          chunks.push(...pending)
          pending = []
        } else if (pending.length < 3) {
          return
        } else if (pending[1] === 0x04) {
          const n = pending[2]
          if (status !== 'silent') {
            const answer = n === 1 ? status.printer : n === 2 ? status.offlineCause : status.paper
            socket.write(Uint8Array.of(answer ?? OK))
          }
          pending = pending.slice(3)
        } else {
          inJob = true
          chunks.push(...pending)
          pending = []
        }
      }
    })
    socket.on('error', () => {})
    socket.on('close', () => {
      sockets.delete(socket)
      if (chunks.length === 0) return
      const job = Uint8Array.from(chunks)
      jobs.push(job)
      waiting.shift()?.(job)
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no port')
  return {
    port: address.port,
    jobs,
    nextJob: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy()
        server.close(() => resolve())
      }),
  }
}

/** A port on 127.0.0.1 nothing listens on (taken, then released). */
export async function closedPort(): Promise<number> {
  const probe = await startFakePrinter()
  await probe.close()
  return probe.port
}
