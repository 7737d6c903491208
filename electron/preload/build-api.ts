import { CHANNELS, IPC_PREFIX, splitChannel, type KioskApi } from '../../shared/ipc'

export type Invoke = (channel: string, request: unknown) => Promise<unknown>

/**
 * Builds `window.kiosk` from the contract: `kiosk.plans.quote(req)` invokes `kiosk:plans.quote`.
 * Only these functions cross the bridge; the page never sees ipcRenderer.
 */
export function buildKioskApi(invoke: Invoke): KioskApi {
  const api: Record<string, Record<string, (request?: unknown) => Promise<unknown>>> = {}
  for (const name of CHANNELS) {
    const [domain, verb] = splitChannel(name)
    api[domain] ??= {}
    api[domain][verb] = (request?: unknown) => invoke(IPC_PREFIX + name, request ?? {})
  }
  return api as unknown as KioskApi
}
