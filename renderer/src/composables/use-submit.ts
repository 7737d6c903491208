import { ref, type Ref } from 'vue'
import type { KioskErrorShape } from '../../../shared/errors'
import type { Result } from '../../../shared/ipc'

export interface RunOptions {
  /**
   * Let a call start while the previous one is still on its way (a load that follows the route).
   * By default a call made while busy is ignored: a second tap never sends a second request.
   */
  overlap?: boolean
  /** Called with the core's refusal once it is in `error` (e.g. to go back to the step it concerns). */
  onError?: (error: KioskErrorShape) => void
}

/**
 * A store's request to the core and what the screen shows of it: `busy` while it is on its way
 * (the button's disabled state), `error` cleared as it starts and holding the core's refusal after,
 * and `reset()` for the next customer. Several requests of one store may share one `error` (the
 * screen shows one message): pass the same ref to each.
 */
export function useSubmit(error: Ref<KioskErrorShape | null> = ref(null)) {
  const busy = ref(false)

  /** Sends the request; answers its data, or null when it was refused (or ignored as a repeat). */
  async function run<T>(
    call: () => Promise<Result<T>>,
    options: RunOptions = {},
  ): Promise<T | null> {
    if (busy.value && !options.overlap) return null
    busy.value = true
    error.value = null
    const answer = await call()
    busy.value = false
    if (answer.ok) return answer.data
    error.value = answer.error
    options.onError?.(answer.error)
    return null
  }

  function reset() {
    busy.value = false
    error.value = null
  }

  return { busy, error, run, reset }
}
