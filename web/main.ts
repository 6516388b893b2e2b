/**
 * `npm run web`: the caseworkers' web app as its own process. Settings are checked at start (a bad
 * one stops it with the variable's name); SIGTERM and SIGINT drain requests under way, then exit.
 */
import { ConfigFileError } from '../activities/configFile.js';
import { ValidationError } from '../domain/validation.js';
import { createWebApp } from './app.js';
import { loadWebConfig } from './config.js';

async function main(): Promise<void> {
  const config = loadWebConfig(process.env);
  const web = await createWebApp(config, process.env, { logLevel: config.LOG_LEVEL });
  await web.app.listen({ host: config.PR_WEB_HOST, port: config.PR_WEB_PORT });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    web.app.log.info({ signal }, 'stopping');
    web.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  const known = err instanceof ValidationError || err instanceof ConfigFileError;
  console.error(known ? err.message : `The web app stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
