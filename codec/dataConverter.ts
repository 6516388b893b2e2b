/**
 * The one data converter of the service: worker, caseworker client, partner gateway, codec endpoint
 * and tests all build it here, so whatever one side encrypts the other can read.
 */
import { fileURLToPath } from 'node:url';
import type { DataConverter } from '@temporalio/common';
import { CaseKeyStore } from './caseKeys.js';
import { loadCodecConfig, type CodecConfig } from './config.js';
import { EncryptionCodec } from './encryptionCodec.js';

/** Failure messages and stack traces encrypted too; loaded by path because the workflow sandbox needs it. */
export const failureConverterPath = fileURLToPath(new URL('./failureConverter.cjs', import.meta.url));

export function programmeCodec(config: CodecConfig, namespace: string): EncryptionCodec {
  return new EncryptionCodec({ keys: config.keys, caseKeys: new CaseKeyStore({ dir: config.caseKeysDir }), namespace, allowPlaintext: config.allowPlaintext });
}

export function programmeDataConverter(config: CodecConfig, namespace: string): DataConverter {
  return { payloadCodecs: [programmeCodec(config, namespace)], failureConverterPath };
}

/** From the environment (PR_CODEC_KEYS_FILE or PR_CODEC_KEYS, PR_CASE_KEYS_DIR; see README), for the connection profile's namespace. */
export function dataConverterFromEnv(env: Record<string, string | undefined>, namespace: string): DataConverter {
  return programmeDataConverter(loadCodecConfig(env), namespace);
}
