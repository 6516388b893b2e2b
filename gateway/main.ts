/**
 * `npm run gateway`: the partner gateway on its own, for deployments (several replicas may run behind
 * a load balancer). Configuration from the environment (README); SIGINT/SIGTERM stop taking requests,
 * let those in flight finish, then close the Temporal connection.
 */
import { Client } from '@temporalio/client';
import { ConfigFileError } from '../activities/configFile.js';
import { clientDataConverter } from '../client/dataConverter.js';
import { ValidationError } from '../domain/validation.js';
import { connectionFailure, lazyConnection } from '../temporal/connection.js';
import { loadTemporalProfile } from '../temporal/profile.js';
import { auditTrail } from '../store/auditTrail.js';
import { loadStoreConfig } from '../store/config.js';
import { openDatabase } from '../store/database.js';
import { loadGatewayClients } from './clients.js';
import { loadGatewayConfig } from './config.js';
import { TemporalProgrammes } from './programmes.js';
import { buildGateway } from './server.js';
import { installMetrics, loadMetricsConfig } from '../telemetry/metrics.js';
import { installTracing } from '../telemetry/tracing.js';

async function main(): Promise<void> {
  const config = loadGatewayConfig(process.env);
  const temporal = loadTemporalProfile(process.env);
  const clients = loadGatewayClients(config.GATEWAY_CLIENTS, process.env);
  const store = loadStoreConfig(process.env);
  // Connects on first use: while the database is away the gateway answers 503 and partners retry.
  const db = openDatabase(store);
  const metrics = loadMetricsConfig(process.env);
  const meter = installMetrics(metrics.PR_METRICS_ADDRESS, 'gateway');
  // Lazy: the gateway starts (and answers 503) while Temporal is still coming up or is away. Its own
  // token is fetched now: a gateway the identity provider does not sign in stops, naming the setting
  // to check, and its supervisor (compose's `restart`) starts it again.
  const connection = await lazyConnection(temporal);
  const dataConverter = await clientDataConverter(process.env, temporal.namespace);
  // Each signal starts a span the programme's own spans continue (telemetry/tracing.ts).
  const tracing = installTracing(process.env, 'prepared-return-gateway');
  const client = new Client({
    connection,
    namespace: temporal.namespace,
    ...(dataConverter ? { dataConverter } : {}),
    ...(tracing ? { plugins: [tracing.plugin] } : {}),
  });
  const app = buildGateway({
    clients,
    programmes: new TemporalProgrammes(client),
    audit: auditTrail(db, store.pseudonymKey),
    rateLimit: { perMinute: config.GATEWAY_RATE_LIMIT_PER_MINUTE, burst: config.GATEWAY_RATE_LIMIT_BURST },
    temporalTimeoutMs: config.GATEWAY_TEMPORAL_TIMEOUT_MS,
    retryAfterSeconds: config.GATEWAY_RETRY_AFTER_SECONDS,
    ledgerCapacity: config.GATEWAY_LEDGER_SIZE,
    sourceRateLimit: { perMinute: config.GATEWAY_SOURCE_RATE_LIMIT_PER_MINUTE, burst: config.GATEWAY_SOURCE_RATE_LIMIT_BURST },
    bodyTimeoutMs: config.GATEWAY_BODY_TIMEOUT_MS,
    refusalLogIntervalMs: config.GATEWAY_REFUSAL_LOG_INTERVAL_MS,
    ...(config.GATEWAY_TRUSTED_PROXIES ? { trustedProxies: config.GATEWAY_TRUSTED_PROXIES } : {}),
    logger: { level: config.LOG_LEVEL },
    ...(meter ? { meter } : {}),
  });

  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    app
      .close()
      .then(() => connection.close())
      .then(() => tracing?.shutdown())
      .then(() => db.close())
      .catch((err: unknown) => console.error(`gateway: error while stopping: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  await app.listen({ host: config.GATEWAY_HOST, port: config.GATEWAY_PORT });
  console.log(
    `partner gateway on http://${config.GATEWAY_HOST}:${config.GATEWAY_PORT} for ${clients.all.length} clients; Temporal ${temporal.address} (namespace ${temporal.namespace})`,
  );
  // Temporal away at start is an outage partners wait out with 503s; a certificate that does not match
  // is a setting to fix, and the operator reads which one here rather than only a partner's 503.
  connection.ensureConnected().catch(async (err: unknown) => {
    const failure = await connectionFailure(temporal, err);
    if (!stopping) console.error(`partner gateway: ${failure instanceof Error ? failure.message : String(failure)}`);
  });
}

main().catch((err: unknown) => {
  console.error(err instanceof ValidationError || err instanceof ConfigFileError ? err.message : `gateway stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
