/** What the dispatcher needs from a channel. Errors say whether retrying can help. */
export interface SmsMessage {
  /** 10-digit Indian mobile. */
  to: string
  templateId: string
  variables: string[]
  text: string
}

export interface EmailMessage {
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
