import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server } from 'node:http'

/**
 * A real trade-in partner on 127.0.0.1 that behaves like one (docs/testing.md "local stand-ins"):
 * quotes from its own price list by grade, valid for `validForMs`; `delayMs` answers slowly;
 * `failNext` answers 503 so many times; `priceAtConfirm` changes the price between the quote and
 * its confirmation; a quote confirmed after its validity is refused 410. It checks the key and
 * records every request it received.
 */
export async function startPartnerServer(options: { apiKey: string; clock: () => number }) {
  const state = {
    delayMs: 0,
    failNext: 0,
    validForMs: 15 * 60_000,
    /** Paise by grade. */
    prices: { A: 6_000_00, B: 4_500_00, C: 2_000_00 } as Record<string, number>,
    priceAtConfirm: null as number | null,
    requests: [] as Array<{ path: string; auth: string | undefined; body: unknown }>,
  }
  const quotes = new Map<
    string,
    { amountPaise: number; validUntil: number; confirmedAmountPaise?: number }
  >()
  const body = (req: IncomingMessage) =>
    new Promise<unknown>((resolve) => {
      let text = ''
      req.on('data', (c: Buffer) => (text += c.toString()))
      req.on('end', () => resolve(text ? JSON.parse(text) : null))
    })
  const server: Server = createServer(async (req, res) => {
    const json = (status: number, value: unknown) => {
      if (res.destroyed) return
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    }
    const payload = await body(req)
    state.requests.push({ path: req.url ?? '', auth: req.headers.authorization, body: payload })
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs))
    if (state.failNext > 0) {
      state.failNext -= 1
      return json(503, { error: 'busy' })
    }
    if (req.headers.authorization !== `Bearer ${options.apiKey}`) return json(401, { error: 'key' })
    if (req.method === 'POST' && req.url === '/quotes') {
      const grade = (payload as { grade: string }).grade
      const amountPaise = state.prices[grade]
      if (amountPaise === undefined) return json(422, { error: 'grade' })
      const quoteId = `Q-${randomUUID().slice(0, 8)}`
      const validUntil = options.clock() + state.validForMs
      quotes.set(quoteId, { amountPaise, validUntil })
      return json(200, { quoteId, amountPaise, validUntil: new Date(validUntil).toISOString() })
    }
    // What head office asks to re-check a trade-in's amount: the quote as the partner holds it.
    const q = /^\/quotes\/([^/]+)$/.exec(req.url ?? '')
    if (req.method === 'GET' && q) {
      const id = decodeURIComponent(q[1] as string)
      const held = quotes.get(id)
      if (!held) return json(404, { error: 'quote' })
      return json(200, {
        quoteId: id,
        amountPaise: held.amountPaise,
        confirmedAmountPaise: held.confirmedAmountPaise ?? null,
      })
    }
    const m = /^\/quotes\/([^/]+)\/confirm$/.exec(req.url ?? '')
    if (req.method === 'POST' && m) {
      const quote = quotes.get(decodeURIComponent(m[1] as string))
      if (!quote) return json(404, { error: 'quote' })
      if (options.clock() > quote.validUntil) return json(410, { error: 'expired' })
      const now = state.priceAtConfirm ?? quote.amountPaise
      if (now !== (payload as { amountPaise: number }).amountPaise)
        return json(409, { amountPaise: now })
      quote.confirmedAmountPaise = now
      return json(200, { reference: `CF-${m[1]}`, amountPaise: now })
    }
    return json(404, { error: 'route' })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  return {
    url,
    state,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
