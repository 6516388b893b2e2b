/** What `npm start` prints once the stack runs: where each part is, and how to begin. Nothing else. */
import type { LocalStackConfig } from '../domain/config.js';
import type { DevPeersConfig } from './peersConfig.js';

export interface BannerFacts {
  config: LocalStackConfig;
  peersConfig: DevPeersConfig;
  serverAddress: string;
  mail: { port: number; folder: string };
  simulatorPort: number;
  gateway: {
    url: string;
    clients: Array<{ id: string; role: string; secretEnv: string }>;
    secretsFile: string;
    /** Secret variables the environment set (not kept in the secrets file). */
    fromEnvironment: string[];
  };
  codec: { url: string; tokenFile: string; certFile: string };
  /** Where the evaluation ledger and the audit log live, in words. */
  database: string;
  /** The caseworkers' web app and how to sign in, in words. */
  desk: string;
  dataDir: string;
  /** The staff directory the worker sends by; the client checks caseworker ids against it. */
  staffDirectory: string;
  logFile: string;
  reportSchedule: string;
}

export function stackBanner(f: BannerFacts): string {
  const { config, peersConfig } = f;
  const host = config.PR_HOST === '127.0.0.1' || config.PR_HOST === '0.0.0.0' ? 'localhost' : config.PR_HOST;
  const partners = f.gateway.clients.filter((c) => c.role === 'partner').map((c) => c.id);
  const others = f.gateway.clients.filter((c) => c.role !== 'partner').map((c) => c.id);
  const demo = peersConfig.PR_PARTNER_SIM_MODE === 'demo';
  const secrets = f.gateway.fromEnvironment.length > 0
    ? `${f.gateway.secretsFile} (${f.gateway.fromEnvironment.join(', ')} from the environment)`
    : f.gateway.secretsFile;
  return [
    '',
    'prepared-return is running:',
    `  Temporal server   ${f.serverAddress}   (namespace ${config.PR_NAMESPACE})`,
    `  Temporal Web UI   http://${host}:${config.PR_UI_PORT}`,
    `  Worker            task queue prepared-return`,
    `  Mail sink         smtp://${host}:${f.mail.port}   (messages in ${f.mail.folder})`,
    `  Partner simulator http://${host}:${f.simulatorPort}   (${demo ? `demo mode: answers as ${partners.join(', ')}` : 'quiet mode: answers nothing'})`,
    `  Partner gateway   ${f.gateway.url}/v1/events   (OpenAPI at ${f.gateway.url}/v1/openapi.json)`,
    `                    signs in: ${partners.join(', ')} (partners), ${others.join(', ')}`,
    `                    their secrets: ${secrets}   (docs/partner-guide.md)`,
    `  Codec endpoint    ${f.codec.url}   (supervisors: docs/supervisors.md; your token is in ${f.codec.tokenFile})`,
    `  Database          ${f.database}   (evaluation ledger and audit log)`,
    `  Caseworker desk   ${f.desk}`,
    `  Data              ${f.dataDir}`,
    `  Log               ${f.logFile}   (LOG_LEVEL=debug npm start shows it here)`,
    `  Annual report     ${f.reportSchedule}   (prepared-return report schedule)`,
    '',
    'Open a programme from another terminal:',
    '  export PR_CASEWORKER_ID=cw-demo',
    `  export PR_STAFF_DIRECTORY=${f.staffDirectory}`,
    '  npx prepared-return open CMM-2026-0001 --country RO --assessed-on today --consent participation,sharing,follow-up',
    '  npx prepared-return record-assessment CMM-2026-0001 --risk medium --needs housing,medical',
    '  npx prepared-return status CMM-2026-0001',
    'Add --policy demo to `open` for a programme whose days last seconds (docs/case-file.md).',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n');
}
