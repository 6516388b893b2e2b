/**
 * One line per test file to get the real server, real peers (SMTP sink and partner simulator) and a
 * way to run a programme on its own task queue with the real worker and real activities.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { temporal } from '@temporalio/proto';
import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openProgramme } from '../../client/openProgramme.js';
import { writeCaseSecretFile } from '../../codec/caseSecretFolder.js';
import { loadCodecConfig } from '../../codec/config.js';
import { programmeCaseSecrets } from '../../codec/dataConverter.js';
import type { PolicyInput } from '../../domain/policy.js';
import type { ProgrammeInput } from '../../domain/programme.js';
import type { returnProgramme } from '../../workflows/returnProgramme.js';
import type { ReceivedMail } from '../../dev/smtpSink.js';
import { HISTORY_KEYS } from './historyKeys.js';
import { useTestPeers, type TestPeers, type TestPeersOptions } from './peers.js';
import { programmeInput } from './programmes.js';
import { connectToTestServer, runCodecEnv, uniqueCaseRef, uniqueTaskQueue, withProgrammeWorker } from './temporal.js';

export interface Harness {
  readonly env: TestWorkflowEnvironment;
  readonly peers: TestPeers;
  /** Opens a programme (short policy, fresh case reference) and runs `fn` while a real worker serves it. */
  run<T>(
    overrides: Partial<ProgrammeInput> & { policy?: PolicyInput },
    fn: (handle: WorkflowHandle<typeof returnProgramme>, caseRef: string) => Promise<T>,
  ): Promise<T>;
  /** Mail about one case, optionally to one address and with a subject containing `subject`. */
  mailFor(caseRef: string, filter?: { to?: string; subject?: string }): ReceivedMail[];
}

export function useHarness(peerOptions: TestPeersOptions = {}): Harness {
  let env: TestWorkflowEnvironment | undefined;
  const peers = useTestPeers(peerOptions);
  beforeAll(async () => {
    env = await connectToTestServer();
  });
  afterAll(async () => {
    await env?.teardown();
  });
  return {
    get env() {
      return env!;
    },
    peers,
    async run(overrides, fn) {
      const taskQueue = uniqueTaskQueue('programme');
      const caseRef = overrides.caseRef ?? uniqueCaseRef();
      return withProgrammeWorker(
        taskQueue,
        async () => {
          const { handle } = await openProgramme(env!.client, programmeInput(caseRef, overrides), { taskQueue });
          const value = await fn(handle, caseRef);
          if (process.env.RECORD_HISTORIES) await recordHistory(handle);
          return value;
        },
        peers.activities,
      );
    },
    mailFor(caseRef, filter = {}) {
      return peers.smtp.messages().filter((m) => {
        if (!m.raw.includes(caseRef)) return false;
        if (filter.to && !m.to.includes(filter.to)) return false;
        if (filter.subject && !subjectOf(m).includes(filter.subject)) return false;
        return true;
      });
    },
  };
}

/**
 * `RECORD_HISTORIES=1 npx vitest run test/programme` keeps each completed programme's history
 * under test/histories/ for the replay test (see docs/workflow-changes.md), and its case secret in
 * the committed folder store beside it.
 */
async function recordHistory(handle: WorkflowHandle<typeof returnProgramme>): Promise<void> {
  const description = await handle.describe();
  if (description.status.name !== 'COMPLETED') return;
  const { outcome } = await handle.result();
  const test = (expect.getState().currentTestName ?? 'programme').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 80);
  const file = join(HISTORIES, `${outcome}--${test}.binpb`);
  mkdirSync(HISTORIES, { recursive: true });
  writeFileSync(file, temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish());
  const secret = await programmeCaseSecrets(loadCodecConfig(runCodecEnv())).existingSecret(handle.workflowId);
  if (secret) writeCaseSecretFile(HISTORY_KEYS.caseKeysDir, handle.workflowId, secret);
}

const HISTORIES = fileURLToPath(new URL('../histories/', import.meta.url));

export function subjectOf(mail: ReceivedMail): string {
  return /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(mail.raw)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';
}

/** Waits until `check` returns a non-empty array (mail and partner requests arrive asynchronously). */
export async function eventually<T>(check: () => T[], what: string, timeoutMs = 20_000): Promise<T[]> {
  const started = Date.now();
  for (;;) {
    const found = check();
    if (found.length > 0) return found;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
