import type { FastifyInstance } from 'fastify'

/** Marks a body that was not valid JSON; the route answers 400 after authenticating. */
export const INVALID_JSON = Symbol('invalid-json')

declare module 'fastify' {
  interface FastifyRequest {
    /** The body bytes exactly as received: the signature covers these, not a re-serialisation. */
    rawBody?: Buffer
  }
}

/** JSON bodies are kept raw (for the signature) and parsed here; parse errors become a marker. */
export function registerRawJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer
    request.rawBody = raw
    if (raw.length === 0) return done(null, undefined)
    try {
      done(null, JSON.parse(raw.toString('utf8')))
    } catch {
      done(null, INVALID_JSON)
    }
  })
}
