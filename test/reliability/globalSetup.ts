/**
 * The reliability suite's run: starts with no rows from an earlier run and ends by printing every
 * scenario's figures as one table (also kept in test-results/reliability.json).
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { savedFigures, writeSummary } from './support/figures.js';
import { ROOT } from './support/stack.js';

export default function setup(): () => void {
  rmSync(join(ROOT, 'test-results', 'reliability', 'rows'), { recursive: true, force: true });
  return () => {
    const rows = savedFigures();
    console.log(`\nReliability figures (every "lost" and "duplicated" must be 0):\n${writeSummary(rows)}\n`);
  };
}
