/**
 * The local stack's peers: an SMTP sink that keeps mail in `<data>/mail` and a partner simulator
 * that plays every API partner of the dev partner directory, plus the activity dependencies that
 * point at them. Started by `npm start`.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { readConfigFile } from '../activities/configFile.js';
import type { ActivityDeps } from '../activities/index.js';
import { createMailer } from '../activities/mail.js';
import { createPartnerApiClient } from '../activities/partnerApi.js';
import { PartnerDirectoryFile, partnerDirectoryFrom } from '../activities/partnerDirectory.js';
import { loadStaffDirectory } from '../activities/staffDirectory.js';
import { parseOrThrow } from '../domain/validation.js';
import type { DevPeersConfig } from './peersConfig.js';
import { PartnerSimulator } from './partnerSimulator.js';
import { SmtpSink } from './smtpSink.js';
import type { Store } from '../store/store.js';

export interface DevPeers {
  smtp: SmtpSink;
  simulator: PartnerSimulator;
  deps: ActivityDeps;
  mailFolder: string;
  stop(): Promise<void>;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export async function startDevPeers(options: {
  config: DevPeersConfig;
  host: string;
  dataDir: string;
  env: Record<string, string | undefined>;
  /** The ledger the worker's activities write to. */
  store: Store;
  log: (line: string) => void;
}): Promise<DevPeers> {
  const { config, host, env } = options;
  const partnerFile = resolve(config.PR_PARTNER_DIRECTORY);
  const file = parseOrThrow(PartnerDirectoryFile, readConfigFile(partnerFile, 'The partner directory'), `The partner directory ${partnerFile}`);

  // API partners on this machine are played by the simulator, wherever it listens. Their secrets are
  // generated for this run unless the environment sets them, and written into `env` so the gateway
  // of the same local stack verifies the simulator's events with the same secrets.
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${config.PR_PARTNER_SIM_PORT}`;
  const secrets = env;
  const simulated: Array<{ id: string; secret: string }> = [];
  const partners = file.partners.map((partner) => {
    if (partner.channel.type !== 'api' || !LOOPBACK.has(new URL(partner.channel.baseUrl).hostname)) return partner;
    const secret = (secrets[partner.channel.secretEnv] ??= generateWebhookSecret());
    simulated.push({ id: partner.id, secret });
    return { ...partner, channel: { ...partner.channel, baseUrl: `${origin}/partners/${partner.id}` } };
  });
  const directory = partnerDirectoryFrom({ partners }, secrets, `The partner directory ${partnerFile}`);
  const staff = loadStaffDirectory(resolve(config.PR_STAFF_DIRECTORY));

  const mailFolder = resolve(options.dataDir, 'mail');
  const smtp = new SmtpSink({ host, port: config.PR_SMTP_PORT, folder: mailFolder, keepInMemory: 1000 });
  const simulator = new PartnerSimulator({
    host,
    port: config.PR_PARTNER_SIM_PORT,
    partners: simulated,
    log: options.log,
    gatewayUrl: () => config.PR_GATEWAY_URL,
    ...(config.PR_PARTNER_SIM_MODE === 'demo'
      ? { demo: { pauseMs: config.PR_PARTNER_SIM_DELAY_MS, decline: new Set(config.PR_PARTNER_SIM_DECLINE?.split(',') ?? []) } }
      : {}),
  });
  await smtp.start();
  try {
    await simulator.start();
  } catch (err) {
    await smtp.stop();
    throw err;
  }

  const mailer = createMailer({
    smtp: { host, port: smtp.port, tls: 'none', connectionTimeoutMs: 5000, greetingTimeoutMs: 5000, socketTimeoutMs: 10_000 },
    from: 'Prepared return (local) <prepared-return@prepared-return.test>',
    replyTo: 'coordination@prepared-return.test',
  });
  return {
    smtp,
    simulator,
    mailFolder,
    deps: { mailer, partnerApi: createPartnerApiClient({ timeoutMs: 10_000, maxResponseBytes: 65_536 }), partners: directory, staff, store: options.store },
    async stop() {
      mailer.close();
      await simulator.stop();
      await smtp.stop();
    },
  };
}
