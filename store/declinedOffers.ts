/**
 * Offers of a prepared return that were declined before any programme opened, as ledger records:
 * the case only as a pseudonym, the month she declined, country, sex and age band when known, and
 * the reason code. One per case: recording it again writes nothing and says so.
 */
import { DeclinedOffer } from '../domain/ledger/record.js';
import { parseOrThrow } from '../domain/validation.js';
import { appendLedgerRecord } from './ledger.js';
import { pseudonym, recordKey } from './pseudonym.js';
import type { Store } from './store.js';

export async function recordDeclinedOffer(store: Store, offer: DeclinedOffer): Promise<{ seq: number; written: boolean }> {
  const o = parseOrThrow(DeclinedOffer, offer, 'The declined offer');
  return appendLedgerRecord(store.db, {
    key: recordKey(store.pseudonymKey, 'offer-declined', o.caseRef),
    casePseudonym: pseudonym(store.pseudonymKey, 'ledger', o.caseRef),
    homeCountry: o.homeCountry,
    partner: null,
    month: o.declinedOn.slice(0, 7),
    sex: o.sex,
    ageBand: o.ageBand,
    milestone: 'offer-declined',
    code: o.reason,
    severity: null,
    outcome: null,
    sinceOpenedMs: null,
  });
}
