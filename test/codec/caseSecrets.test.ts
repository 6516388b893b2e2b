/**
 * The case secrets in PostgreSQL, as several processes of one deployment use them: each with a pool
 * of its own on one database of this file's own (re-wrapping reads every row of the table). They
 * agree on one secret when they race to create it; an erasure through one refuses the very next
 * decode through another; an erased case never gets a secret again; re-wrapping under a new current
 * key keeps every payload readable and the old key unneeded for what is written afterwards; and a
 * folder store imports with its erased cases, the same however often it runs.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCaseSecretFolder, writeCaseSecretFile } from '../../codec/caseSecretFolder.js';
import { caseHash, CaseErased } from '../../codec/caseSecrets.js';
import { generateKeyRingFile } from '../../codec/keyRing.js';
import { createScratchDatabase, type ScratchDatabase } from '../../dev/scratchDatabase.js';
import { openDatabase, type Database } from '../../store/database.js';
import { codecWith, ctx, fromPayload, ringWith, tempDir, toPayload } from './support.js';

const PERSON = { fullName: 'Ioana Canarescu' };
let database: ScratchDatabase;
const pools: Database[] = [];
/** Another process's connection pool to the same database. */
const pool = (): Database => {
  const db = openDatabase({ url: database.url, poolMax: 3 });
  pools.push(db);
  return db;
};
const caseId = () => `return-programme-CMM-2026-${randomBytes(3).toString('hex')}`;
const count = async (table: string): Promise<number> => Number((await pools[0]!.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n);

beforeAll(async () => {
  database = await createScratchDatabase('pr_case_secrets');
  pool();
});
afterAll(async () => {
  await Promise.all(pools.map((db) => db.close()));
  await database.drop();
});

describe('case secrets in the database', () => {
  it('two processes racing to create a case secret agree on one, stored wrapped under a pseudonym', async () => {
    const ring = generateKeyRingFile('k1');
    const a = codecWith({ ring, db: pool() });
    const b = codecWith({ ring, db: pool(), pseudonymKey: a.pseudonymKey });
    const id = caseId();
    const secrets = await Promise.all([...Array.from({ length: 6 }, () => a.caseSecrets.secretFor(id)), ...Array.from({ length: 6 }, () => b.caseSecrets.secretFor(id))]);
    expect(new Set(secrets.map((s) => s.toString('hex'))).size).toBe(1);
    // What one writes the other reads.
    const [payload] = await a.codec.encode([toPayload(PERSON)], ctx(id));
    expect(fromPayload((await b.codec.decode([payload!]))[0]!)).toEqual(PERSON);

    const { rows } = await pools[0]!.pool.query<{ case_key: string; wrapped: Buffer; wrapping_key_id: string }>('SELECT case_key, wrapped, wrapping_key_id FROM case_secrets');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.wrapping_key_id).toBe('k1');
    expect(rows[0]!.case_key).toMatch(/^[0-9a-f]{32}$/);
    expect(rows[0]!.case_key).not.toContain(caseHash(id).slice(0, 32));
    expect(rows[0]!.wrapped.includes(secrets[0]!)).toBe(false);
  });

  it('an erasure through one process refuses the next decode and encode through another, at once', async () => {
    const ring = generateKeyRingFile('k1');
    const worker = codecWith({ ring, db: pool() });
    const desk = codecWith({ ring, db: pool(), pseudonymKey: worker.pseudonymKey });
    const id = caseId();
    const [payload] = await worker.codec.encode([toPayload(PERSON)], ctx(id));
    // Both have just read the secret: nothing they read may outlive the erasure.
    expect(fromPayload((await worker.codec.decode([payload!]))[0]!)).toEqual(PERSON);
    expect(fromPayload((await desk.codec.decode([payload!]))[0]!)).toEqual(PERSON);

    expect(await desk.caseSecrets.erase(id)).toBe(true);
    await expect(worker.codec.decode([payload!])).rejects.toThrow(CaseErased);
    await expect(worker.codec.encode([toPayload(PERSON)], ctx(id))).rejects.toThrow(CaseErased);
    expect(await desk.caseSecrets.erase(id)).toBe(false);
  });

  it('an erased case can never be given a secret again, by the codec, an import or by hand', async () => {
    const { caseSecrets } = codecWith({ db: pool() });
    const id = caseId();
    await caseSecrets.secretFor(id);
    await caseSecrets.erase(id);
    await expect(caseSecrets.secretFor(id)).rejects.toThrow(CaseErased);
    await expect(caseSecrets.existingSecret(id)).rejects.toThrow(CaseErased);
    expect(await caseSecrets.adopt(caseHash(id), randomBytes(32))).toBe('erased');

    const { rows } = await pools[0]!.pool.query<{ case_key: string }>('SELECT case_key FROM case_secret_tombstones ORDER BY erased_at DESC LIMIT 1');
    await expect(
      pools[0]!.pool.query("INSERT INTO case_secrets (case_key, wrapped, wrapping_key_id) VALUES ($1, $2, 'k1')", [rows[0]!.case_key, randomBytes(60)]),
    ).rejects.toThrow(/was erased/);
    await expect(pools[0]!.pool.query('DELETE FROM case_secret_tombstones WHERE case_key = $1', [rows[0]!.case_key])).rejects.toThrow(/append-only/);
  });

  it('re-wraps every secret under a new current key: payloads stay readable, and the old key is needed only for what it encrypted', async () => {
    await pools[0]!.pool.query('DELETE FROM case_secrets');
    const old = generateKeyRingFile('k-old');
    const before = codecWith({ ring: old, db: pool() });
    const ids = [caseId(), caseId(), caseId()];
    const written = await Promise.all(ids.map(async (id) => (await before.codec.encode([toPayload({ id })], ctx(id)))[0]!));

    const fresh = generateKeyRingFile('k-new');
    const rotated = codecWith({ ring: ringWith(fresh, old), db: pool(), pseudonymKey: before.pseudonymKey });
    const later = await Promise.all(ids.map(async (id) => (await rotated.codec.encode([toPayload({ id, later: true })], ctx(id)))[0]!));
    // Without re-wrapping, a ring without the old key cannot even read what was written under the new one.
    const newKeyOnly = codecWith({ ring: fresh, db: pool(), pseudonymKey: before.pseudonymKey });
    await expect(newKeyOnly.codec.decode([later[0]!])).rejects.toThrow(/wrapped under key k-old, which is not in the key ring/);
    await expect(newKeyOnly.caseSecrets.rewrap()).rejects.toThrow(/k-old \(3\), not in the key ring/);

    expect(await rotated.caseSecrets.rewrap()).toEqual({ rewrapped: 3, current: 3 });
    expect(await rotated.caseSecrets.rewrap()).toEqual({ rewrapped: 0, current: 3 });
    const { rows } = await pools[0]!.pool.query<{ wrapping_key_id: string }>('SELECT DISTINCT wrapping_key_id FROM case_secrets');
    expect(rows).toEqual([{ wrapping_key_id: 'k-new' }]);
    for (const [i, id] of ids.entries()) {
      expect(fromPayload((await rotated.codec.decode([written[i]!]))[0]!)).toEqual({ id });
      expect(fromPayload((await newKeyOnly.codec.decode([later[i]!]))[0]!)).toEqual({ id, later: true });
    }
    // What the old key encrypted still needs it, as the key ring says.
    await expect(newKeyOnly.codec.decode([written[0]!])).rejects.toThrow(/key k-old, which is not in the key ring/);
  });

  it('imports a folder store with its erased cases; run again, the database and the counts stay the same', async () => {
    const ring = generateKeyRingFile('k1');
    const folder = tempDir('case-keys');
    const ids = [caseId(), caseId(), caseId()];
    const secrets = ids.map(() => randomBytes(32));
    ids.forEach((id, i) => writeCaseSecretFile(folder, id, secrets[i]!));
    const erased = caseId();
    writeFileSync(join(folder, `${caseHash(erased)}.key`), 'erased\n');
    writeFileSync(join(folder, `${caseHash(ids[0]!)}.key.3f9a.tmp`), 'left over by a crash\n');
    const { caseSecrets, pseudonymKey } = codecWith({ ring, db: pool() });
    const [rowsBefore, tombstonesBefore] = [await count('case_secrets'), await count('case_secret_tombstones')];

    const first = await importCaseSecretFolder(caseSecrets, folder);
    expect(first).toEqual({ secrets: 3, erased: 1, added: 3, alreadyErased: 0, conflicts: 0 });
    const again = await importCaseSecretFolder(caseSecrets, folder);
    expect(again).toEqual({ ...first, added: 0 });
    expect([await count('case_secrets'), await count('case_secret_tombstones')]).toEqual([rowsBefore + 3, tombstonesBefore + 1]);

    // Another process finds the folder's secrets by the workflow id alone, and the erased case erased.
    const elsewhere = codecWith({ ring, db: pool(), pseudonymKey }).caseSecrets;
    for (const [i, id] of ids.entries()) expect((await elsewhere.existingSecret(id))!.equals(secrets[i]!)).toBe(true);
    await expect(elsewhere.existingSecret(erased)).rejects.toThrow(CaseErased);

    // A case erased in the folder after an earlier import is erased in the database too; one the
    // database knows under another secret is reported and left alone.
    writeFileSync(join(folder, `${caseHash(ids[1]!)}.key`), 'erased\n');
    writeCaseSecretFile(folder, ids[2]!, randomBytes(32));
    expect(await importCaseSecretFolder(caseSecrets, folder)).toEqual({ secrets: 2, erased: 2, added: 0, alreadyErased: 0, conflicts: 1 });
    await expect(elsewhere.existingSecret(ids[1]!)).rejects.toThrow(CaseErased);
    expect((await elsewhere.existingSecret(ids[2]!))!.equals(secrets[2]!)).toBe(true);
  });
});
