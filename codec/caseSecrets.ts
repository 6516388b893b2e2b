/**
 * Per-case secrets: half of every case payload key (the other half is the key ring's key). Erasing a
 * case destroys its secret, so every copy of its history — the server's database, a backup, an
 * exported JSON file — can no longer be decrypted, even by someone holding the key ring.
 *
 * They live in PostgreSQL (`case_secrets`), every process reading the same rows: an erasure is seen
 * by the very next encode or decode of every process that shows data to people, because none of them
 * keeps a secret beyond one call (the worker keeps those of its programmes: see `remember`).
 * Each secret is stored wrapped (envelope encryption) under the key ring's current key, so the table
 * alone, or a dump of it, decrypts nothing; rotating the ring re-wraps them (`rewrap`). Rows are keyed
 * by a keyed pseudonym of the workflow id, never by the case reference. An erased case leaves a
 * tombstone (`case_secret_tombstones`): nothing can be encrypted for it again by accident.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { inTransaction, type Database } from '../store/database.js';
import { pseudonym } from '../store/pseudonym.js';
import type { KeyRing } from './keyRing.js';

export const CASE_SECRET_BYTES = 32;
const WRAP_SCHEME = 'prepared-return/case-secret-wrap/v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The first half of the advisory lock a case's creation and erasure take, so they never interleave. */
const LOCK_CLASS = 0x0ca5e;
/** What PostgreSQL answers when the tombstone trigger refuses a secret. */
const INTEGRITY_VIOLATION = '23000';

export class CaseErased extends Error {
  constructor(readonly caseId: string) {
    super(`the data of ${caseId} was erased; its payloads can no longer be encrypted or decrypted`);
    this.name = 'CaseErased';
  }
}

/**
 * The name a case has in a folder store and from which its row's key is derived: the SHA-256 of the
 * workflow id. Keyed on this rather than on the workflow id itself, a folder store (whose file names
 * are these hashes) imports without anyone knowing which cases its files belong to.
 */
export function caseHash(workflowId: string): string {
  return createHash('sha256').update(workflowId).digest('hex');
}

export interface CaseSecretsOptions {
  db: Database;
  /** PR_PSEUDONYM_KEY: rows are found by a keyed pseudonym of the case. */
  pseudonymKey: string;
  /** Wraps new secrets under its current key; unwraps under any key it still holds. */
  keys: KeyRing;
  /**
   * The worker's own: keep each secret once read. A worker decrypts every task of the programmes it
   * runs and serves no decoded data to anyone, and a case is erased only once its programme has been
   * ended and deleted, so what it keeps can never show an erased case; it lets running programmes
   * carry on through a database outage. Every process that shows data to people reads each time.
   */
  remember?: boolean;
}

/** How a secret from elsewhere (a folder store) fared on import. */
export type ImportedSecret = 'added' | 'present' | 'erased' | 'conflict';

export class CaseSecrets {
  private readonly remembered = new Map<string, Buffer>();

  constructor(private readonly options: CaseSecretsOptions) {}

  /** The case's secret, created on first use. Throws CaseErased for an erased case. */
  async secretFor(workflowId: string): Promise<Buffer> {
    const kept = this.remembered.get(workflowId);
    if (kept) return kept;
    return this.keep(workflowId, await this.readOrCreate(workflowId));
  }

  /** The case's secret when it exists; never creates one (decoding must not invent keys). Throws CaseErased for an erased case. */
  async existingSecret(workflowId: string): Promise<Buffer | undefined> {
    const kept = this.remembered.get(workflowId);
    if (kept) return kept;
    const found = await this.read(workflowId, caseHash(workflowId));
    return found ? this.keep(workflowId, found) : undefined;
  }

  private keep(workflowId: string, secret: Buffer): Buffer {
    if (this.options.remember) this.remembered.set(workflowId, secret);
    return secret;
  }

  private async readOrCreate(workflowId: string): Promise<Buffer> {
    const hash = caseHash(workflowId);
    const found = await this.read(workflowId, hash);
    if (found) return found;
    const caseKey = this.caseKey(hash);
    await this.underCaseLock(caseKey, (client) => this.insert(client, caseKey, randomBytes(CASE_SECRET_BYTES))).catch((err: unknown) => {
      throw isTombstoneRefusal(err) ? new CaseErased(workflowId) : err;
    });
    // Whoever won a race, every process now reads the one secret that was stored.
    const stored = await this.read(workflowId, hash);
    if (!stored) throw new Error(`the case secret of ${workflowId} could not be stored`);
    return stored;
  }

  /**
   * Destroys the case's secret and leaves its tombstone, in one transaction. Idempotent.
   * Returns whether a secret existed.
   */
  async erase(workflowId: string): Promise<boolean> {
    return this.tombstone(caseHash(workflowId));
  }

  /** The tombstone for a case known by its hash (an erasure, or one imported from a folder store). */
  async tombstone(hash: string): Promise<boolean> {
    const caseKey = this.caseKey(hash);
    return this.underCaseLock(caseKey, async (client) => {
      await client.query('INSERT INTO case_secret_tombstones (case_key) VALUES ($1) ON CONFLICT DO NOTHING', [caseKey]);
      const deleted = await client.query('DELETE FROM case_secrets WHERE case_key = $1', [caseKey]);
      return (deleted.rowCount ?? 0) > 0;
    });
  }

  /** Stores a secret that exists elsewhere (a folder store), for the case known by its hash. */
  async adopt(hash: string, secret: Buffer): Promise<ImportedSecret> {
    if (secret.length !== CASE_SECRET_BYTES) throw new Error(`a case secret must be ${CASE_SECRET_BYTES} bytes`);
    const caseKey = this.caseKey(hash);
    try {
      const inserted = await this.underCaseLock(caseKey, (client) => this.insert(client, caseKey, secret));
      if (inserted) return 'added';
    } catch (err) {
      if (isTombstoneRefusal(err)) return 'erased';
      throw err;
    }
    const stored = await this.read(hash, hash).catch((err: unknown) => {
      if (err instanceof CaseErased) return undefined;
      throw err;
    });
    if (!stored) return 'erased';
    return stored.equals(secret) ? 'present' : 'conflict';
  }

  /**
   * Wraps every secret not yet under the ring's current key under it. Nothing changes when a secret
   * is wrapped under a key the ring no longer holds: that key must be put back first.
   */
  async rewrap(): Promise<{ rewrapped: number; current: number }> {
    const { db, keys } = this.options;
    const { rows: byKey } = await db.pool.query<{ wrapping_key_id: string; count: string }>(
      'SELECT wrapping_key_id, count(*) AS count FROM case_secrets GROUP BY wrapping_key_id',
    );
    const missing = byKey.filter((row) => !keys.key(row.wrapping_key_id));
    if (missing.length) {
      throw new Error(
        `case secrets are wrapped under ${missing.map((row) => `${row.wrapping_key_id} (${row.count})`).join(', ')}, not in the key ring: put the key back to re-wrap them`,
      );
    }
    const current = keys.current.id;
    let rewrapped = 0;
    for (;;) {
      const { rows } = await db.pool.query<{ case_key: string; wrapped: Buffer; wrapping_key_id: string }>(
        'SELECT case_key, wrapped, wrapping_key_id FROM case_secrets WHERE wrapping_key_id <> $1 ORDER BY case_key LIMIT 500',
        [current],
      );
      if (!rows.length) break;
      for (const row of rows) {
        const secret = this.unwrap(row.case_key, row.wrapping_key_id, row.wrapped);
        // Only if nobody erased or re-wrapped it meanwhile: an erased case stays erased.
        const updated = await db.pool.query(
          'UPDATE case_secrets SET wrapped = $3, wrapping_key_id = $4 WHERE case_key = $1 AND wrapping_key_id = $2',
          [row.case_key, row.wrapping_key_id, this.wrap(row.case_key, current, secret), current],
        );
        rewrapped += updated.rowCount ?? 0;
      }
    }
    const { rows } = await db.pool.query<{ count: string }>('SELECT count(*) AS count FROM case_secrets');
    return { rewrapped, current: Number(rows[0]!.count) };
  }

  private async read(caseId: string, hash: string): Promise<Buffer | undefined> {
    const caseKey = this.caseKey(hash);
    const { rows } = await this.options.db.pool.query<{ wrapped: Buffer | null; wrapping_key_id: string | null; erased: boolean }>(
      `SELECT s.wrapped, s.wrapping_key_id, EXISTS (SELECT 1 FROM case_secret_tombstones t WHERE t.case_key = $1) AS erased
         FROM (SELECT 1) AS one LEFT JOIN case_secrets s ON s.case_key = $1`,
      [caseKey],
    );
    const row = rows[0]!;
    if (row.erased) throw new CaseErased(caseId);
    if (!row.wrapped || !row.wrapping_key_id) return undefined;
    return this.unwrap(caseKey, row.wrapping_key_id, row.wrapped);
  }

  /** Inserts the secret unless the case has one already; whether it did. */
  private async insert(client: pg.PoolClient, caseKey: string, secret: Buffer): Promise<boolean> {
    const current = this.options.keys.current.id;
    const result = await client.query(
      'INSERT INTO case_secrets (case_key, wrapped, wrapping_key_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [caseKey, this.wrap(caseKey, current, secret), current],
    );
    return (result.rowCount ?? 0) > 0;
  }

  /** Creation and erasure of one case take turns, so no secret is ever stored beside a tombstone. */
  private underCaseLock<T>(caseKey: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return inTransaction(this.options.db, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_CLASS, caseKey]);
      return work(client);
    });
  }

  private caseKey(hash: string): string {
    return pseudonym(this.options.pseudonymKey, 'case-secret', hash);
  }

  private wrap(caseKey: string, keyId: string, secret: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.wrappingKey(keyId), iv);
    cipher.setAAD(wrappingAad(caseKey, keyId));
    return Buffer.concat([iv, cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
  }

  private unwrap(caseKey: string, keyId: string, wrapped: Buffer): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.wrappingKey(keyId), wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(wrappingAad(caseKey, keyId));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new Error(`a case secret wrapped under key ${keyId} failed authentication: altered, or moved from another case`);
    }
  }

  /** Its own key, derived from the ring's: a wrapped secret and a payload are never under the same key. */
  private wrappingKey(keyId: string): Buffer {
    const master = this.options.keys.key(keyId);
    if (!master) throw new Error(`a case secret is wrapped under key ${keyId}, which is not in the key ring`);
    return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), WRAP_SCHEME, 32));
  }
}

function wrappingAad(caseKey: string, keyId: string): Buffer {
  return Buffer.from([WRAP_SCHEME, caseKey, keyId].join('\0'), 'utf8');
}

function isTombstoneRefusal(err: unknown): boolean {
  return (err as { code?: string }).code === INTEGRITY_VIOLATION;
}
