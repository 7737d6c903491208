import type { DataSource } from 'typeorm'
import { z } from 'zod'
import { tradeInsAwaitingPartner, updateTradeIn } from '../db/repos/tradeins'
import { withDb } from '../db/sql'

/**
 * Head office's own question to the trade-in partner (docs/program-rules.md#trade-in): it does not
 * trust the kiosk's figure, nor a quote id the kiosk names, so for every trade-in priced by the
 * partner it asks the partner's quote API itself (`GET <base>/quotes/<id>`, the same bearer key
 * configured at head office: TRADE_IN_PARTNER_URL, TRADE_IN_PARTNER_KEY) what was quoted and, once
 * confirmed, at what amount. Agreement: `ok`, the partner's amount recognised. Disagreement:
 * `mismatch` with TRADE_IN_AMOUNT_MISMATCH and the partner's amount recognised. A partner that
 * does not answer leaves the trade-in `pending-partner` for the next run. Runs outside any push
 * (a background job), so no kiosk's push waits on the partner.
 */
export interface PartnerLookup {
  baseUrl: string
  apiKey: string
  timeoutMs?: number
  fetch?: typeof fetch
}

const QuoteSchema = z.object({
  quoteId: z.string(),
  amountPaise: z.number().int().nonnegative(),
  confirmedAmountPaise: z.number().int().nonnegative().nullable().optional(),
})

export function tradeInPartnerLookupFromEnv(env: NodeJS.ProcessEnv): PartnerLookup | null {
  const baseUrl = env.TRADE_IN_PARTNER_URL?.trim()
  return baseUrl ? { baseUrl, apiKey: env.TRADE_IN_PARTNER_KEY ?? '' } : null
}

async function askPartner(
  partner: PartnerLookup,
  quoteId: string,
): Promise<z.infer<typeof QuoteSchema> | 'unknown' | null> {
  const doFetch = partner.fetch ?? fetch
  try {
    const res = await doFetch(
      `${partner.baseUrl.replace(/\/+$/, '')}/quotes/${encodeURIComponent(quoteId)}`,
      {
        headers: { authorization: `Bearer ${partner.apiKey}`, accept: 'application/json' },
        signal: AbortSignal.timeout(partner.timeoutMs ?? 5_000),
      },
    )
    if (res.status === 404) return 'unknown'
    if (!res.ok) return null
    const parsed = QuoteSchema.safeParse(await res.json())
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Checks every trade-in waiting for the partner; returns what it settled. */
export async function checkPartnerTradeIns(
  ds: DataSource,
  partner: PartnerLookup,
): Promise<{ ok: number; mismatch: number; pending: number }> {
  const tally = { ok: 0, mismatch: 0, pending: 0 }
  const waiting = await withDb(ds, (db) => tradeInsAwaitingPartner(db))
  for (const t of waiting) {
    if (!t.quoteId) {
      tally.pending++
      continue
    }
    const answer = await askPartner(partner, t.quoteId)
    if (answer === null) {
      tally.pending++
      continue
    }
    const partnerPaise =
      answer === 'unknown' ? null : (answer.confirmedAmountPaise ?? answer.amountPaise)
    // The voucher's amount must be what the partner quoted (or confirmed at the counter).
    const matches = partnerPaise !== null && partnerPaise === t.kioskPaise
    const reason =
      partnerPaise === null
        ? `The partner does not know quote ${t.quoteId}.`
        : `The partner quoted ${partnerPaise} paise, not ${t.kioskPaise}.`
    const agreed =
      matches ||
      // A price change the partner confirmed on sync is the partner's own figure, flagged by
      // the confirmation; the voucher stands at what the customer was given.
      (t.confirmation === 'price-changed' && partnerPaise === t.confirmedPaise)
    await withDb(ds, (db) =>
      updateTradeIn(db, {
        ...t,
        recognisedPaise: agreed ? t.kioskPaise : partnerPaise,
        checkStatus: agreed ? 'ok' : 'mismatch',
        checkReason: agreed ? null : `TRADE_IN_AMOUNT_MISMATCH: ${reason}`,
      }),
    )
    tally[agreed ? 'ok' : 'mismatch']++
  }
  return tally
}
