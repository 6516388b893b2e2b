/**
 * The programme page: where it stands (stage, deadlines as dates and "in 3 days", partner, consent,
 * checkpoints), what it waits for and who must act, the escalations and concerns with who acted on
 * them, the timeline in words, and a form for every command and event the caseworker may give it;
 * beside each open escalation a supervisor's forms to acknowledge and resolve it, beside each open
 * concern the caseworker's to record an action and resolve it. A refusal is shown beside the form's field.
 */
import type { ProgrammeView } from '../desk.js';
import type { ChildSafeguards, Concern, EarlyWarning, Escalation, ProgrammeStatus } from '../../domain/status.js';
import { actionOf, COMMAND_NAMES, COMMANDS, forChildOnly, perItem, type CommandName, type FormField, type FormValues } from '../commands.js';
import { html, type Html } from '../html.js';
import type { Words } from '../i18n.js';
import { waitingFor } from '../waiting.js';
import { field, optionLabel, problemSummary, type FieldErrors } from './forms.js';
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

/** Which forms she sees: steering the programme (a caseworker in reach), acting on its escalations (a supervisor). */
export interface MayAct {
  steer: boolean;
  supervise: boolean;
}

export function programmePage(ctx: PageContext, view: ProgrammeView, may: MayAct, state?: FormState): Html {
  const { w } = ctx;
  const { status, person } = view;
  const m = w.m.programme;
  const waiting = waitingFor(status);
  const open = status.stage !== 'closed';
  return page(
    ctx,
    w.fill(m.title, { caseRef: status.caseRef }),
    html`${state?.done ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${w.m.commands[state.command]}: ${w.m.forms.done}</p></div></div>` : ''}
${state && !state.done && perItem(state.command) !== undefined ? itemProblems(ctx, state) : ''}
<dl class="desk-facts">
<dt>${m.stage}</dt><dd data-field="stage">${status.stage} · ${w.m.stages[status.stage]}</dd>
<dt>${m.waitingFor}</dt><dd data-field="waiting">${w.m.waiting[waiting.what]}</dd>
<dt>${m.whoActs}</dt><dd data-field="who">${w.m.actor[waiting.who]}</dd>
${person ? html`<dt>${m.person}</dt><dd data-field="person">${person.fullName}${person.birthDate ? `, ${person.birthDate}` : ''}</dd>` : ''}
${status.profile && (status.profile.sex || status.profile.ageBand || status.profile.child) ? html`<dt>${m.profile}</dt><dd data-field="profile">${[status.profile.sex, status.profile.ageBand].flatMap((v) => (v ? [optionLabel(w, v)] : [])).concat(status.profile.child ? [m.child] : []).join(', ')}</dd>` : ''}
<dt>${m.caseworker}</dt><dd>${status.caseworkerId}</dd>
<dt>${m.country}</dt><dd>${status.homeCountry}</dd>
<dt>${m.opened}</dt><dd>${when(w, status.openedAt)}</dd>
${status.closedAt ? html`<dt>${m.closed}</dt><dd>${when(w, status.closedAt)}</dd><dt>${m.outcome}</dt><dd>${status.outcome ?? ''}</dd>` : ''}
<dt>${m.nextDeadline}</dt><dd>${status.nextDeadline ? html`${status.nextDeadline.what}: ${when(w, status.nextDeadline.at)}` : '–'}</dd>
<dt>${m.partner}</dt><dd data-field="partner">${status.partner ? `${status.partner.id} (${status.partner.state})` : m.noPartner}</dd>
<dt>${m.assessment}</dt><dd>${status.assessment ? `v${status.assessment.version}: ${optionLabel(w, status.assessment.riskLevel)}; ${status.assessment.needs.map((n) => optionLabel(w, n)).join(', ')}` : m.noAssessment}</dd>
<dt>${m.travel}</dt><dd>${status.travel ? html`${when(w, status.travel.date)} → ${status.travel.destination}, ${status.travel.meetingPoint}${status.travel.escort ? ' (escort)' : ''}` : m.noTravel}</dd>
<dt>${m.consent}</dt><dd><ul class="nobullet-list">${(['participation', 'sharing', 'follow-up'] as const).map((scope) => {
      const c = status.consent[scope];
      return html`<li>${optionLabel(w, scope)}: ${c ? (c.withdrawnAt ? m.consentWithdrawn : m.consentGiven) : m.consentMissing}</li>`;
    })}</ul></dd>
</dl>
${status.earlyWarnings?.length ? earlyWarnings(w, status.earlyWarnings) : ''}
${status.childSafeguards ? childSafeguards(w, status.childSafeguards) : ''}
<h2>${m.deadlines}</h2>
${status.deadlines.length ? html`<ul>${status.deadlines.map((d) => html`<li>${d.what}: ${when(w, d.at)}</li>`)}</ul>` : html`<p>–</p>`}
<h2>${m.checkpoints}</h2>
${status.checkpoints.length ? html`<table class="table table--compact"><thead><tr><th scope="col">${m.checkpoints}</th><th scope="col">${m.deadlines}</th><th scope="col">${m.stage}</th></tr></thead><tbody>${status.checkpoints.map(
      (c) => html`<tr><th scope="row">${c.name}</th><td>${c.dueAt ? when(w, c.dueAt) : '–'}</td><td>${c.state}</td></tr>`,
    )}</tbody></table>` : html`<p>–</p>`}
<h2>${m.escalations}</h2>
${status.escalations.length ? html`<ul class="desk-items">${status.escalations.map((e) => html`<li data-escalation="${String(e.id)}">${escalationText(w, e)}${may.supervise && open && e.resolvedAt === null ? itemForms(ctx, status.caseRef, 'escalation', e.id, state, e.acknowledged ? ['acknowledgeEscalation'] : []) : ''}</li>`)}</ul>` : html`<p>${m.noEscalations}</p>`}
<h2>${m.concerns}</h2>
${status.concerns.length ? html`<ul class="desk-items">${status.concerns.map((c, i) => html`<li data-concern="${String(i + 1)}">${concernText(w, c, i + 1)}${may.steer && open && c.resolved === undefined && c.correctedAt === undefined ? itemForms(ctx, status.caseRef, 'concern', i + 1, state, []) : ''}</li>`)}</ul>` : html`<p>${m.noConcerns}</p>`}
${status.planRefinement ? html`<h2>${m.planRefinement}</h2><p data-field="planRefinement">${status.planRefinement.refinedAt ? w.fill(m.planRefined, { at: w.date(status.planRefinement.refinedAt) }) : w.fill(m.planRefinementDue, { at: w.date(status.planRefinement.dueBy) })}</p>` : ''}
<h2>${m.timeline}</h2>
<ol class="desk-timeline" data-field="timeline">${status.timeline.map(
      (e) => html`<li value="${e.seq}"><time datetime="${e.at}">${w.dateTime(e.at)}</time>: ${timelineWords(w.lang, e.kind)} (${e.by}${e.detail?.onBehalfOf ? ` ${m.onBehalfOf} ${String(e.detail.onBehalfOf)}, ${String(e.detail.via)}` : ''})${e.result === 'refused' ? html` <span class="desk-refused">${m.refusedEntry}: ${e.reason ?? ''}</span>` : ''}</li>`,
    )}</ol>
${open ? programmeForms(ctx, status, may, state) : ''}`,
  );
}

/** The forms for the whole programme: a caseworker's to steer it, a supervisor's to reassign it. */
function programmeForms(ctx: PageContext, status: ProgrammeStatus, may: { steer: boolean; supervise: boolean }, state: FormState | undefined): Html | '' {
  const names = COMMAND_NAMES.filter(
    (name) => perItem(name) === undefined && (actionOf(name) === 'steer' ? may.steer : may.supervise) && (!forChildOnly(name) || status.childSafeguards !== undefined),
  );
  if (names.length === 0) return '';
  return html`<h2>${ctx.w.m.programme.actions}</h2><div class="desk-forms">${names.map((name) => commandForm(ctx, status.caseRef, name, state?.command === name ? state : undefined))}</div>`;
}

/** The warnings she must hear while there is time to act: an answer unlikely before the departure deadline. */
function earlyWarnings(w: Words, warnings: EarlyWarning[]): Html {
  const m = w.m.programme;
  return html`<h2>${m.earlyWarnings}</h2>${warnings.map(
    (e) => html`<div class="alert alert-warning" data-field="earlyWarning"><div class="alert-body"><p class="alert-text">${w.fill(m.earlyWarning, {
      partner: e.partnerId,
      deadline: w.date(e.departureDeadline),
      expected: w.date(e.expectedAnswerBy),
      basis: e.basis === 'measured' ? m.basisMeasured : m.basisPolicyWindow,
    })} ${e.askExtensionBy ? w.fill(m.askExtension, { at: w.date(e.askExtensionBy), until: w.date(e.extendUntil ?? e.askExtensionBy) }) : m.noExtension}</p></div></div>`,
  )}`;
}

/** A child's case: the guardian and the best-interests assessment, recorded or not yet. */
function childSafeguards(w: Words, c: ChildSafeguards): Html {
  const m = w.m.programme;
  return html`<h2>${m.childSafeguards}</h2><dl class="desk-facts" data-field="childSafeguards">
<dt>${m.guardian}</dt><dd>${c.guardian ? w.fill(m.guardianRecorded, { at: w.date(c.guardian.appointedAt), by: c.guardian.appointedBy }) : m.notRecorded}</dd>
<dt>${m.bestInterests}</dt><dd>${c.bestInterests ? w.fill(m.bestInterestsRecorded, { conclusion: optionLabel(w, c.bestInterests.conclusion), at: w.date(c.bestInterests.assessedAt) }) : m.notRecorded}</dd>
</dl>`;
}

function when(w: Words, iso: string): Html {
  return html`<time datetime="${iso}">${w.date(iso)}</time> (${w.relative(iso)})`;
}

/** An escalation in words: what, how urgent, since when, and who took it on and how it ended. */
function escalationText(w: Words, e: Escalation): Html {
  const m = w.m.programme;
  const facts = [
    e.acknowledged ? w.fill(m.acknowledgedBy, { by: e.acknowledged.by, at: w.date(e.acknowledged.at), action: optionLabel(w, e.acknowledged.action) }) : undefined,
    e.resolution ? w.fill(m.resolvedBy, { by: e.resolution.by, at: w.date(e.resolution.at), resolution: optionLabel(w, e.resolution.resolution) }) : undefined,
    e.resolvedAt && !e.resolution ? w.fill(m.resolvedByProgramme, { at: w.date(e.resolvedAt) }) : undefined,
    e.resolvedAt === null && !e.acknowledged ? m.escalationOpen : undefined,
    e.reminders ? w.fill(m.reminders, { n: e.reminders }) : undefined,
  ].filter((f) => f !== undefined);
  return html`#${String(e.id)} ${e.topic} (${e.severity}), ${when(w, e.raisedAt)}; ${facts.join('; ')}`;
}

function concernText(w: Words, c: Concern, n: number): Html {
  const m = w.m.programme;
  const facts = [
    c.actions?.length ? w.fill(m.concernActions, { actions: c.actions.map((a) => optionLabel(w, a.action)).join(', ') }) : undefined,
    c.resolved ? w.fill(m.resolvedBy, { by: c.resolved.by, at: w.date(c.resolved.at), resolution: optionLabel(w, c.resolved.resolution) }) : undefined,
  ].filter((f) => f !== undefined);
  return html`#${String(n)} ${optionLabel(w, c.kind)} (${c.by}), ${when(w, c.at)}${facts.length ? `; ${facts.join('; ')}` : ''}`;
}

/** The forms that act on one escalation or concern (but those `done` already), beside it; each carries its number. */
function itemForms(ctx: PageContext, caseRef: string, per: 'escalation' | 'concern', item: number, state: FormState | undefined, done: CommandName[]): Html {
  const names = COMMAND_NAMES.filter((name) => perItem(name) === per && !done.includes(name));
  const mine = (name: CommandName) => (state?.command === name && itemOf(name, state.values) === item ? state : undefined);
  return html`<div class="desk-item-forms">${names.map((name) => commandForm(ctx, caseRef, name, mine(name), item))}</div>`;
}

function itemField(name: CommandName): FormField | undefined {
  return (COMMANDS[name].fields as readonly FormField[]).find((f) => f.kind === 'item');
}

function itemOf(name: CommandName, values: FormValues): number | undefined {
  const f = itemField(name);
  const value = f ? values[f.name] : undefined;
  return typeof value === 'string' ? Number(value) : undefined;
}

/**
 * What was wrong with a form beside an escalation or a concern, said at the top of the page: the
 * item may no longer have its forms (resolved meanwhile), and its number is the page's, not a field
 * she can see, so a refusal about it is said in words.
 */
function itemProblems(ctx: PageContext, state: FormState): Html | '' {
  const { [itemField(state.command)?.name ?? '']: aboutItem, ...errors } = state.errors;
  return problemSummary(ctx.w, `f-${state.command}-${itemOf(state.command, state.values)}`, errors, state.refusal ?? aboutItem);
}

function commandForm(ctx: PageContext, caseRef: string, name: CommandName, state: FormState | undefined, item?: number): Html {
  const { w } = ctx;
  const prefix = item === undefined ? `f-${name}` : `f-${name}-${item}`;
  const shown = state && !state.done ? state : undefined;
  const own = itemField(name);
  const errors = shown?.errors ?? {};
  const values = { ...(shown?.values ?? {}), ...(own && item !== undefined ? { [own.name]: String(item) } : {}) };
  return html`<form method="post" action="/programmes/${caseRef}/${name}" id="${prefix}" aria-labelledby="${prefix}-title" novalidate>
<h3 id="${prefix}-title" class="h4">${w.m.commands[name]}</h3>
${shown && item === undefined ? problemSummary(w, prefix, errors, shown.refusal) : ''}
<input type="hidden" name="_csrf" value="${ctx.csrf}">
${(COMMANDS[name].fields as readonly FormField[]).map((f) => field(w, f, prefix, values, errors))}
<button class="button button-primary" type="submit">${w.m.commands[name]}</button>
</form>`;
}
