/**
 * The cluster suite's run: no rows from an earlier run, one workflow bundle for every worker process,
 * and at the end every scenario's figures as one table (also in test-results/cluster.json).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeWorkflowBundle } from '../../worker/bundle.js';
import { savedFigures, writeSummary } from '../reliability/support/figures.js';
import { ROOT, WORKFLOW_BUNDLE } from '../reliability/support/stack.js';

export default async function setup(): Promise<() => void> {
  rmSync(join(ROOT, 'test-results', 'cluster', 'rows'), { recursive: true, force: true });
  mkdirSync(join(ROOT, 'test-results', 'reliability'), { recursive: true });
  await writeWorkflowBundle(WORKFLOW_BUNDLE);
  return () => {
    const rows = savedFigures();
    console.log(`\nCluster figures, Temporal server on PostgreSQL (every "lost" and "duplicated" must be 0):\n${writeSummary(rows)}\n`);
  };
}
