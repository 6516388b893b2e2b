/**
 * Form fields in the design system's markup. A problem is shown beside its field (and the field is
 * marked invalid and described by it), so a screen reader hears which field and what was expected.
 */
import type { FormField, FormValues } from '../commands.js';
import { html, type Fragment, type Html } from '../html.js';
import type { Words } from '../i18n.js';

export interface FieldErrors {
  [field: string]: string;
}

export function fieldLabel(w: Words, name: string): string {
  return (w.m.fields as Record<string, string>)[name] ?? name;
}

/** A choice in words (the form still sends its code): the catalogue's, or the code itself when it has none. */
export function optionLabel(w: Words, code: string): string {
  return (w.m.options as Record<string, string>)[code] ?? code;
}

export function field(w: Words, f: FormField, idPrefix: string, values: FormValues, errors: FieldErrors): Html {
  const id = `${idPrefix}-${f.name}`;
  const error = errors[f.name];
  const describedBy = error ? html` aria-describedby="${id}-error" aria-invalid="true"` : '';
  const message = error ? html`<span class="form-error-message" id="${id}-error"><span class="sr-only">${w.m.forms.problems}: </span>${error}</span>` : '';
  const value = values[f.name];
  const text = Array.isArray(value) ? value[0] : value;
  const label = fieldLabel(w, f.name);
  const group = (inner: Fragment) => html`<div class="form-group${error ? ' form-error' : ''}">${inner}</div>`;
  switch (f.kind) {
    case 'checkboxes': {
      const chosen = new Set(Array.isArray(value) ? value : value ? [value] : []);
      return group(html`<fieldset id="${id}"${describedBy}><legend class="form-label">${label}</legend>${message}<ul class="nobullet-list">${(f.options ?? []).map(
        (o) => html`<li><input class="form-checkbox" type="checkbox" id="${id}-${o}" name="${f.name}" value="${o}"${chosen.has(o) ? ' checked' : ''}><label for="${id}-${o}">${optionLabel(w, o)}</label></li>`,
      )}</ul></fieldset>`);
    }
    case 'checkbox':
      return group(html`${message}<div class="form-group-checkbox"><input class="form-checkbox" type="checkbox" id="${id}" name="${f.name}"${text === 'on' ? ' checked' : ''}${describedBy}><label for="${id}">${label}</label></div>`);
    case 'select':
      return group(html`<label class="form-label" for="${id}">${label}</label>${message}<select class="form-select" id="${id}" name="${f.name}"${f.required ? ' required' : ''}${describedBy}><option value=""></option>${(f.options ?? []).map(
        (o) => html`<option value="${o}"${text === o ? ' selected' : ''}>${optionLabel(w, o)}</option>`,
      )}</select>`);
    case 'date':
      return group(html`<label class="form-label" for="${id}">${label}</label>${message}<input class="form-input" type="date" id="${id}" name="${f.name}" value="${text ?? ''}"${f.required ? ' required' : ''}${describedBy}>`);
    case 'item':
      return html`<input type="hidden" name="${f.name}" value="${text ?? ''}">`;
    case 'number':
      return group(html`<label class="form-label" for="${id}">${label}</label>${message}<input class="form-input" type="number" inputmode="numeric" id="${id}" name="${f.name}" value="${text ?? ''}"${describedBy}>`);
    default:
      return group(html`<label class="form-label" for="${id}">${label}</label>${message}<input class="form-input" type="text" id="${id}" name="${f.name}" value="${text ?? ''}"${f.required ? ' required' : ''}${describedBy}>`);
  }
}

/** The summary at the top of a form with problems: each links to its field. */
export function problemSummary(w: Words, idPrefix: string, errors: FieldErrors, general?: string): Html | '' {
  const entries = Object.entries(errors);
  if (!entries.length && !general) return '';
  return html`<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-heading">${general ? w.m.forms.refused : w.m.forms.problems}</p>${general ? html`<p class="alert-text">${general}</p>` : ''}<ul class="alert-text">${entries.map(
    ([name, problem]) => html`<li><a href="#${idPrefix}-${name}">${fieldLabel(w, name)}</a>: ${problem}</li>`,
  )}</ul></div></div>`;
}
