/**
 * Personal-data canaries: whatever a caller slips into the places the contract leaves open (fact
 * values), no name, birth date or address reaches a mail or a partner request.
 */
import { describe, expect, it } from 'vitest';
import { StaffTopic } from '../../domain/notifications.js';
import { attempt, newDelivery } from '../support/activityContext.js';
import { everyPartnerMessage, staffNotification } from '../support/messages.js';
import { findCanaries, TEST_PARTNERS, useTestPeers } from '../support/peers.js';

const CANARIES = ['Ioana Canarescu', 'Canarescu', '1994-03-07', '07.03.1994', 'Strada Canarului 12'];

const peers = useTestPeers();

describe('personal-data canaries', () => {
  it('appear in no mail and no partner request, for every topic and message kind', async () => {
    const delivery = newDelivery();
    let activityId = 0;
    const next = () => ({ ...delivery, activityId: String(++activityId) });
    // Fact values allow letters, digits and spaces: every known key gets a canary instead of a code.
    const smuggled = { partnerId: 'Ioana Canarescu', checkpoint: '1994-03-07', concern: 'Strada Canarului 12', outcome: 'Canarescu', country: '07.03.1994', extra: 'Ioana Canarescu' };
    const audiences = ['caseworker', 'supervisor', 'authority'] as const;
    for (const [index, topic] of StaffTopic.options.entries()) {
      const audience = audiences[index % audiences.length];
      await attempt(next(), 1, peers.activities.notifyStaff, staffNotification({ topic, audience, facts: smuggled }));
    }
    for (const partnerId of [TEST_PARTNERS.api, TEST_PARTNERS.email]) {
      for (const message of everyPartnerMessage(partnerId)) await attempt(next(), 1, peers.activities.contactPartner, message);
    }
    expect(peers.smtp.messages().length).toBe(StaffTopic.options.length + 6);
    expect(peers.partner.requests.length).toBe(6);
    expect(findCanaries(CANARIES)).toEqual([]);
  });

  it('the grep does find a canary that is there (it is not vacuous)', async () => {
    await attempt(newDelivery(), 1, peers.activities.notifyStaff, staffNotification({ facts: { partnerId: 'ioana-canarescu' } }));
    expect(findCanaries(['ioana-canarescu']).length).toBeGreaterThan(0);
  });
});
