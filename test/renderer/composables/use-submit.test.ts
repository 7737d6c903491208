// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import type { KioskErrorShape } from '../../../shared/errors'
import type { Result } from '../../../shared/ipc'
import { useSubmit } from '../../../renderer/src/composables/use-submit'

/** A request whose answer the test gives when it likes. */
function pending<T>() {
  let answer!: (r: Result<T>) => void
  const promise = new Promise<Result<T>>((resolve) => (answer = resolve))
  return { promise, answer }
}

const refused = (code: string): Result<never> => ({
  ok: false,
  error: { code, message: code } as KioskErrorShape,
})

describe('useSubmit', () => {
  it('is busy while the request is on its way and answers its data', async () => {
    const submit = useSubmit()
    const call = pending<{ planNumber: string }>()
    const done = submit.run(() => call.promise)
    expect(submit.busy.value).toBe(true)
    call.answer({ ok: true, data: { planNumber: 'MH01-K1-0000001-X' } })
    expect(await done).toEqual({ planNumber: 'MH01-K1-0000001-X' })
    expect(submit.busy.value).toBe(false)
    expect(submit.error.value).toBeNull()
  })

  it('keeps the core’s refusal in error, hands it to onError, and clears it on the next try', async () => {
    const submit = useSubmit()
    const seen: string[] = []
    const answer = await submit.run(async () => refused('PLAN_NOT_FOUND'), {
      onError: (e) => seen.push(e.code),
    })
    expect(answer).toBeNull()
    expect(submit.error.value?.code).toBe('PLAN_NOT_FOUND')
    expect(seen).toEqual(['PLAN_NOT_FOUND'])
    expect(submit.busy.value).toBe(false)

    const retry = pending<number>()
    const again = submit.run(() => retry.promise)
    expect(submit.error.value).toBeNull()
    retry.answer({ ok: true, data: 1 })
    expect(await again).toBe(1)
  })

  it('ignores a second tap while the first request is on its way', async () => {
    const submit = useSubmit()
    const first = pending<string>()
    let calls = 0
    const one = submit.run(() => (calls++, first.promise))
    expect(await submit.run(async () => (calls++, { ok: true, data: 'second' }))).toBeNull()
    expect(calls).toBe(1)
    expect(submit.busy.value).toBe(true)
    first.answer({ ok: true, data: 'first' })
    expect(await one).toBe('first')
  })

  it('lets a load that follows the route overlap the previous one', async () => {
    const load = useSubmit()
    const first = pending<string>()
    const one = load.run(() => first.promise, { overlap: true })
    expect(await load.run(async () => ({ ok: true, data: 'B' }), { overlap: true })).toBe('B')
    first.answer({ ok: true, data: 'A' })
    expect(await one).toBe('A')
  })

  it('shares one error among the requests of a store, and reset clears it', async () => {
    const error = ref<KioskErrorShape | null>(null)
    const load = useSubmit(error)
    const submit = useSubmit(error)
    await load.run(async () => refused('INTERNAL'))
    expect(error.value?.code).toBe('INTERNAL')
    expect(submit.error.value?.code).toBe('INTERNAL')
    // Starting the other request clears the message the screen shows.
    const call = pending<boolean>()
    const sent = submit.run(() => call.promise)
    expect(error.value).toBeNull()
    call.answer(refused('PLAN_CANCELLED'))
    await sent
    expect(load.error.value?.code).toBe('PLAN_CANCELLED')
    // The next customer starts clean.
    submit.reset()
    expect(error.value).toBeNull()
    expect(submit.busy.value).toBe(false)
  })
})
