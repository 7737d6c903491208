import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
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
import { runHeadOfficeRetention } from './retention/retention'
import { retentionOverridesFromEnv } from './retention/schedule'
import { purgeKioskLogs } from './services/fleet-health'
import { createJobRunner } from './services/job-runner'
import { checkPartnerTradeIns, tradeInPartnerLookupFromEnv } from './services/tradein-check'
import { createHttpImeiRegister } from './services/imei-register'
import { deriveOtpKey, purgeOtps } from './services/otp'
import { createSecretBox } from './services/secret-box'

/** `npm run headoffice`: opens the database, serves HTTP, runs the background jobs. */
async function main(): Promise<void> {
  const logger = createLogger()
  const config = loadConfig()
  const clock = Date.now
  const ds = await openDatabase(config.database)
  const box = createSecretBox(config.masterKey)
  const sms = config.sms ? createSmsGateway(config.sms) : null
  const consoleDir = resolve('out/console')
  const app = buildApp({
    ds,
    oidc: config.oidc,
    smsTemplateIds: config.sms?.templateIds ?? null,
    consoleDir: existsSync(join(consoleDir, 'index.html')) ? consoleDir : null,
    box,
    adminToken: config.adminToken,
    clock,
    logger,
    kioskRateLimit: config.kioskRateLimit,
    addressRateLimit: config.addressRateLimit,
    trustProxy: config.trustProxy,
    reminderDaysBefore: config.reminderDaysBefore,
    fleetThresholds: config.fleetThresholds,
    metricsToken: config.metricsToken,
    updates: config.updates,
    fraud: {
      sms,
      register: config.imeiRegister ? createHttpImeiRegister(config.imeiRegister) : null,
      otpKey: deriveOtpKey(config.masterKey),
    },
  })
  const mailer = config.smtp ? createMailer(config.smtp) : null

  const retentionOverrides = retentionOverridesFromEnv(process.env)
  const tradeInPartner = tradeInPartnerLookupFromEnv(process.env)
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
      ...(tradeInPartner
        ? [
            {
              // Head office asks the trade-in partner itself about partner-priced trade-ins.
              name: 'trade-in-partner-check',
              run: () => checkPartnerTradeIns(ds, tradeInPartner),
            },
          ]
        : []),
      { name: 'nonce-purge', run: () => purgeNonces(ds, clock()) },
      { name: 'otp-purge', run: () => purgeOtps(ds, clock()) },
      { name: 'kiosk-log-purge', run: () => purgeKioskLogs(ds, clock()) },
      {
        // Daily, every table that holds personal data (issue 18, docs/privacy.md). Once a day is
        // the job's own lease (`ho_job`, which the desk's manual run shares), so no period here:
        // a second record of the same day would be a second answer to the same question.
        name: 'retention',
        run: async () => {
          const done = await runHeadOfficeRetention(ds, clock(), retentionOverrides)
          if (done.ran) logger.info('retention ran', { ...done })
        },
      },
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
    console: existsSync(consoleDir) ? '/console' : 'not built (npm run build:console)',
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
