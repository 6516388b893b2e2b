/**
 * Signing in and out, and the session's life. A session ends at its maximum age or after a spell
 * of inactivity, whichever comes first; then she signs in again. Sign-in attempts are rate-limited.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../html.js';
import { isLanguage } from '../i18n.js';
import type { WebAppDeps } from '../deps.js';
import { LANGUAGE_COOKIE, pageContext } from '../pageContext.js';
import { messagePage } from '../views/layout.js';

/** Only paths of this app, so nobody can bounce a signed-in user elsewhere. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : '/';
}

/** onRequest for every page that needs a user: a live session, or off to sign in. */
export function sessionCheck(deps: WebAppDeps) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const user = request.session.get('user');
    const now = Date.now();
    if (user) {
      const signedInAt = request.session.get('signedInAt') ?? 0;
      const lastSeenAt = request.session.get('lastSeenAt') ?? 0;
      const expired = now - signedInAt > deps.config.PR_WEB_SESSION_MAX_AGE * 1000 || now - lastSeenAt > deps.config.PR_WEB_SESSION_IDLE * 1000;
      if (!expired) {
        request.session.set('lastSeenAt', now);
        request.user = user;
        return;
      }
      request.session.delete();
      await deps.desk.audit(user, 'session.expired', undefined, 'done');
      return reply.redirect('/login?expired=1', 303);
    }
    return reply.redirect(`/login?returnTo=${encodeURIComponent(request.method === 'GET' ? request.url : '/')}`, 303);
  };
}

export function registerAuthRoutes(app: FastifyInstance, deps: WebAppDeps): void {
  const { login, desk, metrics } = deps;
  const rateLimit = { rateLimit: { max: deps.config.PR_WEB_LOGIN_RATE, timeWindow: '1 minute' } };

  app.get('/login', { config: rateLimit }, async (request, reply) => {
    const query = request.query as Record<string, string | undefined>;
    const ctx = pageContext(request, reply);
    const { m } = ctx.w;
    const notice = query.expired ? m.sessionExpired : query.failed ? m.loginFailed : m.signInIntro;
    return reply
      .code(query.failed ? 401 : 200)
      .type('text/html')
      .send(
        messagePage(
          ctx,
          m.signIn,
          notice,
          html`<form method="post" action="/login"><input type="hidden" name="_csrf" value="${ctx.csrf}"><input type="hidden" name="returnTo" value="${safeReturnTo(query.returnTo)}"><button class="button button-primary" type="submit">${m.signIn}</button></form>`,
        ).text,
      );
  });

  app.post('/login', { config: rateLimit }, async (request, reply) => {
    const body = request.body as Record<string, string | undefined>;
    const { url, pending } = await login.start(safeReturnTo(body.returnTo));
    request.session.set('pending', pending);
    return reply.redirect(url, 303);
  });

  app.get('/auth/callback', { config: rateLimit }, async (request, reply) => {
    const pending = request.session.get('pending');
    if (!pending) return reply.redirect('/login?failed=1', 303);
    try {
      const { user, idToken } = await login.finish(new URL(request.url, deps.config.PR_WEB_PUBLIC_URL), pending);
      // A fresh session at sign-in: nothing from before (and no fixed session) carries over.
      request.session.regenerate();
      const now = Date.now();
      request.session.set('user', user);
      request.session.set('idToken', idToken);
      request.session.set('signedInAt', now);
      request.session.set('lastSeenAt', now);
      metrics.signIns.inc({ result: 'ok' });
      await desk.audit(user, 'sign-in', undefined, 'done');
      return reply.redirect(pending.returnTo, 303);
    } catch (err) {
      metrics.signIns.inc({ result: 'failed' });
      request.log.warn({ err: { name: err instanceof Error ? err.name : 'Error', message: err instanceof Error ? err.message : String(err) } }, 'sign-in failed');
      request.session.set('pending', undefined);
      return reply.redirect('/login?failed=1', 303);
    }
  });

  app.post('/logout', async (request, reply) => {
    const user = request.session.get('user');
    const idToken = request.session.get('idToken');
    request.session.delete();
    if (user) await desk.audit(user, 'sign-out', undefined, 'done');
    return reply.redirect((await login.logoutUrl(idToken)) ?? '/signed-out', 303);
  });

  app.get('/signed-out', async (request, reply) => {
    const ctx = pageContext(request, reply);
    return reply.type('text/html').send(
      messagePage(ctx, ctx.w.m.signOut, ctx.w.m.signedOut, html`<p><a href="/login">${ctx.w.m.signIn}</a></p>`).text,
    );
  });

  app.post('/language', async (request, reply) => {
    const body = request.body as Record<string, string | undefined>;
    if (isLanguage(body.lang)) {
      reply.setCookie(LANGUAGE_COOKIE, body.lang, { path: '/', httpOnly: true, sameSite: 'lax', secure: deps.config.PR_WEB_SECURE_COOKIES, maxAge: 365 * 86_400 });
    }
    return reply.redirect(safeReturnTo(body.returnTo), 303);
  });
}
