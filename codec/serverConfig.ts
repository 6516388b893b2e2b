/**
 * The codec endpoint's own settings (`npm run codec`); the keys come from codec/config.ts, and the
 * namespace payloads are bound to from the connection profile (temporal/profile.ts), as the worker's.
 */
import { z } from 'zod';
import { parseOrThrow } from '../domain/validation.js';
import { definedEnv } from '../domain/config.js';

export const CodecServerEnv = z.object({
  /** Loopback by default: in development the endpoint is reachable from this machine only. */
  PR_CODEC_HOST: z.string().min(1, 'expected a host or IP address').default('127.0.0.1'),
  PR_CODEC_PORT: z.coerce.number({ error: 'expected a port number' }).int().min(1).max(65535, 'expected a port from 1 to 65535').default(8091),
  /** Exact origins of the Web UI, comma-separated, e.g. https://temporal-ui.example.org. */
  PR_CODEC_UI_ORIGINS: z
    .string({ error: 'expected the Web UI origin(s), e.g. http://localhost:8233' })
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ error: 'expected origins such as http://localhost:8233' }).refine((o) => new URL(o).origin === o, 'expected an origin: scheme, host and port, no path')).min(1)),
  /** The identity provider whose access tokens decode (the same as the web app's), by its issuer URL. */
  PR_CODEC_OIDC_ISSUER: z.url({ error: 'expected the issuer URL of the identity provider' }).optional(),
  /** The audience (`aud`) the endpoint's access tokens must carry: its resource identifier at the provider. */
  PR_CODEC_AUDIENCE: z.string().min(1).default('urn:prepared-return:codec'),
  /** The claim that carries the role; only `supervisor` decodes. */
  PR_CODEC_ROLE_CLAIM: z.string().min(1).default('role'),
  /**
   * Break-glass only: supervisors' long-lived tokens, hashed (codec/supervisors.ts), for when the
   * identity provider is down. Every use is audited as `decode.break-glass`. Leave unset normally.
   */
  PR_CODEC_SUPERVISORS_FILE: z.string().min(1, 'expected a file path').optional(),
  /** Certificate and key (PEM files) for HTTPS; leave both unset only behind a TLS-terminating proxy. */
  PR_CODEC_TLS_CERT: z.string().min(1, 'expected a file path').optional(),
  PR_CODEC_TLS_KEY: z.string().min(1, 'expected a file path').optional(),
  /**
   * `true` only where a proxy in front terminates TLS: supervisors' tokens and decoded personal data
   * must never cross a network in plain text, so without a certificate the endpoint refuses to start.
   */
  PR_CODEC_BEHIND_TLS_PROXY: z.enum(['true', 'false'], { error: 'expected true or false' }).default('false'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'debug'], { error: 'expected one of error, warn, info, debug' }).default('info'),
})
  .refine((env) => (env.PR_CODEC_TLS_CERT === undefined) === (env.PR_CODEC_TLS_KEY === undefined), {
    message: 'PR_CODEC_TLS_CERT and PR_CODEC_TLS_KEY go together',
    path: ['PR_CODEC_TLS_KEY'],
  })
  .refine((env) => env.PR_CODEC_TLS_CERT !== undefined || env.PR_CODEC_BEHIND_TLS_PROXY === 'true', {
    message: 'expected a certificate and key for HTTPS; set PR_CODEC_BEHIND_TLS_PROXY=true only when a proxy in front terminates TLS',
    path: ['PR_CODEC_TLS_CERT'],
  })
  .refine((env) => env.PR_CODEC_OIDC_ISSUER !== undefined || env.PR_CODEC_SUPERVISORS_FILE !== undefined, {
    message: 'expected the identity provider whose supervisors decode (or, break-glass only, PR_CODEC_SUPERVISORS_FILE)',
    path: ['PR_CODEC_OIDC_ISSUER'],
  });
export type CodecServerConfig = z.output<typeof CodecServerEnv>;

export function loadCodecServerConfig(env: Record<string, string | undefined>): CodecServerConfig {
  const defined = definedEnv(env);
  return parseOrThrow(CodecServerEnv, defined, 'The environment');
}
