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
    fraud: {
      sms,
      register: config.imeiRegister ? createHttpImeiRegister(config.imeiRegister) : null,
      otpKey: deriveOtpKey(config.masterKey),
    },
  })
  const mailer = config.smtp ? createMailer(config.smtp) : null

  let lastReminderDay = ''
  let busy = false
  const tick = async () => {
    if (busy) return
    busy = true
    try {
      const today = todayInKolkata(clock)
      if (today !== lastReminderDay) {
        const queued = await enqueueStepDownReminders(ds, today, config.reminderDaysBefore, clock())
        lastReminderDay = today
        logger.info('step-down reminders queued', { today, queued })
      }
      await dispatchDue({ ds, sms, email: mailer, clock, logger })
      await purgeNonces(ds, clock())
      await purgeOtps(ds, clock())
    } catch (error) {
      logger.error('background job failed', { error: (error as Error).message })
    } finally {
      busy = false
    }
  }
  const timer = setInterval(() => void tick(), 15_000)

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
