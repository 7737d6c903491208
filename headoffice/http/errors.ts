import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { ErrorCode } from '../../shared/errors'
import { HeadOfficeError } from '../errors'
import type { HeadOfficeLogger } from '../logger'

/**
 * The HTTP status head office answers each error code with: the one place where codes meet
 * statuses. Inner layers throw {@link HeadOfficeError} (a code, no status); a code not listed
 * here is a 400.
 */
const STATUS_OF: Partial<Record<ErrorCode, number>> = {
  // authentication of kiosks and of the admin desk
  UNAUTHORIZED: 401,
  // the head-office console (docs/console.md)
  NOT_SIGNED_IN: 401,
  ROLE_FORBIDDEN: 403,
  SIGNATURE_EXPIRED: 401,
  SIGNATURE_INVALID: 401,
  KIOSK_UNKNOWN: 401,
  NONCE_REPLAYED: 401,
  KIOSK_REVOKED: 403,
  RATE_LIMITED: 429,
  // what a request names does not exist
  NOT_FOUND: 404,
  PLAN_NOT_FOUND: 404,
  RESERVATION_NOT_FOUND: 404,
  STORE_NOT_FOUND: 404,
  CONFLICT_NOT_FOUND: 404,
  PRIVACY_REQUEST_NOT_FOUND: 404,
  // the request is well-formed but the state does not allow it
  KIOSK_EXISTS: 409,
  KIOSK_CODE_TAKEN: 409,
  CATALOG_VERSION_OLDER: 409,
  PLAN_REDEEMED: 409,
  REDEEMED_ELSEWHERE: 409,
  PLAN_CANCELLED: 409,
  PLAN_RESERVED: 409,
  TOO_EARLY: 409,
  PLAN_EXPIRED: 409,
  PRIVACY_PLAN_ACTIVE: 409,
  PRIVACY_REQUEST_CLOSED: 409,
  PRIVACY_ALREADY_ERASED: 409,
  NOTIFICATION_NOT_RETRYABLE: 409,
  MESSAGES_NOT_CONSENTED: 409,
  OTP_UNAVAILABLE: 409,
  OTP_EXPIRED: 409,
  OTP_ATTEMPTS_EXCEEDED: 409,
  CATALOG_INVALID: 422,
  UPDATE_RELEASE_INVALID: 422,
  PAYLOAD_TOO_LARGE: 413,
  INTERNAL: 500,
}

/** Where one call of a route answers a code otherwise than {@link STATUS_OF} does. */
export type StatusExceptions = Partial<Record<ErrorCode, number>>

/** The HTTP status of an error code (400 unless listed), with a route's exceptions first. */
export function httpStatusOf(code: ErrorCode, exceptions: StatusExceptions = {}): number {
  return exceptions[code] ?? STATUS_OF[code] ?? 400
}

/** A {@link HeadOfficeError} whose route has fixed its status (see {@link answeringWith}). */
class RouteStatusError extends HeadOfficeError {
  constructor(
    error: HeadOfficeError,
    readonly status: number,
  ) {
    super(error.code, error.message)
  }
}

/**
 * Runs one step of a route whose refusals mean something else there than everywhere else (an
 * admin naming an unknown kiosk is a 404, a kiosk that is unknown when it signs a 401): the
 * codes listed in `exceptions` are answered with those statuses.
 */
export async function answeringWith<T>(
  exceptions: StatusExceptions,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work()
  } catch (error) {
    const status = error instanceof HeadOfficeError ? exceptions[error.code] : undefined
    if (status === undefined) throw error
    throw new RouteStatusError(error as HeadOfficeError, status)
  }
}

/** The uniform failure body. */
export function errorBody(code: ErrorCode, message: string) {
  return { ok: false as const, error: { code, message } }
}

/**
 * Fastify's error handler: a HeadOfficeError is answered with its code's status; Fastify's own
 * client errors keep their status (413 as PAYLOAD_TOO_LARGE, the rest as BAD_REQUEST); anything
 * else is logged and answered 500 INTERNAL without its message.
 */
export function errorHandler(logger: HeadOfficeLogger) {
  return (error: FastifyError | HeadOfficeError, request: FastifyRequest, reply: FastifyReply) => {
    // Refused before its body was read (rate limit, admin token, signature headers): hang up
    // after answering rather than read the rest of an unauthenticated body to keep the socket.
    if (!request.raw.complete) void reply.header('connection', 'close')
    if (error instanceof HeadOfficeError) {
      const status = error instanceof RouteStatusError ? error.status : httpStatusOf(error.code)
      return reply.status(status).send(errorBody(error.code, error.message))
    }
    const status = (error as FastifyError).statusCode ?? 500
    if (status === 413) {
      return reply
        .status(413)
        .send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is too large.'))
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send(errorBody('BAD_REQUEST', error.message))
    }
    logger.error('request failed', {
      method: request.method,
      route: request.routeOptions.url,
      error: error.message,
    })
    return reply
      .status(500)
      .send(errorBody('INTERNAL', 'Head office could not complete the request.'))
  }
}

/**
 * Errors Fastify raises before routing (a malformed %-escape in the path, a bad content-type
 * header): answered with the uniform envelope, 400, like any other malformed request.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  void reply.status(400).send(errorBody('BAD_REQUEST', error.message))
}

/** An unknown endpoint. */
export function notFoundHandler(_request: FastifyRequest, reply: FastifyReply): void {
  void reply.status(httpStatusOf('NOT_FOUND')).send(errorBody('NOT_FOUND', 'No such endpoint.'))
}
