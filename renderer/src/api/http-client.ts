import type { KioskApi, Result } from '../../../shared/ipc'

/** Reads the per-run bridge token the server put in the page. */
function bridgeToken(doc: Document): string {
  return doc.querySelector('meta[name="kiosk-bridge-token"]')?.getAttribute('content') ?? ''
}

/** One id per browser tab, kept across reloads, so a reload does not sign the clerk out. */
function sessionId(storage: Storage): string {
  let id = storage.getItem('kiosk-session')
  if (!id) {
    id = crypto.randomUUID()
    storage.setItem('kiosk-session', id)
  }
  return id
}

/**
 * The same `KioskApi` over the HTTP bridge (`POST /rpc/<domain.verb>`). A network failure
 * becomes an error envelope like any other, so screens handle one shape.
 */
export function createHttpKioskApi(options: {
  baseUrl: string
  token: string
  session: string
  fetch?: typeof fetch
}): KioskApi {
  const doFetch = options.fetch ?? fetch.bind(globalThis)
  const call = async (channel: string, request: unknown): Promise<Result<unknown>> => {
    try {
      const res = await doFetch(`${options.baseUrl}rpc/${channel}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${options.token}`,
          'x-kiosk-session': options.session,
        },
        body: JSON.stringify(request ?? {}),
      })
      return (await res.json()) as Result<unknown>
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'The kiosk service is not reachable.' },
      }
    }
  }
  // `kiosk.plans.quote(req)` → call('plans.quote', req), for any channel of the contract.
  return new Proxy({} as KioskApi, {
    get: (_target, domain: string) =>
      new Proxy(
        {},
        { get: (_t, verb: string) => (req: unknown) => call(`${domain}.${verb}`, req) },
      ),
  })
}

/** The HTTP client configured from the page the bridge served. */
export function createBrowserModeApi(): KioskApi {
  return createHttpKioskApi({
    baseUrl: new URL('/', window.location.href).toString(),
    token: bridgeToken(document),
    session: sessionId(window.sessionStorage),
  })
}
