/** What the dispatcher needs from a channel. Errors say whether retrying can help. */
export interface SmsMessage {
  /** The notification's id: the same on every attempt, so the gateway can drop a repeat. */
  notificationId: string
  /** 10-digit Indian mobile. */
  to: string
  templateId: string
  variables: string[]
  text: string
}

export interface EmailMessage {
  /** The notification's id: the same on every attempt, so a resend carries the same Message-ID. */
  notificationId: string
  to: string
  subject: string
  text: string
  html: string | null
}

export interface SmsSender {
  send(message: SmsMessage): Promise<{ providerRef: string | null }>
}

export interface EmailSender {
  send(message: EmailMessage): Promise<{ providerRef: string | null }>
}

/** A failure that will fail again (bad number, template rejected): not retried. */
export class PermanentSendError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PermanentSendError'
  }
}
