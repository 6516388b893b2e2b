/**
 * Starts the real Temporal server (`temporal server start-dev`) for the local stack and the tests,
 * with our custom search attributes registered at start: attributes added later through the
 * operator service lag behind the namespace cache, so a fresh server would briefly refuse them.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { programmeSearchAttributes } from '../domain/searchAttributes.js';
import { provisionTemporalCli, TemporalCliUnavailable, type ProvisionOptions } from './temporal-cli.js';

export interface DevServerOptions extends ProvisionOptions {
  ip?: string;
  port?: number;
  namespace?: string;
  /** SQLite file that keeps every programme across restarts; in memory when absent. */
  dbFilename?: string;
  /** Serve the Web UI on this port (none when absent). */
  uiPort?: number;
  /** Where the Web UI decodes payloads (the codec endpoint). */
  uiCodecEndpoint?: string;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  extraArgs?: string[];
}

export async function startDevServer(options: DevServerOptions = {}): Promise<TestWorkflowEnvironment> {
  const executable = provisionTemporalCli(options);
  const extraArgs = [...(options.extraArgs ?? [])];
  if (options.uiCodecEndpoint) extraArgs.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  try {
    return await TestWorkflowEnvironment.createLocal({
      server: {
        executable: executable.type === 'existing-path' ? { type: 'existing-path', path: executable.path } : { type: 'cached-download' },
        ip: options.ip ?? '127.0.0.1',
        port: options.port,
        namespace: options.namespace ?? 'default',
        dbFilename: options.dbFilename,
        ui: options.uiPort !== undefined,
        uiPort: options.uiPort,
        searchAttributes: [...programmeSearchAttributes],
        log: { format: 'pretty', level: options.logLevel ?? 'warn' },
        extraArgs,
      },
    });
  } catch (err) {
    if (executable.type === 'cached-download') {
      throw new TemporalCliUnavailable([`the SDK's download of the CLI: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`]);
    }
    throw err;
  }
}
