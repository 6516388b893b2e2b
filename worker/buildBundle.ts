/**
 * `npm run build:bundle [-- <file>]`: writes the workflow bundle (default `dist/workflow-bundle.js`)
 * for `PR_WORKFLOW_BUNDLE`. Build it from the same commit as the worker that loads it: a bundle of
 * other workflow code would replay running programmes differently.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeWorkflowBundle } from './bundle.js';

const target = resolve(process.argv[2] ?? 'dist/workflow-bundle.js');
mkdirSync(dirname(target), { recursive: true });
const started = Date.now();
const bytes = await writeWorkflowBundle(target);
console.log(`workflow bundle: ${target} (${(bytes / 1024).toFixed(0)} KiB, built in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
