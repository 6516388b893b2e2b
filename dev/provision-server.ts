/**
 * `npm run temporal:server`: makes sure the production Temporal server, its schema tool and the Web
 * UI server are available (building them once if need be) and prints their paths. CI runs it before
 * the tests so the builds are not inside a test timeout.
 */
import { provisionTemporalProduction, TemporalServerUnavailable } from './temporal-production.js';

try {
  const tools = provisionTemporalProduction({ progress: (line) => console.error(line) });
  console.log(`temporal server      ${tools.server}\ntemporal schema tool ${tools.sqlTool}\nweb ui server        ${tools.uiServer}\npostgresql schema    ${tools.schemaDir}`);
} catch (err) {
  console.error(err instanceof TemporalServerUnavailable ? err.message : `Could not provision the Temporal server: ${String(err)}`);
  process.exit(1);
}
