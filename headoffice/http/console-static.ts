import fastifyStatic from '@fastify/static'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'

/** The console's client-side routes (headoffice/console/src/router.ts): each answers the app. */
const SCREENS = [
  '/console',
  '/console/sign-in',
  '/console/plans',
  '/console/fleet',
  '/console/conflicts',
  '/console/audit',
  '/console/account',
  '/console/catalog',
  '/console/catalog/draft',
  '/console/catalog/versions/:version',
  '/console/stores',
  '/console/stores/:code',
  '/console/stores/:code/staff',
  '/console/plans/:planNumber',
  '/console/notifications',
  '/console/requests',
  '/console/reports',
  '/console/reports/print',
  '/console/fraud',
]

/**
 * The console's page policy: its own scripts and styles only (Vite emits files, no inline code);
 * nothing framed, nothing posted elsewhere. The API's answers keep the stricter default-src 'none'.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Serves the built console (`npm run build:console` → out/console) under /console. */
export function registerConsoleStatic(app: FastifyInstance, dir: string): void {
  void app.register(async (scope) => {
    scope.addHook('onSend', async (_request, reply, payload) => {
      void reply.header('content-security-policy', CONSOLE_CSP)
      return payload
    })
    // decorateReply off: the update feed may register @fastify/static (and sendFile) too.
    await scope.register(fastifyStatic, { root: dir, prefix: '/console/', decorateReply: false })
    const page = readFileSync(join(dir, 'index.html'), 'utf8')
    for (const path of SCREENS) {
      scope.get(path, async (_request, reply) => {
        void reply.header('cache-control', 'no-store').type('text/html; charset=utf-8')
        return page
      })
    }
  })
}
