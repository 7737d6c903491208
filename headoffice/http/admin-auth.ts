import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { HeadOfficeError } from '../errors'

/**
 * Admin endpoints take `Authorization: Bearer <HEADOFFICE_ADMIN_TOKEN>`, checked as an onRequest
 * hook: a request without the token is refused before a byte of its body is read (an 8 MB
 * catalog upload included). Both sides are hashed first so the comparison is constant-time
 * whatever the lengths; the token is never logged.
 */
export function adminAuthHook(adminToken: string) {
  const expected = createHash('sha256').update(adminToken).digest()
  return async (request: FastifyRequest): Promise<void> => {
    const value = request.headers.authorization
    const token = typeof value === 'string' && value.startsWith('Bearer ') ? value.slice(7) : ''
    const given = createHash('sha256').update(token).digest()
    if (!token || !timingSafeEqual(given, expected)) {
      throw new HeadOfficeError('UNAUTHORIZED', 'Admin token required.')
    }
  }
}
