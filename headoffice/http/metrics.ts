import type { FastifyInstance } from 'fastify'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import type { DataSource } from 'typeorm'
import { queueDepths } from '../db/repos/fleet'
import { withDb } from '../db/sql'

/**
 * Head office's metrics in Prometheus format, through `prom-client` (docs/fleet.md#metrics). A
 * registry of the app's own (not prom-client's global one), so two apps in one process (tests)
 * never share counters.
 */
export interface HeadOfficeMetrics {
  registry: Registry
  /** One push's answers, by status (applied, duplicate, rejected, conflict, deferred). */
  pushOutcomes: Counter<'outcome'>
}

/** Builds the metrics and times every request by its route pattern (never the raw URL). */
export function registerMetrics(app: FastifyInstance, ds: DataSource): HeadOfficeMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'headoffice_' })
  const duration = new Histogram({
    name: 'headoffice_http_request_duration_seconds',
    help: 'HTTP requests by route pattern, method and status (rate: its _count)',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  })
  const syncRequests = new Counter({
    name: 'headoffice_sync_requests_total',
    help: 'Kiosk sync requests (push, pull, heartbeat, logs) by answer: ok or the HTTP status',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  })
  const pushOutcomes = new Counter({
    name: 'headoffice_push_events_total',
    help: 'Pushed events by head office answer',
    labelNames: ['outcome'] as const,
    registers: [registry],
  })
  const depth = new Gauge({
    name: 'headoffice_queue_depth',
    help: 'Work waiting at head office, read from the database at scrape time',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      const depths = await withDb(ds, queueDepths)
      for (const [queue, n] of Object.entries(depths)) this.set({ queue }, n)
    },
  })
  void depth
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    const status = String(reply.statusCode)
    duration.observe({ method: request.method, route, status }, reply.elapsedTime / 1000)
    const kind = /^\/sync\/(push|pull|heartbeat|logs)$/.exec(route)?.[1]
    if (kind) syncRequests.inc({ kind, outcome: reply.statusCode < 400 ? 'ok' : status })
  })
  return { registry, pushOutcomes }
}
