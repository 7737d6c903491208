// Child process of crash.test.ts: enrolls phones in a loop and prints each committed plan number.
// The parent kills it with SIGKILL at a random moment and checks the database it leaves behind.
import { randomUUID } from 'node:crypto'
import { DEMO_STAFF, createKioskCore } from '../../../electron/core'
import { createMemoryLogger } from '../../../electron/core/logger'
import { luhnCheckDigit, verhoeffCheckDigit } from '../../../shared/domain/checksums'

const [dataDir, catalogPath, iteration] = process.argv.slice(2) as [string, string, string]
const imei = (n: number) => {
  const body = `86${String(Number(iteration) % 10_000).padStart(4, '0')}${String(n).padStart(8, '0')}`
  return body + luhnCheckDigit(body)
}

async function main() {
  const core = await createKioskCore({
    dataDir,
    clock: () => Date.parse('2020-11-10T06:00:00Z'),
    bundledCatalogPath: catalogPath,
    storeCode: 'MH01',
    kioskCode: 'K1',
    appVersion: 'crash',
    logger: createMemoryLogger(),
    kycKey: Buffer.alloc(32, 7),
    seedStaff: DEMO_STAFF,
    pinCostLog2: 8,
  })
  const ctx = { sessionId: 'crash', transport: 'ipc' as const }
  await core.dispatch('staff.signIn', { staffCode: 'C1', pin: '1111' }, ctx)
  process.stdout.write('READY\n')
  const body = '23456789012'
  for (let n = 0; ; n++) {
    const res = await core.dispatch(
      'enrollment.create',
      {
        requestId: randomUUID(),
        variantId: 'redmi-note-9-4-64',
        imeis: [imei(2 * n), imei(2 * n + 1)],
        purchase: {
          invoiceNumber: `INV-${n}`,
          invoiceDate: '2020-11-05',
          storeCode: 'MH01',
          pricePaidPaise: 11_999_00,
        },
        customer: {
          name: 'Crash Test',
          mobile: '9876543210',
          email: null,
          idType: 'aadhaar',
          idNumber: body + verhoeffCheckDigit(body),
        },
        consent: {
          dataProcessing: true,
          notifications: true,
          marketing: false,
          version: 'dpdp-2026.11',
          givenBy: 'adult',
        },
        payment: { method: 'cash', amountPaise: 499_00 },
      },
      ctx,
    )
    if (!res.ok) {
      process.stdout.write(`ERROR ${JSON.stringify(res.error)}\n`)
      process.exit(2)
    }
    process.stdout.write(
      `COMMITTED ${(res.data as { plan: { planNumber: string } }).plan.planNumber}\n`,
    )
  }
}
void main()
