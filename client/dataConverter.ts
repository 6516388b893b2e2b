/**
 * The data converter the client shares with the worker. Payloads are written and read with the same
 * converter on both sides, or a caseworker would see ciphertext (or write plaintext the worker refuses).
 * The encrypting converter itself lives in `codec/`; the gateway and the local stack pick it up here too.
 */
import type { DataConverter } from '@temporalio/common';
import { dataConverterFromEnv } from '../codec/dataConverter.js';

/** Payloads are bound to their namespace: the one of the connection profile. */
export async function clientDataConverter(env: Record<string, string | undefined>, namespace: string): Promise<DataConverter | undefined> {
  return dataConverterFromEnv(env, namespace);
}
