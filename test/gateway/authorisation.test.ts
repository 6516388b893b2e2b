/**
 * The authorisation matrix: every client × every kind of case × every event type, through the real
 * gateway and the real programmes, against the rules written out here by hand:
 *   - a role sends only its event types (partner: referral, handover, follow-up, concern, missing,
 *     consent; Return Agency: departure, missing): otherwise 403, whatever the case;
 *   - a partner speaks only for a programme whose partner on record it is; the Return Agency for any;
 *   - an unknown case and somebody else's case get the same 404, body and (roughly) time;
 *   - a closed programme the caller may know about answers 410;
 *   - everything else is delivered (202), and only that reaches Temporal.
 */
import { describe, expect, it } from 'vitest';
import { openProgramme } from '../../client/openProgramme.js';
import { wireTypes, type WireType } from '../../gateway/events.js';
import * as M from '../../workflows/messages.js';
import { partnerAsked, recordAssessment } from '../support/drive.js';
import { useHarness } from '../support/harness.js';
import { CLIENTS, sampleData, signedEvent, useRecordingGateway } from '../support/gateway.js';
import { programmeInput, waitForStatus } from '../support/programmes.js';
import { uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from '../support/temporal.js';

const h = useHarness();
const gateway = useRecordingGateway(() => h.env.client);

const PARTNER_TYPES: WireType[] = [
  'referral.acknowledged',
  'referral.answered',
  'handover.confirmed',
  'follow-up.reported',
  'concern.raised',
  'person.missing',
  'consent.withdrawn',
];
const AGENCY_TYPES: WireType[] = ['departure.confirmed', 'person.missing'];

type CaseKind = 'partner-asked' | 'no-partner' | 'closed' | 'unknown';

function expected(client: string, kind: CaseKind, type: WireType): number {
  const isAgency = client === CLIENTS.agency;
  if (!(isAgency ? AGENCY_TYPES : PARTNER_TYPES).includes(type)) return 403;
  if (kind === 'unknown') return 404;
  const onRecord = isAgency || (kind === 'partner-asked' && client === CLIENTS.asked);
  if (!onRecord) return 404;
  return kind === 'closed' ? 410 : 202;
}

describe('the authorisation matrix', () => {
  it('matches the rules for partners × cases × event types', async () => {
    await withProgrammeWorker(
      uniqueTaskQueue('gateway-matrix'),
      async (worker) => {
        const taskQueue = worker.options.taskQueue;
        const open = async () => {
          const caseRef = uniqueCaseRef();
          return { caseRef, handle: (await openProgramme(h.env.client, programmeInput(caseRef), { taskQueue })).handle };
        };
        const askedCase = await open();
        await recordAssessment(askedCase.handle);
        await partnerAsked(askedCase.handle, CLIENTS.asked);
        const quietCase = await open();
        const closedCase = await open();
        await closedCase.handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'opened-in-error' }] });
        await closedCase.handle.result();
        const cases: Array<{ kind: CaseKind; caseRef: string }> = [
          { kind: 'partner-asked', caseRef: askedCase.caseRef },
          { kind: 'no-partner', caseRef: quietCase.caseRef },
          { kind: 'closed', caseRef: closedCase.caseRef },
          { kind: 'unknown', caseRef: uniqueCaseRef() },
        ];
        // Departure last: it is the one event that moves a programme on in ways that matter here.
        const types = [...wireTypes.filter((t) => t !== 'departure.confirmed'), 'departure.confirmed' as const];
        const clients = Object.values(CLIENTS);

        const mismatches: string[] = [];
        const delivered: string[] = [];
        const notFound: Array<{ body: string; ms: number; unknown: boolean }> = [];
        for (const type of types) {
          for (const client of clients) {
            for (const { kind, caseRef } of cases) {
              const request = signedEvent(client, gateway.keys.secrets[client]!, type, sampleData(type, caseRef));
              const started = performance.now();
              const response = await gateway.app.inject({ method: 'POST', url: '/v1/events', headers: request.headers, payload: request.body });
              const ms = performance.now() - started;
              const want = expected(client, kind, type);
              if (response.statusCode !== want) mismatches.push(`${client} ${type} on ${kind}: ${response.statusCode}, expected ${want}`);
              if (response.statusCode === 202) delivered.push(`${caseRef} ${client} ${type}`);
              if (response.statusCode === 404) notFound.push({ body: response.body, ms, unknown: kind === 'unknown' });
            }
          }
        }
        expect(mismatches).toEqual([]);
        expect(delivered.length).toBe(7 + 2 + 2); // asked partner's 7 types on its case; the agency's 2 on each running case

        // Only the delivered cells reached Temporal.
        const caseRefs = new Map(cases.map((c) => [c.caseRef, c.kind]));
        expect(gateway.programmes.signals.map((s) => `${s.caseRef} ${(s.payload.sender as { id: string }).id} ${s.name}`).sort()).toEqual(
          delivered
            .map((cell) => {
              const [caseRef, client, type] = cell.split(' ') as [string, string, WireType];
              expect(caseRefs.has(caseRef)).toBe(true);
              return `${caseRef} ${client} ${({ 'referral.acknowledged': 'referralAcknowledged', 'referral.answered': 'referralAnswered', 'handover.confirmed': 'handoverConfirmed', 'follow-up.reported': 'followUpReported', 'concern.raised': 'concernRaised', 'person.missing': 'personMissing', 'consent.withdrawn': 'consentWithdrawn', 'departure.confirmed': 'departureConfirmed' } as const)[type]}`;
            })
            .sort(),
        );

        // No existence oracle: one body for every 404, and the unknown case is not told apart by time.
        expect(new Set(notFound.map((n) => n.body)).size).toBe(1);
        const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
        const unknownMs = median(notFound.filter((n) => n.unknown).map((n) => n.ms));
        const othersMs = median(notFound.filter((n) => !n.unknown).map((n) => n.ms));
        expect(Math.min(unknownMs, othersMs)).toBeGreaterThanOrEqual(45);
        expect(Math.abs(unknownMs - othersMs)).toBeLessThan(40);

        // The programme saw each delivered event from the right sender (and re-checked it itself).
        const status = await waitForStatus(askedCase.handle, (s) => s.timeline.filter((e) => e.by.startsWith('partner:') || e.by.startsWith('return-agency:')).length === 9, {
          what: 'nine gateway events in the timeline',
        });
        const fromGateway = status.timeline.filter((e) => e.eventId?.includes(':'));
        expect(new Set(fromGateway.map((e) => e.by))).toEqual(new Set([`partner:${CLIENTS.asked}`, `return-agency:${CLIENTS.agency}`]));
      },
      h.peers.activities,
    );
  });
});
