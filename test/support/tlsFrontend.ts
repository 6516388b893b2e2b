/**
 * A Temporal frontend that speaks TLS only: the run's dev server (which has no TLS of its own) behind
 * a TLS-terminating proxy on a free loopback port, with the server certificate of a certificate
 * authority made for the test (dev/temporal-certificates.ts), asking every caller for a client
 * certificate signed by that authority, as the production frontend does (deploy/temporal/config).
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { createServer, type Server } from 'node:tls';
import type { TemporalCertificates } from '../../dev/temporal-certificates.js';

export interface TlsFrontend {
  /** Where callers connect: TLS only. */
  address: string;
  stop(): Promise<void>;
}

export async function startTlsFrontend(upstream: string, certificates: TemporalCertificates): Promise<TlsFrontend> {
  const at = upstream.lastIndexOf(':');
  const target = { host: upstream.slice(0, at), port: Number(upstream.slice(at + 1)) };
  // Open connections (a worker's long polls) would keep the server from closing: they are ended on stop.
  const open = new Set<{ destroy(): void }>();
  const server: Server = createServer(
    {
      cert: readFileSync(certificates.serverCert),
      key: readFileSync(certificates.serverKey),
      ca: readFileSync(certificates.caCert),
      requestCert: true,
      rejectUnauthorized: true,
      // gRPC over TLS is HTTP/2, agreed in the handshake; behind the proxy the dev server reads it in plain text.
      ALPNProtocols: ['h2'],
    },
    (socket) => {
      const plain = connect(target.port, target.host);
      open.add(socket).add(plain);
      socket.once('close', () => open.delete(socket));
      plain.once('close', () => open.delete(plain));
      socket.pipe(plain).pipe(socket);
      socket.on('error', () => plain.destroy());
      plain.on('error', () => socket.destroy());
    },
  );
  // A refused handshake is what some tests are about: it is not the proxy's error.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the TLS frontend has no port');
  return {
    address: `127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const connection of open) connection.destroy();
      }),
  };
}
