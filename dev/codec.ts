/**
 * The local stack's encryption: on first start a development key ring and one supervisor token are
 * created in the data folder (gitignored); later starts reuse them, so the programmes in the SQLite
 * file stay readable. The case secrets are in the stack's database; a data folder from before they
 * moved there has its case-key folder imported at the next start, and the folder removed. The codec
 * endpoint runs in the stack's process, over HTTPS with a self-signed certificate for localhost: the
 * Web UI sends tokens to HTTPS endpoints only.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { stringify } from 'yaml';
import { importCaseSecretFolder } from '../codec/caseSecretFolder.js';
import { loadCodecConfig, localStackCodecFiles } from '../codec/config.js';
import { programmeCaseSecrets, programmeCodec } from '../codec/dataConverter.js';
import { generateKeyRingFile } from '../codec/keyRing.js';
import { buildCodecServer, type CodecServerOptions } from '../codec/server.js';
import { generateToken, hashToken, Supervisors } from '../codec/supervisors.js';
import type { AuditTrail } from '../store/auditTrail.js';
import type { Database } from '../store/database.js';

export const DEV_SUPERVISOR = 'sup-dev';

export interface DevCodecFiles {
  keysFile: string;
  caseKeysDir: string;
  supervisorsFile: string;
  tokenFile: string;
}

/** The files of `devCodecFiles`, created when missing. Never overwrites: a new key would orphan every programme. */
export function ensureDevCodecFiles(dataDir: string, namespace: string): DevCodecFiles {
  const files = devCodecFiles(dataDir);
  if (!existsSync(files.keysFile)) writeFileSync(files.keysFile, `${JSON.stringify(generateKeyRingFile(), null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  if (!existsSync(files.tokenFile)) {
    const token = generateToken();
    writeFileSync(files.tokenFile, `${token}\n`, { mode: 0o600, flag: 'wx' });
    writeFileSync(files.supervisorsFile, stringify({ supervisors: [{ id: DEV_SUPERVISOR, tokenSha256: hashToken(token), namespaces: [namespace] }] }), { mode: 0o600 });
  }
  return files;
}

/**
 * Moves the case secrets of an earlier version's data folder into the database (once: the folder is
 * removed when every secret is in). A case the database already knows under another secret keeps
 * the folder, and says so.
 */
export async function importLeftoverCaseSecrets(files: DevCodecFiles, env: Record<string, string | undefined>, db: Database, log: (line: string) => void): Promise<void> {
  if (!existsSync(files.caseKeysDir)) return;
  const imported = await importCaseSecretFolder(programmeCaseSecrets(loadCodecConfig(env), db), files.caseKeysDir);
  if (imported.conflicts) {
    log(`${files.caseKeysDir}: ${imported.conflicts} case(s) have another secret in the database; the folder is kept, see docs/operations.md`);
    return;
  }
  rmSync(files.caseKeysDir, { recursive: true, force: true });
  log(`case secrets moved into the database from ${files.caseKeysDir}: ${imported.secrets} secret(s), ${imported.erased} erased case(s)`);
}

export function devCodecFiles(dataDir: string): DevCodecFiles {
  return localStackCodecFiles(dataDir);
}

export function readDevToken(files: DevCodecFiles): string {
  return readFileSync(files.tokenFile, 'utf8').trim();
}

/** A self-signed certificate for localhost and 127.0.0.1 (made with openssl), created when missing. */
export function ensureDevCertificate(dir: string): { cert: Buffer; key: Buffer } {
  const certFile = join(dir, 'codec-cert.pem');
  const keyFile = join(dir, 'codec-key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const run = spawnSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '825', '-subj', '/CN=localhost',
        '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', keyFile, '-out', certFile],
      { encoding: 'utf8' },
    );
    if (run.error || run.status !== 0) {
      throw new Error(`openssl could not create the codec endpoint's development certificate (${run.error?.message ?? run.stderr.trim().split('\n')[0]}); install openssl`);
    }
  }
  return { cert: readFileSync(certFile), key: readFileSync(keyFile) };
}

/** The codec endpoint for the Web UI, in process, on loopback, over HTTPS. */
export async function startDevCodec(options: {
  host: string;
  port: number;
  namespace: string;
  uiOrigins: string[];
  files: DevCodecFiles;
  env: Record<string, string | undefined>;
  /** Where the certificate lives (the data folder). */
  certDir: string;
  audit: AuditTrail;
  /** Supervisors signed in at the local identity provider. */
  accessTokens?: CodecServerOptions['accessTokens'];
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
}): Promise<{ url: string; app: FastifyInstance }> {
  const app = buildCodecServer({
    https: ensureDevCertificate(options.certDir),
    codec: programmeCodec(loadCodecConfig(options.env), options.namespace),
    // Break-glass in the local stack as in production: the file's token still decodes, audited as such.
    breakGlass: Supervisors.fromFile(options.files.supervisorsFile),
    ...(options.accessTokens ? { accessTokens: options.accessTokens } : {}),
    audit: options.audit,
    uiOrigins: options.uiOrigins,
    logger: options.logger ?? false,
  });
  await app.listen({ host: options.host, port: options.port });
  const host = options.host === '127.0.0.1' || options.host === '0.0.0.0' ? 'localhost' : options.host;
  return { url: `https://${host}:${options.port}`, app };
}
