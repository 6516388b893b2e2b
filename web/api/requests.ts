/**
 * The JSON API's request bodies, as zod schemas: what the API accepts and what its OpenAPI document
 * describes (web/api/openapi.ts). Commands and events take the programme's own payload schemas from
 * the catalogue (web/commands.ts); the actor (`by`, `recordedBy`, `sender`) is never part of a body,
 * the desk adds the signed-in user.
 */
import { z } from 'zod';
import { DeclineReason } from '../../domain/ledger/record.js';
import { AgeBand, Sex } from '../../domain/programme.js';
import { ERASURE_REASONS } from '../erasureRequests.js';
import { ListFilters } from '../../client/input/listQuery.js';

/** Opening a programme: the open form's fields, the same names its refusals use. */
export const OpenRequest = z.strictObject({
  caseRef: z.string().describe('The case reference, e.g. CMM-2026-0042.'),
  homeCountry: z.string().describe('ISO 3166-1 alpha-2 code of the home country.'),
  returnToThirdCountry: z.boolean().optional(),
  decidedAt: z.string().describe('When the victim assessment was decided (a date or ISO timestamp).'),
  consent: z.array(z.enum(['participation', 'sharing', 'follow-up'])).describe('The consents given; participation is required.'),
  consentSource: z.enum(['in-person', 'interpreter', 'written', 'legal-representative']).optional(),
  asylum: z.string().optional(),
  language: z.string().optional(),
  fullName: z.string().optional().describe('Who she is; kept encrypted in the programme.'),
  sex: z.enum(Sex.options).optional().describe('A code for the evaluation ledger.'),
  ageBand: z.enum(AgeBand.options).optional(),
  child: z.boolean().optional().describe("A child, or presumed one: no referral before a guardian and a best-interests assessment."),
});

/**
 * Opening a programme from its own input, as a case file holds it (docs/case-file.md): what the
 * command line's `open` sends. The programme's schema checks it; the desk sets who holds it.
 */
export const OpenFromInputRequest = z.strictObject({
  programme: z.record(z.string(), z.unknown()).describe('The programme input of docs/case-file.md; caseworkerId and the consents\' recordedBy are the signed-in user.'),
});

/** An offer of a prepared return she declined: counted in the ledger, no programme opened. */
export const DeclinedOfferRequest = z.strictObject({
  caseRef: z.string().describe('The case reference; the ledger keeps only its pseudonym.'),
  homeCountry: z.string().describe('ISO 3166-1 alpha-2 code of the home country.'),
  declinedOn: z.string().describe('The day she declined (a date); the ledger keeps the month.'),
  reason: z.enum(DeclineReason.options),
  sex: z.enum(Sex.options).optional(),
  ageBand: z.enum(AgeBand.options).optional(),
});

export const ErasureRequestBody = z.strictObject({
  caseRef: z.string(),
  reason: z.enum(ERASURE_REASONS),
  terminate: z.boolean().optional().describe('End a programme that is still running before erasing it.'),
});

/** The caseload's query: whose programmes, and the filters of the command line's `list` (the same schema). */
export const CaseloadQuery = z.strictObject({
  scope: z.enum(['mine', 'team', 'all']).default('mine').describe('Her own programmes, or all in her reach (her team\'s; every programme for a supervisor).'),
  state: ListFilters.shape.state.describe('Open programmes (the default), closed ones, or both.'),
  stage: ListFilters.shape.stage,
  country: ListFilters.shape.country,
  partner: ListFilters.shape.partner,
  caseworker: ListFilters.shape.caseworker.describe('One caseworker\'s programmes (within reach).'),
  overdue: z.stringbool().optional().describe('Only those whose next deadline has passed.'),
  escalated: z.stringbool().optional().describe('Only those with an open escalation.'),
  limit: z.coerce.number().int().min(1).max(10_000).default(2000),
});
export const ReportQuery = z
  .strictObject({
    year: z.coerce.number().int().min(2000).max(2100).optional().describe('The year (default: this year).'),
    from: z.iso.date({ error: 'expected a date, e.g. 2026-03-01' }).optional().describe('A period instead of a year: its first day, with `to`.'),
    to: z.iso.date({ error: 'expected a date, e.g. 2026-06-30' }).optional().describe('The period\'s last day (inclusive).'),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { path: ['to'], error: 'give both from and to' })
  .refine((q) => q.from === undefined || q.year === undefined, { path: ['year'], error: 'give a year or a period, not both' })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { path: ['to'], error: 'the end date is before the start date' });
export const ProgrammeQuery = z.strictObject({
  person: z.enum(['include', 'omit']).default('include').describe('`omit`: the status without who she is (nothing of her input is decoded).'),
});
export const CommandQuery = z.strictObject({
  wait: z.stringbool().default(true).describe('For an event: `false` answers once it is sent, without looking for the programme\'s record of it (result null).'),
});
export const AuditQuery = z.strictObject({ caseRef: z.string().optional() });


/** JSON values as the desk's form values (the same reading, the same refusals as the pages). */
export function asFormValues(body: Record<string, unknown>): Record<string, string | string[] | undefined> {
  const out: Record<string, string | string[] | undefined> = {};
  for (const [key, value] of Object.entries(body)) {
    if (typeof value === 'boolean') out[key] = value ? 'on' : undefined;
    else if (typeof value === 'string' || typeof value === 'number') out[key] = String(value);
    else if (Array.isArray(value)) out[key] = value.map(String);
  }
  return out;
}
