/** Prometheus metrics for the app: the process's own, and requests by route pattern and status (no case references). */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export class WebMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: 'desk_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly duration = new Histogram({ name: 'desk_http_request_duration_seconds', help: 'Time to answer, by route pattern', labelNames: ['route'], registers: [this.registry] });
  readonly signIns = new Counter({ name: 'desk_sign_ins_total', help: 'Sign-ins, by result', labelNames: ['result'], registers: [this.registry] });
  readonly commands = new Counter({ name: 'desk_commands_total', help: 'Commands and events sent to programmes, by name and result', labelNames: ['command', 'result'], registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'desk_' });
  }
}
