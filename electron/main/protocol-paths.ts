/** The renderer is served from this custom scheme, never from a remote URL or file://. */
export const APP_SCHEME = 'kiosk'
export const APP_HOST = 'app'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
