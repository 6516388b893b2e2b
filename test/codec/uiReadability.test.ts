/**
 * What the Web UI shows without the codec token is what docs/supervisors.md and docs/design.md say:
 * search attributes in clear, the summaries (user metadata) encrypted like every payload; and every
 * saved view the guide offers is a query the server accepts, run with the real Temporal CLI.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ENCODING } from '../../codec/encryptionCodec.js';
import { dataConverterFromEnv } from '../../codec/dataConverter.js';
import { openProgramme } from '../../client/openProgramme.js';
import { provisionTemporalCli } from '../../dev/temporal-cli.js';
import { programmeInput } from '../support/programmes.js';
import { uniqueCaseRef, uniqueTaskQueue } from '../support/temporal.js';

const supervisors = readFileSync(new URL('../../docs/supervisors.md', import.meta.url), 'utf8');
const design = readFileSync(new URL('../../docs/design.md', import.meta.url), 'utf8');

describe('the Web UI without the codec token', () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await Connection.connect({ address: inject('temporalAddress') });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it('shows the search attributes in clear and the summary encrypted, as the guides say', async () => {
    const client = new Client({ connection, namespace: 'default', dataConverter: dataConverterFromEnv(process.env, 'default') });
    const caseRef = uniqueCaseRef('CMM');
    const { handle } = await openProgramme(client, programmeInput(caseRef), { taskQueue: uniqueTaskQueue('ui-readability') });
    // What the UI gets from the server: the raw describe, no data converter.
    const raw = await connection.workflowService.describeWorkflowExecution({ namespace: 'default', execution: { workflowId: handle.workflowId } });
    const summary = raw.executionConfig?.userMetadata?.summary;
    expect(Buffer.from(summary!.metadata!.encoding!).toString()).toBe(ENCODING);
    expect(Buffer.from(summary!.data!).toString()).not.toContain(caseRef);
    const stage = raw.workflowExecutionInfo?.searchAttributes?.indexedFields?.ProgrammeStage;
    expect(JSON.parse(Buffer.from(stage!.data!).toString())).toBe('reflection');
    await handle.terminate('test done');

    // The guides no longer promise summaries without decoding.
    const clearInUi = /## What you see without decoding anything\n([\s\S]*?)\n## /.exec(supervisors)![1]!;
    expect(clearInUi.split('\n').filter((l) => l.startsWith('|')).join('\n')).not.toMatch(/summar/i);
    expect(clearInUi).toMatch(/With the codec token you also read the summaries/);
    const designClear = /What a supervisor sees in the Temporal UI without decoding anything:([\s\S]*?)\./.exec(design)![1]!;
    expect(designClear).not.toMatch(/summar/i);
    expect(supervisors).toMatch(/## Columns\n[\s\S]*`ProgrammeStage`, `NextDeadline`, `PartnerOrg`, `Escalated`/);
  });

  it('every saved view of the guide is a query the server runs', () => {
    const cli = provisionTemporalCli({ allowDownload: false });
    if (cli.type !== 'existing-path') throw new Error('the Temporal CLI is needed');
    const views = /## Saved views\n([\s\S]*?)\n## /.exec(supervisors)![1]!;
    const queries = [...views.matchAll(/^\| [^|]+ \| `(.+)` \|$/gm)].map((m) => m[1]!);
    expect(queries.length).toBeGreaterThanOrEqual(9);
    const now = new Date();
    for (const documented of queries) {
      const query = documented
        .replace('<now + 7 days>', new Date(now.getTime() + 7 * 86_400_000).toISOString())
        .replace(/<now>/g, now.toISOString())
        .replace('<partner code>', 'ro-harbour-house');
      const run = spawnSync(cli.path, ['workflow', 'list', '--address', inject('temporalAddress'), '-n', 'default', '--query', query, '--limit', '1'], { encoding: 'utf8', timeout: 30_000 });
      expect({ query, code: run.status, stderr: run.stderr.trim() }).toEqual({ query, code: 0, stderr: '' });
    }
  });
});
