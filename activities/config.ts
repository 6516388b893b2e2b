/**
 * The activities' configuration from the environment: SMTP, sender, the staff and partner
 * directories, and partner API limits. Validated once at worker start; a problem names the
 * variable and what was expected, never the value (it may be a password).
 */
import { z } from 'zod';
import { ValidationError, parseOrThrow } from '../domain/validation.js';
import type { ActivityDeps } from './index.js';
import { createMailer, type MailSettings, type SmtpSettings } from './mail.js';
import { createPartnerApiClient, type PartnerApiSettings } from './partnerApi.js';
import { loadPartnerDirectory } from './partnerDirectory.js';
import { loadStaffDirectory } from './staffDirectory.js';
import { definedEnv } from '../domain/config.js';
import { openStore } from '../store/store.js';

/**
 * Every network wait in an activity stays below this: the workflow gives notifications and partner
 * calls a 30-second start-to-close timeout, and an attempt should fail on its own first, with a reason.
 */
export const MAX_NETWORK_TIMEOUT_MS = 25_000;

const timeoutMs = (fallback: number) =>
  z.coerce
    .number({ error: 'expected milliseconds' })
    .int('expected whole milliseconds')
    .min(100, 'expected at least 100 ms')
    .max(MAX_NETWORK_TIMEOUT_MS, `expected at most ${MAX_NETWORK_TIMEOUT_MS} ms (below the activity timeout)`)
    .default(fallback);

const port = z.coerce.number({ error: 'expected a port number' }).int().min(1, 'expected a port from 1 to 65535').max(65535, 'expected a port from 1 to 65535');

const smtpUrl = z
  .string()
  .refine((v) => URL.canParse(v) && /^smtps?:$/.test(new URL(v).protocol) && new URL(v).hostname !== '', 'expected smtp://[user:password@]host[:port] or smtps://…');

const mailbox = z
  .string({ error: 'expected an address, e.g. Prepared return <prepared-return@example.dk>' })
  .regex(/^(?:[^<>@\r\n]*<[^<>@\s]+@[A-Za-z0-9.-]+>|[^<>@\s]+@[A-Za-z0-9.-]+)$/, 'expected an address, e.g. Prepared return <prepared-return@example.dk>');

export const ActivitiesEnv = z
  .object({
    SMTP_URL: smtpUrl.optional(),
    SMTP_HOST: z.string().min(1).optional(),
    SMTP_PORT: port.optional(),
    SMTP_USER: z.string().min(1).optional(),
    SMTP_PASSWORD: z.string().min(1).optional(),
    SMTP_TLS: z.enum(['starttls', 'implicit', 'none'], { error: 'expected starttls, implicit or none' }).optional(),
    SMTP_CONNECTION_TIMEOUT_MS: timeoutMs(10_000),
    SMTP_GREETING_TIMEOUT_MS: timeoutMs(10_000),
    SMTP_SOCKET_TIMEOUT_MS: timeoutMs(15_000),
    MAIL_FROM: mailbox,
    MAIL_REPLY_TO: mailbox.optional(),
    STAFF_DIRECTORY: z.string({ error: 'expected the path of the staff directory file' }).min(1),
    PARTNER_DIRECTORY: z.string({ error: 'expected the path of the partner directory file' }).min(1),
    PARTNER_API_TIMEOUT_MS: timeoutMs(10_000),
    PARTNER_API_MAX_RESPONSE_BYTES: z.coerce.number({ error: 'expected a number of bytes' }).int().min(256, 'expected at least 256 bytes').max(1_048_576, 'expected at most 1 MiB').default(65_536),
  })
  .superRefine((env, ctx) => {
    if (!env.SMTP_URL && !env.SMTP_HOST) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'expected SMTP_URL or SMTP_HOST to be set' });
    if (env.SMTP_URL && env.SMTP_HOST) ctx.addIssue({ code: 'custom', path: ['SMTP_HOST'], message: 'expected either SMTP_URL or SMTP_HOST, not both' });
    if (Boolean(env.SMTP_USER) !== Boolean(env.SMTP_PASSWORD)) ctx.addIssue({ code: 'custom', path: [env.SMTP_USER ? 'SMTP_PASSWORD' : 'SMTP_USER'], message: 'expected SMTP_USER and SMTP_PASSWORD together' });
  });
export type ActivitiesConfig = z.output<typeof ActivitiesEnv>;

export function loadActivitiesConfig(env: Record<string, string | undefined>): ActivitiesConfig {
  const defined = definedEnv(env);
  return parseOrThrow(ActivitiesEnv, defined, 'The environment');
}

export function smtpSettings(config: ActivitiesConfig): SmtpSettings {
  const timeouts = {
    connectionTimeoutMs: config.SMTP_CONNECTION_TIMEOUT_MS,
    greetingTimeoutMs: config.SMTP_GREETING_TIMEOUT_MS,
    socketTimeoutMs: config.SMTP_SOCKET_TIMEOUT_MS,
  };
  if (config.SMTP_URL) {
    const url = new URL(config.SMTP_URL);
    const implicit = url.protocol === 'smtps:';
    const tls = implicit ? 'implicit' : (config.SMTP_TLS ?? 'starttls');
    const user = decodeURIComponent(url.username);
    const pass = decodeURIComponent(url.password);
    if (Boolean(user) !== Boolean(pass)) throw new ValidationError('The environment', [{ field: 'SMTP_URL', problem: 'expected both user and password in the URL, or neither' }]);
    return {
      host: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port ? Number(url.port) : implicit ? 465 : 587,
      tls,
      auth: user ? { user, pass } : undefined,
      ...timeouts,
    };
  }
  const tls = config.SMTP_TLS ?? 'starttls';
  return {
    host: config.SMTP_HOST ?? 'localhost',
    port: config.SMTP_PORT ?? (tls === 'implicit' ? 465 : 587),
    tls,
    auth: config.SMTP_USER && config.SMTP_PASSWORD ? { user: config.SMTP_USER, pass: config.SMTP_PASSWORD } : undefined,
    ...timeouts,
  };
}

export function mailSettings(config: ActivitiesConfig): MailSettings {
  return { smtp: smtpSettings(config), from: config.MAIL_FROM, replyTo: config.MAIL_REPLY_TO };
}

export function partnerApiSettings(config: ActivitiesConfig): PartnerApiSettings {
  return { timeoutMs: config.PARTNER_API_TIMEOUT_MS, maxResponseBytes: config.PARTNER_API_MAX_RESPONSE_BYTES };
}

/** Everything the activities need, from the environment (worker process). */
export function activityDepsFromEnv(env: Record<string, string | undefined>): ActivityDeps {
  const config = loadActivitiesConfig(env);
  return {
    mailer: createMailer(mailSettings(config)),
    partnerApi: createPartnerApiClient(partnerApiSettings(config)),
    partners: loadPartnerDirectory(config.PARTNER_DIRECTORY, env),
    staff: loadStaffDirectory(config.STAFF_DIRECTORY),
    store: openStore(env),
  };
}
