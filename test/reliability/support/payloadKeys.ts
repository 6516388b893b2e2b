/**
 * The payload encryption of the scenario's processes: one key ring, generated for the run (no key is
 * ever committed), handed to every worker and gateway process through the environment, and used by
 * the suite's own client so it reads what the workers write (the case secrets are in the run's database).
 *
 * The codec module is loaded by URL at run time: a checkout without `codec/` runs its processes with
 * Temporal's default converter, and the suite follows whatever the worker process does.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';

export interface PayloadKeys {
  env: Record<string, string>;
  dataConverter: DataConverter | undefined;
}

interface CodecModules {
  dataConverterFromEnv(env: Record<string, string>, namespace: string): DataConverter;
  generateKeyRingFile(id: string): unknown;
}

const codecDir = new URL('../../../codec/', import.meta.url);

export async function payloadKeys(dir: string, namespace: string, store: { DATABASE_URL: string; PR_PSEUDONYM_KEY: string }): Promise<PayloadKeys> {
  if (!existsSync(fileURLToPath(new URL('dataConverter.ts', codecDir)))) return { env: {}, dataConverter: undefined };
  const codec = {
    ...((await import(new URL('dataConverter.js', codecDir).href)) as Pick<CodecModules, 'dataConverterFromEnv'>),
    ...((await import(new URL('keyRing.js', codecDir).href)) as Pick<CodecModules, 'generateKeyRingFile'>),
  };
  const keysFile = join(dir, 'codec-keys.json');
  writeFileSync(keysFile, JSON.stringify(codec.generateKeyRingFile('reliability')), { mode: 0o600 });
  const env = { PR_CODEC_KEYS_FILE: keysFile };
  return { env, dataConverter: codec.dataConverterFromEnv({ ...env, ...store }, namespace) };
}
