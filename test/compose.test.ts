/**
 * docker-compose.yml is for our users' deployments; no Docker engine runs here, so this test reads
 * the file and checks that it fits our code: every service we need, environment names our
 * configuration schemas know (and all they require), addresses that point at real services and
 * ports, dependencies that exist, healthchecks, named volumes, and directories that load.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ActivitiesEnv } from '../activities/config.js';
import { partnerDirectoryFrom } from '../activities/partnerDirectory.js';
import { staffDirectoryFrom } from '../activities/staffDirectory.js';
import { GatewayEnv } from '../gateway/config.js';
import { gatewayClientsFrom } from '../gateway/clients.js';
import { TemporalConnectionEnv } from '../domain/config.js';
import { WorkerEnv } from '../worker/config.js';
import { CodecEnv } from '../codec/config.js';
import { CodecServerEnv } from '../codec/serverConfig.js';
import { SupervisorsFile } from '../codec/supervisors.js';
import { programmeSearchAttributes, searchAttributeFlags } from '../domain/searchAttributes.js';
import { ClientEnv } from '../client/config.js';
import { StoreEnv } from '../store/config.js';
import { loadWebConfig, WebEnv } from '../web/config.js';

interface Service {
  image?: string;
  build?: string;
  command?: string[] | string;
  entrypoint?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
  volumes?: string[];
  healthcheck?: { test: string[] };
  deploy?: { replicas?: number };
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

const compose = parse(readFileSync(new URL('../docker-compose.yml', import.meta.url), 'utf8'), { merge: true }) as Compose;
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };
const services = compose.services;
const service = (name: string): Service => {
  const s = services[name];
  if (!s) throw new Error(`docker-compose.yml has no service ${name}`);
  return s;
};
/** `${NAME:?message}` / `${NAME:-default}` → a value like the user's .env would give. */
const resolved = (env: Record<string, string> = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries(env).map(([k, v]) => {
      const match = /^\$\{([A-Z0-9_]+)(?::[-?](.*))?\}$/.exec(String(v));
      if (!match) return [k, String(v)];
      return [k, k.includes('SECRET') ? `whsec_${randomBytes(32).toString('base64')}` : (match[2] ?? 'value')];
    }),
  );
const hostPort = (address: string): [string, number] => {
  const [host, port] = address.split(':');
  return [host!, Number(port)];
};

describe('docker-compose.yml', () => {
  it('has every service the product needs', () => {
    expect(Object.keys(services).sort()).toEqual(
      expect.arrayContaining(['postgresql', 'temporal', 'temporal-search-attributes', 'temporal-ui', 'mailpit', 'worker', 'gateway', 'codec', 'web']),
    );
    expect(service('temporal').image).toMatch(/^temporalio\/auto-setup:/);
    expect(service('temporal').environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgresql' });
    expect(service('worker').deploy?.replicas).toBeGreaterThanOrEqual(2);
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
    for (const name of ['worker', 'gateway', 'codec', 'web']) {
      const s = service(name);
      expect(s.build).toBe('.');
      const command = Array.isArray(s.command) ? s.command : [];
      expect(command.slice(0, 2)).toEqual(['npm', 'run']);
      expect(packageJson.scripts).toHaveProperty(command[2]!);
    }
    for (const name of ['postgresql', 'temporal', 'mailpit', 'gateway', 'web']) expect(service(name).healthcheck, name).toBeDefined();
    expect(existsSync(new URL('../Dockerfile', import.meta.url))).toBe(true);
  });

  it('builds an image holding every file the worker, gateway and codec endpoint load', () => {
    const dockerfile = readFileSync(new URL('../Dockerfile', import.meta.url), 'utf8');
    const copied = [...dockerfile.matchAll(/^COPY\s+(\S+)\s+\S+\s*$/gm)].map((m) => m[1]!.replace(/\/$/, ''));
    for (const [, script] of Object.entries(packageJson.scripts).filter(([name]) => ['worker', 'gateway', 'codec', 'web'].includes(name))) {
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
    const known = new Set([...Object.keys(TemporalConnectionEnv.shape), ...Object.keys(ActivitiesEnv.shape), ...Object.keys(CodecEnv.shape), ...Object.keys(WorkerEnv.shape)]);
    const partners = partnerDirectoryFrom(parse(readFileSync(new URL('../deploy/partners.yaml', import.meta.url), 'utf8')), env, 'deploy/partners.yaml');
    const secretNames = partners.partners.filter((p) => p.channel.type === 'api').map((p) => (p.channel as { secretEnv: string }).secretEnv);
    for (const name of Object.keys(env)) expect(known.has(name) || secretNames.includes(name), `worker env ${name} is not read by our code`).toBe(true);
    for (const name of secretNames) expect(env, `worker needs ${name}`).toHaveProperty(name);
    expect(TemporalConnectionEnv.safeParse(env).success).toBe(true);
    expect(ActivitiesEnv.safeParse(env).error?.issues ?? []).toEqual([]);

    const [temporalHost, temporalPort] = hostPort(env.TEMPORAL_ADDRESS!);
    expect(services).toHaveProperty(temporalHost);
    expect(temporalPort).toBe(7233);
    const smtp = new URL(env.SMTP_URL!);
    expect(smtp.hostname).toBe('mailpit');
    expect(smtp.port).toBe('1025');
    expect(env.STAFF_DIRECTORY).toBe('/config/staff.yaml');
    expect(() => staffDirectoryFrom(parse(readFileSync(new URL('../deploy/staff.yaml', import.meta.url), 'utf8')), 'deploy/staff.yaml')).not.toThrow();
  });

  it('gives the gateway exactly the configuration its schema expects, with every client secret', () => {
    const env = resolved(service('gateway').environment);
    const clientsFile = parse(readFileSync(new URL('../deploy/gateway-clients.yaml', import.meta.url), 'utf8')) as { clients: Array<{ secretEnv: string[] }> };
    const secretNames = clientsFile.clients.flatMap((c) => c.secretEnv);
    const known = new Set([...Object.keys(GatewayEnv.shape), ...Object.keys(CodecEnv.shape)]);
    for (const name of Object.keys(env)) expect(known.has(name) || secretNames.includes(name), `gateway env ${name} is not read by our code`).toBe(true);
    expect(GatewayEnv.safeParse(env).error?.issues ?? []).toEqual([]);
    expect(() => gatewayClientsFrom(clientsFile, env, 'deploy/gateway-clients.yaml')).not.toThrow();
    const published = (service('gateway').ports ?? []).map((p) => p.split(':')[1]);
    expect(published).toContain(env.GATEWAY_PORT);
    expect(hostPort(env.TEMPORAL_ADDRESS!)[0]).toBe('temporal');
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
    const known = new Set([...Object.keys(WebEnv.shape), ...Object.keys(ClientEnv.shape), ...Object.keys(CodecEnv.shape), ...Object.keys(StoreEnv.shape)]);
    for (const name of Object.keys(env)) expect(known.has(name), `web env ${name} is not read by our code`).toBe(true);
    const config = loadWebConfig(env);
    expect(config.PR_STAFF_DIRECTORY).toBe('/config/staff.yaml');
    expect(config.PR_WEB_SECURE_COOKIES).toBe(true);
    expect(StoreEnv.safeParse(env).error?.issues ?? []).toEqual([]);
    expect(hostPort(config.temporal.TEMPORAL_ADDRESS)[0]).toBe('temporal');
    expect((service('web').ports ?? []).map((p) => p.split(':')[1])).toContain(String(config.PR_WEB_PORT));
    const staff = staffDirectoryFrom(parse(readFileSync(new URL('../deploy/staff.yaml', import.meta.url), 'utf8')), 'deploy/staff.yaml');
    expect(Object.values(staff.file.caseworkers).every((c) => c.team !== undefined)).toBe(true);
  });

  it('registers exactly our search attributes, with their types', () => {
    const script = [service('temporal-search-attributes').command].flat().join(' ');
    const registered = /for attribute in ([^;]+);/.exec(script)?.[1]?.trim().split(/\s+/) ?? [];
    expect(registered.sort()).toEqual(searchAttributeFlags().sort());
    expect(registered).toHaveLength(programmeSearchAttributes.length);
    expect(service('temporal-search-attributes').environment?.TEMPORAL_NAMESPACE).toBe(service('worker').environment?.TEMPORAL_NAMESPACE);
  });

  it('encrypts with the same keys and case secrets in every process that touches programme data', () => {
    for (const name of ['worker', 'gateway', 'codec', 'web']) {
      const env = service(name).environment ?? {};
      expect(env.PR_CODEC_KEYS, name).toBe(service('worker').environment?.PR_CODEC_KEYS);
      expect(env.PR_CASE_KEYS_DIR, name).toBe('/case-keys');
      expect(service(name).volumes, name).toContain('case-keys:/case-keys');
    }
  });

  it('runs the codec endpoint with its schema satisfied and the supervisors file valid', () => {
    const env = resolved(service('codec').environment);
    const known = new Set([...Object.keys(CodecServerEnv.shape), ...Object.keys(CodecEnv.shape)]);
    for (const name of Object.keys(env)) expect(known.has(name), `codec env ${name} is not read by our code`).toBe(true);
    expect(CodecServerEnv.safeParse(env).error?.issues ?? []).toEqual([]);
    expect(env.PR_CODEC_SUPERVISORS_FILE).toBe('/config/codec-supervisors.yaml');
    const supervisors = SupervisorsFile.parse(parse(readFileSync(new URL('../deploy/codec-supervisors.yaml', import.meta.url), 'utf8')));
    expect(supervisors.supervisors.every((s) => s.namespaces.includes(env.TEMPORAL_NAMESPACE!))).toBe(true);
    expect((service('codec').ports ?? []).map((p) => p.split(':')[1])).toContain(env.PR_CODEC_PORT);
  });

  it('points the Web UI at the server and at the codec endpoint over HTTPS, allowed by its CORS', () => {
    const ui = resolved(service('temporal-ui').environment);
    expect(ui.TEMPORAL_ADDRESS).toBe('temporal:7233');
    const endpoint = new URL(ui.TEMPORAL_CODEC_ENDPOINT!);
    expect(endpoint.protocol).toBe('https:');
    expect(endpoint.port).toBe(service('codec').environment?.PR_CODEC_PORT);
    const uiPort = (service('temporal-ui').ports ?? [])[0]!.split(':')[0];
    expect(service('codec').environment?.PR_CODEC_UI_ORIGINS).toBe(`http://localhost:${uiPort}`);
    expect(service('temporal').environment?.DEFAULT_NAMESPACE).toBe(service('worker').environment?.TEMPORAL_NAMESPACE);
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
