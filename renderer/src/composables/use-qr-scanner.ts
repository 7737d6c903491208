import { onBeforeUnmount, ref, type Ref } from 'vue'
import { cameraSupported, useCamera } from './use-camera'

interface DetectedBarcode {
  rawValue: string
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>
}
type BarcodeDetectorCtor = new (options: { formats: string[] }) => BarcodeDetectorLike

function detectorCtor(): BarcodeDetectorCtor | null {
  const ctor = (globalThis as { BarcodeDetector?: BarcodeDetectorCtor }).BarcodeDetector
  return typeof ctor === 'function' ? ctor : null
}

/**
 * True where the kiosk can scan a QR code itself: a camera and the Shape Detection API's
 * BarcodeDetector. Chromium ships BarcodeDetector on macOS, ChromeOS and Android only, so a Linux
 * kiosk (and headless test Chromium) falls back to typing the plan number.
 */
export function qrScanSupported(): boolean {
  return cameraSupported() && detectorCtor() !== null
}

/** Scans QR codes from the camera; calls `onScan` with the first code read, then stops. */
export function useQrScanner(video: Ref<HTMLVideoElement | null>, onScan: (text: string) => void) {
  const camera = useCamera(video)
  const scanning = ref(false)
  let timer: ReturnType<typeof setTimeout> | undefined

  async function start() {
    const Ctor = detectorCtor()
    if (!Ctor) {
      camera.state.value = 'unsupported'
      return
    }
    const detector = new Ctor({ formats: ['qr_code'] })
    await camera.start('environment')
    if (camera.state.value !== 'on') return
    scanning.value = true
    const tick = async () => {
      if (!scanning.value || !video.value) return
      try {
        const codes = await detector.detect(video.value)
        const text = codes[0]?.rawValue?.trim()
        if (text) {
          stop()
          onScan(text)
          return
        }
      } catch {
        // A frame that is not ready yet: try the next one.
      }
      timer = setTimeout(tick, 200)
    }
    void tick()
  }

  function stop() {
    scanning.value = false
    clearTimeout(timer)
    camera.stop()
  }

  onBeforeUnmount(stop)
  return { state: camera.state, scanning, start, stop }
}
