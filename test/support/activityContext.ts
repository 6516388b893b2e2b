/** Runs an activity function the way the worker would, with the workflow and activity IDs of one delivery. */
import { randomUUID } from 'node:crypto';
import { MockActivityEnvironment } from '@temporalio/testing';
import { ApplicationFailure } from '@temporalio/common';
import { DefaultLogger } from '@temporalio/worker';

export interface Delivery {
  workflowId: string;
  runId: string;
  activityId: string;
}

export function newDelivery(activityId = '7'): Delivery {
  return { workflowId: `return-programme-TST-2026-${Math.floor(100000 + Math.random() * 899999)}`, runId: randomUUID(), activityId };
}

// Failed attempts are expected in these tests; the SDK would log each as a warning.
const quietLogger = new DefaultLogger('ERROR');

/** One attempt of the activity for `delivery`. */
export function attempt<A extends unknown[], R>(delivery: Delivery, attemptNumber: number, fn: (...args: A) => Promise<R>, ...args: A): Promise<R> {
  const env = new MockActivityEnvironment({
    workflowExecution: { workflowId: delivery.workflowId, runId: delivery.runId },
    activityId: delivery.activityId,
    attempt: attemptNumber,
    startToCloseTimeoutMs: 30_000,
  }, { logger: quietLogger });
  return env.run(fn, ...args);
}

/** The ApplicationFailure an attempt ended with (fails the test when it succeeded or threw something else). */
export async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof ApplicationFailure) return err;
    throw new Error(`expected an ApplicationFailure, got ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
  }
  throw new Error('expected the attempt to fail, but it succeeded');
}
