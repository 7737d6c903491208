import { readFileSync } from 'node:fs'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { join } from 'node:path'
import type { KioskCoreConfig } from '../../../../electron/core'
import { createFileSecretStore } from '../../../../electron/core/sync/secret-store'
import type { Catalog } from '../../../../shared/catalog'
import type { TestHeadOffice } from '../../../headoffice/harness'
import { CATALOG_PATH, SIGNED, makeCore, tempDir, type TestCore } from '../helpers'

/** The demo catalog the kiosks have bundled (head office publishes the same one first). */
export function demoCatalog(): Catalog {
  return JSON.parse(readFileSync(CATALOG_PATH, 'utf8')) as Catalog
}

/**
 * The kiosk's network as a test controls it: `online = false` fails every request as a cut
 * cable does; `dropPushResponses = n` lets the next n pushes reach head office and commit, then
 * loses their answers (the client sees a network error, as after a timeout).
 */
export function controlledFetch() {
  const net = {
    online: true,
    dropPushResponses: 0,
    pushes: 0,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      if (!net.online) throw new TypeError('fetch failed (network down)')
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      const response = await fetch(input, init)
      if (url.includes('/sync/push')) {
        net.pushes += 1
        if (net.dropPushResponses > 0) {
          net.dropPushResponses -= 1
          await response.arrayBuffer()
          throw new TypeError('fetch failed (response lost)')
        }
      }
      return response
    }) as typeof fetch,
  }
  return net
}

/** Makes head office's clock read the kiosks' clock (signatures allow ±5 minutes of skew). */
export function followClock(ho: TestHeadOffice, clock: () => number): void {
  Object.defineProperty(ho.now, 'value', { get: clock, set: () => {}, configurable: true })
}

/**
 * A kiosk core registered at head office and configured to sync with it: the secret in a 0600
 * file as browser mode keeps it, a long interval so the test decides when cycles run
 * (`sync.now`), and idle lock off (the tests move the clock by days).
 */
export async function syncedCore(
  ho: TestHeadOffice,
  kioskCode: string,
  options: {
    storeCode?: string
    baseUrl?: string
    clock?: () => number
    net?: ReturnType<typeof controlledFetch>
    /** Its own data directory (default a fresh temp one) and logger (default in memory). */
    dataDir?: string
    logger?: KioskCoreConfig['logger']
    /** More configuration (a trade-in partner, issue 22). */
    extra?: Partial<KioskCoreConfig>
  } = {},
): Promise<TestCore & { net: ReturnType<typeof controlledFetch> }> {
  const storeCode = options.storeCode ?? 'MH01'
  const dir = options.dataDir ?? tempDir()
  const secretStore = createFileSecretStore(join(dir, 'headoffice-secret'))
  await secretStore.set(await ho.register(storeCode, kioskCode))
  const net = options.net ?? controlledFetch()
  const t = await makeCore({
    dataDir: dir,
    storeCode,
    kioskCode,
    idleLockMinutes: 100_000,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...options.extra,
    sync: {
      baseUrl: options.baseUrl ?? ho.url,
      secretStore,
      fetch: net.fetch,
      intervalMs: 3_600_000,
    },
  })
  return Object.assign(t, { net })
}

/**
 * A TCP relay in front of head office: `stop()` refuses connections as a stopped server does
 * (ECONNREFUSED), `start()` listens again on the same port.
 */
export async function headOfficeRelay(target: string) {
  const { hostname, port: targetPort } = new URL(target)
  const sockets = new Set<Socket>()
  let server: Server | null = null
  let port = 0
  async function start(): Promise<void> {
    server = createServer((client) => {
      const upstream = connect(Number(targetPort), hostname)
      sockets.add(client).add(upstream)
      client.pipe(upstream).pipe(client)
      const drop = () => {
        client.destroy()
        upstream.destroy()
        sockets.delete(client)
        sockets.delete(upstream)
      }
      client.on('error', drop).on('close', drop)
      upstream.on('error', drop).on('close', drop)
    })
    await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve))
    port = (server.address() as { port: number }).port
  }
  async function stop(): Promise<void> {
    for (const s of sockets) s.destroy()
    sockets.clear()
    const s = server
    server = null
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
  }
  await start()
  return {
    get url() {
      return `http://127.0.0.1:${port}`
    },
    start,
    stop,
  }
}

/** Signs the demo staff in on their own sessions (C1 on S1, T1 on TECH, M1 on MGR). */
export async function signInAll(t: TestCore): Promise<void> {
  await t.signIn('C1')
  await t.signIn('T1', 'TECH')
  await t.signIn('M1', 'MGR')
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString(
  'base64',
)

/** Inspection (all items pass) by T1 then the upgrade sale by C1; returns the redemption. */
export async function inspectAndRedeem(
  t: TestCore,
  planNumber: string,
  imei: string,
  proof: { idLast4?: string; mobile?: string },
  newDevice: { imei: string; pricePaise: number },
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at responses
): Promise<any> {
  // Tests jump the clock by months: the sessions locked by idleness sign in again.
  await signInAll(t)
  const start = await t.ok('inspection.start', { planNumber, imei }, 'TECH')
  const answers = start.checklist.map((item: { id: string; photo: boolean }) => ({
    itemId: item.id,
    result: 'pass',
    note: null,
    photo: item.photo ? { mime: 'image/png', base64: PNG } : null,
  }))
  const insp = await t.ok(
    'inspection.submit',
    { inspectionId: start.inspectionId, answers },
    'TECH',
  )
  const check = await t.ok('redemption.check', { planNumber, customer: proof })
  const credit = Math.min(check.quote.valuePaise as number, newDevice.pricePaise)
  const due = newDevice.pricePaise - credit
  return t.ok('redemption.complete', {
    requestId: crypto.randomUUID(),
    planNumber,
    inspectionId: insp.inspectionId,
    customer: proof,
    newDevice: {
      brand: 'Xiaomi',
      modelName: 'Mi 10',
      modelId: 'mi-10',
      salesInvoiceNumber: 'MH01-POS-2',
      ...newDevice,
    },
    ...(due > 0 ? { payment: { method: 'cash', amountPaise: due } } : {}),
    ...SIGNED,
  })
}
