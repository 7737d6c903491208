import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { kioskId } from '../shared/sync/signing'
import { loadConfig } from './config'
import { openDatabase } from './db/data-source'
import { publishCatalog } from './services/catalog-publisher'
import { listKiosks, registerKiosk, revokeKiosk } from './services/kiosk-registry'
import { createSecretBox } from './services/secret-box'
import { issueStaffUnlockCode } from './services/unlock-codes'

const USAGE = `head office admin (same environment as the server: DATABASE_URL / HEADOFFICE_DATA_DIR,
HEADOFFICE_MASTER_KEY)

  tsx headoffice/admin.ts register-kiosk --store MH01 --kiosk K1 [--name "Mi Home Andheri"] [--rotate]
  tsx headoffice/admin.ts revoke-kiosk --store MH01 --kiosk K1
  tsx headoffice/admin.ts list-kiosks
  tsx headoffice/admin.ts issue-unlock-code --store MH01 --kiosk K1 --staff M1
  tsx headoffice/admin.ts publish-catalog <catalog.json>
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

/** The head-office admin command line; talks to the database directly. */
async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      kiosk: { type: 'string' },
      name: { type: 'string' },
      staff: { type: 'string' },
      rotate: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
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
      case 'issue-unlock-code':
        return await issueUnlockCode(ds, box, values, now)
      case 'list-kiosks': {
        for (const k of await listKiosks(ds)) {
          process.stdout.write(`${k.id}\t${k.status}\tseq ${k.last_seq}\t${k.secret_fingerprint}\n`)
        }
        return 0
      }
      case 'publish-catalog': {
        if (!file) throw new Error('publish-catalog needs a JSON file')
        const r = await publishCatalog(ds, JSON.parse(readFileSync(file, 'utf8')), now)
        process.stdout.write(`Catalog ${r.version} published.\n`)
        return 0
      }
      default:
        process.stdout.write(USAGE)
        return 2
    }
  } finally {
    await ds.destroy()
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).message}\n`)
    process.exit(1)
  },
)
