/** The activities' environment: problems name the variable, never the value (it may be a password). */
import { describe, expect, it } from 'vitest';
import { activityDepsFromEnv, loadActivitiesConfig, smtpSettings } from '../../activities/config.js';
import { ValidationError } from '../../domain/validation.js';
import { generateWebhookSecret } from '../../dev/peers.js';

const base = { MAIL_FROM: 'Prepared return <prepared-return@example.dk>', STAFF_DIRECTORY: 'dev/staff.yaml', PARTNER_DIRECTORY: 'dev/partners.yaml' };

function problems(env: Record<string, string | undefined>): string {
  try {
    loadActivitiesConfig(env);
  } catch (err) {
    if (err instanceof ValidationError) return err.message;
    throw err;
  }
  throw new Error('expected the environment to be refused');
}

describe('activities configuration', () => {
  it('SMTP_URL with credentials: host, port, STARTTLS required by default', () => {
    const config = loadActivitiesConfig({ ...base, SMTP_URL: 'smtp://mailer:p%40ss@mail.example.dk:2587' });
    expect(smtpSettings(config)).toEqual({
      host: 'mail.example.dk',
      port: 2587,
      tls: 'starttls',
      auth: { user: 'mailer', pass: 'p@ss' },
      connectionTimeoutMs: 10_000,
      greetingTimeoutMs: 10_000,
      socketTimeoutMs: 15_000,
    });
  });

  it('smtps:// means TLS from the first byte on port 465', () => {
    const settings = smtpSettings(loadActivitiesConfig({ ...base, SMTP_URL: 'smtps://mail.example.dk' }));
    expect(settings).toMatchObject({ port: 465, tls: 'implicit', auth: undefined });
  });

  it('host, port and credentials as separate variables', () => {
    const settings = smtpSettings(loadActivitiesConfig({ ...base, SMTP_HOST: 'relay.local', SMTP_TLS: 'none', SMTP_PORT: '25', SMTP_USER: 'u', SMTP_PASSWORD: 'pw' }));
    expect(settings).toMatchObject({ host: 'relay.local', port: 25, tls: 'none', auth: { user: 'u', pass: 'pw' } });
  });

  it('names each bad variable and repeats no value', () => {
    const message = problems({
      SMTP_URL: 'http://user:hunter2@mail.example.dk',
      SMTP_CONNECTION_TIMEOUT_MS: '60000',
      SMTP_TLS: 'maybe',
      MAIL_FROM: 'nobody',
      PARTNER_API_TIMEOUT_MS: 'soon',
    });
    expect(message).toContain('SMTP_URL: expected smtp://[user:password@]host[:port] or smtps://');
    expect(message).toContain('SMTP_CONNECTION_TIMEOUT_MS: expected at most 25000 ms (below the activity timeout)');
    expect(message).toContain('SMTP_TLS: expected starttls, implicit or none');
    expect(message).toContain('MAIL_FROM: expected an address');
    expect(message).toContain('PARTNER_API_TIMEOUT_MS: expected milliseconds');
    expect(message).toContain('STAFF_DIRECTORY: expected the path of the staff directory file');
    expect(message).not.toContain('hunter2');
  });

  it('requires a mail server, and user and password together', () => {
    expect(problems({ ...base })).toContain('SMTP_URL: expected SMTP_URL or SMTP_HOST to be set');
    expect(problems({ ...base, SMTP_HOST: 'relay.local', SMTP_USER: 'u' })).toContain('SMTP_PASSWORD: expected SMTP_USER and SMTP_PASSWORD together');
  });

  it('builds the worker’s dependencies from the environment, directories and ledger included', async () => {
    const secret = generateWebhookSecret();
    const store = { DATABASE_URL: 'postgresql://prepared:pw@db.internal:5432/prepared_return', PR_PSEUDONYM_KEY: 'k'.repeat(32) };
    const deps = activityDepsFromEnv({ ...base, ...store, SMTP_URL: 'smtp://127.0.0.1:1', PARTNER_SECRET_RO_HARBOUR_HOUSE: secret, PARTNER_SECRET_RO_NEW_START: secret, PARTNER_SECRET_NG_SAFE_LANDING: secret });
    try {
      expect(deps.partners.forCountry('NG').map((p) => p.id)).toEqual(['ng-safe-landing']);
      expect(deps.mailer.messageIdDomain).toBe('example.dk');
      expect(deps.store.pseudonymKey).toBe(store.PR_PSEUDONYM_KEY);
    } finally {
      deps.mailer.close();
      await deps.store.db.close();
    }
    // Without a database the worker does not start: the ledger is not optional.
    expect(() => activityDepsFromEnv({ ...base, SMTP_URL: 'smtp://127.0.0.1:1', PARTNER_SECRET_RO_HARBOUR_HOUSE: secret, PARTNER_SECRET_RO_NEW_START: secret, PARTNER_SECRET_NG_SAFE_LANDING: secret, NODE_ENV: 'production' })).toThrow(/DATABASE_URL: expected postgresql/);
  });
});
