/** Port checks for the local stack and the tests: a taken port is a clear message, not a stack trace. */
import { createServer } from 'node:net';

export function isPortFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host, exclusive: true }, () => probe.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now on `host`. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, host, exclusive: true }, () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}

export class PortTaken extends Error {
  constructor(readonly port: number, readonly host: string, readonly variable: string, readonly what: string) {
    super(`Port ${port} on ${host} is already in use, so the ${what} cannot start there. Stop whatever uses it, or choose another port: ${variable}=<port> npm start`);
    this.name = 'PortTaken';
  }
}

/** How long a taken port may take to come free: a stack stopped a moment ago is still letting its servers go. */
const RELEASE_GRACE_MS = 5_000;

export async function assertPortsFree(ports: Array<{ port: number; host: string; variable: string; what: string }>): Promise<void> {
  for (const p of ports) {
    const deadline = Date.now() + RELEASE_GRACE_MS;
    while (!(await isPortFree(p.port, p.host))) {
      if (Date.now() > deadline) throw new PortTaken(p.port, p.host, p.variable, p.what);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

/**
 * A free port between `low` and `high` (inclusive), tried at random: for ports the OS would not
 * hand out itself, such as the Temporal server's membership ports, which its cluster table stores
 * as a 16-bit signed number (at most 32767, below the OS's range of free ports).
 */
export async function freePortBetween(low: number, high: number, host = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (await isPortFree(port, host)) return port;
  }
  throw new Error(`no free port between ${low} and ${high} on ${host}`);
}
