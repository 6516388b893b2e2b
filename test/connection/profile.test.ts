/**
 * The connection profile every process reads (temporal/profile.ts): the Temporal CLI's variables over
 * the profile of a TOML file, as the CLI reads them; every certificate file read at once, and every
 * wrong setting named by its variable, or by its key and profile in the file, with what was expected.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TLSConfig } from '@temporalio/client';
import { ensureTemporalCertificates } from '../../dev/temporal-certificates.js';
import { loadTemporalProfile } from '../../temporal/profile.js';

const dir = mkdtempSync(join(tmpdir(), 'pr-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const certificates = ensureTemporalCertificates(join(dir, 'tls'));
const worker = certificates.clients.worker;
/** No profile file of the machine's user: each case names its own. */
const home = { HOME: join(dir, 'home') };

const variables = {
  ...home,
  TEMPORAL_ADDRESS: 'temporal.centre.example:7233',
  TEMPORAL_NAMESPACE: 'prepared-return',
  TEMPORAL_TLS_SERVER_CA_CERT_PATH: certificates.caCert,
  TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
  TEMPORAL_TLS_CLIENT_CERT_PATH: worker.cert,
  TEMPORAL_TLS_CLIENT_KEY_PATH: worker.key,
};

/** Only the service-token and address settings of `env`, none of TLS. */
const withoutCertificates = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([name]) => !name.startsWith('TEMPORAL_TLS')));

function profileFile(name: string, toml: string): string {
  const file = join(dir, name);
  writeFileSync(file, toml);
  return file;
}

const centre = profileFile(
  'centre.toml',
  [
    '[profile.centre]',
    'address = "temporal.centre.example:7233"',
    'namespace = "prepared-return"',
    '[profile.centre.tls]',
    'server_name = "temporal.internal"',
    `server_ca_cert_path = "${certificates.caCert}"`,
    `client_cert_path = "${worker.cert}"`,
    `client_key_path = "${worker.key}"`,
  ].join('\n'),
);

const refusal = (env: Record<string, string>): string => {
  try {
    loadTemporalProfile(env);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('the profile was accepted');
};

const expectMutualTls = (tls: TLSConfig | boolean) => {
  expect(tls).toMatchObject({ serverNameOverride: 'temporal.internal' });
  const config = tls as TLSConfig;
  expect(Buffer.from(config.serverRootCACertificate!).equals(readFileSync(certificates.caCert))).toBe(true);
  expect(Buffer.from(config.clientCertPair!.crt).equals(readFileSync(worker.cert))).toBe(true);
  expect(Buffer.from(config.clientCertPair!.key).equals(readFileSync(worker.key))).toBe(true);
};

describe('the connection profile', () => {
  it('is plain text to localhost:7233 in namespace default when nothing is set', () => {
    expect(loadTemporalProfile(home)).toEqual({ address: 'localhost:7233', namespace: 'default', credentials: { tls: false } });
    // An empty variable counts as unset.
    expect(loadTemporalProfile({ ...home, TEMPORAL_ADDRESS: '', TEMPORAL_TLS: '' }).address).toBe('localhost:7233');
  });

  it('comes from the variables, with every certificate file read', () => {
    const profile = loadTemporalProfile(variables);
    expect(profile).toMatchObject({ address: 'temporal.centre.example:7233', namespace: 'prepared-return' });
    expectMutualTls(profile.credentials.tls);
  });

  it('comes from a profile file as well, the variables winning over it, as in the Temporal CLI', () => {
    const fromFile = loadTemporalProfile({ ...home, TEMPORAL_CONFIG_FILE: centre, TEMPORAL_PROFILE: 'centre' });
    expect(fromFile).toMatchObject({ address: 'temporal.centre.example:7233', namespace: 'prepared-return' });
    expectMutualTls(fromFile.credentials.tls);
    const overridden = loadTemporalProfile({ ...home, TEMPORAL_CONFIG_FILE: centre, TEMPORAL_PROFILE: 'centre', TEMPORAL_ADDRESS: 'standby.centre.example:7233' });
    expect(overridden.address).toBe('standby.centre.example:7233');
    expectMutualTls(overridden.credentials.tls);
  });

  it("reads the default profile of the Temporal CLI's own file when no file is named", () => {
    const config = join(dir, 'cli-home', '.config', 'temporalio');
    mkdirSync(config, { recursive: true });
    writeFileSync(join(config, 'temporal.toml'), '[profile.default]\naddress = "temporal.cli.example:7233"\nnamespace = "from-the-cli"\n');
    expect(loadTemporalProfile({ HOME: join(dir, 'cli-home') })).toEqual({ address: 'temporal.cli.example:7233', namespace: 'from-the-cli', credentials: { tls: false } });
  });

  it('turns TLS on for an API key or TEMPORAL_TLS, and off for TEMPORAL_TLS=false', () => {
    expect(loadTemporalProfile({ ...home, TEMPORAL_API_KEY: 'key-1' }).credentials).toEqual({ tls: true, apiKey: 'key-1' });
    expect(loadTemporalProfile({ ...home, TEMPORAL_TLS: 'true' }).credentials.tls).toMatchObject({});
    expect(loadTemporalProfile({ ...home, TEMPORAL_TLS: 'true' }).credentials.tls).not.toBe(false);
    expect(loadTemporalProfile({ ...variables, TEMPORAL_TLS: 'false' }).credentials.tls).toBe(false);
  });

  it("signs a service in at the identity provider for its token when PR_TEMPORAL_TOKEN_ISSUER is set, with all it needs and nothing beside it", () => {
    const service = { ...variables, PR_TEMPORAL_TOKEN_ISSUER: 'https://login.centre.example/realms/centre', PR_TEMPORAL_TOKEN_CLIENT_ID: 'prepared-return-worker', PR_TEMPORAL_TOKEN_CLIENT_SECRET: 'secret-1' };
    expect(loadTemporalProfile(service).serviceToken).toEqual({ issuer: service.PR_TEMPORAL_TOKEN_ISSUER, clientId: 'prepared-return-worker', clientSecret: 'secret-1' });
    expect(loadTemporalProfile({ ...service, PR_TEMPORAL_TOKEN_RESOURCE: 'urn:prepared-return:temporal', PR_TEMPORAL_TOKEN_SCOPE: 'temporal' }).serviceToken).toMatchObject({ resource: 'urn:prepared-return:temporal', scope: 'temporal' });
    expect(loadTemporalProfile(variables).serviceToken).toBeUndefined();
    const { PR_TEMPORAL_TOKEN_CLIENT_SECRET: _secret, ...withoutSecret } = service;
    expect(refusal(withoutSecret)).toContain("PR_TEMPORAL_TOKEN_CLIENT_SECRET: expected this service's client secret at the identity provider");
    const { PR_TEMPORAL_TOKEN_ISSUER: _issuer, ...withoutIssuer } = service;
    expect(refusal(withoutIssuer)).toContain("PR_TEMPORAL_TOKEN_ISSUER: expected the identity provider's issuer URL, since PR_TEMPORAL_TOKEN_CLIENT_ID is set");
    expect(refusal({ ...service, PR_TEMPORAL_TOKEN_ISSUER: 'login.centre.example' })).toContain("PR_TEMPORAL_TOKEN_ISSUER: expected the identity provider's issuer URL");
    expect(refusal({ ...service, TEMPORAL_API_KEY: 'key-1' })).toContain('TEMPORAL_API_KEY: expected unset: the token comes from the identity provider');
    expect(refusal({ ...service, TEMPORAL_GRPC_META_AUTHORIZATION: 'Bearer x' })).toContain('TEMPORAL_GRPC_META_AUTHORIZATION: expected unset');
    // The token means TLS, as an API key does: on without a TLS setting, and never turned off.
    expect(loadTemporalProfile({ ...home, ...withoutCertificates(service) }).credentials.tls).not.toBe(false);
    expect(refusal({ ...service, TEMPORAL_TLS: 'false' })).toContain('TEMPORAL_TLS: expected TLS on: the token from the identity provider (PR_TEMPORAL_TOKEN_ISSUER) would travel in plain text');
    const keyed = profileFile('keyed.toml', '[profile.default]\napi_key = "key-1"\n');
    expect(refusal({ ...service, TEMPORAL_CONFIG_FILE: keyed })).toContain(`api_key of [profile.default] in ${keyed}: expected unset`);
  });

  it('names the variable of a certificate file it cannot read or that holds no PEM certificate or key', () => {
    const missing = join(dir, 'missing.pem');
    expect(refusal({ ...variables, TEMPORAL_TLS_CLIENT_CERT_PATH: missing })).toContain(
      `TEMPORAL_TLS_CLIENT_CERT_PATH: cannot read the file ${missing} (ENOENT): expected a PEM certificate file`,
    );
    expect(refusal({ ...variables, TEMPORAL_TLS_SERVER_CA_CERT_PATH: worker.key })).toContain(`TEMPORAL_TLS_SERVER_CA_CERT_PATH: expected a PEM certificate in ${worker.key}`);
    expect(refusal({ ...variables, TEMPORAL_TLS_CLIENT_KEY_PATH: worker.cert })).toContain(`TEMPORAL_TLS_CLIENT_KEY_PATH: expected a PEM private key in ${worker.cert}`);
    const { TEMPORAL_TLS_CLIENT_KEY_PATH: _key, ...certificateOnly } = variables;
    expect(refusal(certificateOnly)).toContain('TEMPORAL_TLS_CLIENT_KEY_PATH: a client certificate and its key go together');
    expect(refusal({ ...variables, TEMPORAL_ADDRESS: 'temporal.centre.example' })).toContain('TEMPORAL_ADDRESS: expected host:port, e.g. localhost:7233');
    expect(refusal({ ...home, TEMPORAL_TLS: 'yes' })).toContain('TEMPORAL_TLS: expected true or false');
  });

  it('names the key and the profile in the file for a setting that came from the file', () => {
    const missing = join(dir, 'missing-ca.pem');
    const broken = profileFile('broken.toml', `[profile.centre]\naddress = "temporal"\n[profile.centre.tls]\nserver_ca_cert_path = "${missing}"\n`);
    const message = refusal({ ...home, TEMPORAL_CONFIG_FILE: broken, TEMPORAL_PROFILE: 'centre' });
    expect(message).toContain(`address of [profile.centre] in ${broken}: expected host:port`);
    expect(message).toContain(`tls.server_ca_cert_path of [profile.centre] in ${broken}: cannot read the file ${missing} (ENOENT): expected a PEM certificate file`);
  });

  it('names TEMPORAL_CONFIG_FILE or TEMPORAL_PROFILE when the file or the profile is not there or not TOML', () => {
    const missing = join(dir, 'missing.toml');
    expect(refusal({ ...home, TEMPORAL_CONFIG_FILE: missing })).toContain(`TEMPORAL_CONFIG_FILE: cannot read the file ${missing} (ENOENT): expected a TOML profile file`);
    expect(refusal({ ...home, TEMPORAL_CONFIG_FILE: centre, TEMPORAL_PROFILE: 'elsewhere' })).toContain(`TEMPORAL_PROFILE: expected a profile in ${centre}: it has no [profile.elsewhere]`);
    // A file without profiles is none to give, not a broken file.
    const empty = profileFile('empty.toml', '# profiles come later\n');
    expect(loadTemporalProfile({ ...home, TEMPORAL_CONFIG_FILE: empty }).address).toBe('localhost:7233');
    expect(refusal({ ...home, TEMPORAL_CONFIG_FILE: empty, TEMPORAL_PROFILE: 'centre' })).toContain(`TEMPORAL_PROFILE: expected a profile in ${empty}: it has no [profile.centre]`);
    const notToml = profileFile('not.toml', 'address: temporal:7233\n');
    expect(refusal({ ...home, TEMPORAL_CONFIG_FILE: notToml })).toContain('TEMPORAL_CONFIG_FILE: expected a TOML profile file (');
    // A misspelt key would otherwise leave its setting out in silence.
    const misspelt = profileFile('misspelt.toml', `[profile.default.tls]\nserver_ca_cert = "${certificates.caCert}"\n`);
    expect(refusal({ ...home, TEMPORAL_CONFIG_FILE: misspelt })).toMatch(/TEMPORAL_CONFIG_FILE: expected a TOML profile file \(.*unrecognized.*server_ca_cert/);
  });
});
