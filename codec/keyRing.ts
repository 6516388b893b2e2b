/**
 * The payload keys: several at once so keys can rotate. New payloads are encrypted with the current
 * key; payloads written under an older key still decode as long as that key stays in the ring.
 *
 * The ring comes from configuration (a file or one environment variable), never from the repository:
 *
 *   { "current": "2026-05", "keys": { "2026-05": "<32 random bytes, base64>", "2025-11": "<…>" } }
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { parseOrThrow } from '../domain/validation.js';

export const KEY_BYTES = 32;

const KeyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'expected a key id of letters, digits, . _ - (at most 64)');
const KeyMaterial = z
  .string()
  .refine((value) => Buffer.from(value, 'base64').length === KEY_BYTES && /^[A-Za-z0-9+/]+={0,2}$/.test(value), {
    message: `expected ${KEY_BYTES} random bytes in base64 (openssl rand -base64 ${KEY_BYTES})`,
  });

export const KeyRingFile = z
  .strictObject({
    current: KeyId,
    keys: z.record(KeyId, KeyMaterial).refine((keys) => Object.keys(keys).length > 0, 'expected at least one key'),
  })
  .refine((ring) => ring.current in ring.keys, { message: 'expected the current key id to be one of the keys', path: ['current'] });
export type KeyRingFile = z.output<typeof KeyRingFile>;

export class KeyRing {
  private constructor(
    readonly currentId: string,
    private readonly keys: ReadonlyMap<string, Buffer>,
  ) {}

  static from(file: unknown, what = 'The payload key ring'): KeyRing {
    const parsed = parseOrThrow(KeyRingFile, file, what);
    return new KeyRing(parsed.current, new Map(Object.entries(parsed.keys).map(([id, key]) => [id, Buffer.from(key, 'base64')])));
  }

  get ids(): string[] {
    return [...this.keys.keys()];
  }

  /** The key for `id`, or undefined when the ring no longer (or never) held it. */
  key(id: string): Buffer | undefined {
    return this.keys.get(id);
  }

  get current(): { id: string; key: Buffer } {
    return { id: this.currentId, key: this.keys.get(this.currentId)! };
  }
}

/** A fresh ring with one key: the local stack's first start and the tests use it. */
export function generateKeyRingFile(id = `dev-${new Date().toISOString().slice(0, 10)}`): KeyRingFile {
  return { current: id, keys: { [id]: randomBytes(KEY_BYTES).toString('base64') } };
}
