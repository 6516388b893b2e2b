/**
 * Replay: every committed history of a completed programme (one or more per outcome) must replay
 * with today's workflow code. A change that would break a running programme fails here; guard it
 * with `patched()` as docs/workflow-changes.md explains, and record a new history for the new path.
 */
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { importCaseSecretFolder } from '../codec/caseSecretFolder.js';
import { loadCodecConfig } from '../codec/config.js';
import { programmeCaseSecrets, programmeDataConverter } from '../codec/dataConverter.js';
import { createScratchDatabase, type ScratchDatabase } from '../dev/scratchDatabase.js';
import { openDatabase, type Database } from '../store/database.js';
import { refusingUnreadable } from '../codec/unreadableAsRefusal.js';
import { Outcome } from '../domain/outcomes.js';
import { HISTORY_KEYS } from './support/historyKeys.js';

const folder = fileURLToPath(new URL('./histories/', import.meta.url));
// Binary protobuf, exactly as the server returned it (`temporal workflow show --output json` gives the same as JSON).
// One folder per generation of the workflow code; the newest histories are at the top.
const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.binpb')).sort();
const outcomeOf = (file: string): string => basename(file).split('--')[0]!;
/** The generation recorded before payloads were encrypted. */
const RECORDED_IN_PLAINTEXT = 'before-2026-11-29/';

describe('committed programme histories', () => {
  // The histories' case secrets are committed as a folder store; they are imported into a database
  // of the test's own, as an operator imports a deployment's folder, and read from there.
  let database: ScratchDatabase;
  let db: Database;
  let keys: Record<string, string>;
  beforeAll(async () => {
    database = await createScratchDatabase('pr_replay');
    db = openDatabase({ url: database.url, poolMax: 2 });
    keys = { PR_CODEC_KEYS_FILE: HISTORY_KEYS.keyRingFile, DATABASE_URL: database.url, PR_PSEUDONYM_KEY: randomBytes(32).toString('base64') };
    const imported = await importCaseSecretFolder(programmeCaseSecrets(loadCodecConfig(keys), db), HISTORY_KEYS.caseKeysDir);
    expect(imported).toMatchObject({ added: imported.secrets, conflicts: 0 });
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  it('cover every outcome', () => {
    const outcomes = new Set(files.map(outcomeOf));
    expect([...outcomes].sort()).toEqual([...Outcome.options].sort());
  });

  it('all replay with the current workflow code, without nondeterminism', async () => {
    const failures: string[] = [];
    let replayed = 0;
    // The worker's converter with the test-only keys the histories were recorded with (their data is
    // made up). The oldest generation predates encryption, as the programmes running at the first
    // encrypted deployment do: it replays with plaintext allowed. Every later one is replayed as
    // production runs it, where an unencrypted payload refuses its message (some of them record
    // exactly that refusal).
    const inPlaintext = (f: string) => f.startsWith(RECORDED_IN_PLAINTEXT);
    const generations = [
      { files: files.filter((f) => !inPlaintext(f)), dataConverter: refusingUnreadable(programmeDataConverter(loadCodecConfig(keys), HISTORY_KEYS.namespace, db)) },
      { files: files.filter(inPlaintext), dataConverter: refusingUnreadable(programmeDataConverter(loadCodecConfig({ ...keys, PR_CODEC_ALLOW_PLAINTEXT: 'true' }), HISTORY_KEYS.namespace, db)) },
    ];
    for (const { files: generation, dataConverter } of generations) {
      const histories = generation.map((file) => ({ workflowId: file, history: temporal.api.history.v1.History.decode(readFileSync(join(folder, file))) }));
      for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter }, histories)) {
        replayed += 1;
        if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
