import { onBeforeUnmount, ref, type Ref } from 'vue'

export type CameraState = 'off' | 'starting' | 'on' | 'unsupported' | 'denied'

/** True when this browser can open a camera at all. */
export function cameraSupported(): boolean {
  return (
    typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
  )
}

/**
 * The kiosk camera in a `<video>`: start, stop, and grab a JPEG frame. Stops by itself when the
 * component goes away, so the camera light never stays on behind another screen.
 */
export function useCamera(video: Ref<HTMLVideoElement | null>) {
  const state = ref<CameraState>(cameraSupported() ? 'off' : 'unsupported')
  let stream: MediaStream | null = null

  async function start(facingMode: 'environment' | 'user' = 'environment') {
    if (!cameraSupported()) {
      state.value = 'unsupported'
      return
    }
    state.value = 'starting'
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode }, audio: false })
      if (video.value) {
        video.value.srcObject = stream
        await video.value.play().catch(() => undefined)
      }
      state.value = 'on'
    } catch {
      state.value = 'denied'
    }
  }

  function stop() {
    stream?.getTracks().forEach((track) => track.stop())
    stream = null
    if (video.value) video.value.srcObject = null
    if (state.value === 'on' || state.value === 'starting') state.value = 'off'
  }

  /** The current frame as JPEG (base64 without the data: prefix), scaled to ≤ 1280 px wide. */
  function capture(): { mime: 'image/jpeg'; base64: string; dataUrl: string } | null {
    const v = video.value
    if (!v || !v.videoWidth) return null
    const scale = Math.min(1, 1280 / v.videoWidth)
    const canvas = document.createElement('canvas')
    canvas.width = Math.round(v.videoWidth * scale)
    canvas.height = Math.round(v.videoHeight * scale)
    canvas.getContext('2d')?.drawImage(v, 0, 0, canvas.width, canvas.height)
    const dataUrl = canvas.toDataURL('image/jpeg', 0.8)
    return { mime: 'image/jpeg', base64: dataUrl.slice(dataUrl.indexOf(',') + 1), dataUrl }
  }

  onBeforeUnmount(stop)
  return { state, start, stop, capture }
}
