import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { kioskId } from '../shared/sync/signing'
import { loadConfig } from './config'
import { openDatabase } from './db/data-source'
import { publishCatalog } from './services/catalog-publisher'
import { listKiosks, registerKiosk, revokeKiosk } from './services/kiosk-registry'
import type { DataSource } from 'typeorm'
import { fleetHealth, type FleetThresholds } from './services/fleet-health'
import { issueProvisioningCode, retireKiosk } from './services/provisioning'
import { rotateOrgKey } from './services/kiosk-keys'
import { createConsoleUser } from './services/console-users'
import { createSecretBox, type SecretBox } from './services/secret-box'
import { issueStaffUnlockCode } from './services/unlock-codes'
import { addRelease, listReleases, setRelease } from './services/update-feed'
import { RELEASE_STATUSES, type ReleaseStatus } from './services/update-rollout'
import type { HeadOfficeConfig } from './config'

const USAGE = `head office admin (same environment as the server: DATABASE_URL / HEADOFFICE_DATA_DIR,
HEADOFFICE_MASTER_KEY)

  tsx headoffice/admin.ts register-kiosk --store MH01 --kiosk K1 [--name "Mi Home Andheri"] [--rotate]
  tsx headoffice/admin.ts revoke-kiosk --store MH01 --kiosk K1
  tsx headoffice/admin.ts list-kiosks
  tsx headoffice/admin.ts provisioning-code --store MH01 --kiosk K2 [--hours 24]
  tsx headoffice/admin.ts retire-kiosk --store MH01 --kiosk K1
  tsx headoffice/admin.ts fleet
  tsx headoffice/admin.ts rotate-key --name org
  tsx headoffice/admin.ts issue-unlock-code --store MH01 --kiosk K1 --staff M1
  tsx headoffice/admin.ts publish-catalog <catalog.json>

head-office console (docs/console.md):
  tsx headoffice/admin.ts create-user --email asha@brand.example --role admin
      (roles: admin, finance, operations, customer-care, fraud-audit; prints a one-time password)

kiosk updates (docs/updates.md; the feed directory is HEADOFFICE_UPDATES_DIR):
  tsx headoffice/admin.ts add-release --version 1.2.0 [--percent 10] [--stores MH01,MH02]
  tsx headoffice/admin.ts set-release --version 1.2.0 [--percent 50] [--stores MH01]
                                      [--status active|held|rolled-back]
  tsx headoffice/admin.ts list-releases
`

/** `issue-unlock-code`: today's code for a locked-out staff member at one kiosk (read out). */
async function issueUnlockCode(
  ds: Parameters<typeof issueStaffUnlockCode>[0],
  box: Parameters<typeof issueStaffUnlockCode>[1],
  values: { store?: string; kiosk?: string; staff?: string },
  now: number,
): Promise<number> {
  if (!values.store || !values.kiosk || !values.staff) {
    throw new Error('--store, --kiosk and --staff are required')
  }
  const who = { storeCode: values.store, kioskCode: values.kiosk, staffCode: values.staff }
  const { code, day } = await issueStaffUnlockCode(ds, box, who, now)
  process.stdout.write(
    `Unlock code for ${who.staffCode.toUpperCase()} at ${kioskId(who.storeCode, who.kioskCode)}, ` +
      `good once on ${day}:\n\n  ${code}\n\n`,
  )
  return 0
}

/** `create-user`: a console account; its generated password is printed once. */
async function consoleCommand(
  command: string,
  values: { email?: string; role?: string },
  ds: DataSource,
  now: number,
): Promise<number | null> {
  if (command !== 'create-user') return null
  if (!values.email || !values.role) throw new Error('--email and --role are required')
  const r = await createConsoleUser(
    ds,
    { email: values.email, role: values.role, actor: 'command line' },
    now,
  )
  process.stdout.write(
    `Console user ${r.user.email} (${r.user.role}) created.\n` +
      `One-time password (shown ONCE; sign in at /console and enrol a second factor):\n\n` +
      `  ${r.oneTimePassword}\n\n`,
  )
  return 0
}

/** The fleet commands (docs/fleet.md); null when `command` is not one of them. */
async function fleetCommand(
  command: string,
  values: { store?: string; kiosk?: string; hours?: string; name?: string; staff?: string },
  ds: DataSource,
  box: SecretBox,
  thresholds: FleetThresholds,
  now: number,
): Promise<number | null> {
  switch (command) {
    case 'issue-unlock-code':
      return await issueUnlockCode(ds, box, values, now)
    case 'provisioning-code': {
      if (!values.store || !values.kiosk) throw new Error('--store and --kiosk are required')
      const ttlHours = values.hours ? Number(values.hours) : undefined
      const r = await issueProvisioningCode(
        ds,
        { storeCode: values.store, kioskCode: values.kiosk, ttlHours },
        now,
      )
      process.stdout.write(
        `One-time code for kiosk ${r.kioskCode} of ${r.storeCode} (until ${r.expiresAt}):\n\n` +
          `  ${r.code}\n\nEnter it on the new kiosk's setup screen; it works once.\n`,
      )
      return 0
    }
    case 'retire-kiosk': {
      if (!values.store || !values.kiosk) throw new Error('--store and --kiosk are required')
      await retireKiosk(ds, kioskId(values.store, values.kiosk), now)
      process.stdout.write(`Kiosk ${kioskId(values.store, values.kiosk)} retired.\n`)
      return 0
    }
    case 'fleet': {
      for (const k of await fleetHealth(ds, now, thresholds)) {
        const hb = k.heartbeat
        process.stdout.write(
          `${k.kioskId}\t${k.status}\tseen ${k.lastSeenAt ?? 'never'}\t` +
            `backlog ${hb?.backlog ?? '?'}\t${k.flags.join(',') || 'ok'}\n`,
        )
      }
      return 0
    }
    case 'rotate-key': {
      if (!values.name) throw new Error('--name is required')
      const r = await rotateOrgKey(ds, box, values.name, now)
      process.stdout.write(`Key ${r.name} is now at version ${r.version}.\n`)
      return 0
    }
    default:
      return null
  }
}

/** The head-office admin command line; talks to the database directly. */
/** The command line's flags (parseArgs). */
const OPTIONS = {
  store: { type: 'string' },
  kiosk: { type: 'string' },
  name: { type: 'string' },
  staff: { type: 'string' },
  rotate: { type: 'boolean', default: false },
  hours: { type: 'string' },
  version: { type: 'string' },
  percent: { type: 'string' },
  stores: { type: 'string' },
  status: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: OPTIONS,
  })
  const [command, file] = positionals
  if (!command || values.help) {
    process.stdout.write(USAGE)
    return command ? 0 : 2
  }
  const config = loadConfig(process.env, { requireAdminToken: false })
  const ds = await openDatabase(config.database, 2)
  const box = createSecretBox(config.masterKey)
  const now = Date.now()
  try {
    const fleet = await fleetCommand(command, values, ds, box, config.fleetThresholds, now)
    if (fleet !== null) return fleet
    const people = await consoleCommand(command, values, ds, now)
    if (people !== null) return people
    switch (command) {
      case 'register-kiosk': {
        if (!values.store || !values.kiosk) throw new Error('--store and --kiosk are required')
        const r = await registerKiosk(
          ds,
          box,
          {
            storeCode: values.store,
            kioskCode: values.kiosk,
            storeName: values.name,
            rotate: values.rotate,
          },
          now,
        )
        process.stdout.write(
          `Kiosk ${r.kioskId} registered (fingerprint ${r.fingerprint}).\n` +
            `Secret (shown ONCE — enter it at the kiosk now, it cannot be shown again):\n\n` +
            `  ${r.secret}\n\n`,
        )
        return 0
      }
      case 'revoke-kiosk': {
        if (!values.store || !values.kiosk) throw new Error('--store and --kiosk are required')
        await revokeKiosk(ds, kioskId(values.store, values.kiosk), now)
        process.stdout.write(`Kiosk ${kioskId(values.store, values.kiosk)} revoked.\n`)
        return 0
      }
      case 'list-kiosks': {
        for (const k of await listKiosks(ds)) {
          process.stdout.write(`${k.id}\t${k.status}\tseq ${k.last_seq}\t${k.secret_fingerprint}\n`)
        }
        return 0
      }
      case 'publish-catalog': {
        if (!file) throw new Error('publish-catalog needs a JSON file')
        const r = await publishCatalog(ds, JSON.parse(readFileSync(file, 'utf8')), now, {
          publishedBy: 'command line',
        })
        process.stdout.write(`Catalog ${r.version} published.\n`)
        return 0
      }
      default: {
        const done = await releaseCommand(command, values, { ds, config, now })
        if (done !== null) return done
        process.stdout.write(USAGE)
        return 2
      }
    }
  } finally {
    await ds.destroy()
  }
}

/** The release commands (staged rollout of kiosk updates); null for another command. */
async function releaseCommand(
  command: string,
  values: { version?: string; percent?: string; stores?: string; status?: string },
  on: { ds: DataSource; config: HeadOfficeConfig; now: number },
): Promise<number | null> {
  const percent = values.percent === undefined ? undefined : Number.parseInt(values.percent, 10)
  if (percent !== undefined && !(percent >= 0 && percent <= 100)) {
    throw new Error('--percent must be 0 to 100')
  }
  const stores = values.stores
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const status = values.status as ReleaseStatus | undefined
  if (status !== undefined && !RELEASE_STATUSES.includes(status)) {
    throw new Error(`--status must be one of ${RELEASE_STATUSES.join(', ')}`)
  }
  const show = (r: { version: string; status: string; percent: number; stores: string[] }) =>
    process.stdout.write(`${r.version}\t${r.status}\t${r.percent}%\t${r.stores.join(',')}\n`)
  switch (command) {
    case 'add-release': {
      if (!values.version) throw new Error('--version is required')
      if (!on.config.updates) throw new Error('HEADOFFICE_UPDATES_DIR is not set')
      show(
        await addRelease(
          on.ds,
          on.config.updates,
          { version: values.version, percent, stores },
          on.now,
        ),
      )
      return 0
    }
    case 'set-release': {
      if (!values.version) throw new Error('--version is required')
      show(await setRelease(on.ds, values.version, { percent, stores, status }, on.now))
      return 0
    }
    case 'list-releases':
      for (const r of await listReleases(on.ds)) show(r)
      return 0
    default:
      return null
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`)
    process.exit(1)
  },
)
