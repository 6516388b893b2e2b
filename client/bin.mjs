#!/usr/bin/env node
// Runs the TypeScript client directly, so a clone works with `npx prepared-return` and no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli.ts');
// Exit at once: an open Temporal connection would otherwise keep the process alive.
process.exit(await main(process.argv));
