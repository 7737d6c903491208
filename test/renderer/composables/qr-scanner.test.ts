// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import QRCode from 'qrcode'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import QrScanner from '../../../renderer/src/components/QrScanner.vue'
import {
  createDecodeLoop,
  jsQrEngine,
  type Frame,
  type QrEngine,
} from '../../../renderer/src/composables/use-qr-scanner'
import { createKioskI18n } from '../../../renderer/src/i18n'
import { makePlanToken } from '../../../shared/domain/plan-token'

const PLAN = 'TRN-MH01-K1-0000003-Y'
const frame = { data: new Uint8ClampedArray(4), width: 1, height: 1 } as unknown as Frame

/** A decoder that reads the given texts one frame at a time (null = nothing in that frame). */
function scripted(texts: (string | null)[]) {
  let i = 0
  const decode = vi.fn(async () => texts[Math.min(i++, texts.length - 1)] ?? null)
  const engine: QrEngine = { name: 'jsqr', decode }
  return { decode, engine: async () => engine }
}

/** A camera: getUserMedia answers with one track whose stop() is recorded, or rejects. */
function fakeCamera(result: { fail?: string; torch?: boolean } = {}) {
  const track = {
    kind: 'video',
    readyState: 'live',
    stop: vi.fn(function (this: { readyState: string }) {
      this.readyState = 'ended'
    }),
    getCapabilities: () => (result.torch ? { torch: true } : {}),
    applyConstraints: vi.fn(async () => undefined),
  }
  // happy-dom's <video> takes only a MediaStream as srcObject.
  const stream = Object.assign(Object.create(MediaStream.prototype) as MediaStream, {
    getTracks: () => [track],
    getVideoTracks: () => [track],
  })
  const getUserMedia = vi.fn(async () => {
    if (result.fail) throw Object.assign(new Error(result.fail), { name: result.fail })
    return stream
  })
  Object.defineProperty(navigator, 'mediaDevices', {
    value: { getUserMedia },
    configurable: true,
  })
  return { track, getUserMedia }
}

describe('createDecodeLoop', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('decodes one frame per interval, skips empty frames and stops on a text it accepts', async () => {
    const grab = vi.fn((): Frame | null => (grab.mock.calls.length === 1 ? null : frame))
    const { decode } = scripted([null, 'hello', PLAN, 'never read'])
    const seen: string[] = []
    const loop = createDecodeLoop({
      grab,
      decode,
      onText: (text) => (seen.push(text), text === PLAN),
      intervalMs: 200,
    })
    loop.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(grab).toHaveBeenCalledTimes(1) // no frame yet: nothing decoded
    expect(decode).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(199)
    expect(grab).toHaveBeenCalledTimes(1) // waits the interval
    await vi.advanceTimersByTimeAsync(1)
    expect(decode).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(2000)
    expect(seen).toEqual(['hello', PLAN]) // the invalid text did not stop it; the plan did
    expect(loop.running).toBe(false)
    expect(decode).toHaveBeenCalledTimes(3)
    expect(loop.frames).toBe(3)
  })

  it('never overlaps a slow decode, survives a decoder error, and stop() ends it', async () => {
    let active = 0
    let overlapped = false
    let calls = 0
    const decode = vi.fn(async () => {
      calls++
      if (calls === 2) throw new Error('frame not ready')
      active++
      overlapped ||= active > 1
      await new Promise((r) => setTimeout(r, 500)) // slower than the interval
      active--
      return null
    })
    const loop = createDecodeLoop({
      grab: () => frame,
      decode,
      onText: () => true,
      intervalMs: 100,
    })
    loop.start()
    loop.start() // a second start is a no-op
    await vi.advanceTimersByTimeAsync(3000)
    expect(overlapped).toBe(false)
    expect(calls).toBeGreaterThan(3)
    expect(calls).toBeLessThan(8) // ~ 3000 / (500 + 100)
    loop.stop()
    const after = calls
    await vi.advanceTimersByTimeAsync(3000)
    expect(calls).toBe(after)
  })
})

describe('jsQrEngine', () => {
  it('is loaded on demand and reads a real QR code from pixels', async () => {
    const qr = QRCode.create(PLAN, { errorCorrectionLevel: 'M' })
    const size = qr.modules.size
    const px = 6
    const quiet = 4
    const side = (size + 2 * quiet) * px
    const data = new Uint8ClampedArray(side * side * 4).fill(255)
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) {
        const mx = Math.floor(x / px) - quiet
        const my = Math.floor(y / px) - quiet
        if (mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx)) {
          const o = (y * side + x) * 4
          data[o] = data[o + 1] = data[o + 2] = 0
        }
      }
    const engine = await jsQrEngine()
    expect(engine.name).toBe('jsqr')
    expect(await engine.decode({ data, width: side, height: side } as unknown as Frame)).toBe(PLAN)
    expect(await engine.decode({ data: data.fill(255), width: side, height: side } as never)).toBe(
      null,
    )
  })
})

describe('QrScanner', () => {
  afterEach(() => {
    vi.useRealTimers()
    Reflect.deleteProperty(navigator, 'mediaDevices')
  })

  function mountScanner(props: Record<string, unknown>) {
    return mount(QrScanner, {
      props: { frames: () => frame, intervalMs: 10, ...props },
      global: { plugins: [createKioskI18n('en')] },
      attachTo: document.body,
    })
  }
  const text = (w: ReturnType<typeof mountScanner>, id: string) =>
    w.find(`[data-testid="${id}"]`).exists() ? w.get(`[data-testid="${id}"]`).text() : null

  it('scans: preview with a guide and hint, a non-plan QR is refused, the plan is emitted once and the camera stops', async () => {
    const cam = fakeCamera()
    // The camera sees a UPI code until the test swaps in the receipt.
    let shown = 'upi://pay?pa=shop@upi'
    const decode = vi.fn(async () => shown)
    const w = mountScanner({ engine: async (): Promise<QrEngine> => ({ name: 'jsqr', decode }) })
    expect(text(w, 'scan-message')).toBeNull()
    await w.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    expect(cam.getUserMedia).toHaveBeenCalledOnce()
    expect(w.get('[data-testid="scanner"]').attributes('data-state')).toBe('scanning')
    expect(w.find('.guide').exists()).toBe(true)
    expect(text(w, 'scan-message')).toBe('Hold the QR code in front of the camera')
    await vi.waitFor(() => expect(w.find('[data-testid="scan-invalid"]').exists()).toBe(true))
    expect(text(w, 'scan-invalid')).toMatch(/not a plan number/)
    expect(w.get('[data-testid="scanner"]').attributes('data-state')).toBe('scanning')
    shown = PLAN
    await vi.waitFor(() => expect(w.emitted('scan')).toEqual([[PLAN]]))
    await flushPromises()
    expect(w.get('[data-testid="scanner"]').attributes('data-state')).toBe('found')
    expect(text(w, 'scan-message')).toBe(`QR code read: ${PLAN}`)
    expect(w.find('[data-testid="scan-invalid"]').exists()).toBe(false)
    expect(cam.track.stop).toHaveBeenCalled()
    expect(cam.track.readyState).toBe('ended')
    expect(text(w, 'scan-start')).toBe('Scan again')
    await new Promise((r) => setTimeout(r, 50))
    expect(w.emitted('scan')).toHaveLength(1)
    w.unmount()
  })

  it('reads a certificate’s public-page link (a real QR code) as the plan’s random id (issue 22)', async () => {
    const cam = fakeCamera()
    const planId = '3f1c2a9e-6b7d-4e21-9a3b-0c5d7e8f9a10'
    const link = `https://plans.example.in/p/${makePlanToken(planId, 'MH01/K1', () => new Uint8Array(32).fill(9))}`
    const qr = QRCode.create(link, { errorCorrectionLevel: 'M' })
    const size = qr.modules.size
    const px = 4
    const quiet = 4
    const side = (size + 2 * quiet) * px
    const data = new Uint8ClampedArray(side * side * 4).fill(255)
    for (let y = 0; y < side; y++)
      for (let x = 0; x < side; x++) {
        const mx = Math.floor(x / px) - quiet
        const my = Math.floor(y / px) - quiet
        if (mx >= 0 && my >= 0 && mx < size && my < size && qr.modules.get(my, mx)) {
          const o = (y * side + x) * 4
          data[o] = data[o + 1] = data[o + 2] = 0
        }
      }
    const w = mountScanner({
      engine: jsQrEngine,
      frames: () => ({ data, width: side, height: side }) as unknown as Frame,
    })
    await w.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(w.emitted('planId')).toEqual([[planId]]))
    await flushPromises()
    expect(w.emitted('scan')).toBeUndefined()
    expect(text(w, 'scan-message')).toBe('Plan certificate QR code read')
    expect(cam.track.readyState).toBe('ended')
    w.unmount()
  })

  it('stops the camera when the screen goes away mid-scan', async () => {
    const cam = fakeCamera()
    const { engine, decode } = scripted([null])
    const w = mountScanner({ engine })
    await w.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() => expect(decode).toHaveBeenCalled())
    w.unmount()
    expect(cam.track.readyState).toBe('ended')
    const calls = decode.mock.calls.length
    await new Promise((r) => setTimeout(r, 50))
    expect(decode.mock.calls.length).toBe(calls)
  })

  it('Stop turns the camera off; a timeout does too', async () => {
    const cam = fakeCamera()
    const w = mountScanner({ engine: scripted([null]).engine, timeoutMs: 60 })
    await w.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="scan-stop"]').trigger('click')
    expect(cam.track.readyState).toBe('ended')
    expect(w.get('[data-testid="scanner"]').attributes('data-state')).toBe('idle')
    const cam2 = fakeCamera()
    await w.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    await vi.waitFor(() =>
      expect(w.get('[data-testid="scanner"]').attributes('data-state')).toBe('timedOut'),
    )
    expect(cam2.track.readyState).toBe('ended')
    expect(text(w, 'scan-message')).toMatch(/camera was turned off/)
    w.unmount()
  })

  it('says when permission is denied and when there is no camera, in Hindi too', async () => {
    fakeCamera({ fail: 'NotAllowedError' })
    const w = mountScanner({ engine: scripted([null]).engine })
    await w.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    expect(w.get('[data-testid="scanner"]').attributes('data-state')).toBe('permission')
    expect(w.get('[data-testid="scan-message"]').attributes('role')).toBe('alert')
    expect(text(w, 'scan-message')).toMatch(/permission was denied/)
    w.unmount()

    fakeCamera({ fail: 'NotFoundError' })
    const hi = mount(QrScanner, {
      props: { frames: () => frame, engine: scripted([null]).engine },
      global: { plugins: [createKioskI18n('hi')] },
    })
    await hi.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    expect(hi.get('[data-testid="scanner"]').attributes('data-state')).toBe('unavailable')
    expect(hi.get('[data-testid="scan-message"]').text()).toMatch(/कोई कैमरा उपलब्ध नहीं/)
    hi.unmount()
  })

  it('offers the torch only when the camera has one', async () => {
    const cam = fakeCamera({ torch: true })
    const w = mountScanner({ engine: scripted([null]).engine })
    await w.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    const torch = w.get('[data-testid="scan-torch"]')
    expect(torch.attributes('aria-pressed')).toBe('false')
    await torch.trigger('click')
    await flushPromises()
    expect(cam.track.applyConstraints).toHaveBeenCalledWith({ advanced: [{ torch: true }] })
    expect(w.get('[data-testid="scan-torch"]').attributes('aria-pressed')).toBe('true')
    w.unmount()

    fakeCamera()
    const plain = mountScanner({ engine: scripted([null]).engine })
    await plain.get('[data-testid="scan-start"]').trigger('click')
    await flushPromises()
    expect(plain.find('[data-testid="scan-torch"]').exists()).toBe(false)
    plain.unmount()
  })

  it('without getUserMedia says so and offers no button', () => {
    Reflect.deleteProperty(navigator, 'mediaDevices')
    const w = mountScanner({ engine: scripted([null]).engine })
    expect(w.find('[data-testid="scan-unsupported"]').exists()).toBe(true)
    expect(w.find('[data-testid="scan-start"]').exists()).toBe(false)
    w.unmount()
  })
})
