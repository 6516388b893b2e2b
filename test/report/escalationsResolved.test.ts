/**
 * The report counts an escalation resolved the way the programme resolved it: a supervisor's (or a
 * concern's) resolution of one escalation, `<topic>,<number>`, resolves that one only; the
 * programme's own resolution, the topic alone, every escalation open on it.
 */
import { describe, expect, it } from 'vitest';
import type { LedgerRecord } from '../../domain/ledger/record.js';
import { factsFromLedger } from '../../domain/report/fromLedger.js';

let seq = 0;
function record(milestone: LedgerRecord['milestone'], code: string | null, severity: LedgerRecord['severity'] = null): LedgerRecord {
  seq += 1;
  return {
    seq,
    countingRule: '2026.1',
    casePseudonym: 'case-a',
    homeCountry: 'RO',
    partner: null,
    month: '2027-01',
    sex: null,
    ageBand: null,
    milestone,
    code,
    severity,
    outcome: null,
    sinceOpenedMs: seq * 1000,
    prevHash: '',
    hash: '',
  };
}

describe('escalations resolved, from the ledger', () => {
  it('one by its number, or every open one on a topic', () => {
    const records = [
      record('opened', null),
      record('concern-raised', 'threats', 'urgent'),
      record('concern-raised', 'lost-contact', 'urgent'),
      record('escalation', 'follow-up-missed', 'escalation'),
      record('escalation', 'follow-up-missed', 'escalation'),
      // A supervisor resolved the second concern's escalation; the awaited reports came for both misses.
      record('escalation-resolved', 'concern-raised,2'),
      record('escalation-resolved', 'follow-up-missed'),
    ];
    const [facts] = factsFromLedger(records).programmes;
    expect(facts!.escalations.map((e) => e.resolvedAt !== null)).toEqual([false, true, true, true]);
  });

  it('a number that is not of that topic resolves nothing', () => {
    const records = [record('opened', null), record('concern-raised', 'threats', 'urgent'), record('escalation-resolved', 'follow-up-missed,1')];
    expect(factsFromLedger(records).programmes[0]!.escalations.map((e) => e.resolvedAt)).toEqual([null]);
  });
});
