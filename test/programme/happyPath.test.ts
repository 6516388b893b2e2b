/**
 * A whole programme on the real server with real peers: referral accepted, travel planned and
 * confirmed, handover confirmed, four follow-up reports, closed as returned-followed-up.
 */
import { describe, expect, it } from 'vitest';
import { Escalated, NextDeadline, PartnerOrg, ProgrammeStage } from '../../domain/searchAttributes.js';
import * as M from '../../workflows/messages.js';
import { departs, expectNoRefusals, handoverConfirmed, partnerAccepts, partnerAsked, partnerRequests, recordAssessment, reportEveryCheckpoint, travelIn } from '../support/drive.js';
import { useHarness } from '../support/harness.js';
import { TEST_PARTNERS } from '../support/peers.js';
import { workflowTaskFailures } from '../support/programmes.js';

const h = useHarness();

describe('a complete programme', () => {
  it('runs from opening to returned-followed-up and stays under 260 history events', async () => {
    await h.run({}, async (handle, caseRef) => {
        await recordAssessment(handle);
        await partnerAsked(handle, TEST_PARTNERS.api);
        const travel = await partnerAccepts(handle, TEST_PARTNERS.api);
        expect(travel.partner).toEqual({ id: TEST_PARTNERS.api, state: 'accepted' });
        expect((await handle.describe()).typedSearchAttributes.get(PartnerOrg)).toBe(TEST_PARTNERS.api);

        await handle.executeUpdate(M.updates.recordPlan, { args: [{ by: 'cw-test', elements: ['housing', 'employment'] }] });
        await handle.executeUpdate(M.updates.planTravel, { args: [travelIn(10 * 60_000)] });
        await departs(handle);
        await handoverConfirmed(handle, TEST_PARTNERS.api);
        await reportEveryCheckpoint(handle, TEST_PARTNERS.api);

        const result = await handle.result();
        expect(result.outcome).toBe('returned-followed-up');
        expect(result.checkpoints.map((c) => c.state)).toEqual(['received', 'received', 'received', 'received']);
        expectNoRefusals(result);

        // The partner heard everything through its API, each with an idempotency key.
        expect(partnerRequests(h.peers.partner, 'referral-request', caseRef)).toHaveLength(1);
        expect(partnerRequests(h.peers.partner, 'arrival-notice', caseRef)).toHaveLength(1);
        expect(partnerRequests(h.peers.partner, 'follow-up-request', caseRef)).toHaveLength(4);

        const closed = await handle.describe();
        expect(closed.typedSearchAttributes.get(ProgrammeStage)).toBe('closed');
        expect(closed.typedSearchAttributes.get(Escalated)).toBe(false);
        expect(closed.typedSearchAttributes.get(NextDeadline)).toBeUndefined();

        const history = await handle.fetchHistory();
        const events = history.events?.length ?? 0;
        console.log(`complete programme history: ${events} events`);
        // About 130 for the programme itself, and about six for each write of ledger records (some 15 of them).
        expect(events).toBeLessThan(260);
        expect(await workflowTaskFailures(handle)).toBe(0);
    });
  });
});
