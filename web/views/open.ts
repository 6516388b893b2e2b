/** Opening a programme: the form whose problems name the field. She opens it as herself. */
import { DeclineReason } from '../../domain/ledger/record.js';
import { AgeBand, Sex } from '../../domain/programme.js';
import type { FormField, FormValues } from '../commands.js';
import { html, type Html } from '../html.js';
import { field, problemSummary, type FieldErrors } from './forms.js';
import { page, type PageContext } from './layout.js';

export const OPEN_FORM: FormField[] = [
  { name: 'caseRef', kind: 'text', required: true },
  { name: 'homeCountry', kind: 'text', required: true },
  { name: 'returnToThirdCountry', kind: 'checkbox' },
  { name: 'decidedAt', kind: 'date', required: true },
  { name: 'consent', kind: 'checkboxes', options: ['participation', 'sharing', 'follow-up'], required: true },
  { name: 'consentSource', kind: 'select', options: ['in-person', 'interpreter', 'written', 'legal-representative'] },
  { name: 'asylum', kind: 'select', options: ['none', 'pending-dis', 'pending-fln'] },
  { name: 'language', kind: 'select', options: ['da', 'en'] },
  { name: 'fullName', kind: 'text' },
  { name: 'sex', kind: 'select', options: Sex.options },
  { name: 'ageBand', kind: 'select', options: AgeBand.options },
  { name: 'child', kind: 'checkbox' },
];

/** She was offered a prepared return and declined it: counted, with no programme opened. */
export const DECLINED_OFFER_FORM: FormField[] = [
  { name: 'caseRef', kind: 'text', required: true },
  { name: 'homeCountry', kind: 'text', required: true },
  { name: 'declinedOn', kind: 'date', required: true },
  { name: 'reason', kind: 'select', options: DeclineReason.options, required: true },
  { name: 'sex', kind: 'select', options: Sex.options },
  { name: 'ageBand', kind: 'select', options: AgeBand.options },
];

/** Which of the page's two forms the values and problems belong to. */
export type OpenPageForm = 'open' | 'declined';

export function openPage(ctx: PageContext, values: FormValues = {}, errors: FieldErrors = {}, refusal?: string, form: OpenPageForm = 'open', notice?: string): Html {
  const { w } = ctx;
  const mine = (which: OpenPageForm) => (form === which ? { values, errors, refusal } : { values: {}, errors: {}, refusal: undefined });
  const open = mine('open');
  const declined = mine('declined');
  return page(
    ctx,
    w.m.open.title,
    html`${notice ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${notice}</p></div></div>` : ''}
${problemSummary(w, 'open', open.errors, open.refusal)}<form method="post" action="/programmes" id="open-form" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrf}">
${OPEN_FORM.map((f) => field(w, f, 'open', open.values, open.errors))}
<button class="button button-primary" type="submit">${w.m.open.title}</button>
</form>
<h2 id="declined">${w.m.open.declinedTitle}</h2>
<p>${w.m.open.declinedIntro}</p>
${problemSummary(w, 'declined', declined.errors, declined.refusal)}<form method="post" action="/declined-offers" id="declined-form" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrf}">
${DECLINED_OFFER_FORM.map((f) => field(w, f, 'declined', declined.values, declined.errors))}
<button class="button button-secondary" type="submit">${w.m.open.declinedSubmit}</button>
</form>`,
  );
}
