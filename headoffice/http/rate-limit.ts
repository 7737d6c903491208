import rateLimit from '@fastify/rate-limit'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { HeadOfficeError } from '../errors'

/** So many requests per window (a fixed window, per key, in this process's memory). */
export interface RateBudget {
  max: number
  windowMs: number
}

/** A kiosk syncs every few minutes; 30 requests per 6 s leaves room for a catch-up. */
export const DEFAULT_KIOSK_BUDGET: RateBudget = { max: 30, windowMs: 6_000 }

/**
 * Everything from one address, before anything else looks at the request: the kiosks of a store
 * share its address (about four at the per-kiosk budget), and a flood of forged requests is
 * refused before it costs an authentication (a database read, an HMAC) or a body.
 */
export const DEFAULT_ADDRESS_BUDGET: RateBudget = { max: 120, windowMs: 10_000 }

const refusal = () => new HeadOfficeError('RATE_LIMITED', 'Too many requests: try again later.')

/**
 * Registers `@fastify/rate-limit` and, once it is loaded, the per-address budget as the first
 * onRequest hook of every route (404s included): before the admin token, the kiosk signature
 * headers and the body. Its refusal is a RATE_LIMITED error (429 with retry-after).
 *
 * With several head-office processes each keeps its own counters, which only loosens the limit
 * by that factor. Behind a reverse proxy the address is the client's only when `trustProxy`
 * names the proxy (HEADOFFICE_TRUST_PROXY).
 */
export function registerAddressRateLimit(app: FastifyInstance, budget: RateBudget): void {
  void app.register(rateLimit, { global: false, errorResponseBuilder: refusal })
  app.after(() => {
    app.addHook(
      'onRequest',
      app.rateLimit({
        max: budget.max,
        timeWindow: budget.windowMs,
        keyGenerator: (request) => `address:${request.ip}`,
      }),
    )
  })
}

/** The per-kiosk budget, spent only once a request's signature proves which kiosk is asking. */
export type KioskRateLimit = (
  request: FastifyRequest,
  reply: FastifyReply,
  kioskId: string,
) => Promise<void>

export function kioskRateLimit(budget: RateBudget): KioskRateLimit {
  let check: ReturnType<FastifyInstance['createRateLimit']> | undefined
  const key = Symbol('kiosk-rate-key')
  type Keyed = FastifyRequest & { [key]?: string }
  return async (request, reply, kioskId) => {
    // Made on first use: the plugin's decorator exists once head office is ready.
    check ??= request.server.createRateLimit({
      max: budget.max,
      timeWindow: budget.windowMs,
      keyGenerator: (r) => `kiosk:${(r as Keyed)[key]}`,
    })
    ;(request as Keyed)[key] = kioskId
    const result = await check(request)
    if (result.isAllowed || !result.isExceeded) return
    void reply.header('retry-after', String(Math.max(1, result.ttlInSeconds)))
    throw new HeadOfficeError('RATE_LIMITED', 'Too many requests from this kiosk.')
  }
}
