/**
 * The reliability suite's run: starts with no rows from an earlier run and ends by printing every
 * scenario's figures as one table (also kept in test-results/reliability.json). Bundles the
 * workflow code once for every worker process of the run.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeWorkflowBundle } from '../../worker/bundle.js';
import { savedFigures, writeSummary } from './support/figures.js';
import { ROOT, WORKFLOW_BUNDLE } from './support/stack.js';

export default async function setup(): Promise<() => void> {
  rmSync(join(ROOT, 'test-results', 'reliability', 'rows'), { recursive: true, force: true });
  // Worker processes start from one prebuilt bundle (PR_WORKFLOW_BUNDLE), as a deployment's do:
  // a replacement is up in about a second instead of bundling for several.
  mkdirSync(join(ROOT, 'test-results', 'reliability'), { recursive: true });
  await writeWorkflowBundle(WORKFLOW_BUNDLE);
  return () => {
    const rows = savedFigures();
    console.log(`\nReliability figures (every "lost" and "duplicated" must be 0):\n${writeSummary(rows)}\n`);
  };
}
