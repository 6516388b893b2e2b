/**
 * Where the payload keys and the case secrets come from, and whether plaintext payloads may pass.
 * Read once at start by worker, client, gateway and codec endpoint. The case secrets are in the
 * database (DATABASE_URL, PR_PSEUDONYM_KEY: see store/config.ts), the same one the audit log is in.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigFileError, readConfigFile } from '../activities/configFile.js';
import { parseOrThrow } from '../domain/validation.js';
import { KeyRing } from './keyRing.js';
import { definedEnv } from '../domain/config.js';
import { loadStoreConfig, type StoreConfig } from '../store/config.js';

const flag = z.enum(['true', 'false', '1', '0'], { error: 'expected true or false' }).transform((v) => v === 'true' || v === '1');

export const CodecEnv = z
  .object({
    /** A JSON key ring file ({ current, keys }); readable by the service's user only. */
    PR_CODEC_KEYS_FILE: z.string().min(1, 'expected a file path').optional(),
    /** The same JSON inline, for platforms that hand secrets over as environment variables. */
    PR_CODEC_KEYS: z.string().min(1).optional(),
    /**
     * The folder case secrets were kept in before they moved into the database. Refused, so that no
     * process creates new secrets for cases whose folder has not been imported yet.
     */
    PR_CASE_KEYS_DIR: z
      .undefined({ error: 'expected unset: case secrets are kept in the database now; import this folder once with `npx prepared-return case-secrets import --from <folder>`, then unset it' })
      .optional(),
    /** Let unencrypted payloads through on decode. Development only; defaults to NODE_ENV=development. */
    PR_CODEC_ALLOW_PLAINTEXT: flag.optional(),
    NODE_ENV: z.string().optional(),
  })
  .refine((env) => (env.PR_CODEC_KEYS_FILE === undefined) !== (env.PR_CODEC_KEYS === undefined), {
    message: 'expected the payload keys in exactly one of PR_CODEC_KEYS_FILE (a file) or PR_CODEC_KEYS (JSON); `npm start` creates development keys',
    path: ['PR_CODEC_KEYS_FILE'],
  });

export interface CodecConfig {
  keys: KeyRing;
  /** The database holding the case secrets. */
  store: StoreConfig;
  allowPlaintext: boolean;
}

/** Where `npm start` keeps its development keys (`.data/` is gitignored). */
export function localStackCodecFiles(dataDir: string) {
  return {
    keysFile: join(dataDir, 'codec-keys.json'),
    /** Where earlier versions kept the case secrets; imported into the database at the next start. */
    caseKeysDir: join(dataDir, 'case-keys'),
    supervisorsFile: join(dataDir, 'codec-supervisors.yaml'),
    tokenFile: join(dataDir, 'supervisor-token'),
  };
}

export function loadCodecConfig(env: Record<string, string | undefined>): CodecConfig {
  const defined = withLocalStackKeys(
    definedEnv(env),
  );
  const parsed = parseOrThrow(CodecEnv, defined, 'The environment');
  let ring: unknown;
  if (parsed.PR_CODEC_KEYS_FILE) {
    ring = readConfigFile(parsed.PR_CODEC_KEYS_FILE, 'The key ring (PR_CODEC_KEYS_FILE)');
  } else {
    try {
      ring = JSON.parse(parsed.PR_CODEC_KEYS!);
    } catch {
      throw new ConfigFileError('PR_CODEC_KEYS: expected the key ring as JSON ({ "current": …, "keys": { … } })');
    }
  }
  return {
    keys: KeyRing.from(ring, parsed.PR_CODEC_KEYS_FILE ? `The key ring ${parsed.PR_CODEC_KEYS_FILE}` : 'PR_CODEC_KEYS'),
    store: loadStoreConfig(env),
    allowPlaintext: parsed.PR_CODEC_ALLOW_PLAINTEXT ?? parsed.NODE_ENV === 'development',
  };
}

/**
 * With no keys configured, outside production, the local stack's development keys are used when they
 * exist: a caseworker's `npx prepared-return` in a second terminal reads what `npm start` wrote.
 * Development data may predate encryption, so plaintext passes there unless said otherwise.
 */
function withLocalStackKeys(env: Record<string, string>): Record<string, string> {
  if (env.PR_CODEC_KEYS_FILE || env.PR_CODEC_KEYS || env.NODE_ENV === 'production') return env;
  const files = localStackCodecFiles(resolve(env.PR_DATA_DIR ?? '.data'));
  if (!existsSync(files.keysFile)) return env;
  return { PR_CODEC_ALLOW_PLAINTEXT: 'true', ...env, PR_CODEC_KEYS_FILE: files.keysFile };
}
