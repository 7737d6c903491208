import type { FastifyServerOptions } from 'fastify'
import { frameworkErrorHandler } from './errors'

/**
 * Head office's Fastify options. Fastify's own logger stays off: our logger never sees headers,
 * so neither the admin token nor a signature can end up in a log line. Errors Fastify raises
 * before routing get the uniform envelope (http/errors.ts).
 */
export function serverOptions(options: {
  bodyLimit: number
  trustProxy: boolean | string
}): FastifyServerOptions {
  return {
    logger: false,
    bodyLimit: options.bodyLimit,
    trustProxy: options.trustProxy,
    frameworkErrors: frameworkErrorHandler,
  }
}
