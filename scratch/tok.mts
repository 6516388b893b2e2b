import { startIdentityProvider, TEMPORAL_RESOURCE } from '../dev/identityProvider.js';
import { ServiceToken } from '../temporal/serviceToken.js';
import { decodeJwt } from 'jose';
const idp = await startIdentityProvider({ host: '127.0.0.1', port: 18999, staff: { caseworkers: {}, staff: {} } as never, password: 'x', clients: [], apiAudiences: ['http://app'], services: [{ clientId: 'worker', clientSecret: 's3cret', permissions: ['prepared-return:worker', 'prepared-return:read'] }], serviceTokenTtl: 4 });
const t = await ServiceToken.start({ issuer: idp.issuer, clientId: 'worker', clientSecret: 's3cret' });
console.log(decodeJwt(t.current()));
let n = 0; t.onRenewal((x) => { n++; console.log('renewed', decodeJwt(x).exp); });
await new Promise((r) => setTimeout(r, 7000));
console.log('renewals', n);
try { await ServiceToken.start({ issuer: idp.issuer, clientId: 'worker', clientSecret: 'bad' }); } catch (e) { console.log((e as Error).message); }
try { await ServiceToken.start({ issuer: idp.issuer, clientId: 'worker', clientSecret: 's3cret', resource: 'http://app' }); } catch (e) { console.log((e as Error).message); }
t.stop(); await idp.stop();
