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

/** E-mail over SMTP with nodemailer; 5xx SMTP replies are permanent, the rest retry. */
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
