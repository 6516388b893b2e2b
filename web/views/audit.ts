/** The audit trail for supervisors and the data protection officer: staff ids and case references only. */
import type { AuditEntry } from '../audit.js';
import { html, type Html } from '../html.js';
import { page, type PageContext } from './layout.js';

export function auditPage(ctx: PageContext, entries: AuditEntry[], caseRef: string | undefined): Html {
  const { w } = ctx;
  const m = w.m.audit;
  return page(
    ctx,
    m.title,
    html`<p>${m.intro}</p>
<form method="get" action="/audit"><div class="form-group"><label class="form-label" for="audit-case">${m.caseRef}</label><input class="form-input" id="audit-case" name="caseRef" value="${caseRef ?? ''}"></div><button class="button button-secondary" type="submit">${m.filter}</button></form>
<table class="table table--compact" data-audit><thead><tr><th scope="col">${m.at}</th><th scope="col">${m.actor}</th><th scope="col">${m.role}</th><th scope="col">${m.action}</th><th scope="col">${m.caseRef}</th><th scope="col">${m.result}</th></tr></thead><tbody>${entries.map(
      (e) => html`<tr><td><time datetime="${e.at}">${w.dateTime(e.at)}</time></td><td>${e.actor}</td><td>${e.role}</td><td>${e.action}</td><td>${e.caseRef ?? e.programme ?? ''}</td><td>${e.result}</td></tr>`,
    )}</tbody></table>`,
  );
}
