/**
 * The gateway's view of the programmes in Temporal: who a programme's partner is, and delivering a
 * signal. Every call is bounded by a deadline, so an unreachable Temporal becomes a quick 503 the
 * partner retries, never a request that hangs.
 *
 * The partner on record is read with `describe()` from the `PartnerOrg` search attribute: the server
 * answers it from the workflow's own state, even when every worker is down (a query would need a
 * worker), and it is the same field a supervisor filters by in the Web UI.
 */
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { EventName } from '../domain/events.js';
import { programmeWorkflowId } from '../domain/programme.js';
import { PartnerOrg } from '../domain/searchAttributes.js';
import type { ProgrammeResult } from '../domain/status.js';
import { signals } from '../workflows/messages.js';

export type ProgrammeAccess = { state: 'absent' } | { state: 'running' | 'closed'; partnerOrg: string | null; openedAt: string };

export type SignalResult = 'accepted' | 'closed';

export interface Programmes {
  access(caseRef: string, deadline: number): Promise<ProgrammeAccess>;
  signal(caseRef: string, name: EventName, payload: Record<string, unknown>, deadline: number): Promise<SignalResult>;
  /** Whether a closed programme recorded this event (a redelivery of the event that closed it). */
  recorded(caseRef: string, eventId: string, deadline: number): Promise<boolean>;
}

/** Temporal did not answer in time or refused to work: the partner should retry later. */
export class TemporalUnavailable extends Error {
  constructor(readonly why: string) {
    super(`Temporal is unavailable: ${why}`);
    this.name = 'TemporalUnavailable';
  }
}

export class TemporalProgrammes implements Programmes {
  constructor(private readonly client: Client) {}

  async access(caseRef: string, deadline: number): Promise<ProgrammeAccess> {
    try {
      const description = await this.bounded(deadline, () => this.client.workflow.getHandle(programmeWorkflowId(caseRef)).describe());
      return {
        state: description.status.name === 'RUNNING' ? 'running' : 'closed',
        partnerOrg: description.typedSearchAttributes.get(PartnerOrg) ?? null,
        openedAt: description.startTime.toISOString(),
      };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { state: 'absent' };
      throw unavailable(err);
    }
  }

  async signal(caseRef: string, name: EventName, payload: Record<string, unknown>, deadline: number): Promise<SignalResult> {
    try {
      const handle = this.client.workflow.getHandle(programmeWorkflowId(caseRef));
      await this.bounded(deadline, () => handle.signal(signals[name], payload as never));
      return 'accepted';
    } catch (err) {
      // The programme closed between the check and the signal.
      if (err instanceof WorkflowNotFoundError) return 'closed';
      throw unavailable(err);
    }
  }

  async recorded(caseRef: string, eventId: string, deadline: number): Promise<boolean> {
    try {
      const result = (await this.bounded(deadline, () => this.client.workflow.getHandle(programmeWorkflowId(caseRef)).result())) as ProgrammeResult;
      return result.timeline.some((entry) => entry.eventId === eventId);
    } catch (err) {
      if (err instanceof TemporalUnavailable) throw err;
      // Failed, terminated, erased or unreadable: nothing to confirm.
      return false;
    }
  }

  /**
   * The gRPC deadline ends the call on the server's side; the timer also covers time spent before a
   * call is sent (connecting to a server that is down).
   */
  private async bounded<T>(deadline: number, call: () => Promise<T>): Promise<T> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new TemporalUnavailable('no time left for the call');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TemporalUnavailable(`no answer within ${remaining} ms`)), remaining);
    });
    try {
      return await Promise.race([this.client.withDeadline(deadline, call), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function unavailable(err: unknown): TemporalUnavailable {
  if (err instanceof TemporalUnavailable) return err;
  return new TemporalUnavailable(err instanceof Error ? err.message.split('\n')[0] ?? err.name : 'unknown error');
}
