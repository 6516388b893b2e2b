/**
 * docker-compose.yml is for our users' deployments; no Docker engine runs here, so this test reads
 * the file and checks that it fits our code: every service we need, environment names our
 * configuration schemas and config templates know (and all they require), addresses that point at
 * real services and ports, dependencies that exist, healthchecks, named volumes, directories that
 * load, and nothing published to the host but what people and partner systems reach.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ActivitiesEnv } from '../activities/config.js';
import { partnerDirectoryFrom } from '../activities/partnerDirectory.js';
import { staffDirectoryFrom } from '../activities/staffDirectory.js';
import { GatewayEnv } from '../gateway/config.js';
import { gatewayClientsFrom } from '../gateway/clients.js';
import { ServiceEnv } from '../domain/config.js';
import { loadTemporalProfile, TemporalProfileEnv } from '../temporal/profile.js';
import { WorkerEnv } from '../worker/config.js';
import { FrontEnv } from '../gateway/frontConfig.js';
import { MetricsEnv } from '../telemetry/metrics.js';
import { CodecEnv } from '../codec/config.js';
import { CodecServerEnv } from '../codec/serverConfig.js';
import { StoreEnv } from '../store/config.js';
import { SupervisorsFile } from '../codec/supervisors.js';
import { ensureTemporalCertificates, TEMPORAL_CALLERS } from '../dev/temporal-certificates.js';
import { serverArgs } from '../dev/temporal-production-server.js';
import { ClientEnv } from '../client/config.js';
import { loadWebConfig, WebEnv } from '../web/config.js';

interface Service {
  image?: string;
  networks?: string[];
  build?: string;
  command?: string[] | string;
  entrypoint?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number };
  secrets?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
  networks: Record<string, { internal?: boolean }>;
  secrets: Record<string, { file: string }>;
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as Compose;
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};
/** `${NAME:?message}` / `${NAME:-default}`, anywhere in a value → what the user's .env would give. */
const resolved = (env: Record<string, string> = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => [
      k,
      String(v).replace(/\$\{([A-Z0-9_]+)(?::([-?])([^}]*))?\}/g, (_, name: string, kind?: string, rest?: string) =>
        name.includes('SECRET')
          ? `whsec_${randomBytes(32).toString('base64')}`
          : name.endsWith('_ISSUER')
            ? 'https://login.centre.example/realms/centre'
            : kind === '-'
              ? rest!
              : 'value',
      ),
    ]),
  );
/**
 * The Temporal certificates as `npm run temporal:certificates` makes them, in place of
 * ./secrets/temporal: a path under /run/secrets/ becomes the file its compose secret names, so each
 * profile below is read with real certificates, and a secret naming a file that is not made fails.
 */
const certificates = ensureTemporalCertificates(join(mkdtempSync(join(tmpdir(), 'pr-compose-')), 'temporal'));
const secretsDir = dirname(certificates.caCert);
const withSecrets = (env: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => {
      const secret = /^\/run\/secrets\/(.+)$/.exec(v)?.[1];
      if (!secret) return [k, v];
      const file = compose.secrets[secret]?.file;
      if (!file) throw new Error(`${k} names the secret ${secret}, which docker-compose.yml does not declare`);
      return [k, join(secretsDir, file.replace(/^\.\/secrets\/temporal\//, ''))];
    }),
  );
const hostPort = (address: string): [string, number] => {
  const [host, port] = address.split(':');
  return [host!, Number(port)];
};

describe('docker-compose.yml', () => {
  it('has every service the product needs', () => {
    expect(Object.keys(services).sort()).toEqual(
      expect.arrayContaining(['postgresql', 'temporal-schema', 'temporal', 'temporal-namespace', 'temporal-ui', 'ui', 'mailpit', 'worker', 'gateway-replica', 'gateway', 'codec', 'web']),
    );
    // Our build of the server, the one the cluster tests run (dev/temporal-production.ts builds the same module).
    expect(service('temporal').build).toBe('./deploy/temporal-server');
    const serverImage = readFileSync(new URL('../deploy/temporal-server/Dockerfile', import.meta.url), 'utf8');
    expect(serverImage).toMatch(/^FROM temporalio\/server:1\.29\.1$/m);
    expect(serverImage).toMatch(/go build .*-o \/out\/temporal-server \.$/m);
    expect(serverImage).toContain('COPY --from=build --chmod=755 /out/temporal-server /usr/local/bin/temporal-server');
    expect(readFileSync(new URL('../deploy/temporal-server/go.mod', import.meta.url), 'utf8')).toMatch(/^\s*go\.temporal\.io\/server v1\.29\.1$/m);
    expect(service('temporal').environment).toMatchObject({ PR_TEMPORAL_DB_HOST: 'postgresql', PR_TEMPORAL_DB_PORT: '5432' });
    expect(service('worker').deploy?.replicas).toBeGreaterThanOrEqual(2);
    expect(service('gateway-replica').deploy?.replicas).toBeGreaterThanOrEqual(2);
  });

  it('publishes to the host only what people and partner systems reach: the gateway, the app and the UI front', () => {
    const mayPublish = new Set(['gateway', 'web', 'ui']);
    const publishing = Object.entries(services).filter(([, s]) => (s.ports ?? []).length > 0).map(([name]) => name);
    expect(publishing.filter((name) => !mayPublish.has(name)), 'services publishing a port they must not').toEqual([]);
    expect(publishing).toEqual(expect.arrayContaining(['gateway', 'web', 'ui']));
    // Everything else lives on the internal network, which has no route to the host or the internet.
    expect(compose.networks.internal?.internal).toBe(true);
    for (const [name, s] of Object.entries(services)) {
      expect(s.networks, `${name} names its networks`).toBeDefined();
      if (!mayPublish.has(name)) expect(s.networks, `${name} stays off the edge network`).not.toContain('edge');
    }
    for (const name of ['postgresql', 'mailpit']) expect(service(name).networks).toEqual(['internal']);
    // These talk to the identity provider, outside (its keys, or a token); nobody reaches them from there.
    for (const name of ['temporal', 'temporal-namespace', 'codec', 'temporal-ui', 'gateway-replica']) expect(service(name).networks).toEqual(['internal', 'egress']);
    expect(compose.networks.egress?.internal).toBeUndefined();
  });

  it('runs the Temporal server from the config template the local cluster and the tests use, on the migrated databases', () => {
    const template = readFileSync(new URL('../deploy/temporal/config/production.yaml', import.meta.url), 'utf8');
    const read = new Set([...template.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]!));
    const env = service('temporal').environment ?? {};
    for (const name of Object.keys(env)) expect(read.has(name), `temporal env ${name} is read by deploy/temporal/config/production.yaml`).toBe(true);
    expect(service('temporal').volumes).toContain('./deploy/temporal/config:/etc/temporal/config:ro');
    // Started as the secured cluster tests start it (dev/temporal-production-server.ts).
    expect(service('temporal').entrypoint).toEqual(['temporal-server', ...serverArgs('/etc/temporal', true)]);
    expect(env.PR_TEMPORAL_DYNAMIC_CONFIG).toBe('/etc/temporal/config/dynamicconfig.yaml');
    const migration = [service('temporal-schema').command].flat().join(' ');
    for (const database of [env.PR_TEMPORAL_DB_NAME, env.PR_TEMPORAL_VISIBILITY_DB_NAME]) expect(migration).toContain(`${database}:`);
    expect(migration).toMatch(/create && .*setup-schema -v 0\.0 && .*update-schema -d \/etc\/temporal\/schema\/postgresql\/v12\//s);
    expect(service('temporal').depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
  });

  it('secures the frontend as the cluster tests do: mutual TLS with its own certificate, and tokens checked against the identity provider\'s keys', () => {
    const env = withSecrets(resolved(service('temporal').environment));
    for (const name of ['PR_TEMPORAL_TLS_CA', 'PR_TEMPORAL_TLS_CERT', 'PR_TEMPORAL_TLS_KEY', 'PR_TEMPORAL_JWKS_URLS', 'PR_TEMPORAL_INTERNAL_FRONTEND_PORT', 'PR_TEMPORAL_INTERNAL_FRONTEND_MEMBERSHIP_PORT']) {
      expect(env[name], `temporal sets ${name}`).toBeTruthy();
    }
    expect(env.PR_TEMPORAL_TLS_CA).toBe(certificates.caCert);
    expect(env.PR_TEMPORAL_TLS_CERT).toBe(certificates.serverCert);
    expect(env.PR_TEMPORAL_TLS_KEY).toBe(certificates.serverKey);
    // Every client dials `temporal`, the name the server's certificate carries.
    expect(env.PR_TEMPORAL_TLS_SERVER_NAME).toBe('temporal');
    expect(service('temporal').secrets).toEqual(['temporal-ca', 'temporal-server-cert', 'temporal-server-key']);
  });

  it('gives each caller of Temporal its own certificate and its own client at the identity provider, and no other\'s', () => {
    const callers = { worker: 'worker', 'gateway-replica': 'gateway', web: 'app', 'temporal-namespace': 'admin', 'temporal-ui': 'ui' } as const;
    expect(Object.values(callers).sort()).toEqual([...TEMPORAL_CALLERS].sort());
    const clientIds = new Set<string>();
    for (const [name, caller] of Object.entries(callers)) {
      expect(service(name).secrets, name).toEqual(['temporal-ca', `temporal-${caller}-cert`, `temporal-${caller}-key`]);
      const env = withSecrets(resolved(service(name).environment));
      if (caller === 'ui') {
        expect(env.PR_UI_TLS_CERT).toBe(certificates.clients.ui.cert);
        expect(env.PR_UI_TLS_KEY).toBe(certificates.clients.ui.key);
        expect(env.PR_UI_TLS_CA).toBe(certificates.caCert);
        continue;
      }
      const profile = loadTemporalProfile(env);
      expect(profile.address, name).toBe('temporal:7233');
      expect(env.TEMPORAL_TLS_CLIENT_CERT_PATH, name).toBe(certificates.clients[caller].cert);
      expect(env.TEMPORAL_TLS_CLIENT_KEY_PATH, name).toBe(certificates.clients[caller].key);
      expect(profile.serviceToken?.issuer, name).toBe(resolved(service('web').environment).PR_OIDC_ISSUER);
      // Each its own client, set in .env: no two services share one.
      const clientId = String(service(name).environment?.PR_TEMPORAL_TOKEN_CLIENT_ID);
      expect(clientIds.has(clientId), `${name} has a client id of its own`).toBe(false);
      clientIds.add(clientId);
      expect(env.TEMPORAL_GRPC_META_AUTHORIZATION, name).toBeUndefined();
    }
    // The authority's key is given to no service.
    expect(Object.values(compose.secrets).map((s) => s.file)).not.toContain('./secrets/temporal/ca-key.pem');
    for (const { file } of Object.values(compose.secrets)) expect(existsSync(join(secretsDir, file.replace(/^\.\/secrets\/temporal\//, ''))), file).toBe(true);
  });

  it('only depends on services that exist, with valid conditions', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [dependency, { condition }] of Object.entries(s.depends_on ?? {})) {
        expect(services, `${name} depends on ${dependency}`).toHaveProperty(dependency);
        expect(['service_started', 'service_healthy', 'service_completed_successfully']).toContain(condition);
        if (condition === 'service_healthy') expect(service(dependency).healthcheck, `${dependency} needs a healthcheck`).toBeDefined();
      }
    }
  });

  it('keeps data in named volumes that are declared', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const volume of s.volumes ?? []) {
        const source = volume.split(':')[0]!;
        if (source.startsWith('.') || source.startsWith('/')) {
          expect(existsSync(new URL(`../${source}`, import.meta.url)), `${name} mounts ${source}`).toBe(true);
        } else {
          expect(compose.volumes, `${name} uses volume ${source}`).toHaveProperty(source);
        }
      }
    }
    expect(service('postgresql').volumes?.some((v) => v.endsWith(':/var/lib/postgresql/data'))).toBe(true);
  });

  it('runs our processes with npm scripts that exist, healthchecked where others wait on them', () => {
    for (const name of ['worker', 'gateway-replica', 'gateway', 'codec', 'web', 'temporal-namespace']) {
      const s = service(name);
      expect(s.build).toBe('.');
      const command = Array.isArray(s.command) ? s.command : [];
      expect(command.slice(0, 2)).toEqual(['npm', 'run']);
      expect(packageJson.scripts).toHaveProperty(command[2]!);
    }
    for (const name of ['postgresql', 'mailpit', 'gateway-replica', 'gateway', 'web']) expect(service(name).healthcheck, name).toBeDefined();
    expect(existsSync(new URL('../Dockerfile', import.meta.url))).toBe(true);
  });

  it('builds an image holding every file the worker, gateway and codec endpoint load', () => {
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    const copied = [...dockerfile.matchAll(/^COPY\s+(\S+)\s+\S+\s*$/gm)].map((m) => m[1]!.replace(/\/$/, ''));
    for (const [, script] of Object.entries(packageJson.scripts).filter(([name]) => ['worker', 'gateway', 'gateway:front', 'codec', 'web', 'temporal:namespace'].includes(name))) {
      const entry = /tsx (\S+)/.exec(script)?.[1];
      expect(entry, script).toBeDefined();
      for (const file of localImports(entry!)) {
        const top = file.split('/')[0]!;
        expect(copied.includes(top) || copied.includes(file), `${file} (loaded by ${entry}) is not copied into the image`).toBe(true);
      }
    }
  });

  it('gives the worker exactly the configuration our schemas expect, pointing at real services', () => {
    const env = resolved(service('worker').environment);
    const known = new Set([...Object.keys(ServiceEnv.shape), ...Object.keys(TemporalProfileEnv.shape), ...Object.keys(ActivitiesEnv.shape), ...Object.keys(CodecEnv.shape), ...Object.keys(WorkerEnv.shape), ...Object.keys(MetricsEnv.shape), ...Object.keys(StoreEnv.shape)]);
    const partners = partnerDirectoryFrom(parse(readFileSync(new URL('../deploy/partners.yaml', import.meta.url), 'utf8')), env, 'deploy/partners.yaml');
    const secretNames = partners.partners.filter((p) => p.channel.type === 'api').map((p) => (p.channel as { secretEnv: string }).secretEnv);
    for (const name of Object.keys(env)) expect(known.has(name) || secretNames.includes(name), `worker env ${name} is not read by our code`).toBe(true);
    for (const name of secretNames) expect(env, `worker needs ${name}`).toHaveProperty(name);
    expect(ServiceEnv.safeParse(env).success).toBe(true);
    expect(ActivitiesEnv.safeParse(env).error?.issues ?? []).toEqual([]);

    const [temporalHost, temporalPort] = hostPort(loadTemporalProfile(withSecrets(env)).address);
    expect(services).toHaveProperty(temporalHost);
    expect(temporalPort).toBe(7233);
    const smtp = new URL(env.SMTP_URL!);
    expect(smtp.hostname).toBe('mailpit');
    expect(smtp.port).toBe('1025');
    expect(env.STAFF_DIRECTORY).toBe('/config/staff.yaml');
    expect(() => staffDirectoryFrom(parse(readFileSync(new URL('../deploy/staff.yaml', import.meta.url), 'utf8')), 'deploy/staff.yaml')).not.toThrow();
  });

  it('gives the gateway replicas exactly the configuration their schema expects, with every client secret, behind the front', () => {
    const env = resolved(service('gateway-replica').environment);
    const clientsFile = parse(readFileSync(new URL('../deploy/gateway-clients.yaml', import.meta.url), 'utf8')) as { clients: Array<{ secretEnv: string[] }> };
    const secretNames = clientsFile.clients.flatMap((c) => c.secretEnv);
    const known = new Set([...Object.keys(GatewayEnv.shape), ...Object.keys(TemporalProfileEnv.shape), ...Object.keys(CodecEnv.shape), ...Object.keys(StoreEnv.shape), ...Object.keys(MetricsEnv.shape)]);
    for (const name of Object.keys(env)) expect(known.has(name) || secretNames.includes(name), `gateway env ${name} is not read by our code`).toBe(true);
    expect(GatewayEnv.safeParse(env).error?.issues ?? []).toEqual([]);
    expect(() => gatewayClientsFrom(clientsFile, env, 'deploy/gateway-clients.yaml')).not.toThrow();
    expect(service('gateway-replica').ports, 'replicas are reached through the front only').toBeUndefined();
    const front = resolved(service('gateway').environment);
    expect(FrontEnv.safeParse(front).error?.issues ?? []).toEqual([]);
    expect(front.PR_PROXY_TARGETS).toBe(`gateway-replica:${env.GATEWAY_PORT}`);
    expect((service('gateway').ports ?? []).map((p) => p.split(':')[1])).toContain(front.PR_PROXY_LISTEN!.split(':')[1]);
    expect(hostPort(loadTemporalProfile(withSecrets(env)).address)[0]).toBe('temporal');
  });

  it('gives the web app exactly the configuration its schemas expect, with the keys and a real staff directory', () => {
    // What an operator's .env would hold for the variables compose requires.
    const env: Record<string, string> = {
      ...resolved(service('web').environment),
      PR_WEB_PUBLIC_URL: 'https://desk.coordination.example',
      PR_OIDC_ISSUER: 'https://login.coordination.example/realms/centre',
      PR_WEB_SESSION_KEY: randomBytes(32).toString('hex'),
      DATABASE_URL: 'postgresql://desk:secret@postgresql:5432/prepared_return',
      PR_PSEUDONYM_KEY: randomBytes(32).toString('base64'),
    };
    const known = new Set([...Object.keys(WebEnv.shape), ...Object.keys(ClientEnv.shape), ...Object.keys(TemporalProfileEnv.shape), ...Object.keys(CodecEnv.shape), ...Object.keys(StoreEnv.shape)]);
    for (const name of Object.keys(env)) expect(known.has(name), `web env ${name} is not read by our code`).toBe(true);
    const config = loadWebConfig(withSecrets(env));
    expect(config.PR_STAFF_DIRECTORY).toBe('/config/staff.yaml');
    expect(config.PR_WEB_SECURE_COOKIES).toBe(true);
    expect(StoreEnv.safeParse(env).error?.issues ?? []).toEqual([]);
    expect(hostPort(config.temporal.address)[0]).toBe('temporal');
    expect((service('web').ports ?? []).map((p) => p.split(':')[1])).toContain(String(config.PR_WEB_PORT));
    const staff = staffDirectoryFrom(parse(readFileSync(new URL('../deploy/staff.yaml', import.meta.url), 'utf8')), 'deploy/staff.yaml');
    expect(Object.values(staff.file.caseworkers).every((c) => c.team !== undefined)).toBe(true);
  });

  it('prepares the namespace with our own command, as the local cluster does, before any of our processes starts', () => {
    const env = resolved(service('temporal-namespace').environment);
    expect(service('temporal-namespace').command).toEqual(['npm', 'run', 'temporal:namespace']);
    expect(env.TEMPORAL_NAMESPACE).toBe(service('worker').environment?.TEMPORAL_NAMESPACE);
    expect(env.PR_NAMESPACE_RETENTION_DAYS).toBe('30');
    for (const name of ['worker', 'gateway-replica', 'web', 'temporal-ui']) {
      expect(service(name).depends_on?.['temporal-namespace'], name).toEqual({ condition: 'service_completed_successfully' });
    }
  });

  it('encrypts with the same keys and case secrets in every process that touches programme data', () => {
    for (const name of ['worker', 'gateway-replica', 'codec', 'web']) {
      const env = service(name).environment ?? {};
      expect(env.PR_CODEC_KEYS, name).toBe(service('worker').environment?.PR_CODEC_KEYS);
      // The case secrets are rows of the one database every process is given, not a shared folder.
      expect(env.DATABASE_URL, name).toBe(service('worker').environment?.DATABASE_URL);
      expect(env.PR_CASE_KEYS_DIR, name).toBeUndefined();
      expect((service(name).volumes ?? []).filter((v) => !v.endsWith(':ro')), name).toEqual(name === 'web' ? ['web-data:/web-data'] : []);
    }
    expect(Object.keys(compose.volumes)).not.toContain('case-keys');
  });

  it('gives every process that writes the ledger or the audit log the same database and pseudonym key', () => {
    const postgres = resolved(service('postgresql').environment);
    for (const name of ['worker', 'gateway-replica', 'codec', 'web']) {
      const raw = service(name).environment ?? {};
      expect(raw.DATABASE_URL, name).toBe(service('worker').environment?.DATABASE_URL);
      expect(raw.PR_PSEUDONYM_KEY, name).toBe(service('worker').environment?.PR_PSEUDONYM_KEY);
      // The password inside the URL comes from .env as well.
      const env = { ...resolved(raw), DATABASE_URL: String(raw.DATABASE_URL).replace(/\$\{[^}]+\}/, 'password'), PR_PSEUDONYM_KEY: 'k'.repeat(32) };
      expect(StoreEnv.safeParse(env).error?.issues ?? [], name).toEqual([]);
    }
    const url = new URL(String(service('worker').environment?.DATABASE_URL).replace(/\$\{[^}]+\}/, 'password'));
    expect(services).toHaveProperty(url.hostname);
    expect(url.hostname).toBe('postgresql');
    expect(url.username).toBe(postgres.POSTGRES_USER);
    expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
  });

  it('runs the codec endpoint with its schema satisfied and the supervisors file valid', () => {
    const env = resolved(service('codec').environment);
    const known = new Set([...Object.keys(CodecServerEnv.shape), ...Object.keys(TemporalProfileEnv.shape), ...Object.keys(CodecEnv.shape), ...Object.keys(StoreEnv.shape)]);
    for (const name of Object.keys(env)) expect(known.has(name), `codec env ${name} is not read by our code`).toBe(true);
    expect(CodecServerEnv.safeParse(env).error?.issues ?? []).toEqual([]);
    expect(env.PR_CODEC_SUPERVISORS_FILE).toBe('/config/codec-supervisors.yaml');
    const supervisors = SupervisorsFile.parse(parse(readFileSync(new URL('../deploy/codec-supervisors.yaml', import.meta.url), 'utf8')));
    expect(supervisors.supervisors.every((s) => s.namespaces.includes(env.TEMPORAL_NAMESPACE!))).toBe(true);
    expect(env.PR_CODEC_BEHIND_TLS_PROXY, 'plain HTTP only on the internal network, behind the TLS front').toBe('true');
    const front = readFileSync(new URL('../deploy/ui-front/Caddyfile', import.meta.url), 'utf8');
    expect(front).toContain(`reverse_proxy codec:${env.PR_CODEC_PORT}`);
  });

  it('runs the Web UI from its config template, pointed at the server and at the codec endpoint through the TLS front', () => {
    const template = readFileSync(new URL('../deploy/temporal-ui/config/production.yaml', import.meta.url), 'utf8');
    const read = new Set([...template.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]!));
    const ui = resolved(service('temporal-ui').environment);
    for (const name of Object.keys(ui)) expect(read.has(name), `temporal-ui env ${name} is read by deploy/temporal-ui/config/production.yaml`).toBe(true);
    expect(template).toMatch(/^disableWriteActions: true$/m);
    expect(ui.PR_UI_TEMPORAL_ADDRESS).toBe('temporal:7233');
    const endpoint = new URL(ui.PR_UI_CODEC_ENDPOINT!);
    expect(endpoint.protocol).toBe('https:');
    expect(endpoint.pathname).toBe('/codec');
    expect((service('ui').ports ?? []).map((p) => p.split(':')[0])).toContain(endpoint.port);
    expect(resolved(service('codec').environment).PR_CODEC_UI_ORIGINS).toBe(endpoint.origin);
    expect(ui.PR_UI_CORS_ORIGINS).toBe(endpoint.origin);
    // Supervisors sign in at the web app's provider, and the codec endpoint trusts that provider's tokens.
    expect(ui.PR_UI_AUTH_ENABLED).toBe('true');
    expect(service('temporal-ui').environment?.PR_UI_AUTH_PROVIDER_URL).toBe(service('web').environment?.PR_OIDC_ISSUER);
    expect(service('codec').environment?.PR_CODEC_OIDC_ISSUER).toBe(service('web').environment?.PR_OIDC_ISSUER);
    expect(new URL(ui.PR_UI_AUTH_CALLBACK_URL!).origin).toBe(endpoint.origin);
    expect(ui.PR_UI_NAMESPACE).toBe(service('worker').environment?.TEMPORAL_NAMESPACE);
  });
});

/** Every file of ours that `entry` loads, followed through relative imports and requires. */
function localImports(entry: string): string[] {
  const seen = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(new URL(`../${file}`, import.meta.url), 'utf8');
    for (const match of source.matchAll(/(?:from\s+|import\(|require\(|Path\s*=\s*.*?new URL\()\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = posix.normalize(posix.join(posix.dirname(file), match[1]!)).replace(/\.js$/, '.ts');
      if (existsSync(new URL(`../${target}`, import.meta.url))) pending.push(target);
    }
  }
  return [...seen];
}
