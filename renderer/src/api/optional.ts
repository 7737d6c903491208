import type { Result } from '../../../shared/ipc'
import { kiosk } from './index'

/** A channel the screens use if the running core offers it (printing, sync status, printer). */
export type Optional<T> = Result<T> | { ok: 'unavailable' }

/**
 * Calls `domain.verb` when the running core has it. Channels that other parts of the project are
 * still adding (receipt printing, sync status) are not in the typed contract yet, so the screens
 * feature-detect them: a missing preload method or an UNKNOWN_CHANNEL answer from the bridge both
 * mean "not available in this version", which the screens show instead of an error.
 */
export async function callOptional<T>(channel: string, request: unknown): Promise<Optional<T>> {
  const dot = channel.indexOf('.')
  const api = kiosk() as unknown as Record<string, Record<string, unknown> | undefined>
  const fn = api[channel.slice(0, dot)]?.[channel.slice(dot + 1)]
  if (typeof fn !== 'function') return { ok: 'unavailable' }
  const result = (await fn(request)) as Result<T>
  if (!result.ok && result.error.code === 'UNKNOWN_CHANNEL') return { ok: 'unavailable' }
  return result
}
