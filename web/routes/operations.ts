/** For operators: /health (is Temporal answering?) and /metrics (Prometheus). Neither needs a session nor says anything about a case. */
import type { FastifyInstance } from 'fastify';
import type { WebAppDeps } from '../deps.js';

export function registerOperationsRoutes(app: FastifyInstance, deps: WebAppDeps): void {
  app.get('/health', async (_request, reply) => {
    const temporal = await deps.temporalHealthy().catch(() => false);
    return reply.code(temporal ? 200 : 503).send({ status: temporal ? 'ok' : 'degraded', temporal: temporal ? 'ok' : 'unreachable' });
  });
  app.get('/metrics', async (_request, reply) => {
    return reply.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
  });
}
