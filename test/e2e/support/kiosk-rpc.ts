import type { Result } from '../../../shared/ipc'

/**
 * A second client of a running browser-mode kiosk, for test set-up the UI under test does not
 * need to show (extra plans): its own session id, the page's bridge token.
 */
export async function kioskRpc(url: string) {
  const html = await (await fetch(url)).text()
  const token = /name="kiosk-bridge-token" content="([^"]+)"/.exec(html)?.[1] ?? ''
  const session = crypto.randomUUID()
  return async function call<T>(channel: string, body: unknown): Promise<T> {
    const res = await fetch(new URL(`rpc/${channel}`, url), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'x-kiosk-session': session,
      },
      body: JSON.stringify(body),
    })
    const result = (await res.json()) as Result<T>
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`)
    return result.data
  }
}
