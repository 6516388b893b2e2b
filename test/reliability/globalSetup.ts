/**
 * The reliability suite's run: starts with no rows from an earlier run and ends by printing every
 * scenario's figures as one table (also kept in test-results/reliability.json). Bundles the
 * workflow code once for every worker process of the run.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWorkflowBundle } from '../../worker/bundle.js';
import { ensureTestPostgres } from '../support/testPostgres.js';
import { savedFigures, writeSummary } from './support/figures.js';
import { ROOT, WORKFLOW_BUNDLE } from './support/stack.js';

export default async function setup(): Promise<() => Promise<void>> {
  rmSync(join(ROOT, 'test-results', 'reliability', 'rows'), { recursive: true, force: true });
  // Each scenario's ledger lives on the machine's PostgreSQL (or, on a machine with none, an embedded one for the run).
  const postgresDir = mkdtempSync(join(tmpdir(), 'prepared-return-reliability-postgres-'));
  const stopPostgres = await ensureTestPostgres(postgresDir, (line) => console.error(line));
  // Worker processes start from one prebuilt bundle (PR_WORKFLOW_BUNDLE), as a deployment's do:
  // a replacement is up in about a second instead of bundling for several.
  mkdirSync(join(ROOT, 'test-results', 'reliability'), { recursive: true });
  await writeWorkflowBundle(WORKFLOW_BUNDLE);
  return async () => {
    await stopPostgres();
    rmSync(postgresDir, { recursive: true, force: true });
    const rows = savedFigures();
    console.log(`\nReliability figures (every "lost" and "duplicated" must be 0):\n${writeSummary(rows)}\n`);
  };
}
