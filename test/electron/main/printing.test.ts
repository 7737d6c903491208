import { beforeEach, describe, expect, it, vi } from 'vitest'

// A stand-in for the few Electron APIs printing.ts touches (the binary cannot run here).
const calls = vi.hoisted(() => ({
  print: [] as unknown[],
  pdf: [] as unknown[],
  loaded: [] as string[],
  destroyed: 0,
  printOk: true,
}))

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      print: (options: unknown, done: (success: boolean, reason: string) => void) => {
        calls.print.push(options)
        done(calls.printOk, calls.printOk ? '' : 'Printer is offline')
      },
      printToPDF: async (options: unknown) => {
        calls.pdf.push(options)
        return Buffer.from('%PDF-1.7 fake')
      },
    }
    async loadURL(url: string) {
      calls.loaded.push(url)
    }
    destroy() {
      calls.destroyed++
    }
  }
  return {
    BrowserWindow,
    webContents: {
      getAllWebContents: () => [
        {
          getPrintersAsync: async () => [
            { name: 'Office A4', isDefault: true },
            { name: 'TVS RP3160' },
          ],
        },
      ],
    },
  }
})

const { createSystemPrinter } = await import('../../../electron/main/printing')

describe('the shell system printer port', () => {
  beforeEach(() => {
    calls.print.length = 0
    calls.pdf.length = 0
    calls.loaded.length = 0
    calls.destroyed = 0
    calls.printOk = true
  })

  it('prints silently to the named printer with an explicit page size', async () => {
    const port = createSystemPrinter()
    await port.print('<p>hi</p>', 'TVS RP3160', '80mm')
    await port.print('<p>hi</p>', 'Office A4', 'a4')
    expect(calls.print).toEqual([
      expect.objectContaining({
        silent: true,
        deviceName: 'TVS RP3160',
        pageSize: { width: 80_000, height: 297_000 },
      }),
      expect.objectContaining({ silent: true, deviceName: 'Office A4', pageSize: 'A4' }),
    ])
    expect(calls.loaded[0]).toMatch(/^data:text\/html;charset=utf-8;base64,/)
    expect(calls.destroyed).toBe(2)
  })

  it('rejects a failed print, returns PDF bytes and lists printers', async () => {
    const port = createSystemPrinter()
    calls.printOk = false
    await expect(port.print('<p/>', 'Office A4', 'a4')).rejects.toThrow('Printer is offline')
    const pdf = await port.pdf('<p/>', 'a4')
    expect(pdf).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 fake')
    expect(calls.pdf[0]).toMatchObject({ pageSize: 'A4' })
    expect(await port.list()).toEqual([
      { name: 'Office A4', isDefault: true },
      { name: 'TVS RP3160', isDefault: false },
    ])
  })
})
