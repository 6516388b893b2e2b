/**
 * OpenTelemetry tracing across the caseworker's or partner's call, the programme and its
 * activities (`@temporalio/interceptors-opentelemetry`): one trace from the client's start or signal
 * through the workflow's run to each activity, exported over OTLP/HTTP to the collector the
 * standard variables name (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, or `OTEL_EXPORTER_OTLP_ENDPOINT`
 * + `/v1/traces`). Off when neither is set. Spans carry names and ids, never payloads.
 */
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OpenTelemetryPlugin } from '@temporalio/interceptors-opentelemetry';

export interface Tracing {
  /** For the worker's and the client's `plugins`. */
  plugin: OpenTelemetryPlugin;
  /** Sends what is still buffered; call before the process ends. */
  shutdown(): Promise<void>;
}

export function tracesEndpoint(env: Record<string, string | undefined>): string | undefined {
  if (env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) return env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
  return env.OTEL_EXPORTER_OTLP_ENDPOINT ? `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces` : undefined;
}

/** Registers the tracer provider of this process (`service.name` = `serviceName`); undefined when tracing is off. */
export function installTracing(env: Record<string, string | undefined>, serviceName: string): Tracing | undefined {
  const url = tracesEndpoint(env);
  if (!url) return undefined;
  const resource = new Resource({ 'service.name': serviceName });
  const spanProcessor = new BatchSpanProcessor(new OTLPTraceExporter({ url }), { scheduledDelayMillis: 1000 });
  // The client's and the activities' spans go through the global provider, the workflow's through the plugin's sink.
  const provider = new BasicTracerProvider({ resource, spanProcessors: [spanProcessor] });
  // The context manager carries the current span across awaits, so the client's span reaches the headers it sends.
  provider.register({ contextManager: new AsyncLocalStorageContextManager().enable() });
  return { plugin: new OpenTelemetryPlugin({ resource, spanProcessor }), shutdown: () => provider.shutdown() };
}
