/**
 * The programme page: where it stands (stage, deadlines as dates and "in 3 days", partner, consent,
 * checkpoints), what it waits for and who must act, the timeline in words, and a form for every
 * command and event the caseworker may give it. A refusal is shown beside the form's field.
 */
import type { ProgrammeView } from '../desk.js';
import { COMMAND_NAMES, COMMANDS, type CommandName, type FormField, type FormValues } from '../commands.js';
import { html, type Html } from '../html.js';
import type { Words } from '../i18n.js';
import { waitingFor } from '../waiting.js';
import { field, problemSummary, type FieldErrors } from './forms.js';
import { page, type PageContext } from './layout.js';
import { timelineWords } from './timelineWords.js';

export interface FormState {
  command: CommandName;
  values: FormValues;
  errors: FieldErrors;
  /** The programme's refusal when it names no field of the form. */
  refusal?: string;
  done?: boolean;
}

export function programmePage(ctx: PageContext, view: ProgrammeView, canSteer: boolean, state?: FormState): Html {
  const { w } = ctx;
  const { status, person } = view;
  const m = w.m.programme;
  const waiting = waitingFor(status);
  const open = status.stage !== 'closed';
  return page(
    ctx,
    w.fill(m.title, { caseRef: status.caseRef }),
    html`${state?.done ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${w.m.commands[state.command]}: ${w.m.forms.done}</p></div></div>` : ''}
<dl class="desk-facts">
<dt>${m.stage}</dt><dd data-field="stage">${status.stage} · ${w.m.stages[status.stage]}</dd>
<dt>${m.waitingFor}</dt><dd data-field="waiting">${w.m.waiting[waiting.what]}</dd>
<dt>${m.whoActs}</dt><dd data-field="who">${w.m.actor[waiting.who]}</dd>
${person ? html`<dt>${m.person}</dt><dd data-field="person">${person.fullName}${person.birthDate ? `, ${person.birthDate}` : ''}</dd>` : ''}
<dt>${m.caseworker}</dt><dd>${status.caseworkerId}</dd>
<dt>${m.country}</dt><dd>${status.homeCountry}</dd>
<dt>${m.opened}</dt><dd>${when(w, status.openedAt)}</dd>
${status.closedAt ? html`<dt>${m.closed}</dt><dd>${when(w, status.closedAt)}</dd><dt>${m.outcome}</dt><dd>${status.outcome ?? ''}</dd>` : ''}
<dt>${m.nextDeadline}</dt><dd>${status.nextDeadline ? html`${status.nextDeadline.what}: ${when(w, status.nextDeadline.at)}` : '–'}</dd>
<dt>${m.partner}</dt><dd data-field="partner">${status.partner ? `${status.partner.id} (${status.partner.state})` : m.noPartner}</dd>
<dt>${m.assessment}</dt><dd>${status.assessment ? `v${status.assessment.version}: ${status.assessment.riskLevel}; ${status.assessment.needs.join(', ')}` : m.noAssessment}</dd>
<dt>${m.travel}</dt><dd>${status.travel ? html`${when(w, status.travel.date)} → ${status.travel.destination}, ${status.travel.meetingPoint}${status.travel.escort ? ' (escort)' : ''}` : m.noTravel}</dd>
<dt>${m.consent}</dt><dd><ul class="nobullet-list">${(['participation', 'sharing', 'follow-up'] as const).map((scope) => {
      const c = status.consent[scope];
      return html`<li>${scope}: ${c ? (c.withdrawnAt ? m.consentWithdrawn : m.consentGiven) : m.consentMissing}</li>`;
    })}</ul></dd>
</dl>
<h2>${m.deadlines}</h2>
${status.deadlines.length ? html`<ul>${status.deadlines.map((d) => html`<li>${d.what}: ${when(w, d.at)}</li>`)}</ul>` : html`<p>–</p>`}
<h2>${m.checkpoints}</h2>
${status.checkpoints.length ? html`<table class="table table--compact"><thead><tr><th scope="col">${m.checkpoints}</th><th scope="col">${m.deadlines}</th><th scope="col">${m.stage}</th></tr></thead><tbody>${status.checkpoints.map(
      (c) => html`<tr><th scope="row">${c.name}</th><td>${c.dueAt ? when(w, c.dueAt) : '–'}</td><td>${c.state}</td></tr>`,
    )}</tbody></table>` : html`<p>–</p>`}
<h2>${m.escalations}</h2>
${status.escalations.length ? html`<ul>${status.escalations.map((e) => html`<li>${e.topic} (${e.severity}), ${when(w, e.raisedAt)}${e.resolvedAt ? ` → ${w.date(e.resolvedAt)}` : ''}</li>`)}</ul>` : html`<p>${m.noEscalations}</p>`}
<h2>${m.concerns}</h2>
${status.concerns.length ? html`<ul>${status.concerns.map((c) => html`<li>${c.kind} (${c.by}), ${when(w, c.at)}</li>`)}</ul>` : html`<p>${m.noConcerns}</p>`}
<h2>${m.timeline}</h2>
<ol class="desk-timeline" data-field="timeline">${status.timeline.map(
      (e) => html`<li value="${e.seq}"><time datetime="${e.at}">${w.dateTime(e.at)}</time>: ${timelineWords(w.lang, e.kind)} (${e.by}${e.detail?.onBehalfOf ? ` ${m.onBehalfOf} ${String(e.detail.onBehalfOf)}, ${String(e.detail.via)}` : ''})${e.result === 'refused' ? html` <span class="desk-refused">${m.refusedEntry}: ${e.reason ?? ''}</span>` : ''}</li>`,
    )}</ol>
${canSteer && open ? html`<h2>${m.actions}</h2><div class="desk-forms">${COMMAND_NAMES.map((name) => commandForm(ctx, status.caseRef, name, state?.command === name ? state : undefined))}</div>` : ''}`,
  );
}

function when(w: Words, iso: string): Html {
  return html`<time datetime="${iso}">${w.date(iso)}</time> (${w.relative(iso)})`;
}

function commandForm(ctx: PageContext, caseRef: string, name: CommandName, state: FormState | undefined): Html {
  const { w } = ctx;
  const prefix = `f-${name}`;
  const errors = state && !state.done ? state.errors : {};
  return html`<form method="post" action="/programmes/${caseRef}/${name}" id="${prefix}" aria-labelledby="${prefix}-title" novalidate>
<h3 id="${prefix}-title" class="h4">${w.m.commands[name]}</h3>
${state && !state.done ? problemSummary(w, prefix, errors, state.refusal) : ''}
<input type="hidden" name="_csrf" value="${ctx.csrf}">
${(COMMANDS[name].fields as readonly FormField[]).map((f) => field(w, f, prefix, state && !state.done ? state.values : {}, errors))}
<button class="button button-primary" type="submit">${w.m.commands[name]}</button>
</form>`;
}
