/** Head office's log lines: JSON on stderr, with credentials and personal data kept out. */
export interface HeadOfficeLogger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

// Field names that may carry a credential (the admin token, kiosk secrets) or PII.
const SECRET_FIELD = /authorization|token|secret|signature|password|pin|mobile|email|aadhaar/i

function clean(fields: Record<string, unknown> = {}): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_FIELD.test(k) ? '[redacted]' : v
  return out
}

/** A logger writing JSON lines to `write` (stderr by default). */
export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(line),
  clock: () => number = Date.now,
): HeadOfficeLogger {
  const log = (level: string) => (message: string, fields?: Record<string, unknown>) =>
    write(
      JSON.stringify({ time: new Date(clock()).toISOString(), level, message, ...clean(fields) }) +
        '\n',
    )
  return { info: log('info'), warn: log('warn'), error: log('error') }
}

/** A logger that drops everything (tests, benchmarks). */
export const silentLogger: HeadOfficeLogger = { info() {}, warn() {}, error() {} }
