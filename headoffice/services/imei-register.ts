import { z } from 'zod'

/**
 * The lost/stolen phone register (docs/security.md#lost-or-stolen-phones). India's central
 * register (CEIR, DoT) has no public API: access is granted to an operator under agreement. So
 * head office — one place, one set of credentials, every kiosk asks through it — speaks to it
 * through this adapter, and the HTTP implementation below takes the register's (or a partner's
 * gateway's) URL from the configuration.
 */
export interface ImeiRegister {
  /** True when the register lists the IMEI as lost or stolen; throws when it cannot answer. */
  isListed(imei: string): Promise<boolean>
}

export interface HttpImeiRegisterOptions {
  /** `GET <url>/<imei>` answers `{ "imei": "…", "status": "listed" | "clear" }`. */
  url: string
  /** Sent as a bearer token when set. */
  apiKey?: string
  /** A customer waits at the counter: the register answers fast or not at all. */
  timeoutMs?: number
  fetch?: typeof fetch
}

const AnswerSchema = z.object({
  imei: z.string(),
  status: z.enum(['listed', 'clear']),
})

/** The register over HTTP: any answer but a well-formed one for this IMEI is a failure. */
export function createHttpImeiRegister(options: HttpImeiRegisterOptions): ImeiRegister {
  const doFetch = options.fetch ?? fetch
  const base = options.url.replace(/\/$/, '')
  return {
    async isListed(imei) {
      const response = await doFetch(`${base}/${encodeURIComponent(imei)}`, {
        headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
        signal: AbortSignal.timeout(options.timeoutMs ?? 2_000),
      })
      if (!response.ok) throw new Error(`IMEI register answered ${response.status}`)
      const answer = AnswerSchema.safeParse(await response.json().catch(() => null))
      if (!answer.success || answer.data.imei !== imei) {
        throw new Error('IMEI register answered something else than this IMEI')
      }
      return answer.data.status === 'listed'
    },
  }
}
