/**
 * Starts one real Temporal dev server (the CLI provisioned by dev/temporal-cli.ts) for the whole test
 * run, on free ports, in memory, with the programme's search attributes registered at start.
 * Test files reach it through `inject('temporalAddress')`.
 */
import type { TestProject } from 'vitest/node';
import { startDevServer } from '../dev/temporal-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startDevServer({
    allowDownload: false,
    progress: (line) => console.error(line),
    logLevel: 'error',
  });
  project.provide('temporalAddress', server.address);
  project.provide('temporalNamespace', 'default');
  return async () => {
    await server.teardown();
  };
}
