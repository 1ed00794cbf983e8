import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

/** A local SMTP server (the real protocol) that keeps what it receives. */
export interface FakeSmtp {
  readonly url: string;
  readonly mails: ReceivedMail[];
  /** Refuse the next `n` messages with a temporary failure (to exercise retries). */
  failNext(n: number): void;
  /** Waits until `count` mails arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

export async function startFakeSmtp(): Promise<FakeSmtp> {
  const mails: ReceivedMail[] = [];
  let failures = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (failures > 0) {
          failures--;
          const error = Object.assign(new Error('Try again later'), { responseCode: 451 });
          callback(error);
          return;
        }
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    failNext(n) {
      failures = n;
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < count) {
        if (Date.now() > deadline)
          throw new Error(`timed out waiting for mail ${count}; got ${mails.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return mails[count - 1]!;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The six-digit code in a received mail (decoding quoted-printable/base64 bodies). */
export function codeFrom(mail: ReceivedMail): string {
  const body = mail.raw
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n');
  const candidates = [
    body,
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  ];
  for (const chunk of body.split(/\s+/)) {
    if (/^[A-Za-z0-9+/=]{16,}$/.test(chunk))
      candidates.push(Buffer.from(chunk, 'base64').toString('utf8'));
  }
  for (const text of candidates) {
    const match = /code is (\d{6})/.exec(text);
    if (match) return match[1]!;
  }
  throw new Error(`no code in mail: ${mail.raw.slice(0, 500)}`);
}
