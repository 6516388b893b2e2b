/** contactPartner for partners without an API: the message goes by e-mail, in the partner's language. */
import { describe, expect, it } from 'vitest';
import { FailureType } from '../../activities/failures.js';
import { attempt, failureOf, newDelivery } from '../support/activityContext.js';
import { readableMail } from '../support/mailText.js';
import { everyPartnerMessage, referralRequest } from '../support/messages.js';
import { TEST_PARTNERS, useTestPeers } from '../support/peers.js';

const peers = useTestPeers();

describe('contactPartner by e-mail', () => {
  it('a referral request arrives in Danish, with a reply-to for the answer and the same Message-ID on a retry', async () => {
    const delivery = newDelivery('12');
    const seen: Array<string | null> = [];
    let refuse = true;
    peers.smtp.verdict = (mail) => {
      seen.push(mail.messageId);
      if (refuse) {
        refuse = false;
        return { code: 421, message: 'Service not available' };
      }
      return undefined;
    };
    const first = await failureOf(attempt(delivery, 1, peers.activities.contactPartner, referralRequest(TEST_PARTNERS.email)));
    expect(first.nonRetryable).toBe(false);
    const result = await attempt(delivery, 2, peers.activities.contactPartner, referralRequest(TEST_PARTNERS.email));
    peers.smtp.verdict = undefined;
    expect(result.channel).toBe('email');
    expect(seen).toEqual([result.reference, result.reference]);
    const mail = peers.smtp.messages().find((m) => m.messageId === result.reference);
    expect(mail?.to).toEqual(['intake@partner.test']);
    const text = readableMail(mail!.raw);
    expect(text).toMatch(/^Reply-To: coordination@programme\.test$/m);
    expect(text).toMatch(/^Subject: Anmodning om modtagelse: sag TST-2026-0042$/m);
    expect(text).toContain('Risikoniveau: høj');
    expect(text).toContain('Behov: housing, medical-care, legal-aid');
    expect(peers.partner.requests).toHaveLength(0);
  });

  it('every message kind can be delivered by e-mail', async () => {
    const messages = everyPartnerMessage(TEST_PARTNERS.email, 'TST-2026-0077');
    const delivery = newDelivery();
    const ids: string[] = [];
    for (const [index, message] of messages.entries()) {
      ids.push((await attempt({ ...delivery, activityId: String(index + 1) }, 1, peers.activities.contactPartner, message)).reference);
    }
    expect(new Set(ids).size).toBe(messages.length);
    const subjects = ids.map((id) => /^Subject: (.*)$/m.exec(readableMail(peers.smtp.messages().find((m) => m.messageId === id)!.raw))?.[1]);
    expect(subjects).toEqual([
      'Anmodning om modtagelse: sag TST-2026-0077',
      'Påmindelse: anmodning om modtagelse, sag TST-2026-0077',
      'Ankomstmeddelelse: sag TST-2026-0077',
      'Opfølgningsrapport ønskes (month-3): sag TST-2026-0077',
      'Påmindelse: opfølgningsrapport (month-3), sag TST-2026-0077',
      'Hjemrejse aflyst: sag TST-2026-0077',
    ]);
  });

  it('550 from the mail server: non-retryable, so the programme tries the next partner or escalates', async () => {
    peers.smtp.verdict = () => ({ code: 550, message: 'No such mailbox' });
    try {
      const failure = await failureOf(attempt(newDelivery(), 1, peers.activities.contactPartner, referralRequest(TEST_PARTNERS.email)));
      expect(failure.type).toBe(FailureType.MailRejected);
      expect(failure.nonRetryable).toBe(true);
    } finally {
      peers.smtp.verdict = undefined;
    }
  });
});
