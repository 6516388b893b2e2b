/**
 * Per-case secrets: half of every case payload key (the other half is the key ring's key). Erasing a
 * case destroys its secret, so every copy of its history — the server's database, a backup, an
 * exported JSON file — can no longer be decrypted, even by someone holding the key ring.
 *
 * One small file per case in a folder shared by worker, client, gateway and codec endpoint (a mounted
 * volume in deployments; `.data/case-keys` in the local stack). File names are hashes of the case's
 * workflow ID, so a directory listing says nothing about which cases exist.
 * An erased case leaves a tombstone: nothing can be encrypted for it again by accident.
 */
import { createHash, randomBytes } from 'node:crypto';
import { linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync, closeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';

export const CASE_SECRET_BYTES = 32;
const ERASED = 'erased';

export class CaseErased extends Error {
  constructor(readonly caseId: string) {
    super(`the data of ${caseId} was erased; its payloads can no longer be encrypted or decrypted`);
    this.name = 'CaseErased';
  }
}

export interface CaseKeyStoreOptions {
  dir: string;
  /** How long a process trusts a secret it has read; an erasure reaches every other process within it. */
  cacheMs?: number;
}

export class CaseKeyStore {
  readonly dir: string;
  private readonly cacheMs: number;
  private readonly cache = new Map<string, { secret: Buffer; until: number }>();

  constructor(options: CaseKeyStoreOptions) {
    this.dir = options.dir;
    this.cacheMs = options.cacheMs ?? 30_000;
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** The case's secret, created on first use. Throws CaseErased for an erased case. */
  secretFor(caseId: string): Buffer {
    const cached = this.cache.get(caseId);
    if (cached && cached.until > Date.now()) return cached.secret;
    const secret = this.read(caseId) ?? this.create(caseId);
    this.cache.set(caseId, { secret, until: Date.now() + this.cacheMs });
    return secret;
  }

  /** The case's secret when it exists; never creates one (decoding must not invent keys). */
  existingSecret(caseId: string): Buffer | undefined {
    const cached = this.cache.get(caseId);
    if (cached && cached.until > Date.now()) return cached.secret;
    const secret = this.read(caseId);
    if (secret) this.cache.set(caseId, { secret, until: Date.now() + this.cacheMs });
    return secret;
  }

  /**
   * Destroys the case's secret: overwritten, then replaced by a tombstone. Idempotent.
   * Returns whether a secret existed.
   */
  erase(caseId: string): boolean {
    this.cache.delete(caseId);
    const file = this.file(caseId);
    let existed = false;
    try {
      const fd = openSync(file, 'r+');
      try {
        const content = readFileSync(fd, 'utf8');
        existed = content.trim() !== ERASED;
        // Overwrite in place before the rename, so the old bytes do not linger in the file's blocks.
        writeSync(fd, randomBytes(Math.max(content.length, 64)), 0, undefined, 0);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temp, `${ERASED}\n`, { mode: 0o600 });
    renameSync(temp, file);
    return existed;
  }

  private read(caseId: string): Buffer | undefined {
    let content: string;
    try {
      content = readFileSync(this.file(caseId), 'utf8').trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    if (content === ERASED) throw new CaseErased(caseId);
    const secret = Buffer.from(content, 'base64');
    if (secret.length !== CASE_SECRET_BYTES) throw new Error(`the case key file for ${caseId} is damaged`);
    return secret;
  }

  /** Written to a temporary file and linked into place: two processes racing agree on one secret. */
  private create(caseId: string): Buffer {
    const file = this.file(caseId);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    writeFileSync(temp, `${randomBytes(CASE_SECRET_BYTES).toString('base64')}\n`, { mode: 0o600 });
    try {
      linkSync(temp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      rmSync(temp, { force: true });
    }
    const secret = this.read(caseId);
    if (!secret) throw new Error(`the case key for ${caseId} could not be stored in ${this.dir}`);
    return secret;
  }

  private file(caseId: string): string {
    return join(this.dir, `${createHash('sha256').update(caseId).digest('hex')}.key`);
  }
}
