/**
 * `npm run temporal:cli`: makes sure the Temporal CLI is available (building it once if need be)
 * and prints its path. CI runs it before the tests so the build is not inside a test timeout.
 */
import { provisionTemporalCli, TemporalCliUnavailable } from './temporal-cli.js';

try {
  const cli = provisionTemporalCli({ progress: (line) => console.error(line), allowDownload: false });
  if (cli.type === 'existing-path') console.log(`${cli.path} (${cli.source})`);
} catch (err) {
  console.error(err instanceof TemporalCliUnavailable ? err.message : `Could not provision the Temporal CLI: ${String(err)}`);
  process.exit(1);
}
