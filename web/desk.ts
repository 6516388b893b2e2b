/**
 * The caseworker's desk: every read and every action the app offers, as one layer that checks the
 * user's role and reach, speaks to Temporal as the signed-in user and writes the audit trail. Pages
 * (and any other door, such as a JSON API) call this and only this; none of them touches Temporal.
 */
import { programmeRows, type ProgrammeRow } from '../client/programmeRows.js';
import { CaseworkerId } from '../domain/searchAttributes.js';
import { randomUUID } from 'node:crypto';
import {
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  isGrpcDeadlineError,
  type Client,
  type WorkflowHandle,
} from '@temporalio/client';
import { defaultPayloadConverter, type PayloadCodec } from '@temporalio/common';
import { openProgramme } from '../client/openProgramme.js';
import { dayOf } from '../client/input/dates.js';
import { visibilityQuery, type ListFilters } from '../client/input/listQuery.js';
import { retryUpdateRace } from '../client/updateRace.js';
import { CaseErased, type CaseSecrets } from '../codec/caseSecrets.js';
import { eraseCase, ProgrammeStillRunning } from '../codec/erase.js';
import { CaseRef, ProgrammeInput, programmeWorkflowId, StaffId, type Person, type Programme } from '../domain/programme.js';
import { yearPeriod, type ReportPeriod } from '../domain/report/period.js';
import { buildReport, type PublishedReport } from '../domain/report/publish.js';
import { DeclinedOffer } from '../domain/ledger/record.js';
import type { Database } from '../store/database.js';
import { recordDeclinedOffer } from '../store/declinedOffers.js';
import { readReportFacts } from '../store/reportFacts.js';
import type { ProgrammeStatus, TimelineEntry } from '../domain/status.js';
import { fieldProblems } from '../domain/validation.js';
import { Access, may, type Action } from './access.js';
import type { AuditEntry, AuditResult, AuditTrail } from './audit.js';
import { actionOf, COMMANDS, fieldForPath, isEvent, payloadFields, readField, type CommandName, type FormValues } from './commands.js';
import { ERASURE_REASONS, type ErasureReason, type ErasureRequest, type ErasureRequests } from './erasureRequests.js';
import { FormProblems, NoSuchProgramme, NotInRole, Refused } from './refusals.js';
import type { User } from './user.js';
import { isPlainObject } from '../domain/plainObject.js';

const QUERY_TIMEOUT_MS = 10_000;
const EVENT_SETTLE_MS = 8_000;

/** A caseload row: the command line's list row, from search attributes only (no decoding). */
export type CaseloadRow = ProgrammeRow;

export interface Caseload {
  rows: CaseloadRow[];
  dueToday: CaseloadRow[];
  overdue: CaseloadRow[];
  escalated: CaseloadRow[];
}

export type CaseloadScope = 'mine' | 'team' | 'all';

/** A programme just opened: what the caseworker is told (her reflection deadline), nothing of the person. */
export interface Opened {
  caseRef: string;
  runId: string;
  homeCountry: string;
  caseworkerId: string;
  reflectionDeadline: string;
}

export interface CommandOutcome {
  command: CommandName;
  /** The update's answer, or the timeline entry of the event (undefined: sent, not yet recorded). */
  result: unknown;
}

export interface DeskDeps {
  client: Client;
  /** The evaluation ledger the report counts from (the audit log's database). */
  db: Database;
  /** The key that turns a case reference into the ledger's pseudonym (a declined offer is written there). */
  pseudonymKey: string;
  access: Access;
  audit: AuditTrail;
  erasures: ErasureRequests;
  caseSecrets: CaseSecrets;
  /** The service's payload codec: the person's details are decoded here, in the server, for the page. */
  payloadCodec: PayloadCodec;
  taskQueue: string;
}

export interface ProgrammeView {
  status: ProgrammeStatus;
  /** Who she is, from the programme's input, when the caseworker recorded it. */
  person: Person | undefined;
}

/** The open form's field → where the programme input keeps it (refusals name the form's field). */
const OPEN_FIELDS: Record<string, string> = {
  caseRef: 'caseRef',
  homeCountry: 'homeCountry',
  returnToThirdCountry: 'returnToThirdCountry',
  'victimAssessment.decidedAt': 'decidedAt',
  consent: 'consent',
  asylum: 'asylum',
  language: 'language',
  person: 'fullName',
  'profile.sex': 'sex',
  'profile.ageBand': 'ageBand',
  'profile.child': 'child',
};

export class Desk {
  constructor(private readonly deps: DeskDeps) {}

  /** Which forms the page shows her: steering this programme, and acting on its escalations. */
  mayAct(user: User, caseworkerId: string): { steer: boolean; supervise: boolean } {
    return { steer: this.deps.access.reaches(user, 'steer', caseworkerId), supervise: this.deps.access.reaches(user, 'supervise', caseworkerId) };
  }

  /**
   * The programmes in her reach, from search attributes alone (nothing is decoded for the list),
   * filtered as `list` filters them (client/input/listQuery.ts), the most urgent first. A caseworker
   * outside her reach gives no rows, as if she held none.
   */
  async caseload(user: User, scope: CaseloadScope, now = new Date(), filters: ListFilters = {}, limit = 2000): Promise<Caseload> {
    this.require(user, 'caseload');
    const reach = this.deps.access.caseworkersInReach(user);
    const ids = scope === 'mine' ? [user.id] : reach;
    const outOfReach = filters.caseworker !== undefined && ids !== 'all' && !ids.includes(filters.caseworker);
    const clauses = [visibilityQuery(filters, now)];
    if (ids !== 'all' && filters.caseworker === undefined) clauses.push(`CaseworkerId IN (${ids.map((id) => `'${StaffId.parse(id)}'`).join(', ')})`);
    const rows = outOfReach ? [] : await programmeRows(this.deps.client, clauses.join(' AND '), limit);
    const endOfToday = endOfDanishDay(now);
    return {
      rows,
      overdue: rows.filter((r) => r.nextDeadline && Date.parse(r.nextDeadline) < now.getTime()),
      dueToday: rows.filter((r) => r.nextDeadline && Date.parse(r.nextDeadline) >= now.getTime() && Date.parse(r.nextDeadline) <= endOfToday),
      escalated: rows.filter((r) => r.escalated),
    };
  }

  /**
   * The programme's decoded record. Every read is audited, including those that find nothing.
   * `withPerson: false` for a caller that shows no name (the command line's `status`): she is not fetched at all.
   */
  async programme(user: User, caseRef: string, { withPerson = true }: { withPerson?: boolean } = {}): Promise<ProgrammeView> {
    const handle = await this.reach(user, 'read', caseRef, 'programme.read');
    try {
      const [status, person] = await Promise.all([this.status(handle), withPerson ? this.person(handle) : undefined]);
      await this.audit(user, 'programme.read', caseRef, 'done');
      return { status, person };
    } catch (err) {
      await this.audit(user, 'programme.read', caseRef, 'failed');
      throw err;
    }
  }

  async open(user: User, form: FormValues): Promise<Opened> {
    this.require(user, 'open');
    const now = new Date().toISOString();
    const scopes = readField({ name: 'consent', kind: 'checkboxes', required: true }, form.consent) as string[];
    const source = readField({ name: 'consentSource', kind: 'select' }, form.consentSource) ?? 'in-person';
    const record = { at: now, source, recordedBy: user.id };
    const fullName = readField({ name: 'fullName', kind: 'text' }, form.fullName);
    const profile = {
      ...(form.sex ? { sex: readField({ name: 'sex', kind: 'select' }, form.sex) } : {}),
      ...(form.ageBand ? { ageBand: readField({ name: 'ageBand', kind: 'select' }, form.ageBand) } : {}),
      ...(form.child ? { child: true } : {}),
    };
    const input = {
      caseRef: readField({ name: 'caseRef', kind: 'text' }, form.caseRef),
      homeCountry: readField({ name: 'homeCountry', kind: 'text' }, form.homeCountry),
      returnToThirdCountry: readField({ name: 'returnToThirdCountry', kind: 'checkbox' }, form.returnToThirdCountry),
      // The identity is the login: she opens the programme as herself and holds it.
      caseworkerId: user.id,
      victimAssessment: { decidedBy: user.id, decidedAt: readField({ name: 'decidedAt', kind: 'date' }, form.decidedAt) },
      consent: {
        ...(scopes.includes('participation') ? { participation: record } : {}),
        ...(scopes.includes('sharing') ? { sharing: record } : {}),
        ...(scopes.includes('follow-up') ? { followUp: record } : {}),
      },
      ...(form.asylum ? { asylum: readField({ name: 'asylum', kind: 'select' }, form.asylum) } : {}),
      ...(form.language ? { language: readField({ name: 'language', kind: 'select' }, form.language) } : {}),
      ...(fullName !== undefined ? { person: { fullName } } : {}),
      ...(Object.keys(profile).length > 0 ? { profile } : {}),
    };
    return this.start(user, input, (p) => ({
      field: Object.entries(OPEN_FIELDS).find(([path]) => p.field === path || p.field.startsWith(`${path}.`))?.[1] ?? p.field,
      // "participation" is what a missing consent is called in the schema; the form says which box.
      problem: p.field.startsWith('consent') ? 'expected at least participation' : p.problem,
    }));
  }

  /**
   * Opens a programme from its own input, as a case file holds it (the command line's `open`): the
   * policy and the person included. The identity is still the login: she holds the programme and
   * recorded its consents; a case file that names another caseworker is refused.
   */
  async openFromInput(user: User, programme: Record<string, unknown>): Promise<Opened> {
    this.require(user, 'open');
    // The centre's policy, never the caller's: a reflection period of a minute would be hers to set otherwise.
    if (programme.policy !== undefined) {
      throw new FormProblems([{ field: 'policy', problem: "a programme opened through the app runs on the centre's policy; training programmes with a policy of their own are opened by operators" }]);
    }
    if (programme.caseworkerId !== undefined && programme.caseworkerId !== user.id) {
      throw new FormProblems([{ field: 'caseworkerId', problem: `the programme is held by the signed-in user (${user.id}); leave caseworkerId out or give your own` }]);
    }
    const now = new Date().toISOString();
    const consent = isPlainObject(programme.consent)
      ? Object.fromEntries(Object.entries(programme.consent).map(([scope, c]) => [scope, isPlainObject(c) ? { at: now, ...c, recordedBy: user.id } : c]))
      : programme.consent;
    const assessment = isPlainObject(programme.victimAssessment) ? { decidedBy: user.id, ...programme.victimAssessment } : programme.victimAssessment;
    return this.start(user, { ...programme, caseworkerId: user.id, consent, victimAssessment: assessment }, (p) => p);
  }

  private async start(user: User, input: Record<string, unknown>, asField: (p: { field: string; problem: string }) => { field: string; problem: string }): Promise<Opened> {
    const parsed = ProgrammeInput.safeParse(input);
    const caseRef = typeof input.caseRef === 'string' && CaseRef.safeParse(input.caseRef).success ? input.caseRef : undefined;
    if (!parsed.success) {
      await this.audit(user, 'programme.open', caseRef, 'refused');
      throw new FormProblems(fieldProblems(parsed.error).map(asField));
    }
    let opened: Awaited<ReturnType<typeof openProgramme>>;
    try {
      opened = await openProgramme(this.deps.client, parsed.data, { taskQueue: this.deps.taskQueue });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
      // Said only to someone who may open programmes; which caseworker holds it is not said.
      await this.audit(user, 'programme.open', parsed.data.caseRef, 'refused');
      throw new Refused('a case has one programme: this case reference already has one', 'caseRef');
    }
    await this.audit(user, 'programme.open', parsed.data.caseRef, 'done');
    const { input: programme, handle, reflectionEnds } = opened;
    return {
      caseRef: programme.caseRef,
      runId: handle.firstExecutionRunId,
      homeCountry: programme.homeCountry,
      caseworkerId: programme.caseworkerId,
      reflectionDeadline: reflectionEnds,
    };
  }

  /**
   * A command or event, sent as the signed-in user: whatever the form says, `by`, `recordedBy` and
   * the sender are her. Problems with the form name its field; the programme's refusal comes back
   * with its reason, beside the field it names.
   */
  /**
   * An offer of a prepared return she declined, counted in the evaluation ledger without a programme:
   * the case only as a pseudonym, the month, country, sex and age band when known, the reason code.
   * Recorded once per case; recording it again writes nothing and says so.
   */
  async recordDeclinedOffer(user: User, form: FormValues): Promise<{ caseRef: string; written: boolean }> {
    this.require(user, 'open');
    // The day as she typed it: a timestamp's UTC date would be yesterday's just after midnight.
    const typedDay = Array.isArray(form.declinedOn) ? form.declinedOn[0] : form.declinedOn;
    const declinedOn = typedDay === undefined || typedDay.trim() === '' ? undefined : (dayOf(typedDay) ?? typedDay);
    const offer = {
      caseRef: readField({ name: 'caseRef', kind: 'text' }, form.caseRef),
      homeCountry: readField({ name: 'homeCountry', kind: 'text' }, form.homeCountry),
      sex: readField({ name: 'sex', kind: 'select' }, form.sex) ?? null,
      ageBand: readField({ name: 'ageBand', kind: 'select' }, form.ageBand) ?? null,
      declinedOn,
      reason: readField({ name: 'reason', kind: 'select' }, form.reason),
      // The identity is the login: she records it as herself.
      by: user.id,
    };
    const parsed = DeclinedOffer.safeParse(offer);
    const caseRef = typeof offer.caseRef === 'string' && CaseRef.safeParse(offer.caseRef).success ? offer.caseRef : undefined;
    if (!parsed.success) {
      await this.audit(user, 'declined-offer.record', caseRef, 'refused');
      throw new FormProblems(fieldProblems(parsed.error).map((p) => ({ field: p.field, problem: p.problem })));
    }
    const { written } = await recordDeclinedOffer({ db: this.deps.db, pseudonymKey: this.deps.pseudonymKey }, parsed.data);
    await this.audit(user, 'declined-offer.record', parsed.data.caseRef, 'done');
    return { caseRef: parsed.data.caseRef, written };
  }

  command(user: User, caseRef: string, name: CommandName, form: FormValues): Promise<CommandOutcome> {
    return this.send(user, caseRef, name, payloadFields(name, form));
  }

  /**
   * The same with the payload's own fields (a JSON API's body): the actor is still the user, and an
   * event may carry the caller's `eventId`, so a retried request is recorded once. `wait: false`: an
   * event is sent and not looked for in the timeline (the command line's `--no-wait`).
   */
  async send(user: User, caseRef: string, name: CommandName, fields: Record<string, unknown>, { wait = true }: { wait?: boolean } = {}): Promise<CommandOutcome> {
    const action = `${isEvent(name) ? 'event' : 'command'}.${name}`;
    const handle = await this.reach(user, actionOf(name), caseRef, action);
    const payload = isEvent(name)
      ? {
          ...fields,
          eventId: typeof fields.eventId === 'string' ? fields.eventId : `cw-${randomUUID()}`,
          at: (fields.at as string | undefined) ?? new Date().toISOString(),
          sender: { role: 'caseworker', id: user.id },
          // A partner's answer recorded on its behalf was received now unless she says when.
          ...(isPlainObject(fields.onBehalfOf) ? { onBehalfOf: { receivedAt: new Date().toISOString(), ...fields.onBehalfOf } } : {}),
        }
      : name === 'recordConsent'
        ? { ...fields, consent: { at: new Date().toISOString(), ...(fields.consent as object), recordedBy: user.id } }
        : actionOf(name) === 'supervise'
          ? // Her role travels with her id, and the programme checks it again.
            { ...fields, by: user.id, role: user.role }
          : { ...fields, by: user.id };
    const parsed = COMMANDS[name].schema.safeParse(payload);
    if (!parsed.success) {
      await this.audit(user, action, caseRef, 'refused');
      throw new FormProblems(fieldProblems(parsed.error).map((p) => ({ field: fieldForPath(name, p.field) ?? p.field, problem: p.problem })));
    }
    try {
      const result = isEvent(name) ? await this.sendEvent(handle, name, parsed.data as { eventId: string }, wait) : await this.update(handle, name, parsed.data);
      await this.audit(user, action, caseRef, 'done');
      return { command: name, result };
    } catch (err) {
      if (err instanceof Refused) {
        await this.audit(user, action, caseRef, 'refused');
        throw new Refused(err.reason, err.field ?? fieldNamedIn(name, err.reason));
      }
      await this.audit(user, action, caseRef, 'failed');
      throw err;
    }
  }

  /** The annual report: figures without personal data, from the evaluation ledger as the CLI builds them. */
  async report(user: User, when: number | ReportPeriod): Promise<{ report: PublishedReport; unreadable: number }> {
    this.require(user, 'report');
    const period = typeof when === 'number' ? yearPeriod(when) : when;
    const facts = await readReportFacts(this.deps.db, period);
    await this.audit(user, 'report.read', undefined, 'done');
    // The ledger holds every programme, closed or not, so none is left unread.
    return { report: buildReport(facts.programmes, period, new Date().toISOString(), facts.declinedOffers), unreadable: 0 };
  }

  /** A supervisor asks; only the data protection officer, another person, decides. */
  async requestErasure(user: User, form: FormValues): Promise<ErasureRequest> {
    this.require(user, 'requestErasure');
    const caseRef = readField({ name: 'caseRef', kind: 'text' }, form.caseRef);
    const reason = readField({ name: 'reason', kind: 'select' }, form.reason);
    const problems = [
      ...(CaseRef.safeParse(caseRef).success ? [] : [{ field: 'caseRef', problem: 'expected a case reference such as CMM-2026-0042' }]),
      ...((ERASURE_REASONS as readonly unknown[]).includes(reason) ? [] : [{ field: 'reason', problem: `expected ${ERASURE_REASONS.join(', ')}` }]),
    ];
    if (problems.length) throw new FormProblems(problems);
    await this.reach(user, 'read', caseRef as string, 'erasure.request');
    const request = this.deps.erasures.create({
      caseRef: caseRef as string,
      reason: reason as ErasureReason,
      terminate: readField({ name: 'terminate', kind: 'checkbox' }, form.terminate) as boolean,
      requestedBy: user.id,
    });
    await this.audit(user, 'erasure.request', request.caseRef, 'done');
    return request;
  }

  erasureRequests(user: User): ErasureRequest[] {
    if (!may(user, 'requestErasure') && !may(user, 'decideErasure')) throw new NotInRole('erasure');
    return this.deps.erasures.all();
  }

  async decideErasure(user: User, id: string, approve: boolean): Promise<ErasureRequest> {
    this.require(user, 'decideErasure');
    const request = this.deps.erasures.find(id);
    if (!request || request.state !== 'waiting') throw new NoSuchProgramme();
    // Four eyes: whoever asked cannot also decide, whatever roles she holds.
    if (request.requestedBy === user.id) {
      await this.audit(user, 'erasure.decide', request.caseRef, 'denied');
      throw new Refused('the person who requested an erasure cannot also decide it');
    }
    const decided: ErasureRequest = { ...request, decidedBy: user.id, decidedAt: new Date().toISOString(), state: approve ? 'erased' : 'rejected' };
    if (approve) {
      try {
        await eraseCase(this.deps.client, this.deps.caseSecrets, request.caseRef, { terminateRunning: request.terminate, reason: 'erased on approval' });
      } catch (err) {
        if (!(err instanceof ProgrammeStillRunning)) throw err;
        this.deps.erasures.save({ ...decided, state: 'failed', failure: 'still-running' });
        await this.audit(user, 'erasure.approve', request.caseRef, 'refused');
        throw new Refused(err.message);
      }
    }
    this.deps.erasures.save(decided);
    await this.audit(user, approve ? 'erasure.approve' : 'erasure.reject', request.caseRef, 'done');
    return decided;
  }

  async auditTrail(user: User, query: { caseRef?: string; actor?: string }): Promise<AuditEntry[]> {
    this.require(user, 'readAudit');
    const entries = await this.deps.audit.read({ ...query, limit: 500 });
    await this.audit(user, 'audit.read', query.caseRef, 'done');
    return entries;
  }

  /** Sign-in and sign-out are audited too, with the same identity. */
  audit(user: Pick<User, 'id' | 'role'>, action: string, caseRef: string | undefined, result: AuditResult): Promise<void> {
    return this.deps.audit.record({ actor: user.id, role: user.role, action, caseRef, result });
  }

  private require(user: User, action: Action): void {
    if (!may(user, action)) throw new NotInRole(action);
  }

  /**
   * The programme's handle when it is within her reach. Not found and out of reach are the same
   * answer, so nobody learns from the app that a case she may not see exists.
   */
  private async reach(user: User, action: 'read' | 'steer' | 'supervise', caseRef: string, audited: string): Promise<WorkflowHandle> {
    this.require(user, action);
    if (!CaseRef.safeParse(caseRef).success) throw new NoSuchProgramme();
    const handle = this.deps.client.workflow.getHandle(programmeWorkflowId(caseRef));
    let holder: string | undefined;
    try {
      holder = (await handle.describe()).typedSearchAttributes.get(CaseworkerId);
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
    }
    // An erased case is gone for everyone, even while the server is still deleting its runs.
    if (holder !== undefined && (await this.erased(handle.workflowId))) holder = undefined;
    if (!this.deps.access.reaches(user, action, holder)) {
      await this.audit(user, audited, caseRef, holder === undefined ? 'not-found' : 'denied');
      throw new NoSuchProgramme();
    }
    return handle;
  }

  private async erased(workflowId: string): Promise<boolean> {
    try {
      await this.deps.caseSecrets.existingSecret(workflowId);
      return false;
    } catch (err) {
      if (err instanceof CaseErased) return true;
      throw err;
    }
  }

  /** The programme's input is the first event of its history; one event is all we fetch. */
  private async person(handle: WorkflowHandle): Promise<Person | undefined> {
    const { client } = this.deps;
    const { history } = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId: handle.workflowId },
      maximumPageSize: 1,
    });
    const payload = history?.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
    if (!payload) return undefined;
    const [decoded] = await this.deps.payloadCodec.decode([payload]);
    return decoded ? defaultPayloadConverter.fromPayload<Programme>(decoded).person : undefined;
  }

  private async status(handle: WorkflowHandle): Promise<ProgrammeStatus> {
    try {
      return await this.deps.client.withDeadline(Date.now() + QUERY_TIMEOUT_MS, () => handle.query<ProgrammeStatus>('status'));
    } catch (err) {
      const description = await handle.describe();
      if (description.status.name === 'COMPLETED') return (await handle.result()) as ProgrammeStatus;
      throw err;
    }
  }

  private async update(handle: WorkflowHandle, name: CommandName, payload: unknown): Promise<unknown> {
    try {
      return await retryUpdateRace(() => handle.executeUpdate<unknown, [unknown]>(name, { args: [payload] }));
    } catch (err) {
      if (err instanceof WorkflowUpdateFailedError) throw new Refused(err.cause?.message ?? err.message);
      if (err instanceof WorkflowNotFoundError) throw new Refused('the programme is closed; it takes no more commands or events');
      throw err;
    }
  }

  /** Signals are kept by the server; we look for the programme's record briefly to show a refusal at once. */
  private async sendEvent(handle: WorkflowHandle, name: CommandName, payload: { eventId: string }, wait: boolean): Promise<TimelineEntry | undefined> {
    try {
      await handle.signal(name, payload);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) throw new Refused('the programme is closed; it takes no more commands or events');
      throw err;
    }
    if (!wait) return undefined;
    const until = Date.now() + EVENT_SETTLE_MS;
    while (Date.now() < until) {
      try {
        const status = await this.deps.client.withDeadline(until, () => handle.query<ProgrammeStatus>('status'));
        const entry = status.timeline.find((e) => e.eventId === payload.eventId);
        if (entry?.result === 'refused') throw new Refused(entry.reason ?? 'refused');
        if (entry) return entry;
      } catch (err) {
        if (err instanceof Refused) throw err;
        if (isGrpcDeadlineError(err)) break;
        throw err;
      }
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    return undefined;
  }
}

/** `travel.date: must be …` → the form field `date`. */
function fieldNamedIn(name: CommandName, reason: string): string | undefined {
  const path = /^([A-Za-z][\w.[\]-]*): /.exec(reason)?.[1];
  return path ? fieldForPath(name, path) : undefined;
}

function endOfDanishDay(now: Date): number {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  // Midnight Copenhagen is 22:00 or 23:00 UTC the day before; the earlier bound errs on "not today".
  return Date.parse(`${day}T22:00:00Z`);
}
