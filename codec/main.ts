/**
 * `npm run codec`: the codec endpoint on its own. It is a process of its own, not part of the partner
 * gateway: the gateway faces partner systems on the internet and never needs to show plaintext to
 * anyone, while this endpoint holds the power to decrypt and answers only supervisors' browsers on
 * the internal network. Different audiences, different exposure, different secrets.
 */
import { readFileSync } from 'node:fs';
import { ConfigFileError } from '../activities/configFile.js';
import { ValidationError } from '../domain/validation.js';
import { auditTrail } from '../store/auditTrail.js';
import { loadStoreConfig } from '../store/config.js';
import { openDatabase } from '../store/database.js';
import { loadCodecConfig } from './config.js';
import { programmeCodec } from './dataConverter.js';
import { buildCodecServer } from './server.js';
import { loadCodecServerConfig } from './serverConfig.js';
import { Supervisors } from './supervisors.js';
import { AccessTokenVerifier } from '../identity/accessToken.js';
import { loadTemporalProfile } from '../temporal/profile.js';

async function main(): Promise<void> {
  const config = loadCodecServerConfig(process.env);
  const { namespace } = loadTemporalProfile(process.env);
  const store = loadStoreConfig(process.env);
  const db = openDatabase(store);
  const app = buildCodecServer({
    codec: programmeCodec(loadCodecConfig(process.env), namespace, db),
    ...(config.PR_CODEC_OIDC_ISSUER
      ? {
          accessTokens: {
            verifier: new AccessTokenVerifier({ issuer: config.PR_CODEC_OIDC_ISSUER, audience: config.PR_CODEC_AUDIENCE }),
            roleClaim: config.PR_CODEC_ROLE_CLAIM,
            namespaces: [namespace],
          },
        }
      : {}),
    ...(config.PR_CODEC_SUPERVISORS_FILE ? { breakGlass: Supervisors.fromFile(config.PR_CODEC_SUPERVISORS_FILE) } : {}),
    audit: auditTrail(db, store.pseudonymKey),
    uiOrigins: config.PR_CODEC_UI_ORIGINS,
    logger: { level: config.LOG_LEVEL },
    ...(config.PR_CODEC_TLS_CERT && config.PR_CODEC_TLS_KEY
      ? { https: { cert: readFileSync(config.PR_CODEC_TLS_CERT), key: readFileSync(config.PR_CODEC_TLS_KEY) } }
      : {}),
  });
  const stop = (): void => {
    app
      .close()
      .then(() => db.close())
      .catch((err: unknown) => console.error(`codec endpoint: error while stopping: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ host: config.PR_CODEC_HOST, port: config.PR_CODEC_PORT });
  const scheme = config.PR_CODEC_TLS_CERT ? 'https' : 'http';
  console.log(`codec endpoint on ${scheme}://${config.PR_CODEC_HOST}:${config.PR_CODEC_PORT}/decode for ${config.PR_CODEC_UI_ORIGINS.join(', ')}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof ValidationError || err instanceof ConfigFileError ? err.message : `codec endpoint stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
