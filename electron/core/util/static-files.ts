import { readFile } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
}

export interface StaticFile {
  body: Buffer
  contentType: string
}

/**
 * Reads a file of the built renderer for a URL path, refusing anything outside `root`
 * (`..`, encoded separators). Unknown paths fall back to index.html (history routing).
 * Shared by the Electron app protocol and the HTTP bridge so both serve the same bytes.
 */
export async function readStaticFile(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0] ?? '/')
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = normalize(decoded).replace(/^([/\\])+/, '')
  const full = join(root, relative)
  if (full !== root && !full.startsWith(root.endsWith(sep) ? root : root + sep)) return null
  const tryRead = async (path: string) => {
    try {
      return await readFile(path)
    } catch {
      return null
    }
  }
  const hasExtension = extname(relative) !== ''
  const body = relative === '' ? null : await tryRead(full)
  if (body) return { body, contentType: MIME[extname(full)] ?? 'application/octet-stream' }
  if (hasExtension) return null
  const index = await tryRead(join(root, 'index.html'))
  return index ? { body: index, contentType: MIME['.html']! } : null
}
