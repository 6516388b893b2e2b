/**
 * The programme's state and the small verbs every phase uses: record what happened, hold a deadline,
 * escalate, publish the stage for supervisors. State is plain JSON (it is the `status` answer and
 * the workflow result), and nothing here holds personal data beyond codes and dates.
 */
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { condition, setCurrentDetails, upsertSearchAttributes } from '@temporalio/workflow';
import type { Outcome } from '../domain/outcomes.js';
import type { Programme } from '../domain/programme.js';
import { CaseworkerId, Escalated, HomeCountry, NextDeadline, PartnerOrg, ProgrammeStage } from '../domain/searchAttributes.js';
import { STAGE_WORDS, type Deadline, type ProgrammeStatus, type Stage, type TimelineEntry } from '../domain/status.js';
import { calendarDate } from '../domain/durations.js';
import { writeMilestone } from './ledger.js';
import { departureDeadline } from './rules.js';

export interface Interruption {
  outcome: Extract<Outcome, 'residence-granted' | 'declined' | 'absconded' | 'cancelled'>;
  at: string;
}

export interface ProgrammeContext {
  readonly input: Programme;
  readonly state: ProgrammeStatus;
  /** Set by a handler when the programme must end early; the main line notices and stops. */
  interruption: Interruption | null;
  /** Bumped whenever the departure deadline moves (extension, asylum), so waits on it restart. */
  departureDeadlineVersion: number;
  /** When the asylum case was finally rejected (the departure deadline may move later). */
  finalRejectionAt: string | null;
  /** Bumped on every new travel plan, so the travel phase notices a re-plan. */
  travelPlanVersion: number;
  /** Notifications running in the background; the programme waits for them before it closes. */
  readonly inFlight: Set<Promise<void>>;
  /** What the search attributes were last set to, so unchanged values cost no history events; empty at start so the first publish sets them all. */
  readonly published: Record<string, string | boolean | null>;
}

/** Workflow time (deterministic inside the sandbox). */
export function now(): string {
  return new Date().toISOString();
}

/** Adds an entry to the timeline; a milestone also goes to the evaluation ledger. */
export function record(ctx: ProgrammeContext, entry: Omit<TimelineEntry, 'seq' | 'at'> & { at?: string }): TimelineEntry {
  const full: TimelineEntry = { seq: ctx.state.timeline.length + 1, at: entry.at ?? now(), ...entry };
  if (entry.at === undefined) full.at = now();
  ctx.state.timeline.push(full);
  writeMilestone(ctx, full);
  return full;
}

/** Something the programme itself did (asked a partner, sent a reminder, escalated). */
export function note(ctx: ProgrammeContext, kind: string, detail?: TimelineEntry['detail']): void {
  record(ctx, { kind, by: 'programme', result: 'recorded', ...(detail ? { detail } : {}) });
}

export function setStage(ctx: ProgrammeContext, stage: Stage): void {
  if (ctx.state.stage === stage) return;
  ctx.state.stage = stage;
  ctx.state.stageWords = STAGE_WORDS[stage];
  note(ctx, 'stageEntered', { stage });
  publish(ctx);
}

/** Recomputes the departure deadline after an extension or an asylum event; waits on it restart. */
export function refreshDepartureDeadline(ctx: ProgrammeContext): void {
  const next = departureDeadline(ctx.state, ctx.finalRejectionAt, ctx.input.policy.departureWindowAfterRejection);
  if (next !== ctx.state.departureDeadline) {
    ctx.state.departureDeadline = next;
    ctx.departureDeadlineVersion += 1;
  }
}

/**
 * Waits for `done` until the absolute time `at`; true when `done` came first. Deadlines are absolute
 * so a wait that starts late (after a slow notification) still ends on time.
 */
export async function until(at: string, done: () => boolean, summary: string): Promise<boolean> {
  const remaining = Date.parse(at) - Date.now();
  if (done()) return true;
  if (remaining <= 0) return false;
  return condition(done, remaining, { summary });
}

/** Holds a named deadline while `wait` runs, so `status` and the NextDeadline attribute show it. */
export async function withDeadline<T>(ctx: ProgrammeContext, deadline: Deadline, wait: () => Promise<T>): Promise<T> {
  ctx.state.deadlines = [...ctx.state.deadlines.filter((d) => d.key !== deadline.key), deadline];
  publish(ctx);
  try {
    return await wait();
  } finally {
    ctx.state.deadlines = ctx.state.deadlines.filter((d) => d.key !== deadline.key);
    publish(ctx);
  }
}

/**
 * Brings the search attributes and the Web UI's current details up to date. Only changed attributes
 * are sent: every upsert is a history event, and a programme's history must stay small.
 */
export function publish(ctx: ProgrammeContext): void {
  const { state } = ctx;
  const sorted = [...state.deadlines].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  state.nextDeadline = sorted[0] ?? null;
  state.escalated = state.stage !== 'closed' && state.escalations.some((e) => e.resolvedAt === null);

  const wanted: Record<string, string | boolean | null> = {
    HomeCountry: state.homeCountry,
    CaseworkerId: state.caseworkerId,
    ProgrammeStage: state.stage,
    PartnerOrg: state.partner?.id ?? null,
    NextDeadline: state.nextDeadline?.at ?? null,
    Escalated: state.escalated,
  };
  const updates: SearchAttributeUpdatePair[] = [];
  for (const [name, value] of Object.entries(wanted)) {
    if (ctx.published[name] === value) continue;
    ctx.published[name] = value;
    if (name === 'HomeCountry') updates.push({ key: HomeCountry, value: value as string });
    if (name === 'CaseworkerId') updates.push({ key: CaseworkerId, value: value as string });
    if (name === 'ProgrammeStage') updates.push({ key: ProgrammeStage, value: value as string });
    if (name === 'PartnerOrg') updates.push(value === null ? { key: PartnerOrg, value: null } : { key: PartnerOrg, value: value as string });
    if (name === 'NextDeadline')
      updates.push(value === null ? { key: NextDeadline, value: null } : { key: NextDeadline, value: new Date(value as string) });
    if (name === 'Escalated') updates.push({ key: Escalated, value: value as boolean });
  }
  if (updates.length > 0) upsertSearchAttributes(updates);
  setCurrentDetails(currentDetails(state));
}

/** What a supervisor reads in the Web UI: the stage, the next deadline and what is wrong, in words. */
export function currentDetails(state: ProgrammeStatus): string {
  const lines = [`**${state.caseRef}** → ${state.homeCountry}: ${state.stageWords}`];
  if (state.outcome) lines.push(`Outcome: **${state.outcome}**`);
  if (state.nextDeadline) lines.push(`Next deadline: ${calendarDate(state.nextDeadline.at)} (${state.nextDeadline.at.slice(11, 16)} UTC): ${state.nextDeadline.what}`);
  if (state.partner) lines.push(`Partner: ${state.partner.id} (${state.partner.state})`);
  const open = state.escalations.filter((e) => e.resolvedAt === null);
  if (state.escalated && open.length) lines.push(`**Escalated**: ${open.map((e) => `${e.topic} (${e.severity})`).join(', ')}`);
  return lines.join('\n\n');
}
