/**
 * Prometheus metrics of our processes (worker, gateway) through the Temporal SDK's own exporter:
 * the SDK's worker and client metrics (task failures, schedule-to-start latency, slots, polls) and
 * ours, made with the same meter, all on one `/metrics` endpoint per process. Off unless
 * `PR_METRICS_ADDRESS` names where to listen: keep that on the internal network, never published.
 */
import type { MetricMeter } from '@temporalio/common';
import { Runtime } from '@temporalio/worker';
import { z } from 'zod';
import { definedEnv } from '../domain/config.js';
import { parseOrThrow } from '../domain/validation.js';

export const MetricsEnv = z.object({
  PR_METRICS_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'expected host:port to serve /metrics on, e.g. 0.0.0.0:9464')
    .optional(),
});

export function loadMetricsConfig(env: Record<string, string | undefined>): z.output<typeof MetricsEnv> {
  return parseOrThrow(MetricsEnv, definedEnv(env), 'The environment');
}

/**
 * Installs the SDK runtime with the Prometheus exporter (before any Temporal connection is made)
 * and returns its meter; undefined when metrics are off. Durations are in seconds and counters end
 * in `_total`, as Prometheus expects; every metric carries `process` (worker, gateway).
 */
export function installMetrics(address: string | undefined, processName: string): MetricMeter | undefined {
  if (!address) return undefined;
  Runtime.install({
    telemetryOptions: {
      metrics: {
        prometheus: { bindAddress: address, countersTotalSuffix: true, useSecondsForDurations: true },
        globalTags: { process: processName },
      },
    },
  });
  return Runtime.instance().metricMeter;
}
