/** The partner directory file: validation that names the bad entry, secrets by reference, referral order. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigFileError } from '../../activities/configFile.js';
import { loadPartnerDirectory, partnerDirectoryFrom } from '../../activities/partnerDirectory.js';
import { loadStaffDirectory, staffDirectoryFrom } from '../../activities/staffDirectory.js';
import { createActivities } from '../../activities/index.js';
import { ValidationError } from '../../domain/validation.js';
import { generateWebhookSecret } from '../../dev/peers.js';
import { attempt, failureOf, newDelivery } from '../support/activityContext.js';

const secret = generateWebhookSecret();
const env = { SECRET_A: secret, SECRET_B: secret };

const partner = (id: string, countries: string[], channel: object) => ({
  id,
  name: `Organisation ${id}`,
  countries,
  language: 'en',
  capabilities: ['reception'],
  channel,
});

const good = [
  partner('ro-first', ['RO'], { type: 'api', baseUrl: 'https://first.example.org/api', secretEnv: 'SECRET_A' }),
  partner('ng-only', ['NG'], { type: 'email', address: 'intake@ng.example.org' }),
  partner('ro-second', ['MD', 'RO'], { type: 'email', address: 'intake@second.example.org' }),
  partner('ro-third', ['RO'], { type: 'api', baseUrl: 'http://localhost:4010/partners/ro-third', secretEnv: 'SECRET_B' }),
];

function problemsOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError || err instanceof ConfigFileError) return err.message;
    throw err;
  }
  throw new Error('expected a validation error');
}

describe('partner directory', () => {
  it('lists a country’s partners in the order of the file', () => {
    const directory = partnerDirectoryFrom({ partners: good }, env);
    expect(directory.forCountry('RO')).toEqual([
      { id: 'ro-first', channel: 'api', capabilities: ['reception'] },
      { id: 'ro-second', channel: 'email', capabilities: ['reception'] },
      { id: 'ro-third', channel: 'api', capabilities: ['reception'] },
    ]);
    expect(directory.forCountry('TH')).toEqual([]);
    expect(directory.signingSecret('ro-first')).toBe(secret);
  });

  it('names the entry with a plain-http URL to another host', () => {
    const partners = [...good];
    partners[2] = partner('ro-second', ['RO'], { type: 'api', baseUrl: 'http://partner.example.org/api', secretEnv: 'SECRET_A' });
    expect(problemsOf(() => partnerDirectoryFrom({ partners }, env))).toMatch(/partners\[2\]\.channel\.baseUrl: expected an https URL/);
  });

  it('names every bad entry at once: id, country, capability, channel type, duplicate id', () => {
    const message = problemsOf(() =>
      partnerDirectoryFrom(
        {
          partners: [
            partner('Bad Id', ['RO'], { type: 'email', address: 'a@b.org' }),
            partner('ok-one', ['Romania'], { type: 'email', address: 'a@b.org' }),
            { ...partner('ok-two', ['RO'], { type: 'email', address: 'a@b.org' }), capabilities: ['housing'] },
            partner('ok-three', ['RO'], { type: 'fax', number: '1' }),
            partner('ok-one', ['RO'], { type: 'email', address: 'not-an-address' }),
          ],
        },
        env,
      ),
    );
    expect(message).toContain('partners[0].id: expected a partner organisation code');
    expect(message).toContain('partners[1].countries[0]: expected an ISO 3166-1 alpha-2 country code');
    expect(message).toContain('partners[2].capabilities[0]: expected reception, reintegration or follow-up');
    expect(message).toContain('partners[3].channel.type: expected a channel of type api (baseUrl, secretEnv) or email (address)');
    expect(message).toContain('partners[4].channel.address: expected an e-mail address');
  });

  it('refuses a listed-twice id', () => {
    const message = problemsOf(() => partnerDirectoryFrom({ partners: [good[1], good[1]] }, env));
    expect(message).toContain('partners[1].id: expected a unique partner id');
  });

  it('names the variable of a missing or malformed secret, never its value', () => {
    const message = problemsOf(() => partnerDirectoryFrom({ partners: good }, { SECRET_A: 'whsec_tooshort' }));
    expect(message).toContain('partners[0].channel.secretEnv: environment variable SECRET_A: expected a Standard Webhooks secret');
    expect(message).toContain('partners[3].channel.secretEnv: environment variable SECRET_B is not set');
    expect(message).not.toContain('tooshort');
  });

  it('reads YAML and JSON files, and says which file cannot be read or parsed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'partners-'));
    writeFileSync(join(dir, 'partners.json'), JSON.stringify({ partners: good }));
    writeFileSync(join(dir, 'broken.yaml'), 'partners:\n  - id: [unclosed\n');
    expect(loadPartnerDirectory(join(dir, 'partners.json'), env).partners).toHaveLength(4);
    expect(problemsOf(() => loadPartnerDirectory(join(dir, 'broken.yaml'), env))).toMatch(/broken\.yaml is not valid YAML or JSON \(line \d+, column \d+\)/);
    expect(problemsOf(() => loadPartnerDirectory(join(dir, 'missing.yaml'), env))).toMatch(/missing\.yaml cannot be read \(ENOENT\)/);
  });

  it('the local stack’s example directories are valid', () => {
    const devEnv = { PARTNER_SECRET_RO_HARBOUR_HOUSE: secret, PARTNER_SECRET_RO_NEW_START: secret, PARTNER_SECRET_NG_SAFE_LANDING: secret };
    const directory = loadPartnerDirectory('dev/partners.yaml', devEnv);
    expect(directory.forCountry('RO').map((p) => p.id)).toEqual(['ro-harbour-house', 'ro-new-start']);
    const staff = loadStaffDirectory('dev/staff.yaml');
    expect(staff.recipients({ audience: 'caseworker', caseworkerId: 'cw-demo' })).toEqual({ to: ['caseworker.demo@prepared-return.test'], language: 'en', redirectedToSupervisors: false });
  });

  it('findPartners answers through the activity and refuses a malformed country', async () => {
    const activities = createActivities({
      partners: partnerDirectoryFrom({ partners: good }, env),
      staff: staffDirectoryFrom({ supervisors: { emails: ['s@x.org'] }, authority: { emails: ['a@x.org'] } }),
      mailer: undefined as never,
      partnerApi: undefined as never,
      store: undefined as never,
    });
    expect((await attempt(newDelivery(), 1, activities.findPartners, { country: 'MD' })).map((p) => p.id)).toEqual(['ro-second']);
    expect((await failureOf(attempt(newDelivery(), 1, activities.findPartners, { country: 'romania' }))).type).toBe('InvalidInput');
  });
});

describe('staff directory', () => {
  it('names the bad field', () => {
    const message = problemsOf(() => staffDirectoryFrom({ caseworkers: { 'CW 1': { email: 'x@y.org' } }, supervisors: { emails: [] }, authority: { emails: ['nope'] } }));
    expect(message).toContain('caseworkers.CW 1: expected a staff id');
    expect(message).toContain('supervisors.emails: expected at least one e-mail address');
    expect(message).toContain('authority.emails[0]: expected an e-mail address');
  });
});
