/**
 * The simulated partner organisation of the benchmark, as a partner's real system behaves: its API
 * receives our signed messages (the signature is checked, a retry gets the first reference back),
 * and its answers go to the partner gateway as signed events. The benchmark's programme driver waits
 * for a message to arrive (`received`) and answers it (`send`), so no step polls the programme.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { signedEventHeaders } from '../gateway/signedEvent.js';
import { closeServer } from '../dev/httpServer.js';

interface Arrival {
  promise: Promise<Record<string, unknown>>;
  resolve: (data: Record<string, unknown>) => void;
}

export class PartnerPeer {
  private server: Server | undefined;
  private readonly verifier: Webhook;
  private readonly references = new Map<string, string>();
  private readonly arrivals = new Map<string, Arrival>();
  private port = 0;
  /** Events the gateway did not take on the first attempt (it should take every one). */
  retriedEvents = 0;

  constructor(
    readonly partnerId: string,
    /** Verifies our requests (the partner API secret the worker signs with). */
    apiSecret: string,
    /** Signs the partner's events for the gateway. */
    private readonly eventSecret: string,
    private readonly gatewayUrl: () => string,
  ) {
    this.verifier = new Webhook(apiSecret);
  }

  /** The partner directory's `baseUrl` for this partner. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    // Programmes in parallel each hold a connection or two to the partner.
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }

  /**
   * Resolves with the message's `data` once a message of `type` about `caseRef` has arrived (also when
   * it arrived before the call). Follow-up requests are told apart by `checkpoint`.
   */
  received(caseRef: string, type: string, checkpoint?: string): Promise<Record<string, unknown>> {
    return this.arrival(arrivalKey(caseRef, type, checkpoint)).promise;
  }

  /** Forgets what arrived about a case (call when its programme has closed). */
  forget(caseRef: string): void {
    for (const key of this.arrivals.keys()) if (key.startsWith(`${caseRef}/`)) this.arrivals.delete(key);
  }

  /** Sends one event to the gateway, signed, retrying (same id and body) until it is taken. */
  async send(type: string, data: Record<string, unknown>): Promise<void> {
    const body = JSON.stringify({ type, data: { at: new Date().toISOString(), ...data } });
    const webhookId = `evt_${randomUUID().replace(/-/g, '')}`;
    for (let attempt = 1; ; attempt++) {
      const response = await fetch(`${this.gatewayUrl()}/v1/events`, {
        method: 'POST',
        headers: signedEventHeaders({ clientId: this.partnerId, webhookId, at: new Date(), body, secret: this.eventSecret }),
        body,
        signal: AbortSignal.timeout(10_000),
      }).catch(() => undefined);
      const status = response?.status;
      await response?.arrayBuffer().catch(() => undefined);
      if (status === 202) return;
      if (status !== undefined && status < 500 && status !== 429) throw new Error(`the gateway refused ${type} for ${String(data.caseRef)} (HTTP ${status})`);
      if (attempt >= 20) throw new Error(`the gateway did not take ${type} for ${String(data.caseRef)} after ${attempt} attempts`);
      this.retriedEvents += 1;
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }

  private arrival(key: string): Arrival {
    let arrival = this.arrivals.get(key);
    if (!arrival) {
      let resolve!: Arrival['resolve'];
      const promise = new Promise<Record<string, unknown>>((r) => (resolve = r));
      arrival = { promise, resolve };
      this.arrivals.set(key, arrival);
    }
    return arrival;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
    try {
      this.verifier.verify(raw, headers);
    } catch {
      return answer(res, 401, { error: 'signature does not verify' });
    }
    const message = JSON.parse(raw) as { type: string; data: Record<string, unknown> };
    const idempotencyKey = headers['idempotency-key'] ?? randomUUID();
    const known = this.references.get(idempotencyKey);
    if (known) return answer(res, 202, { reference: known });
    const reference = `bench-${randomUUID().slice(0, 8)}`;
    this.references.set(idempotencyKey, reference);
    answer(res, 202, { reference });
    const checkpoint = typeof message.data.checkpoint === 'string' ? message.data.checkpoint : undefined;
    this.arrival(arrivalKey(String(message.data.caseRef), message.type, checkpoint)).resolve(message.data);
  }
}

function arrivalKey(caseRef: string, type: string, checkpoint?: string): string {
  return checkpoint ? `${caseRef}/${type}/${checkpoint}` : `${caseRef}/${type}`;
}

function answer(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
