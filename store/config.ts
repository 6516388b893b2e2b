/**
 * Where the evaluation ledger and the audit log live: a PostgreSQL database (`DATABASE_URL`) and
 * the secret that turns case references into pseudonyms (`PR_PSEUDONYM_KEY`). Read once at start by
 * every process that writes or reads them. A problem names the variable, never its value (the URL
 * may hold a password).
 *
 * On a developer's machine `npm start` runs an embedded PostgreSQL and writes its address and a
 * development key into the data folder; with nothing configured (and outside production), the
 * other processes and a caseworker's second terminal find them there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { definedEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';

const postgresUrl = z
  .string({ error: 'expected postgresql://user[:password]@host[:port]/database (npm start runs an embedded PostgreSQL and needs none)' })
  .refine(
    (v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol) && new URL(v).hostname !== '' && new URL(v).pathname.length > 1,
    'expected postgresql://user[:password]@host[:port]/database',
  );

export const StoreEnv = z.object({
  DATABASE_URL: postgresUrl,
  /** Connections this process keeps open at most. */
  DATABASE_POOL_MAX: z.coerce.number({ error: 'expected a number of connections' }).int().min(1, 'expected at least 1').max(100, 'expected at most 100').default(5),
  /** Keyed hash secret for case pseudonyms; changing it breaks the link between old and new records of a case. */
  PR_PSEUDONYM_KEY: z
    .string({ error: 'expected a secret of at least 32 characters, e.g. from `openssl rand -base64 32`' })
    .min(32, 'expected a secret of at least 32 characters, e.g. from `openssl rand -base64 32`'),
});

export interface StoreConfig {
  url: string;
  poolMax: number;
  pseudonymKey: string;
}

/** Where `npm start` keeps the embedded server's address and the development pseudonym key. */
export function localStackStoreFiles(dataDir: string) {
  return {
    urlFile: join(dataDir, 'database-url'),
    pseudonymKeyFile: join(dataDir, 'pseudonym-key'),
    postgresDir: join(dataDir, 'postgres'),
  };
}

export function loadStoreConfig(env: Record<string, string | undefined>): StoreConfig {
  const parsed = parseOrThrow(StoreEnv, withLocalStack(definedEnv(env)), 'The environment');
  return { url: parsed.DATABASE_URL, poolMax: parsed.DATABASE_POOL_MAX, pseudonymKey: parsed.PR_PSEUDONYM_KEY };
}

function withLocalStack(env: Record<string, string>): Record<string, string> {
  if (env.NODE_ENV === 'production') return env;
  const files = localStackStoreFiles(resolve(env.PR_DATA_DIR ?? '.data'));
  const found: Record<string, string> = {};
  if (!env.DATABASE_URL && existsSync(files.urlFile)) found.DATABASE_URL = readFileSync(files.urlFile, 'utf8').trim();
  if (!env.PR_PSEUDONYM_KEY && existsSync(files.pseudonymKeyFile)) found.PR_PSEUDONYM_KEY = readFileSync(files.pseudonymKeyFile, 'utf8').trim();
  return { ...found, ...env };
}
