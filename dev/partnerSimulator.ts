/**
 * The partner organisations as the programme meets them: their API, which receives our messages,
 *
 *   POST /partners/{partnerId}/v1/messages   (the directory's baseUrl is http://host:port/partners/{partnerId})
 *
 * and their own systems, which send events to the partner gateway (dev/partnerSystem.ts). It plays
 * the API partners of the local stack (`npm start`), and the partners of the tests, the benchmark and
 * the reliability suite.
 *
 * A message is answered as a partner's API answers it: the Standard Webhooks signature is checked
 * with that partner's secret (401 when it does not verify), then it is accepted with 202
 * `{ "reference": "…" }`, a repeated Idempotency-Key getting the first reference again. A test or a
 * scenario may have the partners answer otherwise: the next messages as scripted (`answer`), every
 * message while an outage lasts (`outage`), each acceptance only after a while (`delayMs`). Every
 * message is kept with the answer it got (`requests`), to be counted, awaited and searched.
 *
 * In demo mode the partners also play their part: a referral is acknowledged and answered, an
 * arrival notice is followed by a handover confirmation, a follow-up request by a report, each a
 * signed event from the partner's system to the gateway (see docs/partner-api.md).
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { closeServer } from './httpServer.js';
import { PartnerSystem } from './partnerSystem.js';

export interface SimulatedPartner {
  id: string;
  /** The partner's Standard Webhooks secret (`whsec_…`) for our messages, shared with the programme. */
  secret: string;
  /** What its system signs its events with: the same secret unless the gateway knows it by another. */
  eventSecret?: string;
}

export interface PartnerSimulatorOptions {
  host?: string;
  port?: number;
  partners: SimulatedPartner[];
  /** The gateway the partners' systems send their events to. */
  gatewayUrl?: () => string;
  /** Every partner answers what it accepts, as a cooperative partner would (the local stack's demo mode). */
  demo?: {
    /** Pause before each answer, so the programme visibly waits. */
    pauseMs: number;
    /** Partner ids that decline referrals (the programme then asks the next partner). */
    decline?: ReadonlySet<string>;
  };
  log?: (line: string) => void;
}

/** An answer other than accepting the message. */
export type PartnerAnswer =
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Never answers (the caller's timeout ends it). */
  | { hang: true }
  /** Drops the connection after reading the message. */
  | { reset: true }
  /** 200 with a body of `streamBytes` bytes, sent in chunks without Content-Length. */
  | { streamBytes: number };

/** A message that reached a partner's address, with the answer it got. */
export interface ReceivedPartnerMessage {
  partnerId: string;
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** The body as it arrived. */
  body: string;
  /** The message's `type` and `data`; `''` and `{}` when the body is not a message. */
  type: string;
  data: Record<string, unknown>;
  /** The HTTP status it was answered with, or `hang` or `reset` when it got none. */
  answer: number | 'hang' | 'reset';
}

/** Which messages: those about one case, of one type, for one follow-up checkpoint. */
export interface MessageFilter {
  caseRef?: string;
  type?: string;
  checkpoint?: string;
}

/** As a partner system would expect a message to be: small. */
const MAX_BODY_BYTES = 64 * 1024;

export class PartnerSimulator {
  readonly host: string;
  /** Every message that reached a partner, oldest first (a long run calls `forget`). */
  readonly requests: ReceivedPartnerMessage[] = [];
  /** While set, every message gets this answer instead of being accepted: the partners' outage. */
  outage: PartnerAnswer | undefined;
  /** Holds each acceptance this long, so activities are in flight when a scenario strikes. */
  delayMs = 0;
  /** Acceptances being held right now. */
  inFlight = 0;
  private server: Server | undefined;
  private boundPort: number;
  private readonly partners: Map<string, SimulatedPartner>;
  private readonly systems: Map<string, PartnerSystem>;
  private readonly references = new Map<string, string>();
  private readonly script: PartnerAnswer[] = [];
  private readonly waiting = new Set<{ filter: MessageFilter; resolve: (message: ReceivedPartnerMessage) => void }>();
  private readonly pending = new Set<NodeJS.Timeout>();
  private stopping = new AbortController();

  constructor(private readonly options: PartnerSimulatorOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.boundPort = options.port ?? 0;
    this.partners = new Map(options.partners.map((p) => [p.id, p]));
    this.systems = new Map(options.partners.map((p) => [p.id, new PartnerSystem(p.id, p.eventSecret ?? p.secret, options.gatewayUrl ?? noGateway)]));
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

  /** The partner's own system, which sends its events to the gateway. */
  systemOf(partnerId: string): PartnerSystem {
    const system = this.systems.get(partnerId);
    if (!system) throw new Error(`the partner simulator plays no partner ${partnerId}`);
    return system;
  }

  /** The next messages get these answers, in order, whoever they are for. */
  answer(...answers: PartnerAnswer[]): this {
    this.script.push(...answers);
    return this;
  }

  /** The messages the partners accepted (a partner acts on these only), oldest first. */
  accepted(filter: MessageFilter = {}): ReceivedPartnerMessage[] {
    return this.requests.filter((m) => isAccepted(m) && matches(m, filter));
  }

  /** Resolves with the first accepted message that matches, whether it arrived before the call or arrives later. */
  received(filter: MessageFilter): Promise<ReceivedPartnerMessage> {
    const known = this.accepted(filter)[0];
    if (known) return Promise.resolve(known);
    return new Promise((resolve) => this.waiting.add({ filter, resolve }));
  }

  /** Forgets the messages about a case (a long run calls this once its programme has closed). */
  forget(caseRef: string): void {
    for (let i = this.requests.length - 1; i >= 0; i--) if (this.requests[i]!.data.caseRef === caseRef) this.requests.splice(i, 1);
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    // Programmes in parallel each hold a connection or two to their partner.
    server.keepAliveTimeout = 30_000;
    // A worker killed mid-request leaves a broken connection behind: nothing to answer there.
    server.on('clientError', (_err, socket) => socket.destroy());
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
    // Events still being retried are given up, and the next start may send again.
    this.stopping.abort();
    this.stopping = new AbortController();
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = /^\/partners\/([a-z0-9][a-z0-9-]{1,63})\/v1\/messages$/.exec(req.url ?? '');
    const partner = address ? this.partners.get(address[1]!) : undefined;
    if (!partner) return void reply(res, 404, { error: 'no partner at this address' });
    const body = await readBody(req).catch(() => null);
    if (body === null) return void reply(res, 413, { error: 'body too large' });
    const message = { partnerId: partner.id, method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, ...readMessage(body) };
    const scripted = this.script.shift() ?? this.outage;
    if (scripted) this.requests.push({ ...message, answer: answerWith(req, res, scripted) });
    else this.accept(partner, message, res);
  }

  /** As a partner's API takes a message: the signature checked, then a reference, the first one again for a repeat. */
  private accept(partner: SimulatedPartner, message: Omit<ReceivedPartnerMessage, 'answer'>, res: ServerResponse): void {
    const refusal = refusalOf(partner, message);
    if (refusal) {
      if (refusal.status === 401) this.log(`${partner.id} refused a message with a bad signature`);
      this.requests.push({ ...message, answer: reply(res, refusal.status, { error: refusal.error }) });
      return;
    }
    const idempotencyKey = message.headers['idempotency-key'];
    const key = typeof idempotencyKey === 'string' ? `${partner.id}/${idempotencyKey}` : undefined;
    const known = key ? this.references.get(key) : undefined;
    const reference = known ?? `sim-${partner.id}-${randomUUID().slice(0, 8)}`;
    if (key && !known) this.references.set(key, reference);
    const accepted = { ...message, answer: 202 };
    this.requests.push(accepted);
    this.inFlight += 1;
    setTimeout(() => {
      this.inFlight -= 1;
      reply(res, 202, { reference });
    }, this.delayMs);
    if (!known) this.taken(accepted);
  }

  /** A message accepted for the first time: whoever waits for it is told, and in demo mode the partner answers it. */
  private taken(message: ReceivedPartnerMessage): void {
    this.log(`${message.partnerId} received ${message.type} for ${String(message.data.caseRef)}`);
    for (const waiter of this.waiting) {
      if (!matches(message, waiter.filter)) continue;
      this.waiting.delete(waiter);
      waiter.resolve(message);
    }
    this.playPartner(message);
  }

  /** Demo mode: what a cooperative partner would answer, a little later. */
  private playPartner({ partnerId, type, data }: ReceivedPartnerMessage): void {
    const demo = this.options.demo;
    const caseRef = typeof data.caseRef === 'string' ? data.caseRef : undefined;
    if (!demo || !caseRef) return;
    const events: Array<[string, Record<string, unknown>]> = [];
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
        void this.sendEvent(partnerId, eventType, { caseRef, ...fields });
      }, demo.pauseMs * (index + 1));
      this.pending.add(timer);
    });
  }

  private async sendEvent(partnerId: string, type: string, data: Record<string, unknown> & { caseRef: string }): Promise<void> {
    try {
      await this.systemOf(partnerId).send(type, data, { deadlineMs: 15_000, signal: this.stopping.signal });
      this.log(`${partnerId} sent ${type} for ${data.caseRef}`);
    } catch (err) {
      this.log(`${partnerId} could not send ${type} for ${data.caseRef} (is the gateway running?): ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private log(line: string): void {
    this.options.log?.(`partner simulator: ${line}`);
  }
}

/** Why a partner's API refuses a message: not a POST, a signature that does not verify, or a body that is no message. */
function refusalOf(partner: SimulatedPartner, message: Omit<ReceivedPartnerMessage, 'answer'>): { status: number; error: string } | undefined {
  if (message.method !== 'POST') return { status: 405, error: 'messages are POSTed' };
  try {
    new Webhook(partner.secret).verify(message.body, stringHeaders(message.headers));
  } catch {
    return { status: 401, error: 'signature does not verify' };
  }
  return message.type ? undefined : { status: 422, error: 'expected { type, data }' };
}

function noGateway(): never {
  throw new Error('the partner simulator was given no gateway to send events to');
}

function isAccepted(message: ReceivedPartnerMessage): boolean {
  return typeof message.answer === 'number' && message.answer >= 200 && message.answer < 300;
}

function matches(message: ReceivedPartnerMessage, filter: MessageFilter): boolean {
  return (
    (filter.caseRef === undefined || message.data.caseRef === filter.caseRef) &&
    (filter.type === undefined || message.type === filter.type) &&
    (filter.checkpoint === undefined || message.data.checkpoint === filter.checkpoint)
  );
}

/** A scripted answer, written out; returns what the message was answered with. */
function answerWith(req: IncomingMessage, res: ServerResponse, answer: PartnerAnswer): ReceivedPartnerMessage['answer'] {
  if ('hang' in answer) return 'hang';
  if ('reset' in answer) {
    req.socket.destroy();
    return 'reset';
  }
  if ('streamBytes' in answer) {
    streamBody(res, answer.streamBytes);
    return 200;
  }
  res.writeHead(answer.status, answer.headers ?? {});
  res.end(answer.body ?? '');
  return answer.status;
}

/** A 200 whose body never seems to end: `bytes` of spaces in chunks, as fast as the reader takes them. */
function streamBody(res: ServerResponse, bytes: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(16 * 1024, 0x20);
  let left = bytes;
  const write = (): void => {
    while (left > 0) {
      const part = chunk.subarray(0, Math.min(chunk.length, left));
      left -= part.length;
      if (!res.write(part)) return void res.once('drain', write);
    }
    res.end();
  };
  res.on('error', () => undefined);
  write();
}

function reply(res: ServerResponse, status: number, body: object): number {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
  return status;
}

function readMessage(body: string): { type: string; data: Record<string, unknown> } {
  try {
    const message = JSON.parse(body) as { type?: unknown; data?: unknown };
    if (typeof message.type === 'string' && typeof message.data === 'object' && message.data !== null) return { type: message.type, data: message.data as Record<string, unknown> };
  } catch {
    // not JSON: not a message
  }
  return { type: '', data: {} };
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

function stringHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => typeof e[1] === 'string'));
}
