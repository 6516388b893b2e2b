/**
 * Outgoing e-mail through an SMTP server (nodemailer). One transport per worker; each send opens a
 * connection with explicit timeouts that are well below the activities' start-to-close timeout, so
 * a stuck server ends as a retryable failure of this attempt instead of a silently timed-out one.
 *
 * Failures are sorted the SMTP way: a 5xx reply is permanent (the programme must escalate), a 4xx
 * reply or a connection problem is temporary (Temporal retries). The server's reply text is never
 * copied into the failure: it can quote addresses, and failures are stored in workflow history.
 */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { FailureType, permanentFailure, transientFailure } from './failures.js';

export interface SmtpSettings {
  host: string;
  port: number;
  /** implicit: TLS from the first byte (port 465); starttls: upgrade required; none: plain text (local sinks only). */
  tls: 'implicit' | 'starttls' | 'none';
  auth?: { user: string; pass: string } | undefined;
  connectionTimeoutMs: number;
  greetingTimeoutMs: number;
  socketTimeoutMs: number;
}

export interface MailSettings {
  smtp: SmtpSettings;
  /** The sender, e.g. `Prepared return <prepared-return@example.dk>`; its domain is the Message-ID domain. */
  from: string;
  /** Where partners without an API reply (the coordination mailbox); replies go to `from` when absent. */
  replyTo?: string | undefined;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  /** `<…@domain>`: the same for every attempt of one notification (see deliveryKeys.ts). */
  messageId: string;
  language: 'en' | 'da';
  urgent?: boolean;
  replyTo?: string | undefined;
  /** Files sent with the text (the annual report as HTML and CSV). */
  attachments?: Array<{ filename: string; content: string; contentType: string }>;
}

export interface Mailer {
  /** The domain Message-IDs are made in. */
  readonly messageIdDomain: string;
  readonly replyTo: string | undefined;
  send(mail: OutgoingMail): Promise<{ messageId: string; rejectedRecipients: number }>;
  close(): void;
}

export function createMailer(settings: MailSettings): Mailer {
  const { smtp } = settings;
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.tls === 'implicit',
    requireTLS: smtp.tls === 'starttls',
    ignoreTLS: smtp.tls === 'none',
    ...(smtp.auth ? { auth: { user: smtp.auth.user, pass: smtp.auth.pass } } : {}),
    connectionTimeout: smtp.connectionTimeoutMs,
    greetingTimeout: smtp.greetingTimeoutMs,
    socketTimeout: smtp.socketTimeoutMs,
    dnsTimeout: smtp.connectionTimeoutMs,
    // Nodemailer logs nothing unless asked; keep it that way, envelopes contain addresses.
    logger: false,
    debug: false,
  } satisfies SMTPTransport.Options);

  const messageIdDomain = domainOf(settings.from);

  return {
    messageIdDomain,
    replyTo: settings.replyTo,
    async send(mail) {
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: mail.to,
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          ...(mail.attachments ? { attachments: mail.attachments } : {}),
          // Automatic mail: out-of-office replies must not answer it (RFC 3834).
          headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': mail.language },
          ...(mail.urgent ? { priority: 'high' as const } : {}),
        });
        return { messageId: mail.messageId, rejectedRecipients: info.rejected.length };
      } catch (err) {
        throw classifySmtpError(err);
      }
    },
    close() {
      transport.close();
    },
  };
}

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
}

/** Turns a nodemailer error into a Temporal failure that says what happened in codes only. */
export function classifySmtpError(err: unknown): Error {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SmtpError;
  const reply = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) ? e.code : 'EUNKNOWN';
  const details = { smtpReply: reply ?? null, smtpError: code };
  if (code === 'EAUTH') {
    // Our credentials are wrong or expired. Every message would fail the same way until an operator
    // fixes it, so keep retrying rather than give up on notifications about people at risk.
    return transientFailure(FailureType.MailAuthFailed, `The mail server refused our credentials (${reply ?? code})`, details);
  }
  if (reply !== undefined && reply >= 500) {
    return permanentFailure(FailureType.MailRejected, `The mail server rejected the message (SMTP ${reply})`, details);
  }
  if (reply !== undefined && reply >= 400) {
    return transientFailure(FailureType.MailUnavailable, `The mail server deferred the message (SMTP ${reply})`, details);
  }
  return transientFailure(FailureType.MailUnavailable, `The mail server could not be reached or did not answer in time (${code})`, details);
}

function domainOf(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from);
  return match?.[1] ?? 'prepared-return.invalid';
}
