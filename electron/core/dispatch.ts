import { z } from 'zod'
import { KioskError, type ErrorIssue, isErrorCode } from '../../shared/errors'
import {
  contract,
  isChannel,
  type Channel,
  type ParsedRequestOf,
  type ResponseOf,
  type Result,
} from '../../shared/ipc'
import type { Logger } from './logger'
import type { Sessions, SignedInStaff } from './session'

/** Where a call comes from: one UI session (Electron window or bridge token). */
export interface CallContext {
  sessionId: string
  transport: 'ipc' | 'http'
}

export interface HandlerContext extends CallContext {
  /** The signed-in staff member; null only on public channels. */
  staff: SignedInStaff | null
}

export type Handler<C extends Channel> = (
  request: ParsedRequestOf<C>,
  ctx: HandlerContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>

/** The core's implementation of every channel of the contract. */
export type Handlers = { [C in Channel]: Handler<C> }

/** A domain's part of the handler table: its channels `<domain>.*`, typed from the contract. */
export type HandlersOf<Domain extends string> = {
  [C in Extract<Channel, `${Domain}.${string}`>]: Handler<C>
}

export type Dispatch = (
  channel: string,
  request: unknown,
  ctx: CallContext,
) => Promise<Result<unknown>>

/** Turns zod issues into the contract's error issues (path `customer.mobile`). */
export function toIssues(error: z.ZodError): ErrorIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    code: 'VALIDATION_FAILED',
    message: i.message,
  }))
}

/**
 * The single door into the core, shared by both transports: known channel, allowed session and
 * role, valid request, then the handler; every failure becomes an error envelope, never a throw.
 *
 * With `checkResponses` (tests and development) every answer is also checked against the
 * channel's response schema, so a handler that drifts from the contract fails its tests instead of
 * surprising the renderer. Production skips it: the request check is the boundary that guards the
 * core, the handlers are typed against the same schemas, and parsing every answer (plan histories,
 * audit pages, reports) would cost the counter time on each call for a mistake the tests catch.
 */
export function createDispatcher(deps: {
  handlers: Handlers
  sessions: Sessions
  logger: Logger
  checkResponses?: boolean
}): Dispatch {
  const { handlers, sessions, logger, checkResponses = false } = deps
  return async (name, rawRequest, ctx) => {
    if (!isChannel(name)) {
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${name}` } }
    }
    const def = contract[name]
    let staff: SignedInStaff | null = null
    if (def.access !== 'public') {
      const session = sessions.peek(ctx.sessionId)
      if (!session)
        return { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Sign in first.' } }
      if (session.locked) {
        return { ok: false, error: { code: 'SESSION_LOCKED', message: 'The kiosk is locked.' } }
      }
      if (!def.access.includes(session.staff.role)) {
        return {
          ok: false,
          error: { code: 'ROLE_FORBIDDEN', message: `A ${session.staff.role} may not do this.` },
        }
      }
      sessions.touch(ctx.sessionId)
      staff = session.staff
    } else {
      staff = sessions.peek(ctx.sessionId)?.staff ?? null
    }
    // Validated only once the caller may use the channel: an anonymous or unauthorised caller
    // learns nothing of what it expects.
    const parsed = def.request.safeParse(rawRequest ?? {})
    if (!parsed.success) {
      return {
        ok: false,
        error: {
          code: 'VALIDATION_FAILED',
          message: 'The request is not valid.',
          issues: toIssues(parsed.error),
        },
      }
    }
    try {
      const handler = handlers[name] as (req: unknown, c: HandlerContext) => unknown
      const data = await handler(parsed.data, { ...ctx, staff })
      if (checkResponses) {
        // Checked, not replaced: the answer is the same whether the check is on or off.
        const answer = def.response.safeParse(data)
        if (!answer.success) {
          const issues = toIssues(answer.error)
          logger.error('response outside the contract', { channel: name, issues })
          return {
            ok: false,
            error: {
              code: 'INTERNAL',
              message: `The core's answer to ${name} does not match the contract.`,
              issues,
            },
          }
        }
      }
      return { ok: true, data }
    } catch (err) {
      if (err instanceof KioskError && isErrorCode(err.code)) {
        return { ok: false, error: err.toShape() }
      }
      if (err instanceof z.ZodError) {
        return {
          ok: false,
          error: { code: 'VALIDATION_FAILED', message: 'Invalid data.', issues: toIssues(err) },
        }
      }
      logger.error('handler failed', {
        channel: name,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      })
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Something went wrong; the action was not saved.' },
      }
    }
  }
}
