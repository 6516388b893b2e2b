/**
 * The web app's HTTP server: security headers and a strict Content-Security-Policy (no script at
 * all, styles and fonts from this origin only), an encrypted HTTP-only session cookie, CSRF tokens
 * on every form, rate-limited sign-in, then the pages (web/routes). Everything a page shows or does
 * goes through the desk (web/desk.ts).
 */
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySecureSession from '@fastify/secure-session';
import fastifyStatic from '@fastify/static';
import type { WebAppDeps } from './deps.js';
import { pageContext, SESSION_COOKIE } from './pageContext.js';
import { FormProblems, NoSuchProgramme, NotInRole, Refused } from './refusals.js';
import { API_PREFIX, registerApiRoutes } from './api/routes.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerDeskRoutes } from './routes/desk.js';
import { registerOperationsRoutes } from './routes/operations.js';
import { messagePage } from './views/layout.js';

// The package exports only its script; its CSS, fonts and icons sit beside it in dist/.
const DKFDS_DIST = join(dirname(createRequire(import.meta.url).resolve('dkfds')), '..');
const PUBLIC = fileURLToPath(new URL('./public/', import.meta.url));

export type { WebAppDeps };

export async function buildWebApp(deps: WebAppDeps): Promise<FastifyInstance> {
  const { config, login, metrics } = deps;
  const app = Fastify({
    logger: {
      level: deps.logLevel ?? 'info',
      ...(deps.logStream ? { stream: deps.logStream } : {}),
      // Route patterns and status codes only: no query strings, no form fields, no names.
      serializers: {
        req: (req) => ({ method: req.method, route: (req as unknown as FastifyRequest).routeOptions?.url ?? 'unmatched', id: req.id }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    },
    trustProxy: false,
    bodyLimit: 64 * 1024,
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        scriptSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // Signing out continues at the identity provider.
        formAction: ["'self'", login.providerOrigin],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    hsts: config.PR_WEB_SECURE_COOKIES,
  });
  await app.register(fastifyFormbody);
  await app.register(fastifyCookie);
  await app.register(fastifySecureSession, {
    key: Buffer.from(config.PR_WEB_SESSION_KEY, 'hex'),
    cookieName: SESSION_COOKIE,
    expiry: config.PR_WEB_SESSION_MAX_AGE,
    cookie: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.PR_WEB_SECURE_COOKIES },
  });
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/secure-session', getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyStatic, { root: DKFDS_DIST, prefix: '/dkfds/', allowedPath: (path) => /^\/(css|fonts|img)\//.test(path), maxAge: '1d' });
  await app.register(fastifyStatic, { root: PUBLIC, prefix: '/assets/', decorateReply: false, maxAge: '1h' });

  app.addHook('onRequest', async (request) => {
    (request as FastifyRequest & { startedAt: bigint }).startedAt = process.hrtime.bigint();
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions?.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    const started = (request as FastifyRequest & { startedAt?: bigint }).startedAt;
    if (started) metrics.duration.observe({ route }, Number(process.hrtime.bigint() - started) / 1e9);
  });
  // Every form is checked: a POST without this session's token changes nothing.
  app.addHook('preHandler', (request, reply, done) => {
    // The JSON API takes no cookies, only bearer tokens: there is no session for a forged form to ride on.
    if (request.method !== 'POST' || request.url.startsWith(`${API_PREFIX}/`)) return done();
    app.csrfProtection(request, reply, done);
  });
  // Pages are personal: never cached by a browser or a proxy.
  app.addHook('onSend', async (request, reply) => {
    if (!request.url.startsWith('/dkfds/') && !request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
  });

  app.setErrorHandler(async (error: Error & { code?: string; statusCode?: number }, request, reply) => {
    const ctx = pageContext(request, reply);
    const { m } = ctx.w;
    if (error instanceof NoSuchProgramme) return reply.code(404).type('text/html').send(messagePage(ctx, m.notFoundTitle, m.notFound).text);
    if (error instanceof NotInRole) return reply.code(403).type('text/html').send(messagePage(ctx, m.forbiddenTitle, m.forbidden).text);
    if (error.code?.startsWith('FST_CSRF')) return reply.code(403).type('text/html').send(messagePage(ctx, m.csrfTitle, m.csrf).text);
    if (error.statusCode === 429) return reply.code(429).type('text/html').send(messagePage(ctx, m.errorTitle, error.message).text);
    if (error instanceof FormProblems || error instanceof Refused) throw error;
    if (error.statusCode && error.statusCode < 500) return reply.code(error.statusCode).type('text/html').send(messagePage(ctx, m.errorTitle, m.error.replace('{ref}', request.id)).text);
    // Only the error's kind and our own message: Temporal and codec errors name cases, never persons.
    request.log.error({ err: { name: error.name, message: error.message } }, 'request failed');
    return reply.code(500).type('text/html').send(messagePage(ctx, m.errorTitle, m.error.replace('{ref}', request.id)).text);
  });
  app.setNotFoundHandler(async (request, reply) => {
    const ctx = pageContext(request, reply);
    return reply.code(404).type('text/html').send(messagePage(ctx, ctx.w.m.notFoundTitle, ctx.w.m.notFound).text);
  });

  registerOperationsRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerDeskRoutes(app, deps);
  await registerApiRoutes(app, deps);
  return app;
}
