/**
 * The partner directory: organisations in the home countries that receive and support a woman after
 * return, in the order the programme asks them (first listed, first asked). Written by the
 * coordination centre as a YAML or JSON file; see dev/partners.yaml for the shape.
 *
 * An organisation is reached through its API (signed requests, see partnerApi.ts) or by e-mail. The
 * signing secret is not in the file: the file names the environment variable that holds it, so the
 * directory can be reviewed and versioned without secrets.
 */
import { z } from 'zod';
import { CountryCode } from '../domain/programme.js';
import { Language, PartnerId, type PartnerSummary } from '../domain/notifications.js';
import { fieldProblems, ValidationError } from '../domain/validation.js';
import { readConfigFile } from './configFile.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https everywhere; plain http only to this machine (the local stack's partner simulator, tests). */
const apiBaseUrl = z
  .string({ error: 'expected an https URL' })
  .refine((value) => {
    if (!URL.canParse(value)) return false;
    const url = new URL(value);
    if (url.username || url.password || url.search || url.hash) return false;
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname));
  }, 'expected an https URL without credentials, query or fragment (http only for localhost)');

const email = z.email({ error: 'expected an e-mail address' });

const secretEnvName = z
  .string({ error: 'expected the name of an environment variable' })
  .regex(/^[A-Z][A-Z0-9_]{2,63}$/, 'expected the name of an environment variable, e.g. PARTNER_SECRET_RO_EXAMPLE');

export const PartnerChannel = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('api'), baseUrl: apiBaseUrl, secretEnv: secretEnvName }),
    z.strictObject({ type: z.literal('email'), address: email }),
  ],
  { error: 'expected a channel of type api (baseUrl, secretEnv) or email (address)' },
);

export const Capability = z.enum(['reception', 'reintegration', 'follow-up'], {
  error: 'expected reception, reintegration or follow-up',
});

export const PartnerContact = z.strictObject({
  role: z.enum(['key-contact', 'alternate', 'operations'], { error: 'expected key-contact, alternate or operations' }),
  name: z.string().min(1).max(120).optional(),
  email,
  phone: z
    .string()
    .regex(/^\+[0-9 ]{6,20}$/, 'expected an international phone number, e.g. +40 21 000 0000')
    .optional(),
});

export const PartnerEntry = z.strictObject({
  id: PartnerId,
  name: z.string({ error: 'expected the organisation name' }).min(2, 'expected the organisation name').max(200),
  /** Countries the organisation works in; a woman may return to a third country where she holds residence. */
  countries: z.array(CountryCode).min(1, 'expected at least one country'),
  language: Language,
  capabilities: z.array(Capability).min(1, 'expected at least one capability'),
  channel: PartnerChannel,
  contacts: z.array(PartnerContact).default([]),
});
export type PartnerEntry = z.output<typeof PartnerEntry>;

export const PartnerDirectoryFile = z
  .strictObject({ partners: z.array(PartnerEntry, { error: 'expected a list of partners' }) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.partners.forEach((partner, index) => {
      if (seen.has(partner.id)) ctx.addIssue({ code: 'custom', path: ['partners', index, 'id'], message: 'expected a unique partner id (this one is listed twice)' });
      seen.add(partner.id);
    });
  });
export type PartnerDirectoryFile = z.output<typeof PartnerDirectoryFile>;

/** A Standard Webhooks secret: `whsec_` and base64 of at least 24 random bytes. */
const SECRET_EXPECTATION = 'expected a Standard Webhooks secret (whsec_ followed by base64 of at least 24 bytes)';
const webhookSecret = z.string().regex(/^whsec_[A-Za-z0-9+/]{32,}={0,2}$/, SECRET_EXPECTATION);

export class PartnerDirectory {
  private readonly byId: Map<string, PartnerEntry>;

  /** `secrets` holds each API partner's signing secret by partner id. */
  constructor(
    readonly partners: readonly PartnerEntry[],
    private readonly secrets: ReadonlyMap<string, string>,
  ) {
    this.byId = new Map(partners.map((p) => [p.id, p]));
  }

  get(partnerId: string): PartnerEntry | undefined {
    return this.byId.get(partnerId);
  }

  signingSecret(partnerId: string): string | undefined {
    return this.secrets.get(partnerId);
  }

  /** Organisations working in `country`, in the order the directory lists them. */
  forCountry(country: string): PartnerSummary[] {
    return this.partners
      .filter((p) => p.countries.includes(country))
      .map((p) => ({ id: p.id, channel: p.channel.type, capabilities: [...p.capabilities] }));
  }
}

/**
 * Builds the directory from parsed file content, resolving every API partner's secret from `env`.
 * A missing or malformed secret is a start-up error naming the entry and the variable, never the value.
 */
export function partnerDirectoryFrom(content: unknown, env: Record<string, string | undefined>, what = 'The partner directory'): PartnerDirectory {
  const parsed = PartnerDirectoryFile.safeParse(content);
  if (!parsed.success) {
    throw new ValidationError(what, fieldProblems(parsed.error));
  }
  const secrets = new Map<string, string>();
  const problems: Array<{ field: string; problem: string }> = [];
  parsed.data.partners.forEach((partner, index) => {
    if (partner.channel.type !== 'api') return;
    const value = env[partner.channel.secretEnv];
    if (!value) problems.push({ field: `partners[${index}].channel.secretEnv`, problem: `environment variable ${partner.channel.secretEnv} is not set` });
    else if (!webhookSecret.safeParse(value).success)
      problems.push({ field: `partners[${index}].channel.secretEnv`, problem: `environment variable ${partner.channel.secretEnv}: ${SECRET_EXPECTATION}` });
    else secrets.set(partner.id, value);
  });
  if (problems.length > 0) throw new ValidationError(what, problems);
  return new PartnerDirectory(parsed.data.partners, secrets);
}

export function loadPartnerDirectory(path: string, env: Record<string, string | undefined>): PartnerDirectory {
  return partnerDirectoryFrom(readConfigFile(path, 'The partner directory'), env, `The partner directory ${path}`);
}
