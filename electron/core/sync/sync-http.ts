import { createHash, createHmac, randomBytes } from 'node:crypto'
import { z } from 'zod'
import type { OutboxEvent } from '../../../shared/sync/events'
import {
  envelopeOf,
  ImeiCheckResponseSchema,
  OtpSendResponseSchema,
  OtpVerifyResponseSchema,
  type ImeiCheckData,
  type ImeiCheckRequest,
  type OtpSendData,
  PlanLookupResponseSchema,
  PullResponseSchema,
  PushResponseSchema,
  ReserveResponseSchema,
  type PlanSummary,
  type PullResponseData,
  type PushResponseData,
  type ReserveRequest,
  type ReserveResponseData,
} from '../../../shared/sync/protocol'
import { signRequest } from '../../../shared/sync/signing'

/** Why a head-office call failed, so the loop knows whether and when to retry. */
export class SyncHttpError extends Error {
  constructor(
    /** `network`: unreachable or timed out; `server`: 5xx; `refused`: a 4xx answer. */
    readonly kind: 'network' | 'server' | 'refused',
    readonly code: string,
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message)
    this.name = 'SyncHttpError'
  }
}

export interface SyncHttpOptions {
  /** Head office's base URL, e.g. `https://ho.example.in`. */
  baseUrl: string
  kioskId: string
  /** Reads the kiosk secret (from the SecretStore) when a request is signed. */
  secret: () => Promise<string | null>
  clock: () => number
  fetch?: typeof fetch
  timeoutMs?: number
}

/** The kiosk's signed client of the head-office sync protocol. */
export interface SyncHttp {
  push(events: OutboxEvent[]): Promise<PushResponseData>
  pull(since: number, limit?: number): Promise<PullResponseData>
  lookup(planNumber: string, onDate: string): Promise<PlanSummary>
  reserve(planNumber: string, request: ReserveRequest): Promise<ReserveResponseData>
  /** Gives a reservation back (the sale did not go through). */
  release(planNumber: string, reservationId: string): Promise<void>
  /** Live plans anywhere and the lost/stolen register, before money moves (issue 17). */
  checkImeis(request: ImeiCheckRequest): Promise<ImeiCheckData>
  /** Has head office text the plan's mobile a one-time code. */
  sendOtp(planNumber: string): Promise<OtpSendData>
  /** Has head office check the code the customer read out. */
  verifyOtp(planNumber: string, otpId: string, code: string): Promise<void>
}

const ReleaseResponseSchema = envelopeOf(z.object({ released: z.boolean() }))

const hmac = (key: string, message: string) =>
  createHmac('sha256', key).update(message).digest('hex')
const sha256 = (body: Uint8Array) => createHash('sha256').update(body).digest('hex')

/** Builds the client: every request signed afresh (new nonce and timestamp, even on retry). */
export function createSyncHttp(options: SyncHttpOptions): SyncHttp {
  const doFetch = options.fetch ?? fetch
  const base = options.baseUrl.replace(/\/$/, '')

  async function call<T extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: T,
  ): Promise<unknown> {
    const secret = await options.secret()
    if (!secret)
      throw new SyncHttpError(
        'refused',
        'UNAUTHORIZED',
        'This kiosk has no head-office secret yet.',
      )
    const bytes =
      body === undefined ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(body))
    const headers = await signRequest({
      method,
      path,
      body: bytes,
      kioskId: options.kioskId,
      secret,
      nowMs: options.clock(),
      nonce: randomBytes(16).toString('base64url'),
      hmac,
      sha256,
    })
    let response: Response
    try {
      response = await doFetch(`${base}${path}`, {
        method,
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : bytes,
        signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
      })
    } catch (error) {
      throw new SyncHttpError(
        'network',
        'SYNC_OFFLINE',
        `Head office unreachable: ${(error as Error).message}`,
      )
    }
    let json: unknown
    try {
      json = await response.json()
    } catch {
      json = null
    }
    const parsed = schema.safeParse(json)
    if (response.ok && parsed.success && (parsed.data as { ok: boolean }).ok) {
      return (parsed.data as { data: unknown }).data
    }
    const error = parsed.success
      ? (parsed.data as { error?: { code: string; message: string } }).error
      : undefined
    const retryAfter = Number(response.headers.get('retry-after'))
    throw new SyncHttpError(
      response.status >= 500 ? 'server' : 'refused',
      error?.code ?? (response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
      error?.message ?? `Head office answered ${response.status}`,
      response.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null,
    )
  }

  return {
    push: (events) =>
      call('POST', '/sync/push', { events }, PushResponseSchema) as Promise<PushResponseData>,
    pull: (since, limit) =>
      call(
        'GET',
        `/sync/pull?since=${since}${limit ? `&limit=${limit}` : ''}`,
        undefined,
        PullResponseSchema,
      ) as Promise<PullResponseData>,
    lookup: (planNumber, onDate) =>
      call(
        'GET',
        `/plans/${encodeURIComponent(planNumber)}?onDate=${onDate}`,
        undefined,
        PlanLookupResponseSchema,
      ) as Promise<PlanSummary>,
    reserve: (planNumber, request) =>
      call(
        'POST',
        `/plans/${encodeURIComponent(planNumber)}/reserve`,
        request,
        ReserveResponseSchema,
      ) as Promise<ReserveResponseData>,
    release: async (planNumber, reservationId) => {
      await call(
        'POST',
        `/plans/${encodeURIComponent(planNumber)}/release`,
        { reservationId },
        ReleaseResponseSchema,
      )
    },
    checkImeis: (request) =>
      call('POST', '/imeis/check', request, ImeiCheckResponseSchema) as Promise<ImeiCheckData>,
    sendOtp: (planNumber) =>
      call(
        'POST',
        `/plans/${encodeURIComponent(planNumber)}/otp`,
        {},
        OtpSendResponseSchema,
      ) as Promise<OtpSendData>,
    verifyOtp: async (planNumber, otpId, code) => {
      await call(
        'POST',
        `/plans/${encodeURIComponent(planNumber)}/otp/verify`,
        { otpId, code },
        OtpVerifyResponseSchema,
      )
    },
  }
}
