import type { KioskApi, Result } from '../../../shared/ipc'
import type { KioskErrorShape } from '../../../shared/errors'
import { createBrowserModeApi } from './http-client'

let raw: KioskApi | null = null
let wrapped: KioskApi | null = null
const errorListeners = new Set<(error: KioskErrorShape) => void>()

/**
 * Wraps an API so every error envelope is also reported to listeners: the session store hears
 * SESSION_LOCKED / NOT_SIGNED_IN from any screen and shows the lock or sign-in screen, without
 * each screen handling those itself.
 */
function withErrorTap(api: KioskApi): KioskApi {
  const target = api as unknown as Record<string, Record<string, unknown> | undefined>
  return new Proxy({} as KioskApi, {
    get: (_t, domain: string) => {
      const methods = target[domain]
      if (!methods) return undefined
      return new Proxy(
        {},
        {
          get: (_m, verb: string) => {
            const fn = methods[verb]
            if (typeof fn !== 'function') return undefined
            return async (request: unknown) => {
              const result = (await fn.call(methods, request)) as Result<unknown>
              if (!result.ok) errorListeners.forEach((listen) => listen(result.error))
              return result
            }
          },
        },
      )
    },
  })
}

/** The kiosk API: Electron's `window.kiosk` when present, else the HTTP bridge. Same type. */
export function kiosk(): KioskApi {
  raw ??= window.kiosk ?? createBrowserModeApi()
  wrapped ??= withErrorTap(raw)
  return wrapped
}

/** Replaces the API (component and store tests). */
export function setKioskApi(next: KioskApi): void {
  raw = next
  wrapped = null
}

/** Hears every error envelope any call returns; returns the function that stops listening. */
export function onKioskError(listener: (error: KioskErrorShape) => void): () => void {
  errorListeners.add(listener)
  return () => errorListeners.delete(listener)
}
