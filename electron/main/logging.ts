import { dirname } from 'node:path'
import log from 'electron-log/main'
import { redact, type Logger } from '../core'

/** electron-log writes rotated files under the app's logs directory; PII is redacted first. */
export function createShellLogger(): Logger {
  log.transports.file.maxSize = 5 * 1024 * 1024
  log.transports.file.format = '{iso} [{level}] {text}'
  const write =
    (level: 'info' | 'warn' | 'error') => (message: string, fields?: Record<string, unknown>) =>
      log[level](redact(message), fields ? JSON.stringify(redact(fields)) : '')
  return { info: write('info'), warn: write('warn'), error: write('error') }
}

/** The directory of electron-log's files (what a manager sends to head office, docs/fleet.md#logs). */
export function shellLogDir(): string {
  return dirname(log.transports.file.getFile().path)
}
