/**
 * Real peers on loopback for activity and programme tests: an SMTP sink and the partners' API (the
 * partner simulator, its answers scriptable) on free ports, a partner directory and a staff directory
 * pointing at them, and the activity dependencies built from all that (`createActivities(peers.deps)`).
 *
 *   const peers = useTestPeers();   // started before the file's tests, stopped after
 *   await withProgrammeWorker(taskQueue, run, peers.activities);
 *   peers.smtp.messages();   // what arrived
 *
 * Every message any sink of this process received stays listed in `everyMailReceived()` and every
 * partner request in `everyPartnerRequest()`, so a test can grep them all for personal-data canaries.
 */
import { afterAll, beforeAll } from 'vitest';
import { createActivities, type ActivityDeps } from '../../activities/index.js';
import { createMailer } from '../../activities/mail.js';
import { createPartnerApiClient } from '../../activities/partnerApi.js';
import { partnerDirectoryFrom, type PartnerEntry } from '../../activities/partnerDirectory.js';
import { staffDirectoryFrom } from '../../activities/staffDirectory.js';
import type { ProgrammeActivities } from '../../domain/notifications.js';
import { PartnerSimulator, type ReceivedPartnerMessage } from '../../dev/partnerSimulator.js';
import { generateWebhookSecret } from '../../dev/peers.js';
import { SmtpSink, type ReceivedMail } from '../../dev/smtpSink.js';
import { readableMail } from './mailText.js';
import { runStore } from './database.js';

/** Partner ids of the test directory. */
export const TEST_PARTNERS = {
  /** Reached through the partner simulator's API. */
  api: 'tst-api-partner',
  /** Reached by e-mail (Danish). */
  email: 'tst-mail-partner',
  /** Second API partner of the country, played by the same simulator. */
  second: 'tst-second-partner',
  /** The only partner of its country, never answered in any test: nothing measured about it. */
  unmeasured: 'tst-new-partner',
  /** The only partner of its country, whose usual answer times a test writes to the ledger itself. */
  measured: 'tst-quick-partner',
} as const;

/** Countries of one partner each, for tests of the early warning: no other test asks these partners. */
export const TEST_UNMEASURED_COUNTRY = 'GE';
export const TEST_MEASURED_COUNTRY = 'AM';

export const TEST_COUNTRY = 'RO';
/** A country whose only partner is the e-mail partner. */
export const TEST_EMAIL_ONLY_COUNTRY = 'TH';

export const TEST_STAFF = {
  caseworkerEn: { id: 'cw-test', email: 'caseworker@staff.test' },
  caseworkerDa: { id: 'cw-dansk', email: 'sagsbehandler@staff.test' },
  supervisors: ['supervisor@staff.test'],
  authority: ['return-agency@staff.test'],
} as const;

export interface TestPeers {
  smtp: SmtpSink;
  partner: PartnerSimulator;
  /** The signing secret of the API partners. */
  secret: string;
  deps: ActivityDeps;
  activities: ProgrammeActivities;
  stop(): Promise<void>;
}

const sinks: SmtpSink[] = [];
const simulators: PartnerSimulator[] = [];

/** Every message every SMTP sink of this test process received, for canary greps. */
export function everyMailReceived(): ReceivedMail[] {
  return sinks.flatMap((s) => s.messages());
}

/** Every request every partner simulator of this test process received. */
export function everyPartnerRequest(): ReceivedPartnerMessage[] {
  return simulators.flatMap((s) => s.requests);
}

/** The canary strings found anywhere in mail or partner requests; empty when nothing leaked. */
export function findCanaries(canaries: readonly string[]): Array<{ canary: string; where: string }> {
  const haystacks = [
    ...everyMailReceived().map((m) => ({ where: `mail ${m.messageId ?? '?'}`, text: `${m.raw}\n${readableMail(m.raw)}` })),
    ...everyPartnerRequest().map((r) => ({ where: `partner request ${r.url}`, text: `${JSON.stringify(r.headers)}\n${r.body}` })),
  ];
  return haystacks.flatMap(({ where, text }) =>
    canaries.filter((c) => text.toLowerCase().includes(c.toLowerCase())).map((canary) => ({ canary, where })),
  );
}

export interface TestPeersOptions {
  /** Partner API timeout; short so hang tests take a fraction of a second. */
  partnerTimeoutMs?: number;
  maxResponseBytes?: number;
  smtpTimeoutMs?: number;
}

export async function startTestPeers(options: TestPeersOptions = {}): Promise<TestPeers> {
  const smtp = new SmtpSink({ host: '127.0.0.1', port: 0 });
  await smtp.start();
  const secret = generateWebhookSecret();
  const partner = new PartnerSimulator({ partners: [TEST_PARTNERS.api, TEST_PARTNERS.second, TEST_PARTNERS.unmeasured, TEST_PARTNERS.measured].map((id) => ({ id, secret })) });
  await partner.start();
  sinks.push(smtp);
  simulators.push(partner);

  const secretEnv = 'TEST_PARTNER_SECRET';
  const entries: Array<Omit<PartnerEntry, 'contacts'>> = [
    {
      id: TEST_PARTNERS.api,
      name: 'Test API Partner',
      countries: [TEST_COUNTRY],
      language: 'en',
      capabilities: ['reception', 'reintegration', 'follow-up'],
      channel: { type: 'api', baseUrl: partner.baseUrl(TEST_PARTNERS.api), secretEnv },
    },
    {
      id: TEST_PARTNERS.email,
      name: 'Test Mail Partner',
      // The only partner for Thailand (as in the local directory): e-mail only.
      countries: [TEST_COUNTRY, TEST_EMAIL_ONLY_COUNTRY],
      language: 'da',
      capabilities: ['reception', 'reintegration'],
      channel: { type: 'email', address: 'intake@partner.test' },
    },
    {
      id: TEST_PARTNERS.second,
      name: 'Test Second Partner',
      countries: [TEST_COUNTRY, 'MD'],
      language: 'en',
      capabilities: ['reception', 'follow-up'],
      channel: { type: 'api', baseUrl: partner.baseUrl(TEST_PARTNERS.second), secretEnv },
    },
    ...([
      [TEST_PARTNERS.unmeasured, TEST_UNMEASURED_COUNTRY],
      [TEST_PARTNERS.measured, TEST_MEASURED_COUNTRY],
    ] as const).map(([id, country]) => ({
      id,
      name: `Test partner ${id}`,
      countries: [country],
      language: 'en' as const,
      capabilities: ['reception' as const],
      channel: { type: 'api' as const, baseUrl: partner.baseUrl(id), secretEnv },
    })),
  ];
  const partners = partnerDirectoryFrom({ partners: entries }, { [secretEnv]: secret });
  const staff = staffDirectoryFrom({
    language: 'da',
    caseworkers: {
      [TEST_STAFF.caseworkerEn.id]: { email: TEST_STAFF.caseworkerEn.email, language: 'en' },
      [TEST_STAFF.caseworkerDa.id]: { email: TEST_STAFF.caseworkerDa.email },
    },
    supervisors: { emails: [...TEST_STAFF.supervisors], language: 'en' },
    authority: { emails: [...TEST_STAFF.authority] },
  });
  const smtpTimeoutMs = options.smtpTimeoutMs ?? 3000;
  const mailer = createMailer({
    smtp: { host: '127.0.0.1', port: smtp.port, tls: 'none', connectionTimeoutMs: smtpTimeoutMs, greetingTimeoutMs: smtpTimeoutMs, socketTimeoutMs: smtpTimeoutMs },
    from: 'Prepared return (test) <prepared-return@programme.test>',
    replyTo: 'coordination@programme.test',
  });
  const deps: ActivityDeps = {
    mailer,
    partnerApi: createPartnerApiClient({ timeoutMs: options.partnerTimeoutMs ?? 1000, maxResponseBytes: options.maxResponseBytes ?? 4096 }),
    partners,
    staff,
    store: runStore(),
  };
  return {
    smtp,
    partner,
    secret,
    deps,
    activities: createActivities(deps),
    async stop() {
      mailer.close();
      await partner.stop();
      await smtp.stop();
    },
  };
}

/** The file's peers: started (filled in) before its tests, stopped after them. */
export function useTestPeers(options: TestPeersOptions = {}): TestPeers {
  const peers = {} as TestPeers;
  beforeAll(async () => {
    Object.assign(peers, await startTestPeers(options));
  });
  afterAll(async () => {
    await peers.stop?.();
  });
  return peers;
}
