/**
 * Stopping a local HTTP peer at once: open keep-alive connections are dropped first, or `close()`
 * would wait for clients that never hang up.
 */
import type { Server } from 'node:http';

export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
