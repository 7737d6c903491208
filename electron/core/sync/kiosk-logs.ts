import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { LOG_UPLOAD_MAX_BYTES } from '../../../shared/sync/fleet'
import { redact } from '../logger'

/**
 * The newest log lines of the kiosk, oldest first, up to head office's limit
 * (docs/fleet.md#logs). The files were redacted when written; each line goes through the
 * redaction again anyway, so a line written by an older build (or a library) cannot carry a
 * number the current rules would hide.
 */
export function readRecentLogs(dir: string, maxBytes = LOG_UPLOAD_MAX_BYTES): string {
  let names: string[]
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.log'))
  } catch {
    return ''
  }
  // Newest file first; the lines are taken from the end until the budget is spent.
  const files = names
    .map((n) => ({ file: join(dir, n), mtime: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)
  const kept: string[] = []
  let bytes = 0
  for (const { file } of files) {
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean)
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = `${redactLine(lines[i]!)}\n`
      const size = Buffer.byteLength(line, 'utf8')
      if (bytes + size > maxBytes) return kept.reverse().join('')
      kept.push(line)
      bytes += size
    }
  }
  return kept.reverse().join('')
}

function redactLine(line: string): string {
  try {
    return JSON.stringify(redact(JSON.parse(line)))
  } catch {
    return String(redact(line))
  }
}
