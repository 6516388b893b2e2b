/** Reading figures out of a workflow's history as the server recorded it. */
// @temporalio/proto is CommonJS: Node's own module loader gives its namespace as the default export.
import proto, { type temporal as Temporal } from '@temporalio/proto';

const { temporal } = proto;

export type History = Temporal.api.history.v1.IHistory;
export type HistoryEvent = Temporal.api.history.v1.IHistoryEvent;
export const EventType = temporal.api.enums.v1.EventType;

/** The server's timestamp of an event, in milliseconds since the epoch (microsecond precision kept). */
export function eventTimeMs(event: HistoryEvent): number {
  const t = event.eventTime;
  return Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
}

/** Where the time from a signal to the task that handled it went, by the server's own timestamps. */
export interface SignalHandling {
  /** WorkflowExecutionSignaled → the next WorkflowTaskCompleted: the figure. */
  totalMs: number;
  /** … of which waiting for a worker to take the task (WorkflowTaskScheduled → WorkflowTaskStarted). */
  queuedMs: number;
  /** … and the worker's work on it (WorkflowTaskStarted → WorkflowTaskCompleted). */
  workerMs: number;
}

/**
 * From the first signal to the first workflow task completed after it: the server stamped both, so
 * the time covers the task's dispatch, the worker's work and the server taking the result, and none
 * of the client's.
 */
export function signalHandling(history: History): SignalHandling | undefined {
  const events = history.events ?? [];
  const signalled = events.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
  if (signalled < 0) return undefined;
  const after = events.slice(signalled + 1);
  const completed = after.findIndex((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  if (completed < 0) return undefined;
  const before = after.slice(0, completed).reverse();
  const started = before.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED);
  const scheduled = before.find((e) => e.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED);
  const end = eventTimeMs(after[completed]!);
  return {
    totalMs: end - eventTimeMs(events[signalled]!),
    queuedMs: started && scheduled ? eventTimeMs(started) - eventTimeMs(scheduled) : Number.NaN,
    workerMs: started ? end - eventTimeMs(started) : Number.NaN,
  };
}

export function encodedSize(history: History): number {
  return temporal.api.history.v1.History.encode(history).finish().length;
}

/** The largest payload anywhere in the history (input, results, signal and update arguments, memo…), in bytes. */
export function largestPayloadBytes(history: History): number {
  let largest = 0;
  const visit = (value: unknown): void => {
    if (value === null || typeof value !== 'object') return;
    if (value instanceof Uint8Array) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    const record = value as Record<string, unknown>;
    if (record.data instanceof Uint8Array && typeof record.metadata === 'object') {
      const payload = temporal.api.common.v1.Payload.encode(record as Temporal.api.common.v1.IPayload).finish().length;
      largest = Math.max(largest, payload);
      return;
    }
    for (const child of Object.values(record)) visit(child);
  };
  visit(history.events ?? []);
  return largest;
}
