import { appendFileSync, renameSync, statSync, existsSync, rmSync } from 'node:fs'
import { PRIVATE_FILE_MODE, ensurePrivateDir } from './util/private-files'
import { join } from 'node:path'

/** Structured logging the core writes to; the shell or the bridge decides where it goes. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

// PII never reaches a log file: 12-digit runs (Aadhaar), 10-digit mobiles, 15-digit IMEIs are
// shortened to their last 4 digits, PAN-like tokens and fields named like secrets are dropped.
const SECRET_KEY = /pin|secret|token|password|aadhaar|idnumber|kyc/i
const LONG_DIGITS = /(?<!\d)(?:\+?91[\s-]?)?\d(?:[\s-]?\d){9,16}(?!\d)/g
const PAN = /\b[A-Z]{5}\d{4}[A-Z]\b/g

/** Masks personal data in a log value (exported for tests). */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value
      .replace(LONG_DIGITS, (m) => `…${m.replace(/\D/g, '').slice(-4)}`)
      .replace(PAN, 'XXXXX####X')
  }
  if (depth > 5 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1))
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)
  }
  return out
}

export interface FileLoggerOptions {
  dir: string
  /** Rotate when the file passes this size. */
  maxBytes?: number
  /** Rotated files kept (kiosk.1.log … kiosk.N.log). */
  keep?: number
  clock?: () => number
  /** Also echo lines to stderr (development). */
  echo?: boolean
}

/** JSON-lines log file with size rotation and PII redaction. */
export function createFileLogger(options: FileLoggerOptions): Logger {
  const { dir, maxBytes = 5_000_000, keep = 5, clock = Date.now, echo = false } = options
  ensurePrivateDir(dir)
  const file = join(dir, 'kiosk.log')
  const rotate = () => {
    const oldest = join(dir, `kiosk.${keep}.log`)
    if (existsSync(oldest)) rmSync(oldest)
    for (let i = keep - 1; i >= 1; i--) {
      const from = join(dir, `kiosk.${i}.log`)
      if (existsSync(from)) renameSync(from, join(dir, `kiosk.${i + 1}.log`))
    }
    renameSync(file, join(dir, 'kiosk.1.log'))
  }
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    const line =
      JSON.stringify({
        time: new Date(clock()).toISOString(),
        level,
        message: redact(message),
        ...(fields ? (redact(fields) as Record<string, unknown>) : {}),
      }) + '\n'
    try {
      if (existsSync(file) && statSync(file).size + line.length > maxBytes) rotate()
      appendFileSync(file, line, { mode: PRIVATE_FILE_MODE })
    } catch {
      // A full disk must not stop a sale; the line is lost, the kiosk goes on.
    }
    if (echo) process.stderr.write(line)
  }
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  }
}

/** A logger that keeps lines in memory (tests, benchmarks). */
export function createMemoryLogger(): Logger & { lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = []
  const push = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push({ level, message: redact(message), ...(redact(fields ?? {}) as object) })
  }
  return { lines, info: push('info'), warn: push('warn'), error: push('error') }
}
