/**
 * The folder store case secrets used to live in: one file per case, named by the SHA-256 of its
 * workflow id (`<hash>.key`), holding the secret in base64 or, for an erased case, the word
 * `erased`. Such a folder is imported into the database once
 * (`npx prepared-return case-secrets import --from <folder>`), and is not needed afterwards. The replay histories' keys are committed in this form.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CASE_SECRET_BYTES, caseHash, type CaseSecrets } from './caseSecrets.js';

const ENTRY = /^([0-9a-f]{64})\.key$/;
const ERASED = 'erased';

export interface FolderImport {
  /** Secrets found in the folder. */
  secrets: number;
  /** Erased cases (tombstones) found in the folder. */
  erased: number;
  /** Secrets stored in the database by this run (0 when run again). */
  added: number;
  /** Secrets the database had refused before: their case was erased there. */
  alreadyErased: number;
  /** Cases the database already holds another secret for: nothing overwritten, see to them by hand. */
  conflicts: number;
}

/** Imports every secret and tombstone of the folder. Safe to run again: the database ends up the same. */
export async function importCaseSecretFolder(secrets: CaseSecrets, dir: string): Promise<FolderImport> {
  const counts: FolderImport = { secrets: 0, erased: 0, added: 0, alreadyErased: 0, conflicts: 0 };
  // Tombstones first: a secret can never slip in for a case the folder says was erased.
  const entries = readdirSync(dir)
    .map((name) => ({ name, hash: ENTRY.exec(name)?.[1] }))
    .filter((entry): entry is { name: string; hash: string } => entry.hash !== undefined)
    .map((entry) => ({ ...entry, content: readFileSync(join(dir, entry.name), 'utf8').trim() }))
    .sort((a, b) => Number(b.content === ERASED) - Number(a.content === ERASED));
  for (const { name, hash, content } of entries) {
    if (content === ERASED) {
      await secrets.tombstone(hash);
      counts.erased += 1;
      continue;
    }
    const secret = Buffer.from(content, 'base64');
    if (secret.length !== CASE_SECRET_BYTES) throw new Error(`${join(dir, name)} is damaged: expected ${CASE_SECRET_BYTES} bytes in base64 or "${ERASED}"`);
    counts.secrets += 1;
    const outcome = await secrets.adopt(hash, secret);
    if (outcome === 'added') counts.added += 1;
    if (outcome === 'erased') counts.alreadyErased += 1;
    if (outcome === 'conflict') counts.conflicts += 1;
  }
  return counts;
}

/** Writes one case's secret in the folder form (the replay histories' keys are committed so). */
export function writeCaseSecretFile(dir: string, workflowId: string, secret: Buffer): void {
  writeFileSync(join(dir, `${caseHash(workflowId)}.key`), `${secret.toString('base64')}\n`, { mode: 0o600 });
}
