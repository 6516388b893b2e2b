/**
 * The data converter the client shares with the worker. Payloads are written and read with the same
 * converter on both sides, or a caseworker would see ciphertext (or write plaintext the worker cannot
 * read). Today the worker uses Temporal's default converter; when the encryption codec arrives, this
 * is the one place the client picks it up.
 */
import type { DataConverter } from '@temporalio/common';

export async function clientDataConverter(_env: Record<string, string | undefined>): Promise<DataConverter | undefined> {
  return undefined;
}
