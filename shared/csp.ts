/**
 * The renderer's Content-Security-Policy: only our own bundle runs; no inline scripts, no eval,
 * no remote hosts. Images may be data:/blob: (QR codes, camera photos); media from the camera.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')
