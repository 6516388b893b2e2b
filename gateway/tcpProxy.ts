/**
 * A small TCP proxy: one address in front of one or more servers, each new connection going to the
 * next server in turn (round robin), and to the one after when a server does not answer. The local
 * cluster puts its gateway replicas behind one address with it, as a load balancer does in a
 * deployment; the cluster and reliability tests put one in front of PostgreSQL to take the database
 * away (`cut`: every connection dropped, new ones refused, as while PostgreSQL restarts) and bring it
 * back (`restore`) without touching the PostgreSQL server itself, which others on the machine share.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface ProxyTarget {
  host: string;
  port: number;
}

export interface TcpProxyOptions {
  host: string;
  /** 0 for a free port (the same one is used again after `restore`). */
  port: number;
  targets: ProxyTarget[];
  /** How long a server may take to accept before the next one is tried. */
  connectTimeoutMs?: number;
}

export class TcpProxy {
  private server: Server | undefined;
  private readonly open = new Set<Socket>();
  private next = 0;
  private boundPort = 0;
  /** Connections each target has taken, in the order of `targets`. */
  readonly connections: number[];

  constructor(private readonly options: TcpProxyOptions) {
    if (options.targets.length === 0) throw new Error('a proxy needs at least one target');
    this.connections = options.targets.map(() => 0);
  }

  get port(): number {
    return this.boundPort;
  }

  get address(): string {
    return `${this.options.host}:${this.boundPort}`;
  }

  async start(): Promise<void> {
    const server = createServer((client) => this.forward(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.options.host, port: this.boundPort || this.options.port }, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    if (typeof address === 'object' && address) this.boundPort = address.port;
    this.server = server;
  }

  /** Drops every connection and refuses new ones until `restore`. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restore(): Promise<void> {
    if (!this.server) await this.start();
  }

  async stop(): Promise<void> {
    await this.cut();
  }

  private forward(client: Socket): void {
    this.track(client);
    client.pause();
    this.tryTarget(client, 0);
  }

  private tryTarget(client: Socket, tried: number): void {
    if (tried >= this.options.targets.length || client.destroyed) {
      client.destroy();
      return;
    }
    const index = this.next;
    this.next = (this.next + 1) % this.options.targets.length;
    const target = this.options.targets[index]!;
    const upstream = connect({ host: target.host, port: target.port });
    this.track(upstream);
    const timer = setTimeout(() => upstream.destroy(new Error('connect timeout')), this.options.connectTimeoutMs ?? 2000);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      clearTimeout(timer);
      this.connections[index]! += 1;
      upstream.once('close', () => client.destroy());
      client.once('close', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => {
      clearTimeout(timer);
      // Not connected yet, so nothing was sent: the next server may take the connection.
      if (connected) client.destroy();
      else this.tryTarget(client, tried + 1);
    });
  }

  private track(socket: Socket): void {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }
}
