/**
 * Why a connection to Temporal failed, when TLS is the reason, in words that name the setting to fix.
 * The SDK's clients do not say: the client gives up with "Failed to connect before the deadline" and
 * the worker's runtime with a Rust debug string. So after a failed connection one TLS handshake of
 * our own, with the same certificates and server name, asks the server directly. A certificate that
 * does not match is a setting to fix, not an outage to wait out, and the operator should hear which.
 */
import { isIP } from 'node:net';
import { connect, type ConnectionOptions as TlsOptions } from 'node:tls';
import type { TLSConfig } from '@temporalio/client';
import type { TemporalProfile } from './profile.js';

/** How long the server may take to answer the handshake, and to refuse our certificate after it. */
const ANSWER_MS = 3000;
const REFUSAL_MS = 500;

const THEIRS_UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_SIGNATURE_FAILURE',
]);

/** The TLS reason `profile` cannot connect, or undefined when the handshake is not the problem. */
export async function tlsProblem(profile: TemporalProfile): Promise<string | undefined> {
  const { host, port } = hostAndPort(profile.address);
  const tls = profile.credentials.tls;
  if (tls === false) {
    // A server that speaks TLS to a plain-text caller only closes the connection: ask it in TLS.
    const answer = await handshake({ host, port, rejectUnauthorized: false });
    return answer.secure ? 'it expects TLS: set TEMPORAL_TLS=true, or the TEMPORAL_TLS_* settings of its certificates' : undefined;
  }
  const config: TLSConfig = tls === true ? {} : tls;
  const serverName = config.serverNameOverride ?? (isIP(host) ? undefined : host);
  const answer = await handshake({
    host,
    port,
    ...(serverName ? { servername: serverName } : {}),
    ...(config.serverRootCACertificate ? { ca: Buffer.from(config.serverRootCACertificate) } : {}),
    ...(config.clientCertPair ? { cert: Buffer.from(config.clientCertPair.crt), key: Buffer.from(config.clientCertPair.key) } : {}),
  });
  const code = answer.code ?? '';
  if (THEIRS_UNTRUSTED.has(code)) return 'its certificate is not signed by the certificate authority we trust: check TEMPORAL_TLS_SERVER_CA_CERT_PATH';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return `its certificate is not for the name ${serverName ?? host}: check TEMPORAL_TLS_SERVER_NAME`;
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'its certificate is out of date';
  if (code.includes('ALERT_CERTIFICATE_REQUIRED')) return 'it asks for a client certificate: set TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH';
  if (code.startsWith('ERR_SSL_') && code.includes('ALERT')) return 'it refused our client certificate: check TEMPORAL_TLS_CLIENT_CERT_PATH';
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || answer.silent) return 'it does not speak TLS there: check the port, or set TEMPORAL_TLS=false';
  if (answer.secure && answer.closed) return config.clientCertPair ? 'it closed the connection after the handshake, as a server does that refuses our client certificate: check TEMPORAL_TLS_CLIENT_CERT_PATH' : undefined;
  return undefined;
}

interface Answer {
  /** The handshake completed. */
  secure: boolean;
  /** The server closed the connection (right after the handshake, if it completed). */
  closed: boolean;
  /** No answer to the handshake at all. */
  silent: boolean;
  /** Node's code for a TLS or network failure. */
  code?: string;
}

function handshake(options: TlsOptions): Promise<Answer> {
  return new Promise((resolve) => {
    const answer: Answer = { secure: false, closed: false, silent: false };
    let settled = false;
    /** Records what happened, unless the answer is already given (our own destroy closes the socket too). */
    const settle = (what: Partial<Answer> = {}): void => {
      if (settled) return;
      settled = true;
      resolve({ ...answer, ...what });
      socket.destroy();
    };
    const socket = connect({ ...options, ALPNProtocols: ['h2'] });
    socket.setTimeout(ANSWER_MS, () => settle({ silent: !answer.secure }));
    // Under TLS 1.3 a server refuses the client's certificate only after the handshake completed.
    socket.once('secureConnect', () => {
      answer.secure = true;
      setTimeout(settle, REFUSAL_MS);
    });
    socket.once('close', () => settle({ closed: true }));
    socket.once('error', (err: NodeJS.ErrnoException) => settle({ ...(err.code ? { code: err.code } : {}) }));
  });
}

function hostAndPort(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[(.*)\]$/, '$1'), port: Number(address.slice(at + 1)) };
}
