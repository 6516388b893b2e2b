/**
 * The caseworker walkthrough (docs/caseworker-walkthrough.md) is run as written: each ```sh block in
 * bash, with `prepared-return` on the PATH, through the caseworkers' app (its JSON API) after a
 * device-flow sign-in approved in Chromium, against the test server and a worker with real
 * activities. The shell has the app's address and nothing else: no Temporal address, no key ring,
 * no case secrets. `<!-- walkthrough: … -->` markers are where she signs in and where the partner
 * acts, through its own system.
 */
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { programmeWorkflowId } from '../../domain/programme.js';
import { signals } from '../../workflows/messages.js';
import { TEST_PARTNERS } from '../support/peers.js';
import { event, partner, waitForStatus } from '../support/programmes.js';
import { uniqueTaskQueue, withProgrammeWorker } from '../support/temporal.js';
import { useHarness } from '../support/harness.js';
import { BIN, REPO } from './runCli.js';
import { launchChromium } from '../support/chromium.js';
import { DESK_STAFF, startTestDesk } from '../support/desk.js';
import { deviceSignIn } from '../support/deviceSignIn.js';

const WALKTHROUGH = new URL('../../docs/caseworker-walkthrough.md', import.meta.url);

type Step = { kind: 'sh'; script: string } | { kind: 'partner'; action: string };

/** The sh blocks and partner markers, in the order the reader meets them. */
export function walkthroughSteps(markdown: string): Step[] {
  const steps: Step[] = [];
  const pattern = /```sh\n([\s\S]*?)```|<!-- walkthrough: (.+?) -->/g;
  for (const match of markdown.matchAll(pattern)) {
    if (match[1] !== undefined) steps.push({ kind: 'sh', script: match[1] });
    else steps.push({ kind: 'partner', action: match[2]!.trim() });
  }
  return steps;
}

function bash(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], { env, cwd });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

const h = useHarness();
const own: { desk?: Awaited<ReturnType<typeof startTestDesk>>; browser?: Browser } = {};

afterAll(async () => {
  await own.browser?.close();
  await own.desk?.stop();
});

/** A caseworker's shell: the app's address, her home folder, and nothing of Temporal or the keys. */
function caseworkerShell(bin: string, home: string, appUrl: string): Record<string, string> {
  const kept = Object.fromEntries(['LANG', 'TZ'].filter((k) => process.env[k]).map((k) => [k, process.env[k]!]));
  return { ...kept, PATH: `${bin}:${process.env.PATH ?? ''}`, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), PR_APP_URL: appUrl, NO_COLOR: '1' };
}

describe('docs/caseworker-walkthrough.md', () => {
  it('runs as written', async () => {
    const steps = walkthroughSteps(await readFile(WALKTHROUGH, 'utf8'));
    expect(steps.filter((s) => s.kind === 'sh').length).toBeGreaterThan(5);

    // `prepared-return` on the PATH, as after `npm link`.
    const bin = await mkdtemp(join(tmpdir(), 'pr-walkthrough-'));
    await writeFile(join(bin, 'prepared-return'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    await chmod(join(bin, 'prepared-return'), 0o755);
    const taskQueue = uniqueTaskQueue('cli-walkthrough');
    own.desk = await startTestDesk({ taskQueue });
    own.browser = await launchChromium();
    const home = await mkdtemp(join(tmpdir(), 'pr-walkthrough-home-'));
    const shellEnv = caseworkerShell(bin, home, own.desk.url);
    for (const name of Object.keys(shellEnv)) expect(name).not.toMatch(/^TEMPORAL_|^DATABASE_URL|^PR_(CODEC|CASE|KEY|PSEUDONYM|ACCESS|CASEWORKER)|KEY/);
    const handle = h.env.client.workflow.getHandle(programmeWorkflowId('CMM-2026-0042'));
    const partnerId = TEST_PARTNERS.api;

    await withProgrammeWorker(
      taskQueue,
      async () => {
        // One shell session, as a reader would have: exports carry over from block to block.
        let session = '';
        for (const step of steps) {
          if (step.kind === 'partner') {
            if (step.action === 'sign in') {
              const signedIn = await deviceSignIn(own.browser!, shellEnv, DESK_STAFF.caseworker);
              expect(signedIn.code, signedIn.stderr).toBe(0);
              expect(signedIn.stdout).toContain(`(${DESK_STAFF.caseworker}, caseworker)`);
            } else if (step.action === 'partner accepts') {
              await waitForStatus(handle, (s) => s.partner?.state === 'asked', { what: 'the referral sent' });
              await handle.signal(signals.referralAcknowledged, event(partner(partnerId), { keyContact: 'ana', alternateContact: 'ion' }));
              await handle.signal(signals.referralAnswered, event(partner(partnerId), { answer: 'accept' as const }));
              await waitForStatus(handle, (s) => s.stage === 'travel', { what: 'the travel stage' });
            } else if (step.action === 'partner confirms handover') {
              await waitForStatus(handle, (s) => s.stage === 'handover', { what: 'the handover stage' });
              await handle.signal(signals.handoverConfirmed, event(partner(partnerId), {}));
              await waitForStatus(handle, (s) => s.stage === 'follow-up', { what: 'the follow-up stage' });
            } else {
              throw new Error(`unknown walkthrough marker: ${step.action}`);
            }
            continue;
          }
          const exports = step.script.split('\n').filter((l) => l.startsWith('export '));
          const result = await bash(`${session}\n${step.script}`, shellEnv, REPO);
          expect(result.code, `${step.script}\n${result.output}`).toBe(0);
          expect(result.output).not.toMatch(/\n\s+at /);
          session += `${exports.join('\n')}\n`;
        }
        const status = await handle.query<{ stage: string; caseworkerId: string; timeline: Array<{ eventId?: string; by?: string }> }>('status');
        expect(status.stage).toBe('follow-up');
        expect(status.timeline.filter((e) => e.eventId === 'ra-flight-4711')).toHaveLength(1);
        // Everything she did was done as the sign-in, and the app audited it under her id.
        expect(status.caseworkerId).toBe(DESK_STAFF.caseworker);
        expect(status.timeline.filter((e) => e.by?.startsWith('caseworker:')).map((e) => e.by)).toEqual(
          expect.arrayContaining([`caseworker:${DESK_STAFF.caseworker}`]),
        );
        expect(status.timeline.filter((e) => e.by?.startsWith('caseworker:') && e.by !== `caseworker:${DESK_STAFF.caseworker}`)).toEqual([]);
        const audited = await own.desk!.web.audit.read({ caseRef: 'CMM-2026-0042' });
        expect(audited.map((e) => e.actor)).toContain(DESK_STAFF.caseworker);
        expect(audited.map((e) => e.action)).toEqual(expect.arrayContaining(['programme.open', 'command.plan-travel', 'event.departure-confirmed', 'programme.read']));
        // Signed in, she is herself and no more: not another caseworker, not the centre's policy, not an operator.
        const refusals = await Promise.all([
          bash('prepared-return cancel CMM-2026-0042 --reason other --caseworker cw-mate', shellEnv, REPO),
          bash('prepared-return open CMM-2026-0045 --country RO --assessed-on today --consent participation --policy demo', shellEnv, REPO),
          bash('prepared-return erase CMM-2026-0042 --confirm CMM-2026-0042', shellEnv, REPO),
        ]);
        expect(refusals.map((r) => r.code)).toEqual([2, 2, 2]);
        expect(refusals[0]!.output).toContain(`--caseworker: you are signed in as ${DESK_STAFF.caseworker}`);
        expect(refusals[1]!.output).toContain("--policy: a programme opened through the app runs on the centre's policy");
        expect(refusals[2]!.output).toContain("erase is an operator's");
        const unwaited = await bash('prepared-return confirm-departure CMM-2026-0042 --event-id ra-flight-4711 --no-wait', shellEnv, REPO);
        expect([unwaited.code, unwaited.output]).toEqual([0, expect.stringContaining('Sent to CMM-2026-0042 (event ra-flight-4711)')]);
        // Her machine kept her sign-in, and nothing else: no key, no case secret.
        const kept = JSON.parse(readFileSync(join(home, 'config', 'prepared-return', 'login.json'), 'utf8')) as Record<string, unknown>;
        expect(Object.keys(kept).sort()).toEqual(['accessToken', 'appUrl', 'audience', 'clientId', 'expiresAt', 'issuer', 'refreshToken']);
      },
      h.peers.activities,
    );

  }, 240_000);
});
