/**
 * Talking to one programme: read its status, give it a command (update) or tell it an event
 * (signal). Every failure comes back in the caseworker's terms: the case, the flag, the rule.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, isGrpcDeadlineError, type Client, type UpdateDefinition, type WorkflowHandle } from '@temporalio/client';
import { CaseRef, programmeWorkflowId } from '../domain/programme.js';
import type { ProgrammeStatus, TimelineEntry } from '../domain/status.js';
import type { EventName, Sender } from '../domain/events.js';
import { signals, statusQuery } from '../workflows/messages.js';
import { ACTOR_FIELDS } from '../domain/actorFields.js';
import { AppRefusal, asUsageError, type AppClient } from './app/appClient.js';
import { CliError, EXIT, NoProgramme } from './errors.js';
import { flagFor, parseFlags, renameReason, type FlagNames } from './input/flags.js';
import { retryUpdateRace } from './updateRace.js';
import type { Session } from './session.js';

/** How long a query may wait for a worker before we say none is answering. */
const QUERY_TIMEOUT_MS = 10_000;
/** How long we look for a sent event in the timeline before saying it is on its way. */
const EVENT_SETTLE_MS = 5_000;

export function checkCaseRef(caseRef: string): string {
  return parseFlags(CaseRef, caseRef, { '(input)': '<case>' });
}

export async function programmeHandle(session: Session, caseRef: string): Promise<{ client: Client; handle: WorkflowHandle }> {
  const ref = checkCaseRef(caseRef);
  const client = await session.client();
  return { client, handle: client.workflow.getHandle(programmeWorkflowId(ref)) };
}

/** The `status` query; a closed programme with no worker about still answers from its result. */
export async function readStatus(session: Session, caseRef: string, timeoutMs = QUERY_TIMEOUT_MS): Promise<ProgrammeStatus> {
  const app = await session.app();
  if (app) {
    const ref = checkCaseRef(caseRef);
    // The status only: who she is never reaches this machine.
    return (await app.request<{ status: ProgrammeStatus }>('GET', `/programmes/${ref}`, undefined, { person: 'omit' }, ref)).status;
  }
  const { client, handle } = await programmeHandle(session, caseRef);
  try {
    return await client.withDeadline(Date.now() + timeoutMs, () => handle.query(statusQuery));
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw new NoProgramme(caseRef);
    // No worker: a deadline, or the server saying nobody polls the task queue (gRPC FAILED_PRECONDITION).
    if (!isGrpcDeadlineError(err) && !isNoPoller(err)) throw err;
    const description = await handle.describe();
    if (description.status.name === 'COMPLETED') return handle.result() as Promise<ProgrammeStatus>;
    throw new CliError(
      `The programme for case ${caseRef} exists, but no worker answered on task queue ${description.taskQueue}. Start the worker (\`npm run worker\`, or \`npm start\` for the local stack).`,
      EXIT.unreachable,
    );
  }
}

function isNoPoller(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === 9) return true;
  }
  return false;
}

/** A command the programme answers at once; a refusal is shown in the words of the flags. */
export async function runUpdate<R, A>(session: Session, caseRef: string, update: UpdateDefinition<R, [A]>, payload: A, flags: FlagNames): Promise<R> {
  const app = await session.app();
  if (app) return (await throughApp<{ result: R }>(app, caseRef, update.name, payload as Record<string, unknown>, flags)).result;
  const { handle } = await programmeHandle(session, caseRef);
  try {
    return await retryUpdateRace(() => handle.executeUpdate(update, { args: [payload] }));
  } catch (err) {
    if (err instanceof WorkflowUpdateFailedError) {
      // The validator's own message names the field and the rule; only the field becomes the flag.
      const reason = err.cause?.message ?? err.message;
      throw new CliError(renameReason(reason, flags).replace(/^(?!--)/, 'Refused: '), EXIT.refused);
    }
    if (err instanceof WorkflowNotFoundError) throw await whyNotFound(handle, caseRef);
    throw err;
  }
}

export interface EventResult {
  eventId: string;
  /** The programme's record of the event; undefined when it has not been processed yet. */
  entry: TimelineEntry | undefined;
}

/**
 * Tells the programme an event. The server keeps it even with every worker down; we then look for
 * it in the timeline briefly, so the caseworker learns at once when it was refused and why.
 */
export async function sendEvent(
  session: Session,
  caseRef: string,
  name: EventName,
  fields: Record<string, unknown>,
  common: { eventId?: string; at: string; sender: Sender; wait: boolean },
): Promise<EventResult> {
  const eventId = common.eventId ?? `cw-${randomUUID()}`;
  const app = await session.app();
  if (app) {
    // The app waits briefly for the programme's record, as below, and says "refused" with the reason.
    try {
      const { result } = await throughApp<{ result: TimelineEntry | undefined }>(app, caseRef, name, { eventId, at: common.at, ...fields }, {}, common.wait);
      return { eventId, entry: result ?? undefined };
    } catch (err) {
      if (!(err instanceof AppRefusal) || err.code !== 'refused') throw err;
      return { eventId, entry: { eventId, result: 'refused', reason: err.message } as TimelineEntry };
    }
  }
  const { client, handle } = await programmeHandle(session, caseRef);
  try {
    await handle.signal(signals[name], { eventId, at: common.at, sender: common.sender, ...fields } as never);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) throw await whyNotFound(handle, caseRef);
    throw err;
  }
  if (!common.wait) return { eventId, entry: undefined };
  const until = Date.now() + EVENT_SETTLE_MS;
  while (Date.now() < until) {
    try {
      const status = await client.withDeadline(until, () => handle.query(statusQuery));
      const entry = status.timeline.find((e) => e.eventId === eventId);
      if (entry) return { eventId, entry };
    } catch (err) {
      if (isGrpcDeadlineError(err)) break;
      throw err;
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { eventId, entry: undefined };
}

/**
 * A command or event through the app, as the signed-in user: the app sets who acts, so the payload
 * goes without its actor fields. Refusals come back in the words of the flags, as from Temporal.
 */
async function throughApp<T>(app: AppClient, caseRef: string, name: string, payload: Record<string, unknown>, flags: FlagNames, wait = true): Promise<T> {
  const ref = checkCaseRef(caseRef);
  const body = Object.fromEntries(Object.entries(payload).filter(([key]) => !(ACTOR_FIELDS as readonly string[]).includes(key)));
  try {
    return await app.request<T>('POST', `/programmes/${ref}/${name}`, body, wait ? {} : { wait: 'false' }, ref);
  } catch (err) {
    if (!(err instanceof AppRefusal)) throw err;
    if (err.code === 'invalid') throw asUsageError(err, (field) => flagFor(flags, field));
    if (err.code === 'refused' && /closed; it takes no more commands/.test(err.message)) throw new CliError(`The programme for case ${ref} is closed; it takes no more commands or events.`, EXIT.refused);
    if (Object.keys(flags).length === 0) throw err;
    throw new CliError(renameReason(err.message, flags).replace(/^(?!--)/, 'Refused: '), EXIT.refused);
  }
}

/** Not found: never opened, or closed and deaf to commands. */
async function whyNotFound(handle: WorkflowHandle, caseRef: string): Promise<CliError> {
  try {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') {
      const closed = description.closeTime ? ` on ${description.closeTime.toISOString().slice(0, 10)}` : '';
      return new CliError(`The programme for case ${caseRef} is closed${closed} (${description.status.name.toLowerCase()}); it takes no more commands or events.`, EXIT.refused);
    }
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
  }
  return new NoProgramme(caseRef);
}
