/** Keys and stores for codec tests: generated per test, in temporary folders, never committed. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { CaseKeyStore } from '../../codec/caseKeys.js';
import { EncryptionCodec } from '../../codec/encryptionCodec.js';
import { generateKeyRingFile, KeyRing, type KeyRingFile } from '../../codec/keyRing.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pr-${prefix}-`));
}

export function ringWith(...files: KeyRingFile[]): KeyRingFile {
  return { current: files[0]!.current, keys: Object.assign({}, ...files.map((f) => f.keys)) };
}

export function codecWith(options: { ring?: KeyRingFile; caseKeysDir?: string; namespace?: string; allowPlaintext?: boolean } = {}) {
  const ring = options.ring ?? generateKeyRingFile('k1');
  const caseKeys = new CaseKeyStore({ dir: options.caseKeysDir ?? tempDir('case-keys') });
  return {
    ring,
    caseKeys,
    codec: new EncryptionCodec({ keys: KeyRing.from(ring), caseKeys, namespace: options.namespace ?? 'default', allowPlaintext: options.allowPlaintext }),
  };
}

export const toPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
export const fromPayload = (payload: Payload): unknown => defaultPayloadConverter.fromPayload(payload);
export const ctx = (workflowId: string, namespace = 'default') => ({ type: 'workflow' as const, namespace, workflowId });
