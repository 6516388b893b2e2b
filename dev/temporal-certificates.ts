/**
 * Certificates for mutual TLS at the Temporal frontend of the local cluster and the cluster tests:
 * one certificate authority made for this topology, the server's certificate (localhost and
 * 127.0.0.1, and `temporal`, its name in docker-compose.yml), and one client certificate per caller
 * (worker, gateway, app, Web UI, admin). Made with openssl when the topology is provisioned, into its
 * data folder (owner-only), or by `npm run temporal:certificates` for a compose deployment; never
 * committed; an existing set is reused so a restart keeps trusting the same clients.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TEMPORAL_CALLERS = ['worker', 'gateway', 'app', 'ui', 'admin'] as const;
export type TemporalCaller = (typeof TEMPORAL_CALLERS)[number];

export interface TemporalCertificates {
  caCert: string;
  serverCert: string;
  serverKey: string;
  /** Files of each caller's client certificate and key. */
  clients: Record<TemporalCaller, { cert: string; key: string }>;
  /** The name the server's certificate carries (clients check it). */
  serverName: string;
}

function openssl(args: string[], what: string): void {
  const run = spawnSync('openssl', args, { encoding: 'utf8' });
  if (run.error || run.status !== 0) throw new Error(`openssl could not ${what} (${run.error?.message ?? run.stderr.trim().split('\n').slice(-1)[0]}); install openssl`);
}

/** A key and a certificate signed by the CA in `dir`; `extensions` as openssl's `-extfile` lines. */
function signed(dir: string, name: string, subject: string, extensions: string[]): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  if (existsSync(cert) && existsSync(key)) return { cert, key };
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  openssl(['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-subj', subject, '-keyout', key, '-out', csr], `create the key of ${name}`);
  writeFileSync(ext, `${extensions.join('\n')}\n`, { mode: 0o600 });
  openssl(['x509', '-req', '-in', csr, '-CA', join(dir, 'ca.pem'), '-CAkey', join(dir, 'ca-key.pem'), '-CAcreateserial', '-days', '825', '-sha256', '-extfile', ext, '-out', cert], `sign the certificate of ${name}`);
  return { cert, key };
}

export function ensureTemporalCertificates(dir: string): TemporalCertificates {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const caCert = join(dir, 'ca.pem');
  if (!existsSync(caCert)) {
    openssl(
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '825', '-subj', '/CN=prepared-return local Temporal CA',
        '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-keyout', join(dir, 'ca-key.pem'), '-out', caCert],
      'create the certificate authority',
    );
  }
  const server = signed(dir, 'server', '/CN=localhost', ['basicConstraints=CA:FALSE', 'keyUsage=digitalSignature', 'extendedKeyUsage=serverAuth,clientAuth', 'subjectAltName=DNS:localhost,DNS:temporal,IP:127.0.0.1']);
  const clients = Object.fromEntries(
    TEMPORAL_CALLERS.map((caller) => [caller, signed(dir, `client-${caller}`, `/CN=${caller}`, ['basicConstraints=CA:FALSE', 'keyUsage=digitalSignature', 'extendedKeyUsage=clientAuth'])]),
  ) as TemporalCertificates['clients'];
  return { caCert, serverCert: server.cert, serverKey: server.key, clients, serverName: 'localhost' };
}
