/**
 * Erasure on the real server: after `eraseCase`, an exported copy of the programme's history can no
 * longer be decoded, even with the full key ring, and the server has accepted the deletion of its run.
 */
import { describe, expect, inject, it } from 'vitest';
import { temporal } from '@temporalio/proto';
import { CaseKeyStore } from '../../codec/caseKeys.js';
import { dataConverterFromEnv } from '../../codec/dataConverter.js';
import { METADATA } from '../../codec/encryptionCodec.js';
import { eraseCase, ProgrammeStillRunning } from '../../codec/erase.js';
import type { Payload } from '@temporalio/common';
import { useHarness } from '../support/harness.js';
import * as M from '../../workflows/messages.js';

const h = useHarness();
const PERSON = { fullName: 'Ioana Canarescu', birthDate: '1994-03-07' };

/** Every payload of a history in its exported (protobuf JSON) form, found wherever it sits. */
function payloadsOf(exported: unknown): Payload[] {
  const found: Payload[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (typeof record.data === 'string' && record.metadata && typeof record.metadata === 'object') {
      found.push({
        metadata: Object.fromEntries(Object.entries(record.metadata as Record<string, string>).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
        data: Buffer.from(record.data, 'base64'),
      });
      return;
    }
    Object.values(record).forEach(walk);
  };
  walk(exported);
  return found;
}

/** A process that has never seen the case: the run's full key ring, a store read from disk. */
function freshCodec() {
  return dataConverterFromEnv({ PR_CODEC_KEYS_FILE: inject('codecKeysFile'), PR_CASE_KEYS_DIR: inject('caseKeysDir') }, inject('temporalNamespace')).payloadCodecs![0]!;
}

describe('erasing a case', () => {
  it('makes an exported history undecodable and has the programme deleted', async () => {
    await h.run({ person: PERSON }, async (handle, caseRef) => {
      await expect(eraseCase(h.env.client, new CaseKeyStore({ dir: inject('caseKeysDir') }), caseRef)).rejects.toThrow(ProgrammeStillRunning);
      await handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'opened-in-error' }] });
      await handle.result();

      // The export an operator might have made (`temporal workflow show --output json` gives the same).
      const exported = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.decode(
        temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish()), { bytes: String, longs: String, enums: String });
      const payloads = payloadsOf(exported);
      const dataPayloads = payloads.filter((p) => new TextDecoder().decode(p.metadata?.encoding ?? new Uint8Array()) === 'binary/encrypted');
      expect(dataPayloads.length).toBeGreaterThan(3);
      // Every encrypted payload belongs to the case (so erasure reaches all of them) …
      expect(dataPayloads.every((p) => new TextDecoder().decode(p.metadata![METADATA.caseId]!) === handle.workflowId)).toBe(true);
      // … and before erasure the export decodes, the person among it.
      const before = await freshCodec().decode(dataPayloads);
      expect(before.map((p) => Buffer.from(p.data!).toString('utf8')).join('\n')).toContain('Canarescu');

      const result = await eraseCase(h.env.client, new CaseKeyStore({ dir: inject('caseKeysDir') }), caseRef);
      expect(result).toEqual({ caseRef, keyDestroyed: true, runsDeleted: 1 });

      for (const payload of dataPayloads) await expect(freshCodec().decode([payload])).rejects.toThrow(/erased/);
      // Erasing again is harmless: the key is already gone (the server deletes executions in the background).
      expect(await eraseCase(h.env.client, new CaseKeyStore({ dir: inject('caseKeysDir') }), caseRef)).toMatchObject({ caseRef, keyDestroyed: false });
    });
  });
});
