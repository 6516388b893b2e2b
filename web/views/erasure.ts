/** Erasure: the supervisor's request form, and the requests with the data protection officer's decision. */
import { may } from '../access.js';
import type { FormValues } from '../commands.js';
import { ERASURE_REASONS, type ErasureRequest } from '../erasureRequests.js';
import { html, type Html } from '../html.js';
import { field, problemSummary, type FieldErrors } from './forms.js';
import { page, type PageContext } from './layout.js';

export function erasurePage(ctx: PageContext, requests: ErasureRequest[], values: FormValues = {}, errors: FieldErrors = {}, notice?: string, refusal?: string): Html {
  const { w, user } = ctx;
  const m = w.m.erasure;
  const waiting = requests.filter((r) => r.state === 'waiting');
  const decided = requests.filter((r) => r.state !== 'waiting');
  return page(
    ctx,
    m.title,
    html`<p>${m.intro}</p>
${notice ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${notice}</p></div></div>` : ''}
${user && may(user, 'requestErasure')
  ? html`<h2>${m.request}</h2>${problemSummary(w, 'erase', errors, refusal)}<form method="post" action="/erasure" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrf}">
${field(w, { name: 'caseRef', kind: 'text', required: true }, 'erase', values, errors)}
<div class="form-group${errors.reason ? ' form-error' : ''}"><label class="form-label" for="erase-reason">${w.m.fields.reason}</label>${errors.reason ? html`<span class="form-error-message" id="erase-reason-error">${errors.reason}</span>` : ''}<select class="form-select" id="erase-reason" name="reason"${errors.reason ? html` aria-describedby="erase-reason-error" aria-invalid="true"` : ''}><option value=""></option>${ERASURE_REASONS.map((r) => html`<option value="${r}"${values.reason === r ? ' selected' : ''}>${m.reasons[r]}</option>`)}</select></div>
${field(w, { name: 'terminate', kind: 'checkbox' }, 'erase', values, errors)}
<button class="button button-primary" type="submit">${m.request}</button></form>`
  : ''}
<h2>${m.waiting}</h2>
${waiting.length ? table(ctx, waiting, true) : html`<p>${m.none}</p>`}
<h2>${m.decided}</h2>
${decided.length ? table(ctx, decided, false) : html`<p>${m.none}</p>`}`,
  );
}

function table(ctx: PageContext, requests: ErasureRequest[], decide: boolean): Html {
  const { w, user } = ctx;
  const m = w.m.erasure;
  const canDecide = decide && user !== undefined && may(user, 'decideErasure');
  return html`<table class="table table--compact"><thead><tr><th scope="col">${w.m.caseload.case}</th><th scope="col">${w.m.fields.reason}</th><th scope="col">${m.requestedBy}</th><th scope="col">${decide ? '' : m.decidedBy}</th><th scope="col">${w.m.caseload.stage}</th></tr></thead><tbody>${requests.map(
    (r) => html`<tr data-request="${r.id}"><th scope="row">${r.caseRef}</th><td>${m.reasons[r.reason]}</td><td>${r.requestedBy}, ${w.dateTime(r.requestedAt)}</td><td>${decide
      ? canDecide
        ? r.requestedBy === user?.id
          ? m.ownRequest
          : html`<form class="desk-inline" method="post" action="/erasure/${r.id}/approve"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button class="button button-primary" type="submit">${m.approve} ${r.caseRef}</button></form> <form class="desk-inline" method="post" action="/erasure/${r.id}/reject"><input type="hidden" name="_csrf" value="${ctx.csrf}"><button class="button button-secondary" type="submit">${m.reject} ${r.caseRef}</button></form>`
        : ''
      : `${r.decidedBy ?? ''}${r.decidedAt ? `, ${w.dateTime(r.decidedAt)}` : ''}`}</td><td>${m.states[r.state]}</td></tr>`,
  )}</tbody></table>`;
}
