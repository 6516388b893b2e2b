/** Opening a programme: the form whose problems name the field. She opens it as herself. */
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

export function openPage(ctx: PageContext, values: FormValues = {}, errors: FieldErrors = {}, refusal?: string): Html {
  const { w } = ctx;
  return page(
    ctx,
    w.m.open.title,
    html`${problemSummary(w, 'open', errors, refusal)}<form method="post" action="/programmes" id="open-form" novalidate>
<input type="hidden" name="_csrf" value="${ctx.csrf}">
${OPEN_FORM.map((f) => field(w, f, 'open', values, errors))}
<button class="button button-primary" type="submit">${w.m.open.title}</button>
</form>`,
  );
}
