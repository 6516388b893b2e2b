/**
 * The programme's workflow bundle, built ahead of time so a worker starts without bundling (seconds
 * of webpack on every start). The bundle carries the failure converter: a worker given a prebuilt
 * bundle cannot add one later, and failures must stay encrypted.
 */
import { writeFileSync } from 'node:fs';
import { bundleWorkflowCode } from '@temporalio/worker';
import { failureConverterPath } from '../codec/dataConverter.js';
import { workflowsPath } from './worker.js';

const quiet = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

/** Bundles `workflows/` with the failure converter and writes it to `path`; returns its size in bytes. */
export async function writeWorkflowBundle(path: string): Promise<number> {
  const bundle = await bundleWorkflowCode({ workflowsPath, failureConverterPath, logger: quiet });
  writeFileSync(path, bundle.code);
  return Buffer.byteLength(bundle.code);
}
