import type { DataSource } from 'typeorm'
import type { ValueBand } from '../../shared/catalog'
import { ANONYMISED } from '../../shared/domain'
import {
  cancellationsByStore,
  catalogBodies,
  creditedRedemptions,
  flaggedPlansOfStores,
  inspectionsByStore,
  plansOfManyPlanPeople,
  type ReportScope,
  type StoreRateRow,
} from '../db/repos/console-reports'
import { num, withDb } from '../db/sql'
import { daysBeforeStepDown } from './console-reports'

type Range = { from: string; to: string }

/** How many people a report lists at most (the biggest first). */
const PEOPLE_LIMIT = 200

/**
 * Rule of thumb 1 (docs/console.md#fraud-reports): people holding `min` or more plans enrolled in
 * the period. A person is who head office knows across stores — the mobile number
 * (docs/privacy.md); it keeps no hash of an ID (the Aadhaar HMAC stays on the kiosk). The mobile
 * never leaves this function: each person is shown as "Customer 1, 2, …" with the plan numbers.
 */
export async function manyPlansPerPerson(
  ds: DataSource,
  q: Range & { min: number },
  scope: ReportScope,
) {
  const found = await withDb(ds, (db) =>
    plansOfManyPlanPeople(
      db,
      { ...q, anonymisedMobile: ANONYMISED.mobile, limit: PEOPLE_LIMIT },
      scope,
    ),
  )
  const people = new Map<
    string,
    { plans: { planNumber: string; storeCode: string; enrolledOn: string; status: string }[] }
  >()
  for (const r of found) {
    const p = people.get(r.person) ?? { plans: [] }
    p.plans.push({
      planNumber: r.plan_number,
      storeCode: r.store_code,
      enrolledOn: r.enrolled_on,
      status: r.status,
    })
    people.set(r.person, p)
  }
  return {
    ...q,
    ...scope,
    people: [...people.values()].map((p, i) => ({
      label: `Customer ${i + 1}`,
      count: p.plans.length,
      stores: [...new Set(p.plans.map((x) => x.storeCode))].sort(),
      plans: p.plans,
    })),
  }
}

/**
 * Rule of thumb 2: credited redemptions made within `days` days before the plan's value stepped
 * down (the day its band ended or the plan expired), per store against the network's share —
 * a store redeeming far more often right before a drop may be back-dating or rushing them.
 */
export async function redemptionsAtStepDown(
  ds: DataSource,
  q: Range & { days: number },
  scope: ReportScope,
) {
  const { found, schedules } = await withDb(ds, async (db) => {
    const found = await creditedRedemptions(db, q, scope)
    const versions = [...new Set(found.map((r) => r.catalog_version))]
    const schedules = new Map<string, ValueBand[] | undefined>()
    for (const c of await catalogBodies(db, versions)) {
      schedules.set(c.version, (JSON.parse(c.body) as { schedule?: ValueBand[] }).schedule)
    }
    return { found, schedules }
  })
  const stores = new Map<string, { redemptions: number; atStepDown: number }>()
  const flagged = []
  for (const r of found) {
    const s = stores.get(r.store_code) ?? { redemptions: 0, atStepDown: 0 }
    s.redemptions++
    stores.set(r.store_code, s)
    const step = daysBeforeStepDown(
      { srpPaise: num(r.srp_paise), purchaseDate: r.purchase_date, onDate: r.on_date },
      schedules.get(r.catalog_version),
    )
    if (!step || step.days < 1 || step.days > q.days) continue
    s.atStepDown++
    flagged.push({
      planNumber: r.plan_number,
      storeCode: r.store_code,
      redeemedOn: r.on_date,
      stepsDownOn: step.stepDown,
      daysBefore: step.days,
      percent: num(r.percent),
      nextPercent: step.nextPercent,
      creditPaise: num(r.credit_paise),
    })
  }
  const total = found.length
  const atStepDown = flagged.length
  return {
    ...q,
    ...scope,
    redemptions: total,
    atStepDown,
    networkShare: total ? atStepDown / total : 0,
    stores: [...stores]
      .map(([storeCode, s]) => ({ storeCode, ...s, share: s.atStepDown / s.redemptions }))
      .sort((a, b) => b.share - a.share || a.storeCode.localeCompare(b.storeCode)),
    plans: flagged,
  }
}

/** One store's rate against the network's. */
function rates(found: StoreRateRow[], factor: number, minSample: number) {
  const n = found.reduce((s, r) => s + num(r.n), 0)
  const bad = found.reduce((s, r) => s + num(r.flagged), 0)
  const network = n ? bad / n : 0
  const stores = found
    .map((r) => {
      const count = num(r.n)
      const flaggedCount = num(r.flagged)
      const rate = count ? flaggedCount / count : 0
      // Too few to judge, or no worse than `factor` times the network: not flagged.
      const high = count >= minSample && flaggedCount > 0 && rate >= factor * network
      return { storeCode: r.store_code, count, flagged: flaggedCount, rate, high }
    })
    .sort((a, b) => b.rate - a.rate || a.storeCode.localeCompare(b.storeCode))
  return { count: n, flagged: bad, rate: network, stores }
}

/**
 * Rule of thumb 3: stores whose inspection failure rate (ineligible verdicts) or cancellation
 * rate (plans enrolled in the period and cancelled since) is at least `factor` times the
 * network's, over at least `minSample` inspections / plans; each high store with its plan numbers.
 */
export async function storeRates(
  ds: DataSource,
  q: Range & { factor: number; minSample: number },
  scope: ReportScope,
) {
  return withDb(ds, async (db) => {
    const inspections = rates(await inspectionsByStore(db, q, scope), q.factor, q.minSample)
    const cancellations = rates(await cancellationsByStore(db, q, scope), q.factor, q.minSample)
    const drill = async (kind: 'inspections' | 'cancellations', r: typeof inspections) => {
      const high = r.stores.filter((s) => s.high).map((s) => s.storeCode)
      const plans = await flaggedPlansOfStores(db, kind, q, high)
      return {
        ...r,
        stores: r.stores.map((s) => ({
          ...s,
          plans: s.high
            ? plans.filter((p) => p.store_code === s.storeCode).map((p) => p.plan_number)
            : [],
        })),
      }
    }
    return {
      ...q,
      ...scope,
      inspections: await drill('inspections', inspections),
      cancellations: await drill('cancellations', cancellations),
    }
  })
}
