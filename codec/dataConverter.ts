/**
 * The one data converter of the service: worker, caseworker client, partner gateway, codec endpoint
 * and tests all build it here, so whatever one side encrypts the other can read.
 */
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { openDatabase, type Database } from '../store/database.js';
import { CaseSecrets } from './caseSecrets.js';
import { loadCodecConfig, type CodecConfig } from './config.js';
import { EncryptionCodec } from './encryptionCodec.js';

/** Failure messages and stack traces encrypted too; loaded by path because the workflow sandbox needs it. */
export const failureConverterPath = fileURLToPath(new URL('./failureConverter.cjs', import.meta.url));

/** The case secrets in the configured database: through the process's pool when it has one, else a pool of their own (connected on first use). */
export function programmeCaseSecrets(config: CodecConfig, db: Database = openDatabase(config.store), remember = false): CaseSecrets {
  return new CaseSecrets({ db, pseudonymKey: config.store.pseudonymKey, keys: config.keys, remember });
}

export function programmeCodec(config: CodecConfig, namespace: string, db?: Database, remember = false): EncryptionCodec {
  return new EncryptionCodec({ keys: config.keys, caseSecrets: programmeCaseSecrets(config, db, remember), namespace, allowPlaintext: config.allowPlaintext });
}

export function programmeDataConverter(config: CodecConfig, namespace: string, db?: Database, remember = false): DataConverter {
  return { payloadCodecs: [programmeCodec(config, namespace, db, remember)], failureConverterPath };
}

/**
 * The worker's: through its own pool, keeping the case secrets it has read (see CaseSecretsOptions:
 * its programmes carry on through a database outage, and it shows nothing to anyone).
 */
export function workerDataConverter(env: Record<string, string | undefined>, namespace: string, db: Database): DataConverter {
  return programmeDataConverter(loadCodecConfig(env), namespace, db, true);
}

/** From the environment (PR_CODEC_KEYS_FILE or PR_CODEC_KEYS, DATABASE_URL, PR_PSEUDONYM_KEY; see README), for the connection profile's namespace. */
export function dataConverterFromEnv(env: Record<string, string | undefined>, namespace: string): DataConverter {
  return programmeDataConverter(loadCodecConfig(env), namespace);
}
