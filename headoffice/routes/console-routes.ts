import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import type { FastifyInstance } from 'fastify'
import type { DataSource } from 'typeorm'
import { z } from 'zod'
import { todayInKolkata } from '../../shared/domain'
import {
  COOKIE_OPTIONS,
  requireConsole,
  SESSION_COOKIE,
  setSessionCookie,
} from '../http/console-auth'
import { answeringWith } from '../http/errors'
import { registerCareRoutes } from './console-care-routes'
import { seesCustomerName } from '../services/console-plan-story'
import { validate } from '../http/validate'
import { CONSOLE_ROLES, type ConsolePermission } from '../services/console-access'
import { consoleAudit } from '../services/console-audit'
import { listConflicts, resolveConflict } from '../services/conflicts'
import { consolePlanSearch } from '../services/console-dashboard'
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  consoleUsers,
  type ConsolePolicy,
  type ConsoleUser,
  createConsoleUser,
  describeUser,
  signInWithDirectory,
  signInWithPassword,
  signInWithTotp,
  signOut,
  updateConsoleUser,
} from '../services/console-users'
import { fleetHealth, type FleetThresholds } from '../services/fleet-health'
import {
  catalogInForce,
  catalogOverview,
  catalogVersion,
  checkDraft,
  diffDraft,
  publishDraft,
} from '../services/catalog-console'
import type { HeadOfficeLogger } from '../logger'
import type { OidcSignIn } from '../services/console-oidc'
import type { SecretBox } from '../services/secret-box'
import { registerStoreDesk } from './console-store-routes'
import { registerConsoleReports } from './console-report-routes'

export interface ConsoleDeps {
  /** Single sign-on through the company directory; null: passwords only. */
  oidc: OidcSignIn | null
  logger: HeadOfficeLogger
  ds: DataSource
  box: SecretBox
  clock: () => number
  policy: ConsolePolicy
  thresholds: FleetThresholds
  /** The DLT id each SMS template is registered under (SMS_DLT_TEMPLATE_*); absent: none shown. */
  smsTemplateIds?: Partial<Record<string, string>> | null
}

const code = z.string().regex(/^\d{6}$/)

type Scope = FastifyInstance
const who = (user: ConsoleUser | undefined) => user as ConsoleUser

/** Sign-in, the code step, sign-out, and the CSRF token (before a session exists too). */
function registerSignIn(scope: Scope, deps: ConsoleDeps): void {
  const { ds, box, clock, policy } = deps
  scope.get('/csrf', async (_request, reply) => ({
    ok: true,
    data: { csrfToken: reply.generateCsrf() },
  }))
  const csrf = { onRequest: scope.csrfProtection }
  scope.post('/sign-in', csrf, async (request, reply) => {
    const body = validate(
      z.object({ email: z.string().max(200), password: z.string().max(200) }),
      request.body,
    )
    const { token, stage } = await signInWithPassword(ds, body, policy, clock())
    setSessionCookie(reply, token)
    return { ok: true, data: { stage } }
  })
  scope.post('/sign-in/totp', csrf, async (request, reply) => {
    const body = validate(z.object({ code }), request.body)
    const pending = request.cookies[SESSION_COOKIE] ?? ''
    const { token } = await signInWithTotp(
      ds,
      box,
      { token: pending, code: body.code },
      policy,
      clock(),
    )
    setSessionCookie(reply, token)
    return { ok: true, data: { stage: 'full' } }
  })
  scope.post('/sign-out', csrf, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE]
    if (token) await signOut(ds, token)
    void reply.clearCookie(SESSION_COOKIE, COOKIE_OPTIONS)
    return { ok: true, data: {} }
  })
}

const OIDC_COOKIE = 'ho_console_oidc'

/**
 * Single sign-on (docs/console.md#single-sign-on). The pending state's cookie is SameSite=Lax:
 * the provider's redirect back is a cross-site navigation, which a Strict cookie would miss.
 */
function registerDirectorySignIn(scope: Scope, deps: ConsoleDeps): void {
  const { ds, clock } = deps
  scope.get('/sign-in/options', async () => ({ ok: true, data: { directory: deps.oidc !== null } }))
  const oidc = deps.oidc
  if (!oidc) return
  const pendingCookie = { ...COOKIE_OPTIONS, path: '/console/api/oidc', sameSite: 'lax' } as const
  scope.get('/oidc/start', async (_request, reply) => {
    const { url, sealed } = await oidc.start(clock())
    void reply.setCookie(OIDC_COOKIE, sealed, { ...pendingCookie, maxAge: 600 })
    return reply.redirect(url)
  })
  scope.get('/oidc/callback', async (request, reply) => {
    const sealed = request.cookies[OIDC_COOKIE] ?? ''
    void reply.clearCookie(OIDC_COOKIE, pendingCookie)
    try {
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : ''
      const email = await oidc.finish(query, sealed, clock())
      setSessionCookie(reply, (await signInWithDirectory(ds, email, clock())).token)
      return reply.redirect('/console/')
    } catch (error) {
      // Why is for the operator's log; the person only learns that it did not work.
      deps.logger.warn('directory sign-in refused', { error: (error as Error).message })
      return reply.redirect('/console/sign-in?directory=refused')
    }
  })
}

/** The signed-in person: who they are, and their own second factor. */
function registerSelf(scope: Scope, deps: ConsoleDeps): void {
  const { ds, box, clock, policy } = deps
  const signedIn = { onRequest: requireConsole(ds, policy, clock, null) }
  const changing = { onRequest: [scope.csrfProtection, requireConsole(ds, policy, clock, null)] }
  scope.get('/session', signedIn, async (request) => ({
    ok: true,
    data: { user: describeUser(who(request.consoleUser)) },
  }))
  scope.post('/totp/enrol', changing, async (request) => ({
    ok: true,
    data: await beginTotpEnrolment(ds, box, who(request.consoleUser), clock()),
  }))
  scope.post('/totp/confirm', changing, async (request) => {
    const body = validate(z.object({ code }), request.body)
    await confirmTotpEnrolment(ds, box, who(request.consoleUser), body.code, clock())
    return { ok: true, data: { totp: true } }
  })
}

/** The screens' data, each behind its permission. */
function registerScreens(scope: Scope, deps: ConsoleDeps): void {
  const { ds, clock, policy } = deps
  const may = (p: ConsolePermission) => ({ onRequest: requireConsole(ds, policy, clock, p) })
  scope.get('/plans', may('plans.read'), async (request) => {
    const q = validate(
      z.object({
        q: z.string().trim().max(40).default(''),
        page: z.coerce.number().int().min(1).max(100_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(20),
      }),
      request.query,
    )
    const seesName = seesCustomerName(who(request.consoleUser).role)
    return { ok: true, data: await consolePlanSearch(ds, { ...q, query: q.q, seesName }) }
  })
  scope.get('/fleet', may('fleet.read'), async () => ({
    ok: true,
    data: { kiosks: await fleetHealth(ds, clock(), deps.thresholds) },
  }))
  scope.get('/audit', may('audit.read'), async (request) => {
    const q = validate(
      z.object({
        page: z.coerce.number().int().min(1).default(1),
        pageSize: z.coerce.number().int().min(1).max(100).default(50),
      }),
      request.query,
    )
    return { ok: true, data: await consoleAudit(ds, q.pageSize, (q.page - 1) * q.pageSize) }
  })
}

/** The conflicts queue (fraud and audit): resolving one is audited and reaches both stores. */
function registerConflicts(scope: Scope, deps: ConsoleDeps): void {
  const { ds, clock, policy } = deps
  const guard = requireConsole(ds, policy, clock, 'conflicts.manage')
  scope.get('/conflicts', { onRequest: guard }, async (request) => {
    const q = validate(
      z.object({ status: z.enum(['open', 'resolved']).default('open') }),
      request.query,
    )
    return { ok: true, data: await listConflicts(ds, q.status) }
  })
  const changing = { onRequest: [scope.csrfProtection, guard] }
  scope.post('/conflicts/:conflictId/resolve', changing, async (request) => {
    const p = validate(z.object({ conflictId: z.uuid() }), request.params)
    const body = validate(
      z.object({ resolution: z.string().trim().min(1).max(1000) }),
      request.body,
    )
    const actor = who(request.consoleUser).email
    return {
      ok: true,
      data: await resolveConflict(ds, p.conflictId, body.resolution, clock(), actor),
    }
  })
}

/** People and access (admin): every change audited. */
function registerUsers(scope: Scope, deps: ConsoleDeps): void {
  const { ds, clock, policy } = deps
  const guard = requireConsole(ds, policy, clock, 'users.manage')
  scope.get('/users', { onRequest: guard }, async () => ({
    ok: true,
    data: await consoleUsers(ds),
  }))
  const changing = { onRequest: [scope.csrfProtection, guard] }
  scope.post('/users', changing, async (request) => {
    const body = validate(
      z.object({ email: z.email().max(200), role: z.enum(CONSOLE_ROLES) }),
      request.body,
    )
    const actor = who(request.consoleUser).email
    const created = await answeringWith({ VALIDATION_FAILED: 409 }, () =>
      createConsoleUser(ds, { ...body, actor }, clock()),
    )
    return { ok: true, data: created }
  })
  scope.patch('/users/:userId', changing, async (request) => {
    const p = validate(z.object({ userId: z.uuid() }), request.params)
    const body = validate(
      z.object({ role: z.enum(CONSOLE_ROLES), active: z.boolean() }),
      request.body,
    )
    const actor = who(request.consoleUser).email
    await updateConsoleUser(ds, { ...p, ...body, actor }, clock())
    return { ok: true, data: {} }
  })
}

/**
 * The catalog (docs/console.md#catalog): versions and the kiosks running them, the version in
 * force, a draft's checks and diff (the draft itself lives in the browser), publishing (admin).
 */
function registerCatalog(scope: Scope, deps: ConsoleDeps): void {
  const { ds, clock, policy } = deps
  const read = { onRequest: requireConsole(ds, policy, clock, 'catalog.read') }
  const today = () => todayInKolkata(clock)
  const version = z.string().regex(/^\d{4}\.\d{2}\.\d+$/)
  scope.get('/catalog', read, async () => ({ ok: true, data: await catalogOverview(ds, today()) }))
  scope.get('/catalog/in-force', read, async () => ({
    ok: true,
    data: await catalogInForce(ds, today()),
  }))
  scope.get('/catalog/versions/:version', read, async (request) => {
    const p = validate(z.object({ version }), request.params)
    return { ok: true, data: await catalogVersion(ds, p.version) }
  })
  // Drafts are the publishers' (catalog.publish). Checking one changes nothing, but it carries a
  // body: POST, with the CSRF token all the same.
  const draftBody = { bodyLimit: 8 * 1024 * 1024 }
  const publisher = requireConsole(ds, policy, clock, 'catalog.publish')
  const drafting = { ...draftBody, onRequest: [scope.csrfProtection, publisher] }
  scope.post('/catalog/draft/validate', drafting, async (request) => {
    const body = validate(z.object({ catalog: z.unknown() }), request.body)
    const checked = await checkDraft(ds, body.catalog, today())
    return {
      ok: true,
      data: checked.ok ? { valid: true, issues: [] } : { valid: false, issues: checked.issues },
    }
  })
  scope.post('/catalog/draft/diff', drafting, async (request) => {
    const body = validate(z.object({ catalog: z.unknown() }), request.body)
    return { ok: true, data: await diffDraft(ds, body.catalog, today()) }
  })
  scope.post('/catalog/publish', drafting, async (request) => {
    const body = validate(z.object({ catalog: z.unknown() }), request.body)
    const actor = who(request.consoleUser).email
    return {
      ok: true,
      data: await publishDraft(ds, { body: body.catalog, actor, today: today() }, clock()),
    }
  })
}

/**
 * The console's API under /console/api (docs/console.md): cookie sessions, CSRF tokens on every
 * state-changing request (double submit: a secret in an HttpOnly cookie, the token in a header).
 */
export function registerConsoleRoutes(app: FastifyInstance, deps: ConsoleDeps): void {
  void app.register(
    async (scope) => {
      await scope.register(fastifyCookie)
      await scope.register(fastifyCsrf, {
        cookieKey: 'ho_console_csrf',
        cookieOpts: { ...COOKIE_OPTIONS },
      })
      registerSignIn(scope, deps)
      registerDirectorySignIn(scope, deps)
      registerSelf(scope, deps)
      registerScreens(scope, deps)
      registerUsers(scope, deps)
      registerConflicts(scope, deps)
      registerCatalog(scope, deps)
      registerStoreDesk(scope, deps)
      registerCareRoutes(scope, deps)
      registerConsoleReports(scope, deps)
    },
    { prefix: '/console/api' },
  )
}
