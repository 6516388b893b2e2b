/**
 * A partner organisation's side of the partner API, for the local stack and tests.
 *
 *   POST /partners/{partnerId}/v1/messages   (the directory's baseUrl is http://host:port/partners/{partnerId})
 *
 * It checks the Standard Webhooks signature with that partner's secret (401 when it does not verify),
 * answers 202 `{ "reference": "…" }`, and answers a repeated Idempotency-Key with the first reference.
 *
 * In demo mode it then plays the partner: a referral is acknowledged and answered, an arrival notice
 * is followed by a handover confirmation, a follow-up request by a report. Each answer is a signed
 * Standard Webhooks event POSTed to `${gatewayUrl}/v1/events` (see docs/partner-api.md).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { signedEventHeaders } from '../gateway/signedEvent.js';
import { closeServer } from './httpServer.js';

export interface SimulatedPartner {
  id: string;
  /** The partner's Standard Webhooks secret (`whsec_…`), shared with the programme. */
  secret: string;
}

export interface PartnerSimulatorOptions {
  host?: string;
  port?: number;
  partners: SimulatedPartner[];
  demo?: {
    gatewayUrl: string;
    /** Pause before each answer, so the programme visibly waits. */
    delayMs: number;
    /** Partner ids that decline referrals (the programme then asks the next partner). */
    decline?: ReadonlySet<string>;
  };
  log?: (line: string) => void;
}

export interface ReceivedPartnerMessage {
  partnerId: string;
  type: string;
  data: Record<string, unknown>;
  idempotencyKey: string | null;
  raw: string;
}

/** As the gateway takes it (gateway/events.ts): the event's id is the `webhook-id`, its sender the verified partner. */
export interface PartnerEvent {
  type: 'referral.acknowledged' | 'referral.answered' | 'handover.confirmed' | 'follow-up.reported';
  data: Record<string, unknown> & { caseRef: string; at: string };
}

const MAX_BODY_BYTES = 64 * 1024;

export class PartnerSimulator {
  private server: Server | undefined;
  private readonly secrets: Map<string, string>;
  private readonly references = new Map<string, string>();
  private readonly received: ReceivedPartnerMessage[] = [];
  private readonly pending = new Set<NodeJS.Timeout>();
  private boundPort: number;
  readonly host: string;
  /** Events sent to the gateway (demo mode), whether or not it took them. */
  readonly sentEvents: Array<PartnerEvent & { partnerId: string; delivered: boolean }> = [];

  constructor(private readonly options: PartnerSimulatorOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.boundPort = options.port ?? 0;
    this.secrets = new Map(options.partners.map((p) => [p.id, p.secret]));
  }

  get port(): number {
    return this.boundPort;
  }

  get origin(): string {
    return `http://${this.host.includes(':') ? `[${this.host}]` : this.host}:${this.boundPort}`;
  }

  baseUrl(partnerId: string): string {
    return `${this.origin}/partners/${partnerId}`;
  }

  messages(): ReceivedPartnerMessage[] {
    return [...this.received];
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.boundPort, this.host, () => {
        server.off('error', reject);
        const address = server.address();
        if (typeof address === 'object' && address) this.boundPort = address.port;
        resolve();
      });
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/partners\/([a-z0-9][a-z0-9-]{1,63})\/v1\/messages$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return answer(res, 404, { error: 'not found' });
    const partnerId = match[1] as string;
    const secret = this.secrets.get(partnerId);
    if (!secret) return answer(res, 404, { error: 'unknown partner' });

    const raw = await readBody(req).catch(() => null);
    if (raw === null) return answer(res, 413, { error: 'body too large' });
    try {
      new Webhook(secret).verify(raw, headerRecord(req));
    } catch {
      this.options.log?.(`partner simulator: ${partnerId} refused a message with a bad signature`);
      return answer(res, 401, { error: 'signature does not verify' });
    }
    let message: { type?: unknown; data?: unknown };
    try {
      message = JSON.parse(raw) as typeof message;
    } catch {
      return answer(res, 400, { error: 'body is not JSON' });
    }
    if (typeof message.type !== 'string' || typeof message.data !== 'object' || message.data === null) {
      return answer(res, 422, { error: 'expected { type, data }' });
    }

    const key = headerValue(req, 'idempotency-key');
    const known = key ? this.references.get(`${partnerId}/${key}`) : undefined;
    if (known) return answer(res, 202, { reference: known });
    const reference = `sim-${partnerId}-${randomUUID().slice(0, 8)}`;
    if (key) this.references.set(`${partnerId}/${key}`, reference);
    const data = message.data as Record<string, unknown>;
    this.received.push({ partnerId, type: message.type, data, idempotencyKey: key, raw });
    this.options.log?.(`partner simulator: ${partnerId} received ${message.type} for ${String(data.caseRef)}`);
    answer(res, 202, { reference });
    this.playPartner(partnerId, message.type, data);
  }

  /** Demo mode: what a cooperative partner would answer, a little later. */
  private playPartner(partnerId: string, type: string, data: Record<string, unknown>): void {
    const demo = this.options.demo;
    const caseRef = typeof data.caseRef === 'string' ? data.caseRef : undefined;
    if (!demo || !caseRef) return;
    const events: Array<[PartnerEvent['type'], Record<string, unknown>]> = [];
    if (type === 'referral.requested') {
      events.push(['referral.acknowledged', { keyContact: `${partnerId.slice(0, 20)}-key`, alternateContact: `${partnerId.slice(0, 20)}-alt` }]);
      events.push(
        demo.decline?.has(partnerId)
          ? ['referral.answered', { answer: 'decline', declineReason: 'no-capacity' }]
          : ['referral.answered', { answer: 'accept', riskFeedback: 'agree' }],
      );
    } else if (type === 'arrival.notice') {
      events.push(['handover.confirmed', {}]);
    } else if (type === 'follow-up.requested' && typeof data.checkpoint === 'string') {
      events.push([
        'follow-up.reported',
        { checkpoint: data.checkpoint, situation: { housing: 'stable', income: 'unstable', wellbeing: 'fair', inContact: true }, concerns: [] },
      ]);
    }
    events.forEach(([eventType, fields], index) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        void this.sendEvent(partnerId, eventType, caseRef, fields);
      }, demo.delayMs * (index + 1));
      this.pending.add(timer);
    });
  }

  private async sendEvent(partnerId: string, type: PartnerEvent['type'], caseRef: string, fields: Record<string, unknown>): Promise<void> {
    const demo = this.options.demo;
    const secret = this.secrets.get(partnerId);
    if (!demo || !secret) return;
    const eventId = `evt_${randomUUID().replace(/-/g, '')}`;
    const now = new Date();
    const event: PartnerEvent = { type, data: { caseRef, at: now.toISOString(), ...fields } };
    const body = JSON.stringify(event);
    const record = { ...event, partnerId, delivered: false };
    this.sentEvents.push(record);
    const url = `${demo.gatewayUrl.replace(/\/+$/, '')}/v1/events`;
    // A few attempts with the same event id and body, as a real partner system would retry.
    for (let attempt = 1; attempt <= 3 && this.server; attempt++) {
      const sentAt = new Date();
      try {
        const response = await fetch(url, {
          method: 'POST',
          redirect: 'manual',
          signal: AbortSignal.timeout(5000),
          headers: signedEventHeaders({ clientId: partnerId, webhookId: eventId, at: sentAt, body, secret }),
          body,
        });
        await response.body?.cancel().catch(() => undefined);
        if (response.ok) {
          record.delivered = true;
          this.options.log?.(`partner simulator: ${partnerId} sent ${type} for ${caseRef}`);
          return;
        }
        if (response.status < 500) {
          this.options.log?.(`partner simulator: the gateway refused ${type} for ${caseRef} (HTTP ${response.status})`);
          return;
        }
      } catch {
        // gateway not running or not reachable: retry below
      }
      if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
    this.options.log?.(`partner simulator: could not deliver ${type} for ${caseRef} to ${url} (is the gateway running?)`);
  }
}

function answer(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function headerValue(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function headerRecord(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
