/**
 * The local token issuer: signs the JWTs that Temporal's frontend authorises callers with (its
 * default JWT claim mapper reads the `permissions` claim, e.g. `prepared-return:write`), and serves
 * its public keys as a JWKS over HTTP on loopback for the server to fetch. A real signer with real
 * keys: an RSA key pair made for the topology (RS256), kept owner-only in its data folder. It stands
 * in for the identity provider until that provider issues these tokens itself; the server needs
 * nothing but the JWKS address changed then.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { closeServer } from './httpServer.js';

export interface TokenClaims {
  /** Who the token is for (the caller's name). */
  subject: string;
  /** `<namespace>:<read|write|worker|admin>`, or `temporal-system:admin` for the whole cluster. */
  permissions: string[];
  /** Lifetime in seconds. */
  ttlSeconds?: number;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export class TokenIssuer {
  private server: Server | undefined;
  private port = 0;
  readonly keyId: string;

  private constructor(
    private readonly privateKey: KeyObject,
    private readonly host: string,
  ) {
    const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
    // The key id is the key's own fingerprint: stable across restarts, different for another key.
    this.keyId = base64url(Buffer.from(`${jwk.n}.${jwk.e}`)).slice(0, 16);
  }

  /** The issuer's key from `dir` (made on first use, owner-only). */
  static inFolder(dir: string, host = '127.0.0.1'): TokenIssuer {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const file = join(dir, 'token-issuer-key.pem');
    if (!existsSync(file)) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      writeFileSync(file, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    }
    return new TokenIssuer(createPrivateKey(readFileSync(file)), host);
  }

  /** A key of its own that the server does not know: for showing that forged tokens are refused. */
  static unknownToTheServer(): TokenIssuer {
    return new TokenIssuer(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, '127.0.0.1');
  }

  get jwksUrl(): string {
    return `http://${this.host}:${this.port}/.well-known/jwks.json`;
  }

  jwks(): { keys: object[] } {
    const jwk = createPublicKey(this.privateKey).export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.keyId, use: 'sig', alg: 'RS256' }] };
  }

  issue(claims: TokenClaims): string {
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: this.keyId }));
    const payload = base64url(
      JSON.stringify({ sub: claims.subject, permissions: claims.permissions, iat: now, nbf: now - 5, exp: now + (claims.ttlSeconds ?? 3600), jti: randomUUID() }),
    );
    const signature = sign('sha256', Buffer.from(`${header}.${payload}`), this.privateKey);
    return `${header}.${payload}.${base64url(signature)}`;
  }

  async start(port = 0): Promise<void> {
    const body = JSON.stringify(this.jwks());
    const server = createServer((request, response) => {
      if (request.method === 'GET' && request.url === '/.well-known/jwks.json') {
        response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60' }).end(body);
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: this.host, port }, resolve);
    });
    const address = server.address();
    this.port = typeof address === 'object' && address ? address.port : port;
    this.server = server;
  }

  async stop(): Promise<void> {
    await closeServer(this.server);
    this.server = undefined;
  }
}
