import nodemailer from 'nodemailer'
import { PermanentSendError, type EmailMessage, type EmailSender } from './senders'

export interface SmtpOptions {
  host: string
  port: number
  /** Implicit TLS (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean
  user?: string
  pass?: string
  from: string
  /** Accept a self-signed certificate (a local relay). */
  allowSelfSigned?: boolean
}

/**
 * The Message-ID of a notification's e-mail: derived from its id and the From domain, so a resend
 * after a lost SMTP answer is the same message, which mail systems and clients drop as a duplicate.
 */
export function notificationMessageId(notificationId: string, from: string): string {
  return `<${notificationId}@${fromDomain(from)}>`
}

/** The domain of `Name <user@domain>` or `user@domain`; `localhost` when it has none. */
function fromDomain(from: string): string {
  const address = /<([^>]*)>/.exec(from)?.[1] ?? from
  const at = address.lastIndexOf('@')
  const domain = at < 0 ? '' : address.slice(at + 1).trim()
  return domain || 'localhost'
}

/**
 * E-mail over SMTP with nodemailer; 5xx SMTP replies are permanent, the rest retry. Each message's
 * Message-ID is {@link notificationMessageId}, stable across attempts.
 */
export function createMailer(options: SmtpOptions): EmailSender & { close(): void } {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure,
    auth: options.user ? { user: options.user, pass: options.pass ?? '' } : undefined,
    tls: options.allowSelfSigned ? { rejectUnauthorized: false } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  })
  return {
    async send(message: EmailMessage) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          messageId: notificationMessageId(message.notificationId, options.from),
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? undefined,
        })
        return { providerRef: info.messageId ?? null }
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode
        if (code && code >= 500) throw new PermanentSendError((error as Error).message)
        throw error
      }
    },
    close() {
      transport.close()
    },
  }
}
