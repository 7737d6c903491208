import type { OidcSettings } from './services/console-oidc'
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { join, resolve } from 'node:path'
import type { DatabaseTarget } from './db/data-source'
import { DEFAULT_ADDRESS_BUDGET, DEFAULT_KIOSK_BUDGET, type RateBudget } from './http/rate-limit'
import type { SmtpOptions } from './notifications/mailer'
import type { SmsGatewayOptions } from './notifications/sms-gateway'
import { DEFAULT_FLEET_THRESHOLDS, type FleetThresholds } from './services/fleet-health'
import type { HttpImeiRegisterOptions } from './services/imei-register'
import { parseMasterKey } from './services/secret-box'
import type { UpdateFeed } from './services/update-feed'
import { UPDATE_FEED_PUBLIC_KEY } from '../shared/sync/updates'

/** Head office's settings, all from the environment (twelve-factor style). */
export interface HeadOfficeConfig {
  database: DatabaseTarget
  dataDir: string
  masterKey: Buffer
  adminToken: string
  host: string
  port: number
  /** Per-kiosk and per-address request budgets (see headoffice/http/rate-limit.ts). */
  kioskRateLimit: RateBudget
  addressRateLimit: RateBudget
  /** Fastify's trustProxy: false, true or the proxy's addresses. */
  trustProxy: boolean | string
  reminderDaysBefore: number
  /** How often background jobs are looked at (HEADOFFICE_JOB_INTERVAL_MS, default 15 s). */
  jobIntervalMs: number
  sms: SmsGatewayOptions | null
  smtp: SmtpOptions | null
  /** When the fleet list flags a kiosk (docs/fleet.md#flags). */
  fleetThresholds: FleetThresholds
  /** Bearer token of /metrics (HEADOFFICE_METRICS_TOKEN); empty: the admin token. */
  metricsToken: string
  /**
   * The kiosk update feed: HEADOFFICE_UPDATES_DIR (one folder per release, docs/updates.md) and
   * the release key's public half (HEADOFFICE_UPDATE_PUBLIC_KEY_FILE; default the key kiosks pin).
   */
  updates: UpdateFeed | null
  /** The lost/stolen register (docs/security.md#lost-or-stolen-phones); null: not configured. */
  imeiRegister: HttpImeiRegisterOptions | null
  /** Console single sign-on (docs/console.md#single-sign-on); null: passwords only. */
  oidc: OidcSettings | null
}

/**
 * Reads the configuration. PostgreSQL when DATABASE_URL is set, else a SQLite file in
 * HEADOFFICE_DATA_DIR (default ./.headoffice-data). The master key comes from
 * HEADOFFICE_MASTER_KEY; only the single-machine SQLite mode may fall back to a 0600 key file
 * beside the database (a shared PostgreSQL must not depend on one server's disk).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: { requireAdminToken?: boolean } = {},
): HeadOfficeConfig {
  const dataDir = resolve(env.HEADOFFICE_DATA_DIR ?? '.headoffice-data')
  const database: DatabaseTarget = env.DATABASE_URL
    ? { kind: 'postgres', url: env.DATABASE_URL }
    : { kind: 'sqlite', file: join(dataDir, 'headoffice.sqlite') }
  const adminToken = env.HEADOFFICE_ADMIN_TOKEN ?? ''
  if (options.requireAdminToken !== false && adminToken.length < 24) {
    throw new Error('HEADOFFICE_ADMIN_TOKEN must be set (at least 24 characters).')
  }
  let masterKey: Buffer
  if (env.HEADOFFICE_MASTER_KEY) masterKey = parseMasterKey(env.HEADOFFICE_MASTER_KEY)
  else if (database.kind === 'sqlite') masterKey = localMasterKey(dataDir)
  else throw new Error('HEADOFFICE_MASTER_KEY (64 hex characters) is required with DATABASE_URL.')

  const int = (name: string, fallback: number) => {
    const v = env[name]
    return v === undefined || v === '' ? fallback : Number.parseInt(v, 10)
  }
  return {
    database,
    dataDir,
    masterKey,
    adminToken,
    // Bound to loopback unless told otherwise: a reverse proxy terminates TLS in front.
    host: env.HEADOFFICE_HOST ?? '127.0.0.1',
    port: int('HEADOFFICE_PORT', 8787),
    kioskRateLimit: {
      max: int('HEADOFFICE_KIOSK_RATE_MAX', DEFAULT_KIOSK_BUDGET.max),
      windowMs: int('HEADOFFICE_KIOSK_RATE_WINDOW_MS', DEFAULT_KIOSK_BUDGET.windowMs),
    },
    addressRateLimit: {
      max: int('HEADOFFICE_ADDRESS_RATE_MAX', DEFAULT_ADDRESS_BUDGET.max),
      windowMs: int('HEADOFFICE_ADDRESS_RATE_WINDOW_MS', DEFAULT_ADDRESS_BUDGET.windowMs),
    },
    trustProxy: trustProxy(env.HEADOFFICE_TRUST_PROXY),
    reminderDaysBefore: int('HEADOFFICE_REMINDER_DAYS', 7),
    fleetThresholds: {
      notSeenHours: int('HEADOFFICE_FLAG_NOT_SEEN_HOURS', DEFAULT_FLEET_THRESHOLDS.notSeenHours),
      backlogHours: int('HEADOFFICE_FLAG_BACKLOG_HOURS', DEFAULT_FLEET_THRESHOLDS.backlogHours),
      clockSkewMs:
        int('HEADOFFICE_FLAG_CLOCK_SKEW_SECONDS', DEFAULT_FLEET_THRESHOLDS.clockSkewMs / 1000) *
        1000,
    },
    metricsToken: env.HEADOFFICE_METRICS_TOKEN ?? '',
    jobIntervalMs: Math.max(100, int('HEADOFFICE_JOB_INTERVAL_MS', 15_000)),
    sms: env.SMS_GATEWAY_URL
      ? {
          url: env.SMS_GATEWAY_URL,
          apiKey: env.SMS_GATEWAY_KEY ?? '',
          senderId: env.SMS_SENDER_ID ?? 'XIAOMI',
          entityId: dltId(env, 'SMS_DLT_ENTITY_ID'),
          templateIds: {
            'plan-enrolled': dltId(env, 'SMS_DLT_TEMPLATE_PLAN_ENROLLED'),
            'step-down-reminder': dltId(env, 'SMS_DLT_TEMPLATE_STEP_DOWN_REMINDER'),
            'redemption-confirmed': dltId(env, 'SMS_DLT_TEMPLATE_REDEMPTION_CONFIRMED'),
            'redemption-otp': dltId(env, 'SMS_DLT_TEMPLATE_REDEMPTION_OTP'),
          },
        }
      : null,
    updates: env.HEADOFFICE_UPDATES_DIR
      ? {
          dir: resolve(env.HEADOFFICE_UPDATES_DIR),
          publicKey: env.HEADOFFICE_UPDATE_PUBLIC_KEY_FILE
            ? readFileSync(env.HEADOFFICE_UPDATE_PUBLIC_KEY_FILE, 'utf8')
            : UPDATE_FEED_PUBLIC_KEY,
        }
      : null,
    imeiRegister: imeiRegister(env),
    oidc: oidcSettings(env),
    smtp: env.SMTP_HOST
      ? {
          host: env.SMTP_HOST,
          port: int('SMTP_PORT', 587),
          secure: env.SMTP_SECURE === '1',
          user: env.SMTP_USER,
          pass: env.SMTP_PASS,
          from: smtpFrom(env),
        }
      : null,
  }
}

/**
 * A DLT id (TRAI's Distributed Ledger: the principal entity and each registered template): 19
 * digits, required once an SMS gateway is configured — the operator drops a message whose ids do
 * not match the registration, so a missing one fails the start, not every message (issue 18).
 */
function dltId(env: NodeJS.ProcessEnv, name: string): string {
  const value = (env[name] ?? '').trim()
  if (!/^[0-9]{19}$/.test(value)) {
    throw new Error(
      `${name} must be the 19-digit id registered on the DLT platform when SMS_GATEWAY_URL is set` +
        (value ? ` (got ${value.length} characters).` : '.'),
    )
  }
  return value
}

/** The From of customer e-mails: required with SMTP_HOST, a real address of the brand. */
function smtpFrom(env: NodeJS.ProcessEnv): string {
  const from = (env.SMTP_FROM ?? '').trim()
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase()
  if (!/^[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}$/i.test(address) || domain === 'localhost') {
    throw new Error(
      'SMTP_FROM must be set when SMTP_HOST is: the address customers see and reply to, ' +
        'like "Smart Upgrade <care@brand.in>".',
    )
  }
  return from
}

/**
 * HEADOFFICE_OIDC_ISSUER with HEADOFFICE_OIDC_CLIENT_ID, _CLIENT_SECRET and _REDIRECT_URI (this
 * head office's https://…/console/api/oidc/callback): the company directory people sign in with.
 */
function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings | null {
  const issuer = (env.HEADOFFICE_OIDC_ISSUER ?? '').trim()
  if (!issuer) return null
  const clientId = env.HEADOFFICE_OIDC_CLIENT_ID ?? ''
  const clientSecret = env.HEADOFFICE_OIDC_CLIENT_SECRET ?? ''
  const redirectUri = env.HEADOFFICE_OIDC_REDIRECT_URI ?? ''
  if (
    !clientId ||
    !clientSecret ||
    !/^https?:\/\/.+\/console\/api\/oidc\/callback$/.test(redirectUri)
  ) {
    throw new Error(
      'HEADOFFICE_OIDC_ISSUER needs HEADOFFICE_OIDC_CLIENT_ID, HEADOFFICE_OIDC_CLIENT_SECRET and ' +
        'HEADOFFICE_OIDC_REDIRECT_URI (…/console/api/oidc/callback).',
    )
  }
  return { issuer, clientId, clientSecret, redirectUri }
}

/**
 * IMEI_REGISTER_URL (and IMEI_REGISTER_KEY, IMEI_REGISTER_TIMEOUT_MS): the lost/stolen register's
 * endpoint, an http(s) URL checked at start — a typo must fail the start, not make every check
 * "unavailable" for weeks.
 */
function imeiRegister(env: NodeJS.ProcessEnv): HttpImeiRegisterOptions | null {
  const value = (env.IMEI_REGISTER_URL ?? '').trim()
  if (!value) return null
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new Error('IMEI_REGISTER_URL must be an http(s) URL.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error('IMEI_REGISTER_URL must be an http(s) URL.')
  }
  const timeout = Number.parseInt(env.IMEI_REGISTER_TIMEOUT_MS ?? '2000', 10)
  if (!Number.isInteger(timeout) || timeout < 100 || timeout > 10_000) {
    throw new Error('IMEI_REGISTER_TIMEOUT_MS must be 100–10000.')
  }
  return {
    url: url.href,
    timeoutMs: timeout,
    ...(env.IMEI_REGISTER_KEY ? { apiKey: env.IMEI_REGISTER_KEY } : {}),
  }
}

/**
 * HEADOFFICE_TRUST_PROXY: unset or empty, none (the address limit then counts the proxy as one
 * client); `true` (any); or the proxy's addresses / CIDRs, comma-separated.
 */
function trustProxy(value: string | undefined): boolean | string {
  if (!value) return false
  return value === 'true' ? true : value
}

function localMasterKey(dataDir: string): Buffer {
  mkdirSync(dataDir, { recursive: true })
  const file = join(dataDir, 'master.key')
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' })
  }
  chmodSync(file, 0o600)
  return parseMasterKey(readFileSync(file, 'utf8'))
}
