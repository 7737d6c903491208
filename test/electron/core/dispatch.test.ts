import { describe, expect, it } from 'vitest'
import { createDispatcher, type Handlers } from '../../../electron/core/dispatch'
import { createMemoryLogger } from '../../../electron/core/logger'
import type { Sessions } from '../../../electron/core/session'
import type { ResponseOf } from '../../../shared/ipc'
import { makeCore } from './helpers'

// Issue 13, item 7: in tests and development dispatch checks each response against its contract
// schema as well as each request (electron/core/dispatch.ts).

const ctx = { sessionId: 's1', transport: 'ipc' as const }
const noSessions = { peek: () => undefined, touch: () => undefined } as unknown as Sessions

const appInfo: ResponseOf<'app.info'> = {
  name: 'kiosk',
  version: '1.0.0',
  storeCode: 'MH01',
  kioskCode: 'K1',
  databasePath: '/tmp/kiosk.db',
  schemaVersion: 1,
  catalogVersion: null,
  businessDate: '2026-11-30',
  training: false,
  transport: 'ipc',
  identity: 'fixed',
  storeName: null,
}

/** A dispatcher whose one handler, app.info, answers `answer`. */
function dispatcherAnswering(answer: unknown, checkResponses: boolean) {
  const logger = createMemoryLogger()
  const handlers = { 'app.info': () => answer } as unknown as Handlers
  const dispatch = createDispatcher({ handlers, sessions: noSessions, logger, checkResponses })
  return { dispatch, logger }
}

describe('dispatch checks responses against the contract', () => {
  it('refuses a malformed response when checking, naming the channel and the fields', async () => {
    const malformed = { ...appInfo, businessDate: '30/11/2026', schemaVersion: 'one' }
    const { dispatch, logger } = dispatcherAnswering(malformed, true)
    const res = await dispatch('app.info', {}, ctx)
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('INTERNAL')
    expect(res.error.message).toContain('app.info')
    expect(res.error.issues?.map((i) => i.path).sort()).toEqual(['businessDate', 'schemaVersion'])
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'error', message: 'response outside the contract' }),
    )
  })

  it('passes a well-formed response through unchanged (not re-parsed)', async () => {
    const answer = { ...appInfo, extra: 'kept' }
    const { dispatch } = dispatcherAnswering(answer, true)
    const res = await dispatch('app.info', {}, ctx)
    expect(res).toEqual({ ok: true, data: answer })
  })

  it('does not check when off (production)', async () => {
    const malformed = { ...appInfo, businessDate: '30/11/2026' }
    const { dispatch } = dispatcherAnswering(malformed, false)
    expect(await dispatch('app.info', {}, ctx)).toEqual({ ok: true, data: malformed })
  })

  it('is on for every core the tests start', async () => {
    expect(process.env.KIOSK_CHECK_RESPONSES).toBe('1')
    const t = await makeCore()
    try {
      const res = await t.core.dispatch('app.info', {}, ctx)
      expect(res.ok).toBe(true)
    } finally {
      await t.cleanup()
    }
  })
})
