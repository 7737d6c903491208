import helmet from '@fastify/helmet'
import type { FastifyInstance } from 'fastify'

/**
 * `@fastify/helmet` on every answer (refusals and 404s included). Head office serves JSON and CSV
 * to kiosks and the admin desk, never a page: the content security policy allows nothing and no
 * framing; HSTS for the TLS-terminating proxy in front; no referrer; nosniff.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  void app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  })
}
