/**
 * What every scenario file shares: its own stack (started before, torn down after, even on failure),
 * fresh case references and task queue with worker processes on it, N programmes run side by side,
 * and the figures asserted. A scenario file opens with `useScenario`:
 *
 *   const scenario = useScenario('1-worker-kill');
 *   const s = await scenario.begin({ queue: 'kill', programmes: 12, budgetMs: 240_000 });
 *   const driving = scenario.drive();
 *   … the fault …
 *   await scenario.checkFigures('what the fault was', await driving);
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import proto from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { sleep, type Child } from '../../../dev/childProcess.js';
import { PartnerSystem } from '../../../dev/partnerSystem.js';
import { GatewayChannel, SignalChannel, type EventChannel } from './eventChannels.js';
import { countFigures, saveFigures, type Figures } from './figures.js';
import { ProgrammeRun } from './programmeRun.js';
import { PARTNERS, Stack } from './stack.js';

export interface Opening {
  /** Names the scenario's task queue. */
  queue: string;
  /** Worker processes on the queue before the programmes open: one unless told. */
  workers?: number;
  /** How the partners' and the Return Agency's events reach the programmes: as signals unless told, or through a gateway process. */
  events?: 'signals' | 'gateway';
  programmes: number;
  /** How long the programmes have, all together, to finish. */
  budgetMs: number;
}

/** One scenario file's run: its stack, the processes it began with, its programmes and what they have reached. */
export class Scenario {
  startedAt = 0;
  taskQueue = '';
  workers: Child[] = [];
  /** The gateway process, when the events go through one. */
  gateway: Child | undefined;
  /** The partners' and the Return Agency's own systems, each signing with its gateway secret. */
  systems: Record<string, PartnerSystem> = {};
  channel: EventChannel = new SignalChannel();
  runs: ProgrammeRun[] = [];
  /** How many programmes have passed each step of their way (see ProgrammeRun.runToTheEnd). */
  readonly reached = new Map<string, number>();

  constructor(
    readonly name: string,
    private readonly stack: () => Stack,
  ) {}

  /** Starts the scenario's processes and prepares its programmes (none is opened yet); resolves with the stack. */
  async begin(opening: Opening): Promise<Stack> {
    const stack = this.stack();
    this.startedAt = Date.now();
    this.taskQueue = taskQueueFor(opening.queue);
    this.workers = await Promise.all(Array.from({ length: opening.workers ?? 1 }, () => stack.startWorker(this.taskQueue)));
    this.systems = gatewaySystems(stack);
    if (opening.events === 'gateway') {
      this.gateway = await stack.startGateway();
      this.channel = new GatewayChannel(this.systems);
    }
    this.runs = newRuns(stack, this.taskQueue, opening.programmes, opening.budgetMs);
    return stack;
  }

  /** Opens every programme and takes it the whole way (or along `journey`), side by side; resolves with the runs that failed. */
  drive(journey?: (run: ProgrammeRun) => Promise<unknown>): Promise<string[]> {
    const passed = async (step: string): Promise<void> => void this.reached.set(step, (this.reached.get(step) ?? 0) + 1);
    return settle(this.runs, async (run) => {
      await run.open();
      await (journey ? journey(run) : run.runToTheEnd(this.channel, passed));
    });
  }

  /** Waits until `count` programmes have passed `step`, or `timeoutMs` has gone by. */
  async until(step: string, count: number, timeoutMs: number): Promise<void> {
    const started = Date.now();
    while ((this.reached.get(step) ?? 0) < count && Date.now() - started < timeoutMs) await sleep(50);
  }

  checkFigures(fault: string, errors: string[]): Promise<Figures> {
    return checkFigures(this.stack(), this.name, fault, this.runs, this.startedAt, errors);
  }
}

/** The scenario file's stack, started before its tests and torn down after them. */
export function useScenario(name: string): Scenario {
  return new Scenario(name, useStack(name));
}

export function useStack<S extends Stack = Stack>(scenario: string, create: (scenario: string) => S = (name) => new Stack(name) as S): () => S {
  let stack: S | undefined;
  beforeAll(async () => {
    stack = create(scenario);
    await stack.start();
  });
  afterAll(async () => {
    await stack?.stop();
  });
  return () => stack!;
}

export function taskQueueFor(scenario: string): string {
  return `reliability-${scenario}-${randomUUID().slice(0, 8)}`;
}

/** `count` programmes, alternating between the API partner (RO) and the e-mail partner (MD). */
export function newRuns(stack: Stack, taskQueue: string, count: number, budgetMs: number): ProgrammeRun[] {
  const deadline = Date.now() + budgetMs;
  const series = Math.floor(1000 + Math.random() * 9000);
  return Array.from({ length: count }, (_, i) =>
    new ProgrammeRun(stack.client, taskQueue, `REL-${series}-${String(1000 + i)}`, i % 2 === 0 ? PARTNERS.api : PARTNERS.mail, deadline, stack),
  );
}

/** Waits for every run; a failed run is counted as lost in the figures rather than stopping the others. */
export async function settle(runs: ProgrammeRun[], work: (run: ProgrammeRun) => Promise<unknown>): Promise<string[]> {
  const outcomes = await Promise.allSettled(runs.map(work));
  return outcomes.flatMap((o, i) => (o.status === 'rejected' ? [`${runs[i]!.caseRef}: ${o.reason instanceof Error ? o.reason.message : String(o.reason)}`] : []));
}

/** Counts, saves and checks a scenario's figures: nothing lost, nothing duplicated, no task failures. */
export async function checkFigures(stack: Stack, scenario: string, fault: string, runs: ProgrammeRun[], startedAt: number, errors: string[], expectedOutcome = 'returned-followed-up'): Promise<Figures> {
  const figures = await countFigures({
    scenario,
    fault,
    runs,
    expectedOutcome,
    mail: stack.smtp.messages(),
    partnerMessages: stack.partners.accepted(),
    startedAt,
    ledger: { db: stack.db, pseudonymKey: stack.pseudonymKey },
  });
  saveFigures(figures);
  // A programme that did not end as expected, or whose replay failed, keeps its history for the investigation.
  for (const run of runs) {
    const history = await run.handle.fetchHistory().catch(() => undefined);
    if (!history) continue;
    const failedTask = history.events?.some((e) => e.workflowTaskFailedEventAttributes?.cause === proto.temporal.api.enums.v1.WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_NON_DETERMINISTIC_ERROR);
    if (run.result?.outcome === expectedOutcome && !failedTask) continue;
    mkdirSync(join('test-results', 'reliability', 'histories'), { recursive: true });
    writeFileSync(join('test-results', 'reliability', 'histories', `${scenario}-${run.caseRef}.binpb`), proto.temporal.api.history.v1.History.encode(history).finish());
  }
  expect(errors, 'every programme was driven to its end').toEqual([]);
  expect(figures.programmes.lost, 'programmes lost').toBe(0);
  expect(figures.events.lost, 'events lost').toBe(0);
  expect(figures.events.duplicated, 'events duplicated').toBe(0);
  expect(figures.notifications.lost, 'notifications lost').toBe(0);
  expect(figures.notifications.duplicated, 'notifications duplicated').toBe(0);
  expect(figures.notifications.delivered, 'notifications delivered').toBe(figures.notifications.expected);
  expect(figures.ledger?.lost, 'ledger records lost').toBe(0);
  expect(figures.ledger?.duplicated, 'ledger records duplicated').toBe(0);
  expect(figures.ledger?.written, 'ledger records written').toBe(figures.ledger?.expected);
  expect(figures.workflowTaskFailures, 'workflow-task failures').toBe(0);
  for (const run of runs) {
    for (const event of run.sent) {
      const entries = run.result?.timeline.filter((e) => e.eventId === event.eventId) ?? [];
      expect(entries.map((e) => e.result), `${event.name} ${event.eventId} of ${run.caseRef}`).toEqual([event.expect]);
    }
  }
  return figures;
}

/** The partners' and the Return Agency's systems, each signing with its own gateway secret. */
export function gatewaySystems(stack: Stack): Record<string, PartnerSystem> {
  return Object.fromEntries(
    Object.entries(stack.gatewaySecrets).map(([id, secret]) => [id, new PartnerSystem(id, secret, () => stack.gatewayUrl)]),
  );
}
