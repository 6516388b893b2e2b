/**
 * The audit log on the run's PostgreSQL database: what is written is read back newest first,
 * filtered and paged; a bad entry is refused naming the field; rows can never be changed or removed.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../store/audit.js';
import { readAudit } from '../../store/auditLog.js';
import { programmePseudonym, pseudonym } from '../../store/pseudonym.js';
import { useDatabase } from '../support/database.js';
import { uniqueCaseRef } from '../support/temporal.js';

const store = useDatabase();

describe('audit log', () => {
  it('reads back what was recorded, newest first, by programme, actor and action, in pages', async () => {
    const caseRef = uniqueCaseRef();
    const programme = programmePseudonym(store.pseudonymKey, caseRef);
    const actor = `cw-${randomUUID().slice(0, 8)}`;
    const first = await recordAudit(store.db, { actor, role: 'caseworker', action: 'open', programme, result: 'done' });
    await recordAudit(store.db, { actor, role: 'caseworker', action: 'plan-travel', programme, result: 'refused' });
    await recordAudit(store.db, { actor, role: 'caseworker', action: 'status', programme, result: 'done' });
    await recordAudit(store.db, { actor: 'ro-harbour-house', role: 'partner', action: 'referral.answered', programme, result: 'done' });

    const all = await readAudit(store.db, { programme });
    expect(all.map((e) => [e.actor, e.action, e.result])).toEqual([
      ['ro-harbour-house', 'referral.answered', 'done'],
      [actor, 'status', 'done'],
      [actor, 'plan-travel', 'refused'],
      [actor, 'open', 'done'],
    ]);
    expect(all[3]).toEqual({ ...first });
    expect(Date.parse(all[3]!.at)).toBeGreaterThan(Date.now() - 60_000);

    expect((await readAudit(store.db, { actor })).map((e) => e.action)).toEqual(['status', 'plan-travel', 'open']);
    expect((await readAudit(store.db, { programme, role: 'partner' })).map((e) => e.actor)).toEqual(['ro-harbour-house']);
    expect((await readAudit(store.db, { actor, action: 'open' })).map((e) => e.id)).toEqual([first.id]);

    const page1 = await readAudit(store.db, { programme, limit: 3 });
    const page2 = await readAudit(store.db, { programme, limit: 3, before: page1[page1.length - 1]!.id });
    expect([...page1, ...page2].map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect(await readAudit(store.db, { programme, from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
  });

  it('holds a pseudonym for the programme, never the case reference', async () => {
    const caseRef = uniqueCaseRef();
    const programme = programmePseudonym(store.pseudonymKey, caseRef);
    expect(programme).toMatch(/^[0-9a-f]{32}$/);
    expect(programme).toBe(programmePseudonym(store.pseudonymKey, caseRef));
    expect(programme).not.toBe(programmePseudonym(`${store.pseudonymKey}x`, caseRef));
    expect(programme).not.toBe(pseudonym(store.pseudonymKey, 'ledger', caseRef));
    await expect(recordAudit(store.db, { actor: 'cw-anna', role: 'caseworker', action: 'open', programme: caseRef, result: 'done' })).rejects.toThrow(
      /programme: expected a programme pseudonym/,
    );
  });

  it('refuses an entry that breaks the contract, naming the field, and writes nothing', async () => {
    const actor = `cw-${randomUUID().slice(0, 8)}`;
    await expect(recordAudit(store.db, { actor, role: 'caseworker', action: 'Plan Travel', programme: null, result: 'done' })).rejects.toThrow(/action: expected an action name/);
    await expect(recordAudit(store.db, { actor, role: 'boss' as 'caseworker', action: 'open', programme: null, result: 'done' })).rejects.toThrow(/role: expected caseworker/);
    await expect(recordAudit(store.db, { actor: 'Anna Jensen', role: 'caseworker', action: 'open', programme: null, result: 'done' })).rejects.toThrow(/actor: expected an id/);
    await expect(readAudit(store.db, { limit: 5000 })).rejects.toThrow(/limit: expected at most 1000/);
    expect(await readAudit(store.db, { actor })).toEqual([]);
  });

  it('can never be changed or emptied: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const actor = `cw-${randomUUID().slice(0, 8)}`;
    const entry = await recordAudit(store.db, { actor, role: 'caseworker', action: 'cancel', programme: null, result: 'done' });
    await expect(store.db.pool.query("UPDATE audit_log SET result = 'refused' WHERE id = $1", [entry.id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(store.db.pool.query('DELETE FROM audit_log WHERE id = $1', [entry.id])).rejects.toThrow(/append-only: DELETE refused/);
    await expect(store.db.pool.query('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    expect(await readAudit(store.db, { actor })).toEqual([entry]);
  });
});
