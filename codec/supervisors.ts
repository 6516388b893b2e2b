/**
 * Who may decode: one bearer token per supervisor, kept in configuration only as its SHA-256 hash
 * (tokens are 32 random bytes, so a plain hash is enough; no password stretching needed). A lost
 * token is revoked by deleting its line; nobody can recover a token from the file.
 *
 *   supervisors:
 *     - id: sup-anna
 *       tokenSha256: 3f1d…   # printf %s "$TOKEN" | sha256sum
 *       namespaces: [default]
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { readConfigFile } from '../activities/configFile.js';
import { StaffId } from '../domain/programme.js';
import { parseOrThrow } from '../domain/validation.js';

export const SupervisorsFile = z.strictObject({
  supervisors: z
    .array(
      z.strictObject({
        id: StaffId,
        tokenSha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the SHA-256 of the token as 64 lower-case hex digits'),
        namespaces: z.array(z.string().min(1)).min(1, 'expected at least one namespace'),
      }),
    )
    .min(1, 'expected at least one supervisor'),
});
export type SupervisorsFile = z.output<typeof SupervisorsFile>;

export interface Supervisor {
  id: string;
  namespaces: readonly string[];
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A fresh token for a supervisor: 32 random bytes, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export class Supervisors {
  private readonly entries: Array<Supervisor & { hash: Buffer }>;

  constructor(file: SupervisorsFile) {
    this.entries = file.supervisors.map((s) => ({ id: s.id, namespaces: s.namespaces, hash: Buffer.from(s.tokenSha256, 'hex') }));
  }

  static fromFile(path: string): Supervisors {
    return new Supervisors(parseOrThrow(SupervisorsFile, readConfigFile(path, 'The supervisors file'), `The supervisors file ${path}`));
  }

  /** The supervisor whose token this is; every entry is compared, in constant time. */
  byToken(token: string): Supervisor | undefined {
    const hash = Buffer.from(hashToken(token), 'hex');
    let found: Supervisor | undefined;
    for (const entry of this.entries) if (timingSafeEqual(entry.hash, hash)) found ??= entry;
    return found;
  }
}
