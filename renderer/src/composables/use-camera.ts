import { onBeforeUnmount, ref, type Ref } from 'vue'

export type CameraState = 'off' | 'starting' | 'on' | 'unsupported' | 'denied'

/** Why the camera did not open: refused by the user or the kiosk's policy, or no usable device. */
export type CameraFailure = 'permission' | 'unavailable'

/** True when this browser can open a camera at all. */
export function cameraSupported(): boolean {
  return (
    typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
  )
}

/** Sorts a getUserMedia rejection: a refusal, or no camera to open (absent, busy, unsuitable). */
export function cameraFailure(error: unknown): CameraFailure {
  const name = (error as { name?: string } | null)?.name
  return name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError'
    ? 'permission'
    : 'unavailable'
}

/**
 * The kiosk camera in a `<video>`: start, stop, and grab a JPEG frame. Stops by itself when the
 * component goes away, so the camera light never stays on behind another screen.
 *
 * `state` is `'denied'` whenever the camera could not be opened; `failure` says why.
 */
export function useCamera(video: Ref<HTMLVideoElement | null>) {
  const state = ref<CameraState>(cameraSupported() ? 'off' : 'unsupported')
  const failure = ref<CameraFailure | null>(null)
  let stream: MediaStream | null = null
  // Bumped by every start and stop, so a getUserMedia that resolves after stop() is closed at once.
  let generation = 0

  async function start(
    facingMode: 'environment' | 'user' = 'environment',
    extra: MediaTrackConstraints = {},
  ) {
    if (!cameraSupported()) {
      state.value = 'unsupported'
      return
    }
    const mine = ++generation
    stream?.getTracks().forEach((track) => track.stop())
    stream = null
    state.value = 'starting'
    failure.value = null
    try {
      const opened = await navigator.mediaDevices.getUserMedia({
        video: { facingMode, ...extra },
        audio: false,
      })
      if (mine !== generation) {
        opened.getTracks().forEach((track) => track.stop())
        return
      }
      stream = opened
      if (video.value) {
        video.value.srcObject = opened
        await video.value.play().catch(() => undefined)
      }
      if (mine === generation) state.value = 'on'
    } catch (error) {
      if (mine !== generation) return
      failure.value = cameraFailure(error)
      state.value = 'denied'
    }
  }

  function stop() {
    generation++
    stream?.getTracks().forEach((track) => track.stop())
    stream = null
    if (video.value) video.value.srcObject = null
    if (state.value === 'on' || state.value === 'starting') state.value = 'off'
  }

  /** The live video track (for the torch), or null when the camera is off. */
  function videoTrack(): MediaStreamTrack | null {
    return stream?.getVideoTracks()[0] ?? null
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
  return { state, failure, start, stop, capture, videoTrack }
}
