/**
 * Runs in every test process before its tests: worker state changes and bundling notes are noise
 * in test output, so the SDK logs warnings and errors only.
 */
import { DefaultLogger, Runtime } from '@temporalio/worker';

try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed in this process
}
