import Fastify, { type FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { PUSH_MAX_BYTES } from '../shared/sync/protocol'
import { registerConsoleStatic } from './http/console-static'
import { kioskAuthHook } from './http/kiosk-auth'
import {
  DEFAULT_ADDRESS_BUDGET,
  DEFAULT_KIOSK_BUDGET,
  kioskRateLimit,
  registerAddressRateLimit,
  type RateBudget,
} from './http/rate-limit'
import { registerMetrics } from './http/metrics'
import { registerRawJson } from './http/raw-json'
import { registerSecurityHeaders } from './http/security-headers'
import { serverOptions } from './http/server-options'
import type { HeadOfficeLogger } from './logger'
import { registerRoutes } from './routes'
import { DEFAULT_PROVISION_BUDGET } from './routes/fleet-routes'
import { createOidcSignIn, type OidcSettings } from './services/console-oidc'
import { DEFAULT_CONSOLE_POLICY, type ConsolePolicy } from './services/console-users'
import { DEFAULT_FLEET_THRESHOLDS, type FleetThresholds } from './services/fleet-health'
import type { FraudDeps } from './routes/fraud-routes'
import { randomBytes } from 'node:crypto'
import { createKioskDirectory } from './services/kiosk-registry'
import type { SecretBox } from './services/secret-box'
import type { UpdateFeed } from './services/update-feed'

export interface AppDeps {
  ds: DataSource
  box: SecretBox
  adminToken: string
  clock: () => number
  logger: HeadOfficeLogger
  /** Per-kiosk budget, spent once a request's signature is verified. */
  kioskRateLimit?: RateBudget
  /** Per-address budget, spent by every request before anything else. */
  addressRateLimit?: RateBudget
  /** Fastify's `trustProxy` (which proxy's X-Forwarded-For names the client's address). */
  trustProxy?: boolean | string
  /** Largest body accepted on kiosk routes (bytes). */
  bodyLimit?: number
  reminderDaysBefore?: number
  /** When the fleet list flags a kiosk (docs/fleet.md#flags). */
  fleetThresholds?: FleetThresholds
  /** Per-address budget of POST /provision (redeeming a code). */
  provisionRateLimit?: RateBudget
  /** Per-address budget of the public plan page, GET /p/:token (docs/program-rules.md). */
  planPageRateLimit?: RateBudget
  /** Bearer token of /metrics; the admin token when absent. */
  metricsToken?: string
  /** The kiosk update feed (docs/updates.md); null or absent: kiosks are offered no update. */
  updates?: UpdateFeed | null
  /**
   * The counter's fraud checks (issue 17): the lost/stolen register, the SMS gateway one-time
   * codes go through, and the key of their hashes (default: a random key per process, which
   * only a single process may use — server.ts derives it from the master key).
   */
  fraud?: Partial<FraudDeps>
  /** Console sign-in lockout and idle timeout (docs/console.md#sessions). */
  consolePolicy?: ConsolePolicy
  /** The built console (out/console) served under /console; absent: API only. */
  consoleDir?: string | null
  /** Console single sign-on through the company directory (OpenID Connect); absent: none. */
  oidc?: OidcSettings | null
  /** The DLT id of each SMS template (SMS_DLT_TEMPLATE_*), shown in the console's message log. */
  smsTemplateIds?: Partial<Record<string, string>> | null
}

/** Builds head office's HTTP app (not listening): kiosk sync, plan lookup, admin. */
export function buildApp(deps: AppDeps): FastifyInstance {
  const app = Fastify(
    serverOptions({
      bodyLimit: deps.bodyLimit ?? PUSH_MAX_BYTES,
      trustProxy: deps.trustProxy ?? false,
    }),
  )
  registerSecurityHeaders(app)
  registerAddressRateLimit(app, deps.addressRateLimit ?? DEFAULT_ADDRESS_BUDGET)
  registerRawJson(app)
  const metrics = registerMetrics(app, deps.ds)
  const kiosks = createKioskDirectory(deps.ds, deps.box)
  const limiter = kioskRateLimit(deps.kioskRateLimit ?? DEFAULT_KIOSK_BUDGET)
  const auth = kioskAuthHook({ ds: deps.ds, kiosks, limiter, clock: deps.clock })
  const authDeferringNonce = kioskAuthHook({
    ds: deps.ds,
    kiosks,
    limiter,
    clock: deps.clock,
    deferNonce: true,
  })

  registerRoutes(app, {
    ds: deps.ds,
    box: deps.box,
    clock: deps.clock,
    adminToken: deps.adminToken,
    reminderDaysBefore: deps.reminderDaysBefore ?? 7,
    logger: deps.logger,
    auth,
    authDeferringNonce,
    metrics,
    metricsToken: deps.metricsToken || deps.adminToken,
    fleetThresholds: deps.fleetThresholds ?? DEFAULT_FLEET_THRESHOLDS,
    provisionRateLimit: deps.provisionRateLimit ?? DEFAULT_PROVISION_BUDGET,
    ...(deps.planPageRateLimit ? { planPageRateLimit: deps.planPageRateLimit } : {}),
    updates: deps.updates ?? null,
    consolePolicy: deps.consolePolicy ?? DEFAULT_CONSOLE_POLICY,
    consoleOidc: deps.oidc ? createOidcSignIn(deps.oidc, deps.box) : null,
    smsTemplateIds: deps.smsTemplateIds ?? null,
    fraud: {
      register: deps.fraud?.register ?? null,
      sms: deps.fraud?.sms ?? null,
      otpKey: deps.fraud?.otpKey ?? randomBytes(32),
    },
  })
  if (deps.consoleDir) registerConsoleStatic(app, deps.consoleDir)
  return app
}
