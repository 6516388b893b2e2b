#!/usr/bin/env node
// Runs the TypeScript client directly, so a clone works with `npx prepared-return` and no build step.
import { register } from 'tsx/esm/api';

register();
await import('./cli.ts');
