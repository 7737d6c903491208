// What a scanned QR code says, as far as Find plan is concerned. The enrollment receipt's QR code
// carries the plan number (electron/core/receipts/kinds/common.ts: `qrText: plan.planNumber`); a
// later receipt may carry a verification URL with the plan number in it, so both are read here.
//
// The check character is the same one the core validates (shared/domain/plan-number.ts); here
// it only decides "is this a plan number at all", so that a stray QR code (a UPI code, a product
// label) gets a clear message instead of a lookup.

import { validatePlanNumber } from '../../shared/domain/plan-number'
import { decodePlanToken, planTokenFromUrl } from '../../shared/domain/plan-token'

/** `MH01-K1-0000001-1`, `TRN-MH01-K1-0000003-Y`: store, kiosk, 7-digit sequence, check char. */
const PLAN_NUMBER = /^(TRN-)?[0-9A-Z]{2,10}-[0-9A-Z]{1,10}-\d{7}-[0-9A-Z]$/

/** Longest payload worth looking at: QR codes on receipts are short. */
const MAX_PAYLOAD = 2048

/** The plan number in `text` (trimmed, upper case) when it is one, else null. */
export function asPlanNumber(text: string): string | null {
  const candidate = text.trim().toUpperCase()
  if (!PLAN_NUMBER.test(candidate)) return null
  return validatePlanNumber(candidate).ok ? candidate : null
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part)
  } catch {
    return part
  }
}

/** Everything in a URL that could hold the plan number: query values, path and hash segments. */
function urlCandidates(url: URL): string[] {
  const out: string[] = []
  const fromParams = (params: URLSearchParams) => {
    // Named parameters first, then any other value.
    for (const name of ['plan', 'planNumber', 'plan_number', 'p', 'id']) {
      const v = params.get(name)
      if (v) out.push(v)
    }
    params.forEach((v) => out.push(v))
  }
  fromParams(url.searchParams)
  out.push(...url.pathname.split('/').map(safeDecode))
  // Hash routes: `#/plans/MH01-K1-0000001-1?x=y`.
  const hash = url.hash.replace(/^#/, '')
  const q = hash.indexOf('?')
  out.push(...(q >= 0 ? hash.slice(0, q) : hash).split('/').map(safeDecode))
  if (q >= 0) fromParams(new URLSearchParams(hash.slice(q + 1)))
  return out.filter(Boolean)
}

export type QrPayload =
  | { kind: 'plan'; planNumber: string; source: 'text' | 'url' }
  /** Head office's public plan page of a certificate (issue 22): the plan's random id in its token. */
  | { kind: 'planLink'; planId: string }
  | { kind: 'other' }

/**
 * Reads a scanned QR payload: a plan number as printed, or a URL carrying one (in a query
 * parameter, a path segment or a hash route). Anything else is `{ kind: 'other' }`.
 */
export function parseQrPayload(raw: string): QrPayload {
  const text = raw.trim()
  if (!text || text.length > MAX_PAYLOAD) return { kind: 'other' }
  const direct = asPlanNumber(text)
  if (direct) return { kind: 'plan', planNumber: direct, source: 'text' }
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    let url: URL
    try {
      url = new URL(text)
    } catch {
      return { kind: 'other' }
    }
    // The certificate's link to head office's public plan page: its token names the plan by its
    // random id (docs/program-rules.md#the-customers-own-view); the MAC is head office's to check.
    const token = planTokenFromUrl(text)
    const decoded = token ? decodePlanToken(token) : null
    if (decoded) return { kind: 'planLink', planId: decoded.planId }
    for (const candidate of urlCandidates(url)) {
      const planNumber = asPlanNumber(candidate)
      if (planNumber) return { kind: 'plan', planNumber, source: 'url' }
    }
  }
  return { kind: 'other' }
}
