import { todayInKolkata } from '../shared/domain'
import { buildApp } from './app'
import { loadConfig } from './config'
import { openDatabase } from './db/data-source'
import { purgeNonces } from './http/kiosk-auth'
import { createLogger } from './logger'
import { dispatchDue } from './notifications/dispatcher'
import { createMailer } from './notifications/mailer'
import { enqueueStepDownReminders } from './notifications/reminders'
import { createSmsGateway } from './notifications/sms-gateway'
import { createJobRunner } from './services/job-runner'
import { createSecretBox } from './services/secret-box'

/** `npm run headoffice`: opens the database, serves HTTP, runs the background jobs. */
async function main(): Promise<void> {
  const logger = createLogger()
  const config = loadConfig()
  const clock = Date.now
  const ds = await openDatabase(config.database)
  const box = createSecretBox(config.masterKey)
  const app = buildApp({
    ds,
    box,
    adminToken: config.adminToken,
    clock,
    logger,
    kioskRateLimit: config.kioskRateLimit,
    addressRateLimit: config.addressRateLimit,
    trustProxy: config.trustProxy,
    reminderDaysBefore: config.reminderDaysBefore,
    updates: config.updates,
  })
  const sms = config.sms ? createSmsGateway(config.sms) : null
  const mailer = config.smtp ? createMailer(config.smtp) : null

  // Run once across every head-office process on the database (services/job-runner.ts).
  const jobs = createJobRunner(
    ds,
    [
      {
        name: 'step-down-reminders',
        period: () => todayInKolkata(clock),
        run: () =>
          enqueueStepDownReminders(ds, todayInKolkata(clock), config.reminderDaysBefore, clock()),
      },
      {
        name: 'notification-dispatch',
        run: () => dispatchDue({ ds, sms, email: mailer, clock, logger }),
      },
      { name: 'nonce-purge', run: () => purgeNonces(ds, clock()) },
    ],
    { clock, logger },
  )
  const timer = setInterval(() => void jobs.tick(), config.jobIntervalMs)

  const address = await app.listen({ host: config.host, port: config.port })
  logger.info('head office listening', {
    address,
    database: config.database.kind,
    sms: Boolean(sms),
    smtp: Boolean(mailer),
  })
  const stop = async () => {
    clearInterval(timer)
    await app.close()
    mailer?.close()
    await ds.destroy()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
}

main().catch((error: unknown) => {
  process.stderr.write(`head office failed to start: ${(error as Error).message}\n`)
  process.exit(1)
})
