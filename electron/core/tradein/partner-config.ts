import { createHttpPartner } from './http-partner'
import type { TradeInPartner } from './partner'

/**
 * The trade-in partner from the shell's environment (README, docs/program-rules.md#trade-in):
 * `TRADE_IN_PARTNER_URL` (base URL of the quote API), `TRADE_IN_PARTNER_KEY` (its bearer key),
 * `TRADE_IN_PARTNER_ID` (default `cashify`), `TRADE_IN_PARTNER_TIMEOUT_MS` (default 4000). Without
 * a URL the kiosk prices trade-ins from the catalog's offline grid only.
 */
export function tradeInPartnerFromEnv(env: NodeJS.ProcessEnv): TradeInPartner | null {
  const baseUrl = env.TRADE_IN_PARTNER_URL?.trim()
  if (!baseUrl) return null
  const timeout = Number(env.TRADE_IN_PARTNER_TIMEOUT_MS)
  return createHttpPartner({
    id: env.TRADE_IN_PARTNER_ID?.trim() || 'cashify',
    baseUrl,
    apiKey: env.TRADE_IN_PARTNER_KEY ?? '',
    ...(Number.isInteger(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  })
}
