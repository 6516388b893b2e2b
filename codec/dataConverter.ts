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
export function programmeCaseSecrets(config: CodecConfig, db: Database = openDatabase(config.store)): CaseSecrets {
  return new CaseSecrets({ db, pseudonymKey: config.store.pseudonymKey, keys: config.keys });
}

export function programmeCodec(config: CodecConfig, namespace: string, db?: Database): EncryptionCodec {
  return new EncryptionCodec({ keys: config.keys, caseSecrets: programmeCaseSecrets(config, db), namespace, allowPlaintext: config.allowPlaintext });
}

export function programmeDataConverter(config: CodecConfig, namespace: string, db?: Database): DataConverter {
  return { payloadCodecs: [programmeCodec(config, namespace, db)], failureConverterPath };
}

/** From the environment (PR_CODEC_KEYS_FILE or PR_CODEC_KEYS, DATABASE_URL, PR_PSEUDONYM_KEY; see README), for the connection profile's namespace. */
export function dataConverterFromEnv(env: Record<string, string | undefined>, namespace: string): DataConverter {
  return programmeDataConverter(loadCodecConfig(env), namespace);
}
