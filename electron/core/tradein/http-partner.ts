import { z } from 'zod'
import { KioskError } from '../../../shared/errors'
import type {
  PartnerConfirmation,
  PartnerQuote,
  TradeInPartner,
  TradeInQuoteRequest,
} from './partner'

/** A partner's quote API over HTTP (docs/program-rules.md#trade-in): base URL and key from configuration. */
export interface HttpPartnerOptions {
  id: string
  baseUrl: string
  apiKey: string
  /** The counter waits seconds, not minutes: past this the offline grid answers. */
  timeoutMs?: number
  fetch?: typeof fetch
  clock?: () => number
}

const QuoteAnswerSchema = z.object({
  quoteId: z.string().min(1).max(80),
  amountPaise: z.number().int().nonnegative(),
  validUntil: z.string().datetime({ offset: true }),
})
const ConfirmAnswerSchema = z.object({
  reference: z.string().min(1).max(80),
  amountPaise: z.number().int().nonnegative(),
})
const PriceChangedSchema = z.object({ amountPaise: z.number().int().nonnegative() })

const unavailable = (partnerId: string, why: string) =>
  new KioskError('TRADE_IN_PARTNER_UNAVAILABLE', `Trade-in partner ${partnerId}: ${why}.`)

/**
 * The HTTP partner: `POST <base>/quotes` → `{quoteId, amountPaise, validUntil}`;
 * `POST <base>/quotes/<id>/confirm {amountPaise}` → 200 `{reference, amountPaise}`, 410 expired,
 * 409 `{amountPaise}` when the partner's price changed. Bearer key on every request.
 */
export function createHttpPartner(options: HttpPartnerOptions): TradeInPartner {
  const doFetch = options.fetch ?? fetch
  const clock = options.clock ?? Date.now
  const base = options.baseUrl.replace(/\/+$/, '')

  async function post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
    let response: Response
    try {
      response = await doFetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 4_000),
      })
    } catch (error) {
      throw unavailable(options.id, `no answer (${(error as Error).name})`)
    }
    if (response.status >= 500) throw unavailable(options.id, `HTTP ${response.status}`)
    let json: unknown = null
    try {
      json = await response.json()
    } catch {
      json = null
    }
    return { status: response.status, json }
  }

  return {
    id: options.id,
    async quote(request: TradeInQuoteRequest): Promise<PartnerQuote> {
      const { status, json } = await post('/quotes', {
        model: { id: request.modelId, name: request.modelName },
        variant: { id: request.variantId, name: request.variantName },
        imei: request.imei,
        grade: request.grade,
        answers: request.answers,
      })
      const parsed = QuoteAnswerSchema.safeParse(json)
      if (status !== 200 || !parsed.success)
        throw unavailable(options.id, `no quote (HTTP ${status})`)
      if (Date.parse(parsed.data.validUntil) <= clock()) {
        throw new KioskError('TRADE_IN_QUOTE_EXPIRED', `Quote ${parsed.data.quoteId} came expired.`)
      }
      return { partnerId: options.id, ...parsed.data }
    },
    async confirm(quote: PartnerQuote): Promise<PartnerConfirmation> {
      if (Date.parse(quote.validUntil) <= clock()) {
        throw new KioskError('TRADE_IN_QUOTE_EXPIRED', `Quote ${quote.quoteId} has expired.`)
      }
      const { status, json } = await post(`/quotes/${encodeURIComponent(quote.quoteId)}/confirm`, {
        amountPaise: quote.amountPaise,
      })
      if (status === 410) {
        throw new KioskError('TRADE_IN_QUOTE_EXPIRED', `Quote ${quote.quoteId} has expired.`)
      }
      if (status === 409) {
        const changed = PriceChangedSchema.safeParse(json)
        if (!changed.success) throw unavailable(options.id, 'a refusal without a price')
        throw new KioskError(
          'TRADE_IN_PRICE_CHANGED',
          `Quote ${quote.quoteId}: the partner now pays ${changed.data.amountPaise} paise, not ${quote.amountPaise}.`,
          undefined,
          { quotedPaise: quote.amountPaise, newPaise: changed.data.amountPaise },
        )
      }
      const parsed = ConfirmAnswerSchema.safeParse(json)
      if (status !== 200 || !parsed.success)
        throw unavailable(options.id, `no confirmation (HTTP ${status})`)
      return parsed.data
    },
  }
}
