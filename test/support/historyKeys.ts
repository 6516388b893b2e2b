/**
 * The keys committed with the replay histories (test/histories/keys): test-only, for made-up data.
 * A recording run (`RECORD_HISTORIES=1`) encrypts with the committed key ring and adds each recorded
 * case's secret to the committed folder store, so the replay test can decrypt what it recorded on
 * any machine; every other test run uses fresh keys of its own.
 */
import { fileURLToPath } from 'node:url';

export const HISTORY_KEYS = {
  keyRingFile: fileURLToPath(new URL('../histories/keys/codec-keys.json', import.meta.url)),
  caseKeysDir: fileURLToPath(new URL('../histories/keys/case-keys/', import.meta.url)),
  /** The test server's namespace the histories were recorded in: their payloads are bound to it. */
  namespace: 'default',
};
