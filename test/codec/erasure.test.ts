/**
 * Erasure on the real server: after `eraseCase`, an exported copy of the programme's history can no
 * longer be decoded, even with the full key ring, and the server has accepted the deletion of its run.
 */
import { describe, expect, inject, it } from 'vitest';
import { temporal } from '@temporalio/proto';
import { loadCodecConfig } from '../../codec/config.js';
import { dataConverterFromEnv, programmeCaseSecrets } from '../../codec/dataConverter.js';
import { METADATA } from '../../codec/encryptionCodec.js';
import { eraseCase, ProgrammeStillRunning } from '../../codec/erase.js';
import type { Payload } from '@temporalio/common';
import { useHarness } from '../support/harness.js';
import { runCodecEnv } from '../support/temporal.js';
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

/** A process that has never seen the case: the run's full key ring, a connection of its own to the database. */
function freshCodec() {
  return dataConverterFromEnv(runCodecEnv(), inject('temporalNamespace')).payloadCodecs![0]!;
}

/** The data protection officer's side: another process again. */
const caseSecrets = () => programmeCaseSecrets(loadCodecConfig(runCodecEnv()));

describe('erasing a case', () => {
  it('makes an exported history undecodable and has the programme deleted', async () => {
    await h.run({ person: PERSON }, async (handle, caseRef) => {
      await expect(eraseCase(h.env.client, caseSecrets(), caseRef)).rejects.toThrow(ProgrammeStillRunning);
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

      const result = await eraseCase(h.env.client, caseSecrets(), caseRef);
      expect(result).toEqual({ caseRef, keyDestroyed: true, runsDeleted: 1 });

      for (const payload of dataPayloads) await expect(freshCodec().decode([payload])).rejects.toThrow(/erased/);
      // Erasing again is harmless: the key is already gone (the server deletes executions in the background).
      expect(await eraseCase(h.env.client, caseSecrets(), caseRef)).toMatchObject({ caseRef, keyDestroyed: false });
    });
  });
});
