/**
 * An audit trail in an append-only file (one JSON line per entry, written with O_APPEND and synced
 * before the request is answered). The deployment's audit store takes its place where one is configured.
 */
import { mkdirSync } from 'node:fs';
import { appendFile, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { AuditEntry, AuditQuery, AuditTrail } from './audit.js';

export class FileAuditTrail implements AuditTrail {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  record(entry: Omit<AuditEntry, 'at'>): Promise<void> {
    const line = `${JSON.stringify({ at: new Date().toISOString(), ...entry })}\n`;
    // One write at a time keeps lines whole; the sync makes an answered request's entry durable.
    this.queue = this.queue.then(async () => {
      await appendFile(this.path, line, { mode: 0o600 });
      const handle = await open(this.path, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    return this.queue;
  }

  async read(query: AuditQuery = {}): Promise<AuditEntry[]> {
    await this.queue.catch(() => undefined);
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    const entries = text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as AuditEntry)
      .filter((e) => (!query.caseRef || e.caseRef === query.caseRef) && (!query.actor || e.actor === query.actor))
      .reverse();
    return entries.slice(0, query.limit ?? 500);
  }
}
