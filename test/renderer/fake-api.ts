import type { KioskApi } from '../../shared/ipc'

type Handler = (request: unknown) => unknown

/**
 * A fake kiosk API for component and store tests: `{ 'plans.quote': (req) => envelope }`.
 * Every call is recorded; a channel without a handler answers UNKNOWN_CHANNEL like the bridge.
 */
export function fakeApi(handlers: Record<string, Handler>) {
  const calls: { channel: string; request: unknown }[] = []
  const api = new Proxy({} as KioskApi, {
    get: (_t, domain: string) =>
      new Proxy(
        {},
        {
          get: (_m, verb: string) => async (request: unknown) => {
            const channel = `${domain}.${verb}`
            calls.push({ channel, request })
            const handler = handlers[channel]
            if (!handler) return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: channel } }
            return handler(request)
          },
        },
      ),
  })
  return {
    api,
    calls,
    count: (channel: string) => calls.filter((c) => c.channel === channel).length,
  }
}

export const ok = <T>(data: T) => ({ ok: true as const, data })
export const fail = (code: string, issues?: { path: string; code: string; message: string }[]) => ({
  ok: false as const,
  error: { code, message: code, ...(issues ? { issues } : {}) },
})
