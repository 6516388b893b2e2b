/**
 * `npm run temporal:certificates -- <folder>`: the certificates of a compose deployment's Temporal
 * layer (dev/temporal-certificates.ts), made once on the operator's machine into `<folder>`
 * (owner-only; docker-compose.yml reads them from ./secrets/temporal). Run again, it keeps what is
 * there. The certificate authority's key stays in that folder and goes into no container: keep it
 * offline, or use your organisation's own certificate authority instead (docs/operations.md).
 */
import { resolve } from 'node:path';
import { ensureTemporalCertificates } from './temporal-certificates.js';

const [folder, ...rest] = process.argv.slice(2);
if (!folder || rest.length > 0 || folder.startsWith('-')) {
  console.error('usage: npm run temporal:certificates -- <folder>   (expected one folder, e.g. secrets/temporal)');
  process.exit(2);
}
const made = ensureTemporalCertificates(resolve(folder));
console.log(`Certificates in ${resolve(folder)}: the authority ${made.caCert}, the server's (names localhost, temporal), and a client certificate for each of ${Object.keys(made.clients).join(', ')}.`);
