/**
 * The alerting rules (deploy/prometheus/alerts.yaml) are valid and fire on the series they are for,
 * checked by Prometheus's own `promtool` against the cases in alerts.test.yaml (Debian's
 * `prometheus` package provides it; CI installs it). Without promtool the file is skipped, saying why.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dir = fileURLToPath(new URL('../deploy/prometheus/', import.meta.url));
const promtool = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
const available = !promtool.error && promtool.status === 0;
if (!available) console.log('Alert rule tests skipped: promtool is not installed (apt-get install prometheus).');

describe.skipIf(!available)('the Prometheus alerting rules', () => {
  it('are valid rules', () => {
    const run = spawnSync('promtool', ['check', 'rules', 'alerts.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toMatch(/SUCCESS: 6 rules found/);
    expect(run.status).toBe(0);
  });

  it('fire on failing workflow tasks, gateway 5xx, idle pollers and long-open escalations, and not on healthy series', () => {
    const run = spawnSync('promtool', ['test', 'rules', 'alerts.test.yaml'], { cwd: dir, encoding: 'utf8' });
    expect(run.stdout + run.stderr).toMatch(/SUCCESS/);
    expect(run.status).toBe(0);
  });
});
