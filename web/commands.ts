/**
 * Every command and event a caseworker gives a programme, as the app knows them: the form's fields
 * (which the pages render and the server reads back) and how they become the programme's payload.
 * The actor is never a field: the desk adds the signed-in user as `by`, `recordedBy` or `sender`.
 */
import type { z } from 'zod';
import { COMMANDS as PROGRAMME_COMMANDS, NeedCode, Resolution, ResponseAction } from '../domain/commands.js';
import { ConcernKind, EVENTS, type EventName } from '../domain/events.js';
import { parseWhen } from '../client/input/dates.js';

/** `item`: the number of the escalation or concern a form acts on, set by the page (hidden). */
export type FieldKind = 'select' | 'checkboxes' | 'date' | 'text' | 'checkbox' | 'number' | 'item';

export interface FormField {
  /** The form field's name; also the payload field the programme's refusals name. */
  name: string;
  kind: FieldKind;
  options?: readonly string[];
  required?: boolean;
  /** Where the value lands in the payload when it is not a top-level field. */
  path?: string;
}

export type FormValues = Record<string, string | string[] | undefined>;

interface Spec {
  kind: 'update' | 'event';
  schema: z.ZodType;
  fields: FormField[];
  /** Who gives it: a caseworker steering her programme (the default), or a supervisor acting on its escalations. */
  who?: 'supervisor';
  /** A form per open escalation or concern, beside it on the page, rather than one for the programme. */
  per?: 'escalation' | 'concern';
}

const NEEDS = NeedCode.options;
const CONSENT_SOURCES = ['in-person', 'interpreter', 'written', 'legal-representative'] as const;
const when: FormField = { name: 'at', kind: 'date' };
const concernItem: FormField = { name: 'concern', kind: 'item', required: true };
const escalationItem: FormField = { name: 'escalationId', kind: 'item', required: true };

export const COMMANDS = {
  recordAssessment: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.recordAssessment.schema,
    fields: [
      { name: 'riskLevel', kind: 'select', options: ['low', 'medium', 'high'], required: true },
      { name: 'needs', kind: 'checkboxes', options: NEEDS, required: true },
    ],
  },
  recordPlan: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.recordPlan.schema,
    fields: [
      { name: 'elements', kind: 'checkboxes', options: NEEDS, required: true },
      { name: 'supportMonths', kind: 'number' },
    ],
  },
  recordConsent: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.recordConsent.schema,
    fields: [
      { name: 'scope', kind: 'select', options: ['sharing', 'follow-up', 'participation'], required: true },
      { name: 'source', kind: 'select', options: CONSENT_SOURCES, required: true, path: 'consent.source' },
      { name: 'at', kind: 'date', path: 'consent.at' },
    ],
  },
  extendReflection: { kind: 'update', schema: PROGRAMME_COMMANDS.extendReflection.schema, fields: [{ name: 'until', kind: 'date', required: true }] },
  assignPartner: { kind: 'update', schema: PROGRAMME_COMMANDS.assignPartner.schema, fields: [{ name: 'partnerId', kind: 'text', required: true }] },
  planTravel: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.planTravel.schema,
    fields: [
      { name: 'date', kind: 'date', required: true },
      { name: 'destination', kind: 'text', required: true },
      { name: 'meetingPoint', kind: 'text', required: true },
      { name: 'escort', kind: 'checkbox' },
    ],
  },
  recordConcernAction: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.recordConcernAction.schema,
    per: 'concern',
    fields: [concernItem, { name: 'action', kind: 'select', options: ResponseAction.options, required: true }],
  },
  resolveConcern: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.resolveConcern.schema,
    per: 'concern',
    fields: [concernItem, { name: 'resolution', kind: 'select', options: Resolution.options, required: true }],
  },
  acknowledgeEscalation: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.acknowledgeEscalation.schema,
    who: 'supervisor',
    per: 'escalation',
    fields: [escalationItem, { name: 'action', kind: 'select', options: ResponseAction.options, required: true }],
  },
  resolveEscalation: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.resolveEscalation.schema,
    who: 'supervisor',
    per: 'escalation',
    fields: [escalationItem, { name: 'resolution', kind: 'select', options: Resolution.options, required: true }],
  },
  cancel: { kind: 'update', schema: PROGRAMME_COMMANDS.cancel.schema, fields: [{ name: 'reason', kind: 'select', options: ['duplicate-case', 'transferred', 'opened-in-error', 'other'], required: true }] },
  asylumApplied: { kind: 'event', schema: EVENTS.asylumApplied.schema, fields: [when] },
  asylumDecision: {
    kind: 'event',
    schema: EVENTS.asylumDecision.schema,
    fields: [
      { name: 'authority', kind: 'select', options: ['DIS', 'FLN'], required: true },
      { name: 'decision', kind: 'select', options: ['convention', 'protection', 'temporary-protection', 'rejected'], required: true },
      when,
    ],
  },
  caseReopened: { kind: 'event', schema: EVENTS.caseReopened.schema, fields: [when] },
  concernRaised: { kind: 'event', schema: EVENTS.concernRaised.schema, fields: [{ name: 'kind', kind: 'select', options: ConcernKind.options, required: true }, when] },
  departureConfirmed: { kind: 'event', schema: EVENTS.departureConfirmed.schema, fields: [when] },
  personMissing: { kind: 'event', schema: EVENTS.personMissing.schema, fields: [{ name: 'state', kind: 'select', options: ['missing', 'found'], required: true }, when] },
  consentWithdrawn: {
    kind: 'event',
    schema: EVENTS.consentWithdrawn.schema,
    fields: [
      { name: 'scope', kind: 'select', options: ['participation', 'sharing', 'follow-up'], required: true },
      { name: 'source', kind: 'select', options: [...CONSENT_SOURCES, 'partner-report'], required: true },
      when,
    ],
  },
} as const satisfies Record<string, Spec>;

export type CommandName = keyof typeof COMMANDS;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function isEvent(name: CommandName): name is CommandName & EventName {
  return COMMANDS[name].kind === 'event';
}

/** What giving the command asks of the user's role: steering her programme, or supervising it. */
export function actionOf(name: CommandName): 'steer' | 'supervise' {
  return (COMMANDS[name] as Spec).who === 'supervisor' ? 'supervise' : 'steer';
}

/** Whether the command has a form per escalation or concern (and which), rather than one for the programme. */
export function perItem(name: CommandName): Spec['per'] {
  return (COMMANDS[name] as Spec).per;
}

/** The form's values as the payload's fields (the actor is added by the desk). */
export function payloadFields(name: CommandName, form: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of COMMANDS[name].fields as readonly FormField[]) {
    const value = readField(field, form[field.name]);
    if (value === undefined) continue;
    const path = (field.path ?? field.name).split('.');
    let target = out;
    for (const part of path.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]!] = value;
  }
  return out;
}

/** The payload path a programme's message names → the form field it came from. */
export function fieldForPath(name: CommandName, path: string): string | undefined {
  const fields = COMMANDS[name].fields as readonly FormField[];
  return fields.find((f) => (f.path ?? f.name) === path || path.startsWith(`${f.path ?? f.name}.`) || path.startsWith(`${f.path ?? f.name}[`))?.name;
}

export function readField(field: FormField, raw: string | string[] | undefined): unknown {
  const text = Array.isArray(raw) ? raw[0] : raw;
  switch (field.kind) {
    case 'checkboxes':
      return raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== '');
    case 'checkbox':
      return text === 'on' || text === 'true';
    case 'number':
    case 'item':
      return text === undefined || text.trim() === '' ? undefined : Number(text);
    case 'date':
      // A date a person types means midday Danish time; a value that is no date is left for the schema to name.
      return text === undefined || text.trim() === '' ? undefined : (parseWhen(text) ?? text);
    default:
      return text === undefined || text.trim() === '' ? undefined : text.trim();
  }
}
