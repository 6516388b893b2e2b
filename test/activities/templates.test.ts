/**
 * Every staff topic and every partner message kind has a template in English and Danish, and each
 * renders the case reference and the facts it is given, and nothing it is not.
 */
import { describe, expect, it } from 'vitest';
import { FACT_FORMATS } from '../../activities/templates/format.js';
import { PARTNER_TEMPLATE_KINDS, renderPartnerMail } from '../../activities/templates/partner.js';
import { renderStaffMail, STAFF_TEMPLATE_TOPICS } from '../../activities/templates/staff.js';
import { PartnerMessage, StaffTopic } from '../../domain/notifications.js';
import { everyPartnerMessage } from '../support/messages.js';

const languages = ['en', 'da'] as const;
const facts = {
  partnerId: 'ro-harbour-house',
  checkpoint: 'month-3',
  concern: 'suspected-re-trafficking',
  outcome: 'returned-followed-up',
  reason: 'no-capacity',
  failure: 'PartnerRejected',
  country: 'RO',
  partnersTried: '3',
  asylumStatus: 'protection',
  event: 'departureConfirmed',
  seq: '12',
  escalation: '3',
  topic: 'handover-missing',
  reminders: '2',
  usualAnswer: '9d',
  expectedBy: '2027-02-10T09:00:00Z',
  departureDeadline: '2027-02-01T09:00:00Z',
  extendUntil: '2027-02-17T09:00:00Z',
  basis: 'measured',
};

describe('staff templates', () => {
  it('cover every topic of the contract', () => {
    expect([...STAFF_TEMPLATE_TOPICS].sort()).toEqual([...StaffTopic.options].sort());
  });

  for (const topic of StaffTopic.options) {
    it(`${topic}: English and Danish differ, carry the case reference and no placeholder`, () => {
      const rendered = languages.map((language) =>
        renderStaffMail(topic, { caseRef: 'CMM-2026-0042', severity: 'escalation', dueAt: '2027-01-15T09:30:00Z', facts }, language),
      );
      const [en, da] = rendered;
      expect(en!.subject).not.toBe(da!.subject);
      expect(en!.text).not.toBe(da!.text);
      for (const mail of rendered) {
        expect(mail.subject).toContain('CMM-2026-0042');
        expect(mail.text).toContain('CMM-2026-0042');
        expect(mail.text).not.toMatch(/undefined|null|\[object|\$\{|not recorded|ikke oplyst/);
      }
      expect(en!.subject).toMatch(/^ESCALATION: /);
      expect(da!.subject).toMatch(/^ESKALERING: /);
    });
  }

  it('show dates in Danish time with the exact UTC value', () => {
    const en = renderStaffMail('travel-reminder', { caseRef: 'CMM-2026-0042', severity: 'reminder', dueAt: '2027-07-01T08:00:00Z', facts }, 'en');
    expect(en.text).toMatch(/Thursday,? 1 July 2027 at 10:00 \(Danish time; 2027-07-01T08:00:00Z\)/); // summer time: UTC+2
  });

  it('print only facts that look like the code each key holds', () => {
    for (const [key, format] of Object.entries(FACT_FORMATS)) {
      expect(format.test('Maria Popescu')).toBe(false);
      expect(format.test('12 Canary Street'), key).toBe(false);
    }
  });
});

describe('partner e-mail templates', () => {
  it('cover every message kind of the contract', () => {
    expect([...PARTNER_TEMPLATE_KINDS].sort()).toEqual(PartnerMessage.options.map((o) => o.shape.kind.value).sort());
  });

  for (const message of everyPartnerMessage('ro-new-start', 'CMM-2026-0042')) {
    it(`${message.kind}: English and Danish, with the case reference and what the partner needs`, () => {
      const [en, da] = languages.map((language) => renderPartnerMail(message, language));
      expect(en!.text).not.toBe(da!.text);
      for (const mail of [en!, da!]) {
        expect(mail.subject).toContain('CMM-2026-0042');
        expect(mail.text).not.toMatch(/undefined|null|\[object|\$\{/);
        if (message.kind === 'referral-request') expect(mail.text).toContain('housing, medical-care, legal-aid');
        if (message.kind === 'arrival-notice') expect(mail.text).toMatch(/OTP[\s\S]*arrivals-hall/);
        if (message.kind === 'follow-up-request') expect(mail.text).toContain('month-3');
      }
    });
  }
});
