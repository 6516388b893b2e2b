/**
 * The desk's pages. Each route reads the form, asks the desk, and renders the answer; after a
 * successful change it redirects (so a reload never sends a command twice). A programme outside
 * her reach and one that does not exist give the same 404 page (web/server.ts, error handler).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CaseRef } from '../../domain/programme.js';
import { may } from '../access.js';
import { isCommandName, type FormValues } from '../commands.js';
import type { CaseloadScope } from '../desk.js';
import { FormProblems, NoSuchProgramme, NotInRole, Refused } from '../refusals.js';
import type { WebAppDeps } from '../deps.js';
import { pageContext } from '../pageContext.js';
import type { User } from '../user.js';
import { auditPage } from '../views/audit.js';
import { caseloadPage } from '../views/caseload.js';
import { erasurePage } from '../views/erasure.js';
import type { FieldErrors } from '../views/forms.js';
import { openPage } from '../views/open.js';
import { programmePage } from '../views/programme.js';
import { reportPage } from '../views/report.js';
import { sessionCheck } from './auth.js';

type Params = { caseRef: string; command: string; id: string; decision: string };

function errorsOf(problems: FormProblems): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems.problems) errors[p.field] ??= p.problem;
  return errors;
}

function send(reply: FastifyReply, status: number, page: { text: string }): FastifyReply {
  return reply.code(status).type('text/html').send(page.text);
}

function formOf(request: FastifyRequest): FormValues {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === '_csrf') continue;
    if (typeof value === 'string') out[key] = value;
    else if (Array.isArray(value)) out[key] = value.filter((v): v is string => typeof v === 'string');
  }
  return out;
}

export function registerDeskRoutes(app: FastifyInstance, deps: WebAppDeps): void {
  const { desk } = deps;
  const onRequest = sessionCheck(deps);
  const user = (request: FastifyRequest): User => request.user!;

  app.get('/', { onRequest }, async (request, reply) => {
    const me = user(request);
    if (!may(me, 'caseload')) return reply.redirect(may(me, 'decideErasure') ? '/erasure' : '/report', 303);
    const scopes: CaseloadScope[] = me.role === 'supervisor' ? ['all'] : ['mine', 'team'];
    const asked = (request.query as Record<string, string | undefined>).scope as CaseloadScope | undefined;
    const scope = asked && scopes.includes(asked) ? asked : scopes[0]!;
    return send(reply, 200, caseloadPage(pageContext(request, reply), scope, scopes, await desk.caseload(me, scope)));
  });

  app.get('/programmes/new', { onRequest }, async (request, reply) => {
    if (!may(user(request), 'open')) throw new NotInRole('open');
    const ctx = pageContext(request, reply);
    const query = request.query as Record<string, string | undefined>;
    // After a declined offer was recorded: say so (the case reference came back through our own redirect).
    const declined = query.declined && CaseRef.safeParse(query.declined).success ? query.declined : undefined;
    const notice = declined ? ctx.w.fill(query.written === 'no' ? ctx.w.m.open.declinedAgain : ctx.w.m.open.declinedDone, { caseRef: declined }) : undefined;
    return send(reply, 200, openPage(ctx, {}, {}, undefined, 'open', notice));
  });

  app.post('/programmes', { onRequest }, async (request, reply) => {
    const form = formOf(request);
    try {
      const { caseRef } = await desk.open(user(request), form);
      return reply.redirect(`/programmes/${caseRef}?done=open`, 303);
    } catch (err) {
      if (err instanceof FormProblems) return send(reply, 422, openPage(pageContext(request, reply), form, errorsOf(err)));
      if (err instanceof Refused) return send(reply, 409, openPage(pageContext(request, reply), form, err.field ? { [err.field]: err.reason } : {}, err.field ? undefined : err.reason));
      throw err;
    }
  });

  app.post('/declined-offers', { onRequest }, async (request, reply) => {
    const form = formOf(request);
    try {
      const { caseRef, written } = await desk.recordDeclinedOffer(user(request), form);
      return reply.redirect(`/programmes/new?declined=${caseRef}&written=${written ? 'yes' : 'no'}#declined`, 303);
    } catch (err) {
      if (err instanceof FormProblems) return send(reply, 422, openPage(pageContext(request, reply), form, errorsOf(err), undefined, 'declined'));
      throw err;
    }
  });

  app.get<{ Params: Params }>('/programmes/:caseRef', { onRequest }, async (request, reply) => {
    const me = user(request);
    const view = await desk.programme(me, request.params.caseRef);
    const done = (request.query as Record<string, string | undefined>).done;
    const state = done && isCommandName(done) ? { command: done, values: {}, errors: {}, done: true } : undefined;
    return send(reply, 200, programmePage(pageContext(request, reply), view, desk.mayAct(me, view.status.caseworkerId), state));
  });

  app.post<{ Params: Params }>('/programmes/:caseRef/:command', { onRequest }, async (request, reply) => {
    const me = user(request);
    const { caseRef, command } = request.params;
    if (!isCommandName(command)) return reply.callNotFound();
    const form = formOf(request);
    try {
      await desk.command(me, caseRef, command, form);
      deps.metrics.commands.inc({ command, result: 'ok' });
      return reply.redirect(`/programmes/${caseRef}?done=${command}`, 303);
    } catch (err) {
      if (!(err instanceof FormProblems) && !(err instanceof Refused)) throw err;
      deps.metrics.commands.inc({ command, result: err instanceof Refused ? 'refused' : 'invalid' });
      const view = await desk.programme(me, caseRef);
      const state =
        err instanceof FormProblems
          ? { command, values: form, errors: errorsOf(err) }
          : { command, values: form, errors: err.field ? { [err.field]: err.reason } : {}, ...(err.field ? {} : { refusal: err.reason }) };
      return send(reply, err instanceof FormProblems ? 422 : 409, programmePage(pageContext(request, reply), view, desk.mayAct(me, view.status.caseworkerId), state));
    }
  });

  app.get('/report', { onRequest }, async (request, reply) => {
    const asked = Number((request.query as Record<string, string | undefined>).year ?? new Date().getFullYear());
    const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2100 ? asked : new Date().getFullYear();
    const { report, unreadable } = await desk.report(user(request), year);
    return send(reply, 200, reportPage(pageContext(request, reply), year, report, unreadable));
  });

  app.get('/erasure', { onRequest }, async (request, reply) => {
    const requests = desk.erasureRequests(user(request));
    const done = (request.query as Record<string, string | undefined>).requested;
    const ctx = pageContext(request, reply);
    return send(reply, 200, erasurePage(ctx, requests, {}, {}, done ? ctx.w.fill(ctx.w.m.erasure.requested, { caseRef: done }) : undefined));
  });

  app.post('/erasure', { onRequest }, async (request, reply) => {
    const me = user(request);
    const form = formOf(request);
    try {
      const created = await desk.requestErasure(me, form);
      return reply.redirect(`/erasure?requested=${created.caseRef}`, 303);
    } catch (err) {
      if (!(err instanceof NoSuchProgramme) && !(err instanceof FormProblems)) throw err;
      const ctx = pageContext(request, reply);
      if (err instanceof NoSuchProgramme) return send(reply, 404, erasurePage(ctx, desk.erasureRequests(me), form, { caseRef: ctx.w.m.notFound }));
      return send(reply, 422, erasurePage(ctx, desk.erasureRequests(me), form, errorsOf(err)));
    }
  });

  app.post<{ Params: Params }>('/erasure/:id/:decision', { onRequest }, async (request, reply) => {
    const me = user(request);
    const { id, decision } = request.params;
    if (decision !== 'approve' && decision !== 'reject') return reply.callNotFound();
    try {
      await desk.decideErasure(me, id, decision === 'approve');
      return reply.redirect('/erasure', 303);
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
      return send(reply, 409, erasurePage(pageContext(request, reply), desk.erasureRequests(me), {}, {}, undefined, err.reason));
    }
  });

  app.get('/audit', { onRequest }, async (request, reply) => {
    const caseRef = (request.query as Record<string, string | undefined>).caseRef?.trim() || undefined;
    const entries = await desk.auditTrail(user(request), caseRef ? { caseRef } : {});
    return send(reply, 200, auditPage(pageContext(request, reply), entries, caseRef));
  });
}
