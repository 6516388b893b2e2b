/**
 * The number of running programmes with an open escalation, as a gauge operators are alerted on
 * (deploy/prometheus/alerts.yaml): counted from the `Escalated` search attribute every interval.
 * Each worker replica reports the same count; alert on the maximum, not the sum.
 */
import { Client } from '@temporalio/client';
import type { MetricMeter } from '@temporalio/common';
import type { NativeConnection } from '@temporalio/worker';
import { Escalated } from '../domain/searchAttributes.js';

export function reportOpenEscalations(options: { connection: NativeConnection; namespace: string; meter: MetricMeter; intervalMs: number }): () => void {
  const gauge = options.meter.createGauge('prepared_return_escalations_open', 'int', 'programmes', 'Running programmes with an open escalation');
  const client = new Client({ connection: options.connection, namespace: options.namespace });
  const query = `${Escalated.name} = true AND ExecutionStatus = "Running"`;
  let stopped = false;
  const count = async (): Promise<void> => {
    try {
      gauge.set((await client.workflow.count(query)).count);
    } catch {
      // The server is away: keep the last value; the server's own metrics say it is down.
    }
  };
  void count();
  const timer = setInterval(() => void (stopped ? undefined : count()), options.intervalMs);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
