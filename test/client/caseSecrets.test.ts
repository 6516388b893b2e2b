/**
 * The operator's commands for case secrets, run as an operator runs them, on a database of this
 * file's own: a process still configured with the old folder refuses to start; the folder imports
 * (twice, the same counts); a new current key is
 * re-wrapped onto every secret.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCaseSecretFile } from '../../codec/caseSecretFolder.js';
import { generateKeyRingFile } from '../../codec/keyRing.js';
import { createScratchDatabase, type ScratchDatabase } from '../../dev/scratchDatabase.js';
import { tempDir } from '../codec/support.js';
import { cliEnv, runCli } from './runCli.js';

let database: ScratchDatabase;
let env: Record<string, string>;
const dir = tempDir('case-secrets-cli');
const folder = join(dir, 'case-keys');

beforeAll(async () => {
  database = await createScratchDatabase('pr_case_secrets_cli');
  const old = generateKeyRingFile('k-old');
  writeFileSync(join(dir, 'ring.json'), JSON.stringify(old));
  writeFileSync(join(dir, 'rotated.json'), JSON.stringify({ current: 'k-new', keys: { ...old.keys, ...generateKeyRingFile('k-new').keys } }));
  env = cliEnv('case-secrets', { DATABASE_URL: database.url, PR_PSEUDONYM_KEY: randomBytes(32).toString('base64'), PR_CODEC_KEYS_FILE: join(dir, 'ring.json') });
  mkdirSync(folder);
  for (const n of [1, 2, 3]) writeCaseSecretFile(folder, `return-programme-CMM-2026-100${n}`, randomBytes(32));
  writeFileSync(join(folder, `${'e'.repeat(64)}.key`), 'erased\n');
});
afterAll(() => database.drop());

describe('prepared-return case-secrets', () => {
  it('refuses a process still set up with the folder store, and imports that folder, the same however often', async () => {
    const stale = await runCli(['status', 'CMM-2026-1001'], { ...env, PR_CASE_KEYS_DIR: folder });
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toContain('PR_CASE_KEYS_DIR: expected unset: case secrets are kept in the database now');

    const missing = await runCli(['case-secrets', 'import', '--from', join(dir, 'nothing-here')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--from: expected an existing folder');

    const first = await runCli(['case-secrets', 'import', '--from', folder, '--json'], { ...env, PR_CASE_KEYS_DIR: folder });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ folder, secrets: 3, erased: 1, added: 3, alreadyErased: 0, conflicts: 0 });
    const again = await runCli(['case-secrets', 'import', '--from', folder], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('3 case secret(s) and 1 erased case(s); 0 secret(s) added to the database, 3 already there. The folder is no longer needed.');
  });

  it('re-wraps every case secret under the new current key, once', async () => {
    const rotated = { ...env, PR_CODEC_KEYS_FILE: join(dir, 'rotated.json') };
    const first = await runCli(['case-secrets', 'rewrap', '--json'], rotated);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ rewrapped: 3, current: 3 });
    const again = await runCli(['case-secrets', 'rewrap'], rotated);
    expect(again.stdout).toContain("0 case secret(s) re-wrapped; all 3 are now under the key ring's current key.");
    // The old ring alone no longer holds the key they are wrapped under.
    const old = await runCli(['case-secrets', 'rewrap'], env);
    expect(old.code).not.toBe(0);
    expect(old.stderr).toContain('k-new (3), not in the key ring');
  });
});
