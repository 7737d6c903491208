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
import {
  HeartbeatResponseSchema,
  LogUploadResponseSchema,
  ProvisionResponseSchema,
  type Heartbeat,
  type ProvisionResponseData,
} from '../../../shared/sync/fleet'
import { signRequest } from '../../../shared/sync/signing'
import {
  UpdateResponseSchema,
  type UpdateOffer,
  type UpdatePlatform,
} from '../../../shared/sync/updates'

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
  /** `keys`: the newest key version held; head office adds newer keys to the answer. */
  pull(since: number, limit?: number, keys?: number): Promise<PullResponseData>
  lookup(planNumber: string, onDate: string): Promise<PlanSummary>
  reserve(planNumber: string, request: ReserveRequest): Promise<ReserveResponseData>
  /** Gives a reservation back (the sale did not go through). */
  release(planNumber: string, reservationId: string): Promise<void>
  /** The heartbeat of a sync cycle (docs/fleet.md#heartbeat); head office answers its clock offset. */
  heartbeat(hb: Heartbeat): Promise<{ clockOffsetMs: number }>
  /** Sends the kiosk's redacted logs. */
  sendLogs(upload: {
    reason: 'manager' | 'requested'
    text: string
  }): Promise<{ logId: string; bytes: number }>
  /** The release head office offers this kiosk (docs/updates.md), or null: stay. */
  updateOffer(version: string, platform: UpdatePlatform): Promise<UpdateOffer | null>
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
    pull: (since, limit, keys) =>
      call(
        'GET',
        `/sync/pull?since=${since}${limit ? `&limit=${limit}` : ''}` +
          (keys === undefined ? '' : `&keys=${keys}`),
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
    heartbeat: (hb) =>
      call('POST', '/sync/heartbeat', hb, HeartbeatResponseSchema) as Promise<{
        clockOffsetMs: number
      }>,
    sendLogs: (upload) =>
      call('POST', '/sync/logs', upload, LogUploadResponseSchema) as Promise<{
        logId: string
        bytes: number
      }>,
    updateOffer: async (version, platform) => {
      const query = `version=${encodeURIComponent(version)}&platform=${platform}`
      const data = (await call(
        'GET',
        `/sync/update?${query}`,
        undefined,
        UpdateResponseSchema,
      )) as {
        offer: UpdateOffer | null
      }
      return data.offer
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

/**
 * Redeems a one-time provisioning code at head office (docs/fleet.md#provisioning). Unsigned: the
 * kiosk has no secret yet, the code is the credential. Head office's refusal keeps its code
 * (PROVISIONING_CODE_USED, …) so the setup screen can say what is wrong.
 */
export async function redeemProvisioningCode(
  baseUrl: string,
  code: string,
  options: { fetch?: typeof fetch; timeoutMs?: number } = {},
): Promise<ProvisionResponseData> {
  let response: Response
  try {
    response = await (options.fetch ?? fetch)(`${baseUrl.replace(/\/$/, '')}/provision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 20_000),
    })
  } catch (error) {
    throw new SyncHttpError(
      'network',
      'SYNC_OFFLINE',
      `Head office unreachable: ${(error as Error).message}`,
    )
  }
  const parsed = ProvisionResponseSchema.safeParse(await response.json().catch(() => null))
  if (response.ok && parsed.success && parsed.data.ok) return parsed.data.data
  const error = parsed.success && !parsed.data.ok ? parsed.data.error : null
  throw new SyncHttpError(
    response.status >= 500 ? 'server' : 'refused',
    error?.code ?? (response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST'),
    error?.message ?? `Head office answered ${response.status}`,
    response.status,
  )
}
