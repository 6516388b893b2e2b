/** Keys and stores for codec tests: generated per test, never committed; case secrets in the run's database. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { CaseSecrets } from '../../codec/caseSecrets.js';
import { EncryptionCodec } from '../../codec/encryptionCodec.js';
import { generateKeyRingFile, KeyRing, type KeyRingFile } from '../../codec/keyRing.js';
import type { Database } from '../../store/database.js';
import { runStore } from '../support/database.js';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pr-${prefix}-`));
}

export function ringWith(...files: KeyRingFile[]): KeyRingFile {
  return { current: files[0]!.current, keys: Object.assign({}, ...files.map((f) => f.keys)) };
}

/**
 * A codec over the run's database. Each call has a pseudonym key of its own unless given one, so its
 * case secrets are rows no other test finds; codecs given the same key share the same secrets, as
 * the processes of one deployment do.
 */
export function codecWith(options: { ring?: KeyRingFile; pseudonymKey?: string; db?: Database; namespace?: string; allowPlaintext?: boolean } = {}) {
  const ring = options.ring ?? generateKeyRingFile('k1');
  const pseudonymKey = options.pseudonymKey ?? randomBytes(32).toString('base64');
  const keys = KeyRing.from(ring);
  const caseSecrets = new CaseSecrets({ db: options.db ?? runStore().db, pseudonymKey, keys });
  return {
    ring,
    pseudonymKey,
    caseSecrets,
    codec: new EncryptionCodec({ keys, caseSecrets, namespace: options.namespace ?? 'default', allowPlaintext: options.allowPlaintext }),
  };
}

export const toPayload = (value: unknown): Payload => defaultPayloadConverter.toPayload(value);
export const fromPayload = (payload: Payload): unknown => defaultPayloadConverter.fromPayload(payload);
export const ctx = (workflowId: string, namespace = 'default') => ({ type: 'workflow' as const, namespace, workflowId });
