/**
 * `record-declined-offer`: an identified victim who declined the prepared return is counted in the
 * ledger without a programme, once per case, de-identified; bad flags are refused naming the flag.
 */
import { describe, expect, it } from 'vitest';
import { pseudonym } from '../../store/pseudonym.js';
import { useDatabase } from '../support/database.js';
import { uniqueCaseRef } from '../support/temporal.js';
import { cliFor } from './runCli.js';

const store = useDatabase();

describe('record-declined-offer', () => {
  it('counts the offer once, with no case reference and no day in the ledger', async () => {
    const cli = cliFor('unused-task-queue');
    const caseRef = uniqueCaseRef();
    const args = ['record-declined-offer', caseRef, '--country', 'NG', '--sex', 'female', '--age-band', '18-24', '--on', '2026-05-17', '--reason', 'fear-of-reprisals'];
    const first = await cli(...args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`Declined offer recorded for ${caseRef} (NG, 2026-05, fear-of-reprisals): counted in the report.`);
    const again = await cli(...args);
    expect(again.stdout).toContain(`A declined offer for ${caseRef} was already recorded; nothing changed.`);

    const { rows } = await store.db.pool.query('SELECT * FROM ledger WHERE case_pseudonym = $1', [pseudonym(store.pseudonymKey, 'ledger', caseRef)]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ milestone: 'offer-declined', home_country: 'NG', month: '2026-05', sex: 'female', age_band: '18-24', code: 'fear-of-reprisals' });
    expect(JSON.stringify(rows[0])).not.toContain(caseRef);
    expect(JSON.stringify(rows[0])).not.toContain('2026-05-17');
  });

  it('refuses what it cannot count, naming the flag, and writes nothing', async () => {
    const cli = cliFor('unused-task-queue');
    const caseRef = uniqueCaseRef();
    const bad = await cli('record-declined-offer', caseRef, '--country', 'Nigeria', '--on', 'today', '--reason', 'scared');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--country: expected an ISO 3166-1 alpha-2 country code such as RO');
    expect(bad.stderr).toContain('--reason: expected prefers-to-stay, fear-of-reprisals, family-reasons, distrust, no-reason-given or other');
    const age = await cli('record-declined-offer', caseRef, '--country', 'NG', '--on', 'today', '--reason', 'other', '--age-band', '30');
    expect(age.stderr).toContain('--age-band: expected under-18, 18-24, 25-34, 35-49 or 50-plus');
    const { rows } = await store.db.pool.query('SELECT 1 FROM ledger WHERE case_pseudonym = $1', [pseudonym(store.pseudonymKey, 'ledger', caseRef)]);
    expect(rows).toHaveLength(0);
  });
});
