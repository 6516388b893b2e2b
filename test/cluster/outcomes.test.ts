/**
 * Cluster scenario 0: a programme to every outcome on the production server, with two workers on
 * the queue and the partners' and Return Agency's events through the two gateway replicas: the
 * whole business process runs on Temporal's own server on PostgreSQL as it does on the dev server.
 */
import type { WorkflowHandle } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { openProgramme } from '../../client/openProgramme.js';
import { programmeWorkflowId } from '../../domain/programme.js';
import type { Outcome } from '../../domain/outcomes.js';
import type { ProgrammeResult } from '../../domain/status.js';
import * as M from '../../workflows/messages.js';
import { goodReport, travelIn } from '../support/drive.js';
import { caseworker, consent, event, programmeInput, waitForStatus, workflowTaskFailures } from '../support/programmes.js';
import type { PolicyInput } from '../../domain/policy.js';
import { GatewayChannel } from '../reliability/support/eventChannels.js';
import { gatewaySystems, taskQueueFor, useStack } from '../reliability/support/scenario.js';
import { COUNTRY_OF, PARTNERS, RETURN_AGENCY } from '../reliability/support/stack.js';
import { ClusterStack } from './support/clusterStack.js';
import { workerIdentities } from './support/workers.js';

const stack = useStack('cluster-0-outcomes', (name) => new ClusterStack(name));
const partnerId = PARTNERS.api;
const partnerSender = { role: 'partner' as const, id: partnerId };
const agencySender = { role: 'return-agency' as const, id: RETURN_AGENCY };

describe('every outcome on the production server', () => {
  it('ends each programme as its path says, through replicated workers and gateways', async () => {
    const s = stack();
    const taskQueue = taskQueueFor('outcomes');
    await Promise.all([s.startWorker(taskQueue), s.startWorker(taskQueue)]);
    await Promise.all([s.startGatewayReplica(0), s.startGatewayReplica(1)]);
    const gateway = new GatewayChannel(gatewaySystems(s));
    const series = Math.floor(1000 + Math.random() * 9000);
    const now = new Date().toISOString();

    const open = async (n: number, policy: PolicyInput = {}, withFollowUpConsent = true): Promise<{ handle: WorkflowHandle; caseRef: string }> => {
      const caseRef = `CLU-${series}-${1000 + n}`;
      const input = programmeInput(caseRef, {
        homeCountry: COUNTRY_OF[partnerId],
        policy,
        ...(withFollowUpConsent ? {} : { consent: { participation: consent(now), sharing: consent(now) } }),
      });
      await openProgramme(s.client, input, { taskQueue });
      return { handle: s.client.workflow.getHandle(programmeWorkflowId(caseRef)), caseRef };
    };
    const fromPartner = (p: { handle: WorkflowHandle; caseRef: string }, name: Parameters<GatewayChannel['send']>[1], fields: Record<string, unknown> = {}) =>
      gateway.send(p, name, partnerSender, fields);
    const assessedAndAsked = async (p: { handle: WorkflowHandle; caseRef: string }) => {
      await p.handle.executeUpdate(M.updates.recordAssessment, { args: [{ by: 'cw-test', riskLevel: 'medium', needs: ['housing'] }] });
      await waitForStatus(p.handle, (st) => st.referral.candidates.some((c) => c.partnerId === partnerId && c.state === 'asked'), { what: 'partner asked', timeoutMs: 60_000 });
      // A partner answers what it received (a status answer may run ahead of what the programme committed).
      const deadline = Date.now() + 60_000;
      while (!s.delivered(p.caseRef, partnerId, 'referral-request') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    };
    const accepted = async (p: { handle: WorkflowHandle; caseRef: string }) => {
      await assessedAndAsked(p);
      await fromPartner(p, 'referralAcknowledged', { keyContact: 'key-1', alternateContact: 'alt-1' });
      await fromPartner(p, 'referralAnswered', { answer: 'accept', riskFeedback: 'agree' });
      await waitForStatus(p.handle, (st) => st.stage === 'travel', { what: 'travel stage', timeoutMs: 60_000 });
    };
    const returned = async (p: { handle: WorkflowHandle; caseRef: string }) => {
      await accepted(p);
      await p.handle.executeUpdate(M.updates.planTravel, { args: [travelIn(30 * 60_000)] });
      await gateway.send(p, 'departureConfirmed', agencySender, {});
      await waitForStatus(p.handle, (st) => st.departedAt !== null, { what: 'departure', timeoutMs: 60_000 });
      await fromPartner(p, 'handoverConfirmed');
    };

    const paths: Record<Outcome, () => Promise<WorkflowHandle>> = {
      'returned-followed-up': async () => {
        const p = await open(1);
        await returned(p);
        for (const checkpoint of ['month-1', 'month-3', 'month-6', 'month-12'] as const) {
          await waitForStatus(p.handle, (st) => st.checkpoints.find((c) => c.name === checkpoint)?.state === 'requested', { what: `${checkpoint} requested`, timeoutMs: 60_000 });
          await fromPartner(p, 'followUpReported', { checkpoint, situation: goodReport, concerns: [] });
        }
        return p.handle;
      },
      'returned-follow-up-incomplete': async () => {
        const p = await open(2, { followUpReportWindow: '2s' });
        await returned(p);
        return p.handle;
      },
      'returned-no-follow-up-consent': async () => {
        const p = await open(3, {}, false);
        await returned(p);
        return p.handle;
      },
      'residence-granted': async () => {
        const p = await open(4);
        await assessedAndAsked(p);
        await p.handle.signal(M.signals.asylumApplied, event(caseworker, {}));
        await waitForStatus(p.handle, (st) => st.asylum === 'pending-dis', { timeoutMs: 60_000 });
        await p.handle.signal(M.signals.asylumDecision, event(caseworker, { authority: 'DIS' as const, decision: 'convention' as const }));
        return p.handle;
      },
      absconded: async () => {
        const p = await open(5, { missingClosure: '2s' });
        await accepted(p);
        await p.handle.signal(M.signals.personMissing, event(caseworker, { state: 'missing' as const }));
        return p.handle;
      },
      declined: async () => {
        const p = await open(6);
        await assessedAndAsked(p);
        await p.handle.signal(M.signals.consentWithdrawn, event(caseworker, { scope: 'participation' as const, source: 'in-person' as const }));
        return p.handle;
      },
      cancelled: async () => {
        const p = await open(7);
        await p.handle.executeUpdate(M.updates.cancel, { args: [{ by: 'cw-test', reason: 'other' }] });
        return p.handle;
      },
    };

    const ended = await Promise.all(
      Object.entries(paths).map(async ([outcome, path]) => {
        const handle = await path();
        const result = (await handle.result()) as ProgrammeResult;
        return { expected: outcome, outcome: result.outcome, handle };
      }),
    );
    expect(ended.map((e) => e.outcome)).toEqual(ended.map((e) => e.expected));
    for (const { handle } of ended) expect(await workflowTaskFailures(handle), handle.workflowId).toBe(0);
    expect((await workerIdentities(ended.map((e) => e.handle))).size, 'worker processes that did the work').toBe(2);
    expect(s.gatewayProxy.connections.every((n) => n > 0), `connections per gateway replica: ${s.gatewayProxy.connections.join('/')}`).toBe(true);

    // Every process's /metrics, scraped the way Prometheus does, holds what the alert rules watch.
    const scrape = async (url: string) => (await fetch(url)).text();
    const expected: Array<[RegExp, RegExp[]]> = [
      [/^worker-/, [/^temporal_workflow_task_schedule_to_start_latency_bucket\{/m, /^temporal_worker_task_slots_available\{/m, /^temporal_workflow_completed_total\{/m, /^prepared_return_escalations_open\{[^}]*process="worker"/m]],
      [/^gateway-/, [/^prepared_return_gateway_responses_total\{[^}]*route="\/v1\/events"[^}]*status="202"/m]],
    ];
    for (const [name, url] of s.metricsUrls) {
      const text = await scrape(url);
      for (const metric of expected.find(([pattern]) => pattern.test(name))?.[1] ?? []) expect(text, `${name} /metrics`).toMatch(metric);
    }
    expect([...s.metricsUrls.keys()].sort()).toEqual(['gateway-1', 'gateway-2', 'worker-1', 'worker-2']);
    const server = await scrape(s.temporal.metricsUrl);
    for (const metric of [/^service_requests\{/m, /^persistence_requests\{/m, /^workflow_success\{/m]) expect(server, 'the Temporal server /metrics').toMatch(metric);
  });
});
