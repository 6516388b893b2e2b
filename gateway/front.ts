/**
 * `npm run gateway:front`: the one address partners' systems reach, in front of the gateway
 * replicas (docker-compose.yml, service `gateway`). Each new connection goes to the next replica in
 * turn, and to the one after when a replica does not answer (gateway/tcpProxy.ts, the proxy the local
 * cluster and the cluster tests run). A target name with several addresses (a Compose service with
 * replicas) is spread by the resolver, which returns them in a different order each time.
 */
import { ValidationError } from '../domain/validation.js';
import { TcpProxy } from './tcpProxy.js';
import { loadFrontConfig } from './frontConfig.js';


async function main(): Promise<void> {
  const config = loadFrontConfig(process.env);
  const split = (address: string) => {
    const at = address.lastIndexOf(':');
    return { host: address.slice(0, at), port: Number(address.slice(at + 1)) };
  };
  const listen = split(config.PR_PROXY_LISTEN);
  const proxy = new TcpProxy({ host: listen.host, port: listen.port, targets: config.PR_PROXY_TARGETS.map(split) });
  await proxy.start();
  console.log(`gateway front on ${proxy.address} for ${config.PR_PROXY_TARGETS.join(', ')}`);
  const stop = (): void => void proxy.stop().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof ValidationError ? err.message : `gateway front stopped: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
