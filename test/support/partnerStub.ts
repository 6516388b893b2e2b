/**
 * A scriptable partner API on loopback for tests: answers each request with the next scripted
 * answer (a status, a hang, a dropped connection, an oversized body …) and records every request.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { closeServer } from '../../dev/httpServer.js';

export type StubAnswer =
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Never answers. */
  | { hang: true }
  /** Drops the connection after reading the request. */
  | { reset: true }
  /** 200 with a body of `bytes` bytes, sent in chunks without Content-Length. */
  | { streamBytes: number };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export class PartnerStub {
  private server: Server | undefined;
  readonly requests: RecordedRequest[] = [];
  private script: StubAnswer[] = [];
  /** Answer once the script is used up. */
  fallback: StubAnswer = { status: 200, body: JSON.stringify({ reference: 'stub-ref-1' }), headers: { 'content-type': 'application/json' } };
  port = 0;

  constructor(readonly host = '127.0.0.1') {}

  get origin(): string {
    return `http://${this.host}:${this.port}`;
  }

  /** The next requests get these answers, in order. */
  answer(...answers: StubAnswer[]): this {
    this.script.push(...answers);
    return this;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const next = this.script.shift() ?? this.fallback;
        if ('hang' in next) return;
        if ('reset' in next) return void req.socket.destroy();
        if ('streamBytes' in next) {
          res.writeHead(200, { 'content-type': 'application/json' });
          const chunk = Buffer.alloc(16 * 1024, 0x20);
          let left = next.streamBytes;
          const write = (): void => {
            while (left > 0) {
              const part = chunk.subarray(0, Math.min(chunk.length, left));
              left -= part.length;
              if (!res.write(part)) return void res.once('drain', write);
            }
            res.end();
          };
          res.on('error', () => undefined);
          return write();
        }
        res.writeHead(next.status, next.headers ?? {});
        res.end(next.body ?? '');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, this.host, resolve));
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await closeServer(server);
  }
}
