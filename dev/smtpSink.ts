/**
 * A local SMTP sink: accepts every message (or refuses on request, for tests) and keeps it as an
 * `.eml` file in a folder, so the local stack's mail can be read with any mail client or `cat`.
 * Used by `npm start` and, in-process on free ports, by the tests.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  from: string | null;
  to: string[];
  /** The whole message as sent (headers and body). */
  raw: string;
  /** The `Message-ID` header, with its angle brackets. */
  messageId: string | null;
  receivedAt: Date;
  file: string | null;
}

export interface SmtpReply {
  code: number;
  message: string;
}

export interface SmtpSinkOptions {
  host?: string;
  /** 0 picks a free port on the first start; later starts reuse it (tests stop and restart the sink). */
  port?: number;
  /** Where each message is written as `<time>-<n>.eml`; in memory only when absent. */
  folder?: string;
  /** Decides about each message before it is accepted; a reply refuses it with that SMTP code. */
  verdict?: (mail: Omit<ReceivedMail, 'file' | 'receivedAt'>) => SmtpReply | undefined;
  /** Keeps at most this many messages in memory (files are always kept). */
  keepInMemory?: number;
}

export class SmtpSink {
  private server: SMTPServer | undefined;
  private readonly received: ReceivedMail[] = [];
  private sequence = 0;
  private boundPort: number;
  readonly host: string;
  /** Replaceable at run time, so a test can make the server refuse and then accept again. */
  verdict: SmtpSinkOptions['verdict'];

  constructor(private readonly options: SmtpSinkOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.boundPort = options.port ?? 0;
    this.verdict = options.verdict;
    if (options.folder) mkdirSync(options.folder, { recursive: true });
  }

  get port(): number {
    return this.boundPort;
  }

  get url(): string {
    return `smtp://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.boundPort}`;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Every message accepted so far, oldest first. */
  messages(): ReceivedMail[] {
    return [...this.received];
  }

  async start(): Promise<void> {
    if (this.server) return;
    const server = new SMTPServer({
      logger: false,
      banner: 'prepared-return local mail sink',
      // A sink on this machine: no TLS, any or no credentials.
      disabledCommands: ['STARTTLS'],
      authOptional: true,
      allowInsecureAuth: true,
      onAuth: (_auth, _session, callback) => callback(null, { user: 'local' }),
      size: 10 * 1024 * 1024,
      closeTimeout: 200,
      disableReverseLookup: true,
      onData: (stream, session, callback) => this.receive(stream, session, callback),
    });
    server.on('error', () => undefined); // connection-level errors are the client's business
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      server.server.once('error', onError);
      server.listen(this.boundPort, this.host, () => {
        server.server.off('error', onError);
        const address = server.server.address();
        if (typeof address === 'object' && address) this.boundPort = address.port;
        resolve();
      });
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private receive(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (stream.sizeExceeded) return callback(smtpError(552, 'Message exceeds the size limit'));
      const raw = Buffer.concat(chunks).toString('utf8');
      const mail = {
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
        to: session.envelope.rcptTo.map((r) => r.address),
        raw,
        messageId: /^message-id:\s*(<[^>\r\n]+>)/im.exec(raw)?.[1] ?? null,
      };
      const refusal = this.verdict?.(mail);
      if (refusal) return callback(smtpError(refusal.code, refusal.message));
      const receivedAt = new Date();
      let file: string | null = null;
      if (this.options.folder) {
        file = join(this.options.folder, `${receivedAt.toISOString().replace(/[:.]/g, '-')}-${String(++this.sequence).padStart(4, '0')}.eml`);
        writeFileSync(file, raw, { mode: 0o600 });
      }
      this.received.push({ ...mail, receivedAt, file });
      const keep = this.options.keepInMemory ?? 10_000;
      if (this.received.length > keep) this.received.splice(0, this.received.length - keep);
      callback(null);
    });
  }
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}
