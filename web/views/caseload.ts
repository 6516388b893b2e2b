/** My caseload: what is due today, overdue and escalated, then everything open; from search attributes only. */
import type { Caseload, CaseloadRow, CaseloadScope } from '../desk.js';
import { html, type Html } from '../html.js';
import { page, type PageContext } from './layout.js';

export function caseloadPage(ctx: PageContext, scope: CaseloadScope, scopes: CaseloadScope[], caseload: Caseload): Html {
  const { w } = ctx;
  const m = w.m.caseload;
  return page(
    ctx,
    m.title,
    html`<nav aria-label="${m.title}"><ul class="nobullet-list desk-summary">${scopes.map(
      (s) => html`<li><a href="/?scope=${s}"${s === scope ? html` aria-current="page"` : ''}>${m.scope[s]}</a></li>`,
    )}</ul></nav>
<div class="desk-summary">
<div><h2 class="h4">${m.overdue}</h2><p>${caseload.overdue.length}</p></div>
<div><h2 class="h4">${m.dueToday}</h2><p>${caseload.dueToday.length}</p></div>
<div><h2 class="h4">${m.escalated}</h2><p>${caseload.escalated.length}</p></div>
</div>
${section(ctx, 'overdue', m.overdue, caseload.overdue)}
${section(ctx, 'due-today', m.dueToday, caseload.dueToday)}
${section(ctx, 'escalated', m.escalated, caseload.escalated)}
${section(ctx, 'all', m.everything, caseload.rows)}
<p class="form-hint">${m.fromIndex}</p>`,
  );
}

function section(ctx: PageContext, id: string, title: string, rows: CaseloadRow[]): Html {
  const { w } = ctx;
  const m = w.m.caseload;
  return html`<section aria-labelledby="${id}-title"><h2 id="${id}-title">${title}</h2>${rows.length === 0
    ? html`<p>${m.empty}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--compact" data-section="${id}"><thead><tr><th scope="col">${m.case}</th><th scope="col">${m.stage}</th><th scope="col">${m.country}</th><th scope="col">${m.partner}</th><th scope="col">${m.nextDeadline}</th><th scope="col">${m.escalated}</th><th scope="col">${m.caseworker}</th></tr></thead><tbody>${rows.map(
        (r) => html`<tr><th scope="row"><a href="/programmes/${r.caseRef}">${r.caseRef}</a></th><td>${r.stage ?? ''}</td><td>${r.homeCountry ?? ''}</td><td>${r.partner ?? m.none}</td><td>${r.nextDeadline ? html`<time datetime="${r.nextDeadline}">${w.relative(r.nextDeadline)}</time> (${w.date(r.nextDeadline)})` : m.none}</td><td>${r.escalated ? m.yes : ''}</td><td>${r.caseworkerId ?? ''}</td></tr>`,
      )}</tbody></table></div>`}</section>`;
}
