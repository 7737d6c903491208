import { describe, expect, it } from 'vitest'
import type { Dispatch } from '../../../electron/core'
import {
  registerContract,
  type IpcMainLike,
  type InvokeEventLike,
} from '../../../electron/main/ipc'
import { isAppUrl } from '../../../electron/main/lockdown'
import { CHANNELS, IPC_PREFIX } from '../../../shared/ipc'

/** A stand-in for Electron's ipcMain that records handlers, so calls can be made directly. */
function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => unknown>()
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler: (channel) => handlers.delete(channel),
  }
  return { ipc, handlers }
}

const fromApp = (id = 7): InvokeEventLike => ({
  sender: { id },
  senderFrame: { url: 'kiosk://app/index.html', parent: null },
})

describe('registerContract (main process IPC)', () => {
  it('registers every channel of the contract, and only those', () => {
    const { ipc, handlers } = fakeIpcMain()
    registerContract(ipc, async () => ({ ok: true, data: null }), isAppUrl)
    expect([...handlers.keys()].sort()).toEqual(CHANNELS.map((c) => IPC_PREFIX + c).sort())
  })

  it('passes app-page calls to the dispatcher with a per-window session', async () => {
    const { ipc, handlers } = fakeIpcMain()
    const seen: unknown[] = []
    const dispatch: Dispatch = async (channel, request, ctx) => {
      seen.push({ channel, request, ctx })
      return { ok: true, data: 'done' }
    }
    registerContract(ipc, dispatch, isAppUrl)
    const result = await handlers.get(`${IPC_PREFIX}plans.quote`)!(fromApp(3), { variantId: 'v' })
    expect(result).toEqual({ ok: true, data: 'done' })
    expect(seen).toEqual([
      {
        channel: 'plans.quote',
        request: { variantId: 'v' },
        ctx: { sessionId: 'ipc:3', transport: 'ipc' },
      },
    ])
  })

  it.each([
    ['a remote page', { url: 'https://evil.example/', parent: null }],
    ['a file URL', { url: 'file:///tmp/x.html', parent: null }],
    ['a sub-frame of the app', { url: 'kiosk://app/index.html', parent: {} }],
    ['a destroyed frame', null],
  ])('refuses calls from %s without reaching the core', async (_label, senderFrame) => {
    const { ipc, handlers } = fakeIpcMain()
    let called = false
    registerContract(
      ipc,
      async () => {
        called = true
        return { ok: true, data: null }
      },
      isAppUrl,
    )
    const result = await handlers.get(`${IPC_PREFIX}app.info`)!(
      { sender: { id: 1 }, senderFrame },
      {},
    )
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    expect(called).toBe(false)
  })

  it('unregisters everything it registered', () => {
    const { ipc, handlers } = fakeIpcMain()
    const off = registerContract(ipc, async () => ({ ok: true, data: null }), isAppUrl)
    off()
    expect(handlers.size).toBe(0)
  })
})
