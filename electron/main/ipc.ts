import { CHANNELS, IPC_PREFIX } from '../../shared/ipc'
import type { CallContext, Dispatch } from '../core'

/** The part of an IPC invoke event the wrapper looks at. */
export interface InvokeEventLike {
  sender: { id: number }
  senderFrame: { url: string; parent: unknown } | null
}

/** The part of ipcMain the wrapper uses (Electron's in the app, a fake in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => unknown): void
  removeHandler(channel: string): void
}

/**
 * Registers every contract channel on ipcMain — the only place `handle` is called. Each call is
 * checked to come from the top frame of our own app page, then goes to the core's dispatcher
 * (which validates the request and the role). Returns a function that unregisters them.
 */
export function registerContract(
  ipcMain: IpcMainLike,
  dispatch: Dispatch,
  isTrustedUrl: (url: string) => boolean,
): () => void {
  for (const name of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + name, async (event, request) => {
      const frame = event.senderFrame
      if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
        return {
          ok: false,
          error: {
            code: 'FORBIDDEN_SENDER',
            message: 'Calls are only accepted from the kiosk page.',
          },
        }
      }
      const ctx: CallContext = { sessionId: `ipc:${event.sender.id}`, transport: 'ipc' }
      return dispatch(name, request, ctx)
    })
  }
  return () => CHANNELS.forEach((name) => ipcMain.removeHandler(IPC_PREFIX + name))
}
