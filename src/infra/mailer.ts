import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../config/index.js';
import type { Logger } from './logger.js';

export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

/** Sends one mail; throws when the mail server refuses or cannot be reached. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): Promise<void>;
}

/** SMTP through nodemailer (`SMTP_URL`). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    this.transport = nodemailer.createTransport({
      host: url.hostname,
      port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 25,
      secure: url.protocol === 'smtps:',
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
  }

  async send(message: MailMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
  }

  close(): Promise<void> {
    this.transport.close();
    return Promise.resolve();
  }
}

/**
 * Without `SMTP_URL`: each mail is written to `DATA_DIR/outbox/` (mode 0600)
 * and logged by recipient, subject and file. The body is not logged: it may
 * hold a one-time code, and codes never go to the log.
 */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly dir: string,
    private readonly log: Logger,
  ) {}

  async send(message: MailMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const safeTo = message.to.replace(/[^\w.@-]/g, '_');
    const file = path.join(
      this.dir,
      `${new Date().toISOString().replace(/[:.]/g, '-')}-${safeTo}.txt`,
    );
    await writeFile(file, `To: ${message.to}\nSubject: ${message.subject}\n\n${message.text}\n`, {
      mode: 0o600,
    });
    this.log.info(
      { to: message.to, subject: message.subject, file },
      'mail written to the outbox (no SMTP_URL)',
    );
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/** The mailer the configuration asks for. */
export function createMailer(config: Config, log: Logger): Mailer {
  return config.mail.smtpUrl
    ? new SmtpMailer(config.mail.smtpUrl, config.mail.from)
    : new OutboxMailer(path.join(config.dataDir, 'outbox'), log);
}
