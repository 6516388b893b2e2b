/**
 * Every command and event a caseworker gives a programme, as the app knows them: the form's fields
 * (which the pages render and the server reads back) and how they become the programme's payload.
 * The actor is never a field: the desk adds the signed-in user as `by`, `recordedBy` or `sender`.
 */
import type { z } from 'zod';
import { COMMANDS as PROGRAMME_COMMANDS, NeedCode, Resolution, ResponseAction } from '../domain/commands.js';
import { ConcernKind, ContactRecord, DeclineReason, EVENTS, HandoverPlace, NextStep, RelayChannel, SITUATION_AREAS, SituationLevel, type EventName } from '../domain/events.js';
import { CheckpointName } from '../domain/notifications.js';
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
  /** A date of something planned (a travel date, an extension's end): today's date is its midday, not now. */
  planned?: true;
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
  /** Shown only for a child's case. */
  childOnly?: true;
}

const NEEDS = NeedCode.options;
const CONSENT_SOURCES = ['in-person', 'interpreter', 'written', 'legal-representative'] as const;
const when: FormField = { name: 'at', kind: 'date' };
/** One of the partner's people as a contact record: name and role, phone and e-mail if given. */
function contactFields(contact: 'keyContact' | 'alternateContact'): FormField[] {
  return [
    { name: `${contact}Name`, kind: 'text', required: true, path: `${contact}.name` },
    { name: `${contact}Role`, kind: 'select', options: ContactRecord.shape.role.options, required: true, path: `${contact}.role` },
    { name: `${contact}Phone`, kind: 'text', path: `${contact}.phone` },
    { name: `${contact}Email`, kind: 'text', path: `${contact}.email` },
  ];
}
/**
 * A partner's answer that came by e-mail, phone or in a meeting, recorded on its behalf: which
 * partner, how it came and when the centre received it (today when left empty).
 */
const onBehalf: FormField[] = [
  { name: 'forPartner', kind: 'text', required: true, path: 'onBehalfOf.partnerId' },
  { name: 'via', kind: 'select', options: RelayChannel.options, required: true, path: 'onBehalfOf.channel' },
  { name: 'received', kind: 'date', path: 'onBehalfOf.receivedAt' },
];
const timelineEntry: FormField = { name: 'seq', kind: 'number', required: true };
/** A required choice among the values the command's schema allows for `field`. */
function choiceOf<S extends z.ZodObject>(schema: S, field: keyof S['shape'] & string): FormField {
  return { name: field, kind: 'select', options: (schema.shape[field] as z.ZodEnum).options as string[], required: true };
}
const concernItem: FormField = { name: 'concern', kind: 'item', required: true };
const escalationItem: FormField = { name: 'escalationId', kind: 'item', required: true };

export const COMMANDS = {
  recordAssessment: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.recordAssessment.schema,
    fields: [
      choiceOf(PROGRAMME_COMMANDS.recordAssessment.schema, 'riskLevel'),
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
  recordGuardian: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.recordGuardian.schema,
    childOnly: true,
    fields: [choiceOf(PROGRAMME_COMMANDS.recordGuardian.schema, 'appointedBy'), { name: 'appointedAt', kind: 'date', required: true }],
  },
  recordBestInterests: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.recordBestInterests.schema,
    childOnly: true,
    fields: [choiceOf(PROGRAMME_COMMANDS.recordBestInterests.schema, 'conclusion'), { name: 'assessedAt', kind: 'date', required: true }],
  },
  extendReflection: { kind: 'update', schema: PROGRAMME_COMMANDS.extendReflection.schema, fields: [{ name: 'until', kind: 'date', required: true, planned: true }] },
  assignPartner: { kind: 'update', schema: PROGRAMME_COMMANDS.assignPartner.schema, fields: [{ name: 'partnerId', kind: 'text', required: true }] },
  planTravel: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.planTravel.schema,
    fields: [
      { name: 'date', kind: 'date', required: true, planned: true },
      { name: 'destination', kind: 'text', required: true },
      { name: 'meetingPoint', kind: 'text', required: true },
      { name: 'escort', kind: 'checkbox' },
    ],
  },
  // An event the caseworker confirms or corrects, by its number in the timeline; the choices are the command's own.
  confirmEvent: { kind: 'update', schema: PROGRAMME_COMMANDS.confirmEvent.schema, fields: [timelineEntry, choiceOf(PROGRAMME_COMMANDS.confirmEvent.schema, 'decision')] },
  correctEvent: { kind: 'update', schema: PROGRAMME_COMMANDS.correctEvent.schema, fields: [timelineEntry, choiceOf(PROGRAMME_COMMANDS.correctEvent.schema, 'reason')] },
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
  reassignProgramme: {
    kind: 'update',
    schema: PROGRAMME_COMMANDS.reassignProgramme.schema,
    who: 'supervisor',
    fields: [{ name: 'caseworkerId', kind: 'text', required: true }],
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
  cancel: { kind: 'update', schema: PROGRAMME_COMMANDS.cancel.schema, fields: [choiceOf(PROGRAMME_COMMANDS.cancel.schema, 'reason')] },
  asylumApplied: { kind: 'event', schema: EVENTS.asylumApplied.schema, fields: [when] },
  asylumDecision: {
    kind: 'event',
    schema: EVENTS.asylumDecision.schema,
    fields: [
      choiceOf(EVENTS.asylumDecision.schema, 'authority'),
      choiceOf(EVENTS.asylumDecision.schema, 'decision'),
      when,
    ],
  },
  caseReopened: { kind: 'event', schema: EVENTS.caseReopened.schema, fields: [when] },
  concernRaised: { kind: 'event', schema: EVENTS.concernRaised.schema, fields: [{ name: 'kind', kind: 'select', options: ConcernKind.options, required: true }, when] },
  departureConfirmed: { kind: 'event', schema: EVENTS.departureConfirmed.schema, fields: [when] },
  personMissing: { kind: 'event', schema: EVENTS.personMissing.schema, fields: [choiceOf(EVENTS.personMissing.schema, 'state'), when] },
  consentWithdrawn: {
    kind: 'event',
    schema: EVENTS.consentWithdrawn.schema,
    fields: [
      { name: 'scope', kind: 'select', options: ['participation', 'sharing', 'follow-up'], required: true },
      { name: 'source', kind: 'select', options: [...CONSENT_SOURCES, 'partner-report'], required: true },
      when,
    ],
  },
  referralAcknowledged: {
    kind: 'event',
    schema: EVENTS.referralAcknowledged.schema,
    fields: [...onBehalf, ...contactFields('keyContact'), ...contactFields('alternateContact'), when],
  },
  referralAnswered: {
    kind: 'event',
    schema: EVENTS.referralAnswered.schema,
    fields: [
      ...onBehalf,
      choiceOf(EVENTS.referralAnswered.schema, 'answer'),
      { name: 'declineReasons', kind: 'checkboxes', options: DeclineReason.options },
      { name: 'riskFeedback', kind: 'select', options: ['agree', 'higher', 'lower'] },
      when,
    ],
  },
  handoverConfirmed: {
    kind: 'event',
    schema: EVENTS.handoverConfirmed.schema,
    fields: [...onBehalf, { name: 'where', kind: 'select', options: HandoverPlace.options }, when],
  },
  followUpReported: {
    kind: 'event',
    schema: EVENTS.followUpReported.schema,
    fields: [
      ...onBehalf,
      { name: 'checkpoint', kind: 'select', options: CheckpointName.options, required: true },
      // Her situation per area, each on the fixed scale.
      ...SITUATION_AREAS.map((area): FormField => ({ name: area, kind: 'select', options: SituationLevel.options, required: true, path: `situation.${area}` })),
      { name: 'seenInPerson', kind: 'checkbox' },
      { name: 'supportReceived', kind: 'checkboxes', options: NEEDS },
      { name: 'nextSteps', kind: 'checkboxes', options: NextStep.options },
      { name: 'concerns', kind: 'checkboxes', options: ConcernKind.options },
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

/** Whether the command's form is for a child's case only (the guardian, the best-interests assessment). */
export function forChildOnly(name: CommandName): boolean {
  return (COMMANDS[name] as Spec).childOnly === true;
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
  const own = fields.find((f) => (f.path ?? f.name) === path || path.startsWith(`${f.path ?? f.name}.`) || path.startsWith(`${f.path ?? f.name}[`));
  // A problem with a group of fields (her situation, all areas at once) stands beside the group's first.
  return (own ?? fields.find((f) => f.path?.startsWith(`${path}.`)))?.name;
}

export function readField(field: FormField, raw: string | string[] | undefined): unknown {
  const text = Array.isArray(raw) ? raw[0] : raw;
  switch (field.kind) {
    case 'checkboxes': {
      const chosen = raw === undefined ? [] : (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== '');
      // None chosen of an optional list is no list at all; of a required one, the schema says what is missing.
      return chosen.length === 0 && !field.required ? undefined : chosen;
    }
    case 'checkbox':
      return text === 'on' || text === 'true';
    case 'number':
    case 'item':
      return text === undefined || text.trim() === '' ? undefined : Number(text);
    case 'date':
      // A date a person types means midday Danish time; a value that is no date is left for the schema to name.
      return text === undefined || text.trim() === '' ? undefined : (parseWhen(text, new Date(), field.planned ? 'planned' : 'happened') ?? text);
    default:
      return text === undefined || text.trim() === '' ? undefined : text.trim();
  }
}
