import { onBeforeUnmount, ref, shallowRef, type Ref } from 'vue'
import { parseQrPayload } from '../qr-payload'
import { imeisIn } from '../scan-codes'
import { cameraSupported, useCamera } from './use-camera'

/** One camera frame as pixels (what `getImageData` returns). */
export type Frame = ImageData

/** Gives the current frame, or null while there is none yet (video not playing). */
export type FrameSource = () => Frame | null

/** Reads a QR code in a frame: its text, or null when there is none. */
export type QrDecode = (frame: Frame) => Promise<string | null>

export type QrEngineName = 'native' | 'jsqr' | 'jsqr+zxing'
export interface QrEngine {
  name: QrEngineName
  decode: QrDecode
}

interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>
}
interface BarcodeDetectorCtor {
  new (options: { formats: string[] }): BarcodeDetectorLike
  getSupportedFormats?: () => Promise<string[]>
}

/** What the camera reads: receipts' QR codes and the 1D codes on phone boxes (issue 15). */
const NATIVE_FORMATS = ['qr_code', 'code_128', 'ean_13']

/**
 * The Shape Detection API's BarcodeDetector when it reads QR codes and the boxes' 1D codes here
 * (macOS, ChromeOS).
 */
export async function nativeQrEngine(): Promise<QrEngine | null> {
  const Ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector
  if (typeof Ctor !== 'function') return null
  try {
    const formats = await Ctor.getSupportedFormats?.()
    if (formats && !NATIVE_FORMATS.every((f) => formats.includes(f))) return null
    const detector = new Ctor({ formats: NATIVE_FORMATS })
    return {
      name: 'native',
      decode: async (frame) => (await detector.detect(frame))[0]?.rawValue ?? null,
    }
  } catch {
    return null
  }
}

/**
 * jsQR, a pure-JS decoder, loaded only when scanning starts (its own chunk, not in the initial
 * bundle). Runs on the main thread: the kiosk's CSP allows no workers. Receipts are dark on
 * light, so inverted codes are not tried (half the work per frame).
 */
export async function jsQrEngine(): Promise<QrEngine> {
  const mod = await import('jsqr')
  const jsQR = ((mod as { default?: typeof mod.default }).default ??
    (mod as unknown as typeof mod.default)) as typeof mod.default
  return {
    name: 'jsqr',
    decode: async (frame) =>
      jsQR(frame.data, frame.width, frame.height, { inversionAttempts: 'dontInvert' })?.data ??
      null,
  }
}

/**
 * ZXing's 1D readers (one-d-decoder.ts) for the codes on phone boxes — Code 128 and EAN-13 —
 * loaded only when scanning starts, like jsQR.
 */
export async function oneDimensionalDecoder(): Promise<QrDecode> {
  const { decodeOneD } = await import('./one-d-decoder')
  return async (frame) => decodeOneD(frame)
}

/** jsQR for the QR code, then ZXing for a 1D code when the frame has no QR code. */
export async function jsQrAndOneDEngine(): Promise<QrEngine> {
  const [qr, oneD] = await Promise.all([jsQrEngine(), oneDimensionalDecoder()])
  return {
    name: 'jsqr+zxing',
    decode: async (frame) => (await qr.decode(frame)) ?? (await oneD(frame)),
  }
}

/** BarcodeDetector where the browser has one that reads all three formats, else jsQR + ZXing. */
export async function defaultQrEngine(): Promise<QrEngine> {
  return (await nativeQrEngine()) ?? (await jsQrAndOneDEngine())
}

/**
 * Frames of a `<video>` through one reused canvas, scaled down to ≤ `maxWidth` px wide: a receipt
 * QR code held up to the camera reads fine at 640 px, and decoding costs grow with the area.
 */
export function videoFrameSource(video: Ref<HTMLVideoElement | null>, maxWidth = 640): FrameSource {
  let canvas: HTMLCanvasElement | null = null
  let ctx: CanvasRenderingContext2D | null = null
  return () => {
    const v = video.value
    if (!v || v.readyState < 2 || !v.videoWidth || !v.videoHeight) return null
    const scale = Math.min(1, maxWidth / v.videoWidth)
    const w = Math.max(1, Math.round(v.videoWidth * scale))
    const h = Math.max(1, Math.round(v.videoHeight * scale))
    if (!canvas) canvas = document.createElement('canvas')
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w
      canvas.height = h
      ctx = null
    }
    ctx ??= canvas.getContext('2d', { willReadFrequently: true })
    if (!ctx) return null
    ctx.drawImage(v, 0, 0, w, h)
    return ctx.getImageData(0, 0, w, h)
  }
}

export interface DecodeLoopOptions {
  grab: FrameSource
  decode: QrDecode
  /** Every text read; return true to end the loop (a plan number), false to keep scanning. */
  onText: (text: string) => boolean
  /** Pause between the end of one decode and the next frame; 200 ms ≈ 5 reads a second. */
  intervalMs?: number
}

/**
 * Grabs a frame, decodes it, waits, repeats — one frame at a time, so a slow decode on a slow
 * kiosk never piles up work. A frame that fails to decode is skipped.
 */
export function createDecodeLoop(options: DecodeLoopOptions) {
  const interval = options.intervalMs ?? 200
  let running = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let frames = 0

  async function tick() {
    timer = undefined
    if (!running) return
    const frame = options.grab()
    if (frame) {
      frames++
      let text: string | null = null
      try {
        text = await options.decode(frame)
      } catch {
        // A frame the decoder could not take (not ready, torn): the next one will do.
      }
      if (!running) return
      if (text && options.onText(text)) {
        running = false
        return
      }
    }
    if (running) timer = setTimeout(() => void tick(), interval)
  }

  return {
    start() {
      if (running) return
      running = true
      void tick()
    },
    stop() {
      running = false
      clearTimeout(timer)
      timer = undefined
    },
    get running() {
      return running
    },
    /** Frames decoded since creation (for tests and diagnostics). */
    get frames() {
      return frames
    },
  }
}

export type ScanState =
  | 'idle'
  | 'starting'
  | 'scanning'
  | 'found'
  | 'permission'
  | 'unavailable'
  | 'unsupported'
  | 'timedOut'

export type TorchState = 'none' | 'off' | 'on'

export interface QrScannerOptions {
  /** Called once with the plan number read; the camera is already off by then. */
  onPlan: (planNumber: string) => void
  /**
   * Called once with the IMEI read from a phone box's bar code (Code 128), when the screen can
   * use one; the camera is already off by then. Without it an IMEI is "not a plan number".
   */
  onImei?: (imei: string) => void
  /**
   * Called once with the plan's random id read from a certificate's public-page link (issue 22);
   * without it such a link is "not a plan number".
   */
  onPlanId?: (planId: string) => void
  /** The decoder; defaults to BarcodeDetector when present, else jsQR (loaded on first start). */
  engine?: () => Promise<QrEngine>
  /** Where frames come from; defaults to the `<video>` through a canvas. */
  frames?: FrameSource
  intervalMs?: number
  /** Turns the camera off after this long without a plan QR code (the light is not left on). */
  timeoutMs?: number
}

/** True when this browser can open a camera; decoding is always possible (jsQR). */
export function qrScanSupported(): boolean {
  return cameraSupported()
}

/**
 * Scans a receipt's QR code with the kiosk camera: a live preview in `video`, frames decoded a
 * few times a second, the first plan number handed to `onPlan` — then the camera goes off. A QR
 * code that is not a plan number sets `invalid` and scanning goes on. The camera also goes off
 * on `stop()`, on a timeout and when the component unmounts.
 */
export function useQrScanner(video: Ref<HTMLVideoElement | null>, options: QrScannerOptions) {
  const camera = useCamera(video)
  const state = ref<ScanState>(qrScanSupported() ? 'idle' : 'unsupported')
  const engineName = ref<QrEngineName | null>(null)
  const invalid = ref(false)
  const planNumber = ref<string | null>(null)
  /** The code read was a box's IMEI (then `planNumber` holds the IMEI). */
  const foundImei = ref(false)
  /** The code read was a certificate's public-page link (then `planNumber` is null). */
  const foundLink = ref(false)
  const torch = ref<TorchState>('none')
  const loop = shallowRef<ReturnType<typeof createDecodeLoop> | null>(null)
  let engine: Promise<QrEngine> | null = null
  let timeout: ReturnType<typeof setTimeout> | undefined
  let attempt = 0

  function onText(text: string): boolean {
    const payload = parseQrPayload(text)
    if (payload.kind === 'planLink' && options.onPlanId) {
      invalid.value = false
      planNumber.value = null
      foundImei.value = false
      foundLink.value = true
      halt()
      state.value = 'found'
      options.onPlanId(payload.planId)
      return true
    }
    const imei = options.onImei ? (imeisIn(text)[0] ?? null) : null
    foundLink.value = false
    if (payload.kind !== 'plan' && !imei) {
      invalid.value = true
      return false
    }
    invalid.value = false
    planNumber.value = payload.kind === 'plan' ? payload.planNumber : imei
    foundImei.value = payload.kind !== 'plan'
    halt()
    state.value = 'found'
    if (payload.kind === 'plan') options.onPlan(payload.planNumber)
    else if (imei) options.onImei?.(imei)
    return true
  }

  async function start() {
    if (state.value === 'starting' || state.value === 'scanning') return
    if (!qrScanSupported()) {
      state.value = 'unsupported'
      return
    }
    const mine = ++attempt
    state.value = 'starting'
    invalid.value = false
    planNumber.value = null
    torch.value = 'none'
    engine ??= (options.engine ?? defaultQrEngine)()
    let decoder: QrEngine
    try {
      // The decoder chunk loads while the camera opens.
      ;[decoder] = await Promise.all([
        engine,
        camera.start('environment', { width: { ideal: 1280 }, height: { ideal: 720 } }),
      ])
    } catch {
      engine = null
      camera.stop()
      if (mine === attempt) state.value = 'unavailable'
      return
    }
    if (mine !== attempt) return
    if (camera.state.value === 'unsupported') {
      state.value = 'unsupported'
      return
    }
    if (camera.state.value !== 'on') {
      state.value = camera.failure.value === 'permission' ? 'permission' : 'unavailable'
      return
    }
    engineName.value = decoder.name
    const caps = camera.videoTrack()?.getCapabilities?.() as { torch?: boolean } | undefined
    torch.value = caps?.torch ? 'off' : 'none'
    state.value = 'scanning'
    loop.value = createDecodeLoop({
      grab: options.frames ?? videoFrameSource(video),
      decode: decoder.decode,
      onText,
      intervalMs: options.intervalMs,
    })
    loop.value.start()
    clearTimeout(timeout)
    timeout = setTimeout(() => {
      if (state.value !== 'scanning') return
      halt()
      state.value = 'timedOut'
    }, options.timeoutMs ?? 90_000)
  }

  /** Loop off, camera off; the state is the caller's to set. */
  function halt() {
    attempt++
    clearTimeout(timeout)
    loop.value?.stop()
    loop.value = null
    camera.stop()
    torch.value = 'none'
  }

  /** Stops scanning and the camera (the clerk's Stop button, leaving the screen). */
  function stop() {
    halt()
    invalid.value = false
    if (state.value === 'starting' || state.value === 'scanning') state.value = 'idle'
  }

  async function toggleTorch() {
    const track = camera.videoTrack()
    if (!track || torch.value === 'none') return
    const on = torch.value === 'off'
    try {
      await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] })
      torch.value = on ? 'on' : 'off'
    } catch {
      torch.value = 'none'
    }
  }

  onBeforeUnmount(stop)
  return {
    state,
    engine: engineName,
    invalid,
    planNumber,
    foundLink,
    foundImei,
    torch,
    start,
    stop,
    toggleTorch,
  }
}
