/**
 * Erasure requests between the supervisor who asks and the data protection officer who decides: one
 * JSON file per request, replaced atomically at each step, so a restart loses none. A request holds
 * the case reference, the reason code and who did what: no personal data.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const ERASURE_REASONS = ['retention-expired', 'data-subject-request', 'opened-in-error', 'other'] as const;
export type ErasureReason = (typeof ERASURE_REASONS)[number];

export interface ErasureRequest {
  id: string;
  caseRef: string;
  reason: ErasureReason;
  terminate: boolean;
  requestedBy: string;
  requestedAt: string;
  state: 'waiting' | 'erased' | 'rejected' | 'failed';
  decidedBy?: string;
  decidedAt?: string;
  /** Why it failed, in words (no personal data: the erasure errors name the case only). */
  failure?: string;
}

export class ErasureRequests {
  constructor(private readonly dir: string) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  create(fields: Pick<ErasureRequest, 'caseRef' | 'reason' | 'terminate' | 'requestedBy'>): ErasureRequest {
    const request: ErasureRequest = { id: `er-${randomUUID()}`, ...fields, requestedAt: new Date().toISOString(), state: 'waiting' };
    this.save(request);
    return request;
  }

  find(id: string): ErasureRequest | undefined {
    if (!/^er-[0-9a-f-]{36}$/.test(id)) return undefined;
    try {
      return JSON.parse(readFileSync(join(this.dir, `${id}.json`), 'utf8')) as ErasureRequest;
    } catch {
      return undefined;
    }
  }

  all(): ErasureRequest[] {
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => this.find(f.slice(0, -5)))
      .filter((r): r is ErasureRequest => r !== undefined)
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
  }

  save(request: ErasureRequest): void {
    const file = join(this.dir, `${request.id}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify(request), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  }
}
