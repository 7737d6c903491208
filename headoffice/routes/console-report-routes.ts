import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { addDays, daysBetween, isLocalDate, todayInKolkata } from '../../shared/domain'
import { requireConsole } from '../http/console-auth'
import { validate } from '../http/validate'
import { HeadOfficeError } from '../errors'
import { type ConsolePermission, roleMay } from '../services/console-access'
import { manyPlansPerPerson, redemptionsAtStepDown, storeRates } from '../services/console-fraud'
import {
  ACTIVITY_COLUMNS,
  activityReportLines,
  dashboardActivity,
  LIABILITY_COLUMNS,
  liabilityReportLines,
  outstandingLiability,
  reportScopes,
  toSpreadsheetCsv,
} from '../services/console-reports'
import type { ConsoleDeps } from './console-routes'

const day = z.string().refine(isLocalDate, 'a calendar date YYYY-MM-DD')

/** The longest period a view may ask for: a year and a day (a leap year's whole year). */
const MAX_DAYS = 366

/** Region (GST state code) and store: the scope every view filters by, both optional. */
const scopeFields = {
  region: z
    .string()
    .regex(/^\d{2}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  store: z
    .string()
    .regex(/^[A-Z0-9]{2,8}$/)
    .optional()
    .or(z.literal('').transform(() => undefined)),
}

/** A period `from`..`to` (default: the 30 days up to today), at most a year, never reversed. */
function period(query: unknown, today: string) {
  const q = validate(
    z.object({ from: day.optional(), to: day.optional(), ...scopeFields }).loose(),
    query,
  )
  const to = q.to ?? today
  const from = q.from ?? addDays(to, -29)
  const span = daysBetween(from, to)
  if (span < 0) throw new HeadOfficeError('VALIDATION_FAILED', 'from: must not be after to')
  if (span >= MAX_DAYS)
    throw new HeadOfficeError('VALIDATION_FAILED', `from: a period is at most ${MAX_DAYS} days`)
  return { range: { from, to }, scope: { region: q.region, store: q.store } }
}

/**
 * The day a liability is valued on: today (default) or a later day — what the live plans will be
 * owed then if none is redeemed or cancelled before. A past day cannot be rebuilt (plans redeemed
 * since were live then), so it is refused.
 */
function asOfDay(query: unknown, today: string): string {
  const q = validate(z.object({ asOf: day.optional() }).loose(), query)
  const asOf = q.asOf ?? today
  if (asOf < today)
    throw new HeadOfficeError('VALIDATION_FAILED', `asOf: must be today (${today}) or later`)
  return asOf
}

function scopeOf(query: unknown) {
  const q = validate(z.object(scopeFields).loose(), query)
  return { region: q.region, store: q.store }
}

/** The filters as a file-name part: `MH01-2026-11-01-2026-11-30`. */
function fileName(kind: string, parts: (string | undefined)[]): string {
  return [kind, ...parts.filter(Boolean)].join('-')
}

function sendCsv(reply: FastifyReply, name: string, csv: string) {
  void reply.header('content-type', 'text/csv; charset=utf-8')
  void reply.header('content-disposition', `attachment; filename="${name}.csv"`)
  void reply.header('cache-control', 'no-store')
  return reply.send(csv)
}

/**
 * The dashboard's filtered figures, the reports (liability, activity; JSON and CSV) and the fraud
 * reports (docs/console.md#reports), each behind its permission.
 */
export function registerConsoleReports(scope: FastifyInstance, deps: ConsoleDeps): void {
  const { ds, clock, policy } = deps
  const may = (p: ConsolePermission) => ({ onRequest: requireConsole(ds, policy, clock, p) })
  const today = () => todayInKolkata(clock)

  // The regions and stores to filter by: for anyone who sees a view that filters.
  const viewing: ConsolePermission[] = ['dashboard.read', 'reports.read', 'fraud.read']
  scope.get(
    '/report-scopes',
    {
      onRequest: [
        requireConsole(ds, policy, clock, null),
        async (request) => {
          const role = request.consoleUser?.role
          if (!role || !viewing.some((p) => roleMay(role, p)))
            throw new HeadOfficeError('ROLE_FORBIDDEN', 'Your role may not see this.')
        },
      ],
    },
    async () => ({ ok: true, data: await reportScopes(ds) }),
  )

  scope.get('/dashboard', may('dashboard.read'), async (request) => {
    const { range, scope: s } = period(request.query, today())
    return { ok: true, data: await dashboardActivity(ds, range, s) }
  })
  scope.get('/dashboard/liability', may('dashboard.read'), async (request) => ({
    ok: true,
    data: await outstandingLiability(ds, today(), scopeOf(request.query)),
  }))

  scope.get('/reports/liability', may('reports.read'), async (request) => {
    const s = scopeOf(request.query)
    const day = today()
    const asOf = asOfDay(request.query, day)
    const lines = await liabilityReportLines(ds, asOf, s)
    return { ok: true, data: { asOf, projected: asOf > day, ...s, lines } }
  })
  scope.get('/reports/liability.csv', may('reports.read'), async (request, reply) => {
    const s = scopeOf(request.query)
    const asOf = asOfDay(request.query, today())
    const lines = await liabilityReportLines(ds, asOf, s)
    const name = fileName('liability', [s.region, s.store, asOf])
    return sendCsv(reply, name, toSpreadsheetCsv(lines, LIABILITY_COLUMNS))
  })
  scope.get('/reports/activity', may('reports.read'), async (request) => {
    const { range, scope: s } = period(request.query, today())
    return { ok: true, data: { ...range, ...s, lines: await activityReportLines(ds, range, s) } }
  })
  scope.get('/reports/activity.csv', may('reports.read'), async (request, reply) => {
    const { range, scope: s } = period(request.query, today())
    const lines = await activityReportLines(ds, range, s)
    const name = fileName('activity', [s.region, s.store, range.from, range.to])
    return sendCsv(reply, name, toSpreadsheetCsv(lines, ACTIVITY_COLUMNS))
  })

  scope.get('/fraud/many-plans', may('fraud.read'), async (request) => {
    const { range, scope: s } = period(request.query, today())
    const q = validate(
      z.object({ min: z.coerce.number().int().min(2).max(100).default(3) }).loose(),
      request.query,
    )
    return { ok: true, data: await manyPlansPerPerson(ds, { ...range, min: q.min }, s) }
  })
  scope.get('/fraud/step-down', may('fraud.read'), async (request) => {
    const { range, scope: s } = period(request.query, today())
    const q = validate(
      z.object({ days: z.coerce.number().int().min(1).max(31).default(3) }).loose(),
      request.query,
    )
    return { ok: true, data: await redemptionsAtStepDown(ds, { ...range, days: q.days }, s) }
  })
  scope.get('/fraud/store-rates', may('fraud.read'), async (request) => {
    const { range, scope: s } = period(request.query, today())
    const q = validate(
      z
        .object({
          factor: z.coerce.number().min(1).max(20).default(2),
          minSample: z.coerce.number().int().min(1).max(100_000).default(10),
        })
        .loose(),
      request.query,
    )
    return { ok: true, data: await storeRates(ds, { ...range, ...q }, s) }
  })
}
