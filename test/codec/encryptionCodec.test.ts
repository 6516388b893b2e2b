/**
 * The payload codec on its own: what leaves the process is ciphertext bound to its namespace, key id
 * and case; keys rotate; anything altered, moved or relabelled fails to decode.
 */
import { describe, expect, it } from 'vitest';
import type { Payload } from '@temporalio/common';
import { generateKeyRingFile } from '../../codec/keyRing.js';
import { METADATA, PayloadRefused } from '../../codec/encryptionCodec.js';
import { codecWith, ctx, fromPayload, ringWith, toPayload } from './support.js';

const SECRET = { fullName: 'Ioana Canarescu', birthDate: '1994-03-07' };
const WF = 'return-programme-CMM-2026-0042';
const text = (bytes: Uint8Array | null | undefined) => new TextDecoder().decode(bytes ?? new Uint8Array());
const withMetadata = (p: Payload, key: string, value: string): Payload => ({ ...p, metadata: { ...p.metadata, [key]: new TextEncoder().encode(value) } });

describe('the encryption codec', () => {
  it('round-trips, and what it writes holds no plaintext and a fresh IV every time', async () => {
    const { codec } = codecWith();
    const [a] = await codec.encode([toPayload(SECRET)], ctx(WF));
    const [b] = await codec.encode([toPayload(SECRET)], ctx(WF));
    expect(text(a!.metadata!.encoding)).toBe('binary/encrypted');
    expect(text(a!.metadata![METADATA.keyId])).toBe('k1');
    expect(text(a!.metadata![METADATA.caseId])).toBe(WF);
    expect(Buffer.from(a!.data!).toString('latin1')).not.toContain('Canarescu');
    expect(Buffer.from(a!.data!).subarray(0, 12).equals(Buffer.from(b!.data!).subarray(0, 12))).toBe(false);
    expect(fromPayload((await codec.decode([a!]))[0]!)).toEqual(SECRET);
  });

  it('rotates: encodes with the current key, decodes with any key still in the ring', async () => {
    const old = generateKeyRingFile('k-old');
    const { codec: before, pseudonymKey } = codecWith({ ring: old });
    const [written] = await before.encode([toPayload(SECRET)], ctx(WF));

    const rotated = codecWith({ ring: ringWith(generateKeyRingFile('k-new'), old), pseudonymKey }).codec;
    const [fresh] = await rotated.encode([toPayload(SECRET)], ctx(WF));
    expect(text(fresh!.metadata![METADATA.keyId])).toBe('k-new');
    expect(fromPayload((await rotated.decode([written!]))[0]!)).toEqual(SECRET);

    const retired = codecWith({ ring: generateKeyRingFile('k-new'), pseudonymKey }).codec;
    await expect(retired.decode([written!])).rejects.toThrow(/key k-old, which is not in the key ring/);
  });

  describe('tampering fails to decode', () => {
    it('a flipped bit anywhere in the ciphertext', async () => {
      const { codec } = codecWith();
      const [p] = await codec.encode([toPayload(SECRET)], ctx(WF));
      for (const index of [0, 12, p!.data!.length - 1]) {
        const data = Buffer.from(p!.data!);
        data[index]! ^= 0x01;
        await expect(codec.decode([{ ...p!, data }])).rejects.toThrow(PayloadRefused);
      }
    });

    it('a wrong key id (another key of the same ring)', async () => {
      const { codec } = codecWith({ ring: ringWith(generateKeyRingFile('k1'), generateKeyRingFile('k2')) });
      const [p] = await codec.encode([toPayload(SECRET)], ctx(WF));
      await expect(codec.decode([withMetadata(p!, METADATA.keyId, 'k2')])).rejects.toThrow(/failed authentication/);
    });

    it('a payload moved to another namespace', async () => {
      const { codec } = codecWith();
      const [p] = await codec.encode([toPayload(SECRET)], ctx(WF, 'default'));
      await expect(codec.decode([p!], ctx(WF, 'other-namespace'))).rejects.toThrow(/failed authentication/);
      await expect(codec.decodeIn('other-namespace', [p!])).rejects.toThrow(/failed authentication/);
    });

    it('a payload relabelled as another case, or stripped of its case', async () => {
      const { codec } = codecWith();
      const [p] = await codec.encode([toPayload(SECRET)], ctx(WF));
      await codec.encode([toPayload('x')], ctx('return-programme-CMM-2026-0043')); // that case has a key too
      await expect(codec.decode([withMetadata(p!, METADATA.caseId, 'return-programme-CMM-2026-0043')])).rejects.toThrow(/failed authentication/);
      const { [METADATA.caseId]: _dropped, ...rest } = p!.metadata!;
      await expect(codec.decode([{ ...p!, metadata: rest }])).rejects.toThrow(/failed authentication/);
    });
  });

  it('refuses unencrypted payloads unless development allows them', async () => {
    await expect(codecWith().codec.decode([toPayload(SECRET)])).rejects.toThrow(/unencrypted payload was refused/);
    expect(fromPayload((await codecWith({ allowPlaintext: true }).codec.decode([toPayload(SECRET)]))[0]!)).toEqual(SECRET);
  });

  it('cannot decode a case whose secret was erased, and will not encrypt for it again', async () => {
    const { codec, caseSecrets } = codecWith();
    const [p] = await codec.encode([toPayload(SECRET)], ctx(WF));
    expect(await caseSecrets.erase(WF)).toBe(true);
    await expect(codec.decode([p!])).rejects.toThrow(/erased/);
    await expect(codec.encode([toPayload(SECRET)], ctx(WF))).rejects.toThrow(/erased/);
  });

  it('encrypts failure messages too: the failure converter moves them into an encoded attribute', async () => {
    const { failureConverter } = await import('../../codec/failureConverter.cjs');
    const { codec } = codecWith();
    const failure = failureConverter.errorToFailure(new Error('Ioana Canarescu could not be reached'), { toPayload, fromPayload } as never);
    expect(failure.message).not.toContain('Canarescu');
    const [encoded] = await codec.encode([failure.encodedAttributes!], ctx(WF));
    expect(Buffer.from(encoded!.data!).toString('latin1')).not.toContain('Canarescu');
  });
});
