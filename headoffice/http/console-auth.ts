import type { FastifyReply, FastifyRequest } from 'fastify'
import type { DataSource } from 'typeorm'
import { HeadOfficeError } from '../errors'
import { type ConsolePermission, roleMay } from '../services/console-access'
import { type ConsolePolicy, type ConsoleUser, sessionUser } from '../services/console-users'

/** The console's session cookie: only its hash is stored (docs/console.md#sessions). */
export const SESSION_COOKIE = 'ho_console'

declare module 'fastify' {
  interface FastifyRequest {
    consoleUser?: ConsoleUser
  }
}

/**
 * HttpOnly so page scripts never read it, SameSite=Strict so no other site's page sends it,
 * Secure whenever the request came over TLS ('auto': the protocol Fastify sees, which honours
 * X-Forwarded-Proto from a trusted proxy).
 */
export const COOKIE_OPTIONS = {
  path: '/console',
  httpOnly: true,
  sameSite: 'strict',
  secure: 'auto',
} as const

/** Sets the session cookie (a session cookie: gone when the browser closes). */
export function setSessionCookie(reply: FastifyReply, token: string): void {
  void reply.setCookie(SESSION_COOKIE, token, COOKIE_OPTIONS)
}

/**
 * An onRequest hook: the request must carry a full session whose role holds `permission`;
 * otherwise 401 (no session — the admin token is never one) or 403 (the role may not).
 */
export function requireConsole(
  ds: DataSource,
  policy: ConsolePolicy,
  clock: () => number,
  permission: ConsolePermission | null,
) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = request.cookies[SESSION_COOKIE]
    const user = token ? await sessionUser(ds, token, policy, clock()) : null
    if (!user) throw new HeadOfficeError('NOT_SIGNED_IN', 'Sign in to the console.')
    if (permission && !roleMay(user.role, permission)) {
      throw new HeadOfficeError('ROLE_FORBIDDEN', 'Your role may not see this.')
    }
    request.consoleUser = user
  }
}
