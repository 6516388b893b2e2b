/**
 * One programme driven through a whole prepared return while faults happen around it: the caseworker's
 * commands (updates, sent again with the same update id when a call fails), the partner's and the
 * Return Agency's events, and waiting on the `status` query (again after a failed call: a query needs
 * a worker and a server, and a scenario takes those away). Every loop is bounded by the run's deadline.
 */
import { WorkflowExecutionAlreadyStartedError, WorkflowUpdateFailedError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { openProgramme } from '../../../client/openProgramme.js';
import { programmeWorkflowId } from '../../../domain/programme.js';
import { ValidationError } from '../../../domain/validation.js';
import type { ProgrammeResult, ProgrammeStatus } from '../../../domain/status.js';
import type { CheckpointName, PartnerMessage } from '../../../domain/notifications.js';
import * as M from '../../../workflows/messages.js';
import { ProgrammeStage } from '../../../domain/searchAttributes.js';
import { programmeInput } from '../../support/programmes.js';
import { goodReport, travelIn } from '../../support/drive.js';
import { sleep } from '../../../dev/childProcess.js';
import type { EventChannel, SentEvent } from './eventChannels.js';
import { COUNTRY_OF, RETURN_AGENCY } from './stack.js';

export const CHECKPOINTS: CheckpointName[] = ['month-1', 'month-3', 'month-6', 'month-12'];

/** What the partners have really received (their API's requests, their mailbox). */
export interface PartnerInbox {
  delivered(caseRef: string, partnerId: string, kind: PartnerMessage['kind'], checkpoint?: string): boolean;
}

export class ProgrammeRun {
  readonly sent: SentEvent[] = [];
  readonly handle: WorkflowHandle;
  result: ProgrammeResult | undefined;

  constructor(
    private readonly client: Client,
    readonly taskQueue: string,
    readonly caseRef: string,
    readonly partnerId: keyof typeof COUNTRY_OF,
    readonly deadline: number,
    private readonly partnerInbox: PartnerInbox,
  ) {
    this.handle = client.workflow.getHandle(programmeWorkflowId(caseRef));
  }

  /** Opens the programme; a start that failed ambiguously and is repeated finds it already open. */
  async open(): Promise<void> {
    const input = programmeInput(this.caseRef, { homeCountry: COUNTRY_OF[this.partnerId] });
    await this.retrying('open', async () => {
      try {
        await openProgramme(this.client, input, { taskQueue: this.taskQueue });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      }
    }, (err) => err instanceof ValidationError);
  }

  /** A caseworker command; the same update id on every attempt, so it is applied once. */
  async update<Ret, Arg>(definition: UpdateDefinition<Ret, [Arg]>, updateId: string, arg: Arg): Promise<Ret> {
    return this.retrying(definition.name, () => this.handle.executeUpdate(definition, { args: [arg], updateId: `${this.caseRef}-${updateId}` }), (err) => err instanceof WorkflowUpdateFailedError);
  }

  async status(): Promise<ProgrammeStatus> {
    return this.retrying('status', () => this.handle.query(M.statusQuery));
  }

  async waitFor(predicate: (s: ProgrammeStatus) => boolean, what: string): Promise<ProgrammeStatus> {
    let last: ProgrammeStatus | undefined;
    while (Date.now() < this.deadline) {
      try {
        last = await this.handle.query(M.statusQuery);
        if (predicate(last)) return last;
      } catch {
        // no worker or no server right now: ask again
      }
      await sleep(300);
    }
    throw new Error(`${this.caseRef}: timed out waiting for ${what}; last stage ${last?.stage}`);
  }

  /** Waits until the partner has really received a message (a partner acts on what it received). */
  async waitForDelivery(kind: PartnerMessage['kind'], checkpoint?: CheckpointName): Promise<void> {
    while (Date.now() < this.deadline) {
      if (this.partnerInbox.delivered(this.caseRef, this.partnerId, kind, checkpoint)) return;
      await sleep(300);
    }
    throw new Error(`${this.caseRef}: timed out waiting for the partner to receive ${kind}${checkpoint ? ` (${checkpoint})` : ''}`);
  }

  /**
   * Waits until the programme has committed a stage: the ProgrammeStage search attribute, read with
   * `describe()`, changes only when a workflow task completes, unlike a status answer, which may run
   * ahead (docs/design.md). A caseworker's command sent on it finds the stage in place.
   */
  async waitForStage(stage: ProgrammeStatus['stage']): Promise<void> {
    let last: string | undefined;
    while (Date.now() < this.deadline) {
      try {
        last = (await this.handle.describe()).typedSearchAttributes.get(ProgrammeStage);
        if (last === stage) return;
      } catch {
        // no server right now: ask again
      }
      await sleep(300);
    }
    throw new Error(`${this.caseRef}: timed out waiting for the ${stage} stage; last committed stage ${last}`);
  }

  async send(channel: EventChannel, name: SentEvent['name'], sender: 'partner' | 'agency', fields: Record<string, unknown> = {}, expect: SentEvent['expect'] = 'recorded'): Promise<SentEvent> {
    const from = sender === 'partner' ? { role: 'partner' as const, id: this.partnerId } : { role: 'return-agency' as const, id: RETURN_AGENCY };
    const event = await channel.send({ caseRef: this.caseRef, handle: this.handle }, name, from, fields, expect);
    this.sent.push(event);
    return event;
  }

  /**
   * The whole way: assessment, referral accepted, travel planned and confirmed, handover, four
   * follow-up reports (one with a concern, so the supervisor is alerted by mail). Ends with the result.
   */
  async runToTheEnd(channel: EventChannel, between: (step: string) => Promise<void> = async () => undefined): Promise<ProgrammeResult> {
    await this.update(M.updates.recordAssessment, 'assessment', { by: 'cw-test', riskLevel: 'medium', needs: ['housing', 'psychological'] });
    await this.waitForDelivery('referral-request');
    await between('asked');
    await this.send(channel, 'referralAcknowledged', 'partner', { keyContact: 'key-1', alternateContact: 'alt-1' });
    await this.send(channel, 'referralAnswered', 'partner', { answer: 'accept', riskFeedback: 'agree' });
    await this.waitForStage('travel');
    await this.update(M.updates.planTravel, 'travel', travelIn(30 * 60_000));
    await between('travel');
    await this.waitForDelivery('arrival-notice');
    await this.send(channel, 'departureConfirmed', 'agency');
    await this.waitFor((s) => s.departedAt !== null, 'the departure');
    await between('departed');
    await this.send(channel, 'handoverConfirmed', 'partner');
    for (const checkpoint of CHECKPOINTS) {
      await this.waitForDelivery('follow-up-request', checkpoint);
      const concerns = checkpoint === 'month-3' ? ['threats'] : [];
      await this.send(channel, 'followUpReported', 'partner', { checkpoint, situation: goodReport, concerns });
      await between(checkpoint);
    }
    return this.awaitResult();
  }

  async awaitResult(): Promise<ProgrammeResult> {
    const remaining = () => this.deadline - Date.now();
    while (remaining() > 0) {
      try {
        this.result = (await Promise.race([this.handle.result(), sleep(Math.min(remaining(), 15_000)).then(() => undefined)])) as ProgrammeResult | undefined;
        if (this.result) return this.result;
      } catch (err) {
        const description = await this.handle.describe().catch(() => undefined);
        if (description && description.status.name !== 'RUNNING') throw err;
        await sleep(500);
      }
    }
    throw new Error(`${this.caseRef}: no result before the deadline`);
  }

  private async retrying<T>(what: string, call: () => Promise<T>, fatal: (err: unknown) => boolean = () => false): Promise<T> {
    let last: unknown;
    while (Date.now() < this.deadline) {
      try {
        return await call();
      } catch (err) {
        if (fatal(err)) throw err;
        last = err;
        await sleep(500);
      }
    }
    throw new Error(`${this.caseRef}: ${what} did not succeed before the deadline: ${String(last)}`);
  }
}
