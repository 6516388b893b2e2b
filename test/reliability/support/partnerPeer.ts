/**
 * The partners' API as the worker processes reach it: answers every message with 2xx, or fails the
 * way partners fail (5xx, no answer, a dropped connection) while a scenario says so. It records each
 * request with the answer it got, so a delivery counts only when the partner really accepted it.
 */
import { createServer, type Server } from 'node:http';
import { closeServer } from '../../../dev/httpServer.js';

export type PartnerMode = 'ok' | 'error-5xx' | 'hang' | 'reset';

export interface PartnerRequest {
  path: string;
  idempotencyKey: string;
  type: string;
  caseRef: string;
  body: string;
  answer: PartnerMode;
}

export class PartnerPeer {
  private server: Server | undefined;
  readonly requests: PartnerRequest[] = [];
  mode: PartnerMode = 'ok';
  /** Holds each 2xx answer this long, so activities are in flight when a scenario strikes. */
  delayMs = 0;
  /** Requests being answered right now. */
  inFlight = 0;
  port = 0;

  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const parsed = safeJson(body);
        const mode = this.mode;
        this.requests.push({
          path: req.url ?? '',
          idempotencyKey: String(req.headers['idempotency-key'] ?? ''),
          type: parsed?.type ?? '',
          caseRef: parsed?.data?.caseRef ?? '',
          body,
          answer: mode,
        });
        if (mode === 'hang') return; // the client's own timeout ends it
        if (mode === 'reset') return void req.socket.destroy();
        if (mode === 'error-5xx') {
          res.writeHead(503, { 'content-type': 'application/json' });
          return void res.end('{"error":"unavailable"}');
        }
        this.inFlight += 1;
        setTimeout(() => {
          this.inFlight -= 1;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ reference: `ref-${this.requests.length}` }));
        }, this.delayMs);
      });
    });
    server.on('clientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
  }

  /** Requests the partner accepted (answered 2xx). */
  accepted(): PartnerRequest[] {
    return this.requests.filter((r) => r.answer === 'ok');
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }
}

function safeJson(text: string): { type?: string; data?: { caseRef?: string } } | undefined {
  try {
    return JSON.parse(text) as { type?: string; data?: { caseRef?: string } };
  } catch {
    return undefined;
  }
}
