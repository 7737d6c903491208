import type { LocationQuery } from 'vue-router'

/**
 * The filters a dashboard or report view is looking at. They live in the address's query
 * (`?region=29&store=MH01&from=…&to=…`), so a view can be shared as a link and reloads the same.
 */
export interface ScopeFilters {
  region: string
  store: string
  from: string
  to: string
}

const KEYS = ['region', 'store', 'from', 'to'] as const

/** The filters in an address's query (missing ones empty: the server's defaults). */
export function filtersFrom(query: LocationQuery): ScopeFilters {
  const one = (k: string) => {
    const v = query[k]
    return typeof v === 'string' ? v : ''
  }
  return { region: one('region'), store: one('store'), from: one('from'), to: one('to') }
}

/** The filters as query parameters, empty ones left out; `extra` adds a view's own (thresholds). */
export function filterQuery(
  f: Partial<ScopeFilters>,
  extra: Record<string, string | number> = {},
): Record<string, string> {
  const q: Record<string, string> = {}
  for (const k of KEYS) if (f[k]) q[k] = f[k] as string
  for (const [k, v] of Object.entries(extra)) if (v !== '') q[k] = String(v)
  return q
}

/** `?a=1&b=2` for the API (empty string when there are none). */
export function search(q: Record<string, string>): string {
  const s = new URLSearchParams(q).toString()
  return s ? `?${s}` : ''
}
