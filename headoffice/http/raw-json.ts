import type { FastifyInstance } from 'fastify'

/** Marks a body that was not valid JSON; the route answers 400 after authenticating. */
export const INVALID_JSON = Symbol('invalid-json')

/** Marks a body kept raw until authentication has checked it (see `jsonAfterAuth`). */
export const UNVERIFIED_BODY = Symbol('unverified-body')

declare module 'fastify' {
  interface FastifyRequest {
    /** The body bytes exactly as received: the signature covers these, not a re-serialisation. */
    rawBody?: Buffer
    /**
     * Set by an authentication hook that must check the raw bytes before anything reads them as
     * JSON (a kiosk's signature covers the body's hash): the body stays {@link UNVERIFIED_BODY}
     * until that hook calls {@link parseJsonBody}.
     */
    jsonAfterAuth?: boolean
  }
}

/** The raw bytes as JSON: undefined when empty, {@link INVALID_JSON} when not JSON. */
export function parseJsonBody(raw: Buffer | undefined): unknown {
  if (!raw || raw.length === 0) return undefined
  try {
    return JSON.parse(raw.toString('utf8'))
  } catch {
    return INVALID_JSON
  }
}

/**
 * JSON bodies are kept raw (for the signature); parse errors become a marker. A body whose
 * request authenticates on its bytes is not parsed here at all: a forged or tampered push is
 * refused on a hash, never handed to the JSON parser.
 */
export function registerRawJson(app: FastifyInstance): void {
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    const raw = body as Buffer
    request.rawBody = raw
    done(null, request.jsonAfterAuth ? UNVERIFIED_BODY : parseJsonBody(raw))
  })
}
