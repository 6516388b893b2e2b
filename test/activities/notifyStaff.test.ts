/**
 * notifyStaff against a real SMTP server on loopback (the local stack's sink, in-process).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { FailureType } from '../../activities/failures.js';
import type { StaffNotification } from '../../domain/notifications.js';
import { attempt, failureOf, newDelivery, type Delivery } from '../support/activityContext.js';
import { readableMail } from '../support/mailText.js';
import { staffNotification } from '../support/messages.js';
import { TEST_STAFF, useTestPeers } from '../support/peers.js';

const peers = useTestPeers({ smtpTimeoutMs: 2000 });
let delivery: Delivery;

beforeEach(async () => {
  peers.smtp.verdict = undefined;
  await peers.smtp.start();
  delivery = newDelivery();
});

const notify = (n: number, notification: StaffNotification = staffNotification()) => attempt(delivery, n, peers.activities.notifyStaff, notification);
const arrivedWith = (messageId: string) => peers.smtp.messages().filter((m) => m.messageId === messageId);

const readable = (raw: string) => readableMail(raw);

describe('notifyStaff', () => {
  it('an urgent notification reaches the caseworker in English with the handover template', async () => {
    const { messageId } = await notify(1);
    const [mail] = arrivedWith(messageId);
    expect(mail?.to).toEqual([TEST_STAFF.caseworkerEn.email]);
    expect(mail?.raw).toMatch(/^Subject: URGENT: Handover not confirmed for case TST-2026-0042\r?$/m);
    expect(mail?.raw).toMatch(/^Content-Language: en\r?$/m);
    expect(mail?.raw).toMatch(/^X-Priority: 1/m);
    expect(mail?.raw).toMatch(/^Auto-Submitted: auto-generated\r?$/m);
    const text = readable(mail!.raw);
    expect(text).toContain('Partner tst-api-partner has not confirmed receiving the person (case TST-2026-0042)');
    expect(text).toContain('2027-02-12T14:05:00Z');
    expect(text).toContain('prepared-return status TST-2026-0042');
  });

  it('a Danish-speaking caseworker gets the Danish template', async () => {
    const { messageId } = await notify(1, staffNotification({ caseworkerId: TEST_STAFF.caseworkerDa.id, topic: 'follow-up-missed', severity: 'escalation', facts: { partnerId: 'tst-api-partner', checkpoint: 'month-6' } }));
    const [mail] = arrivedWith(messageId);
    expect(mail?.to).toEqual([TEST_STAFF.caseworkerDa.email]);
    expect(mail?.raw).toMatch(/^Content-Language: da\r?$/m);
    const text = readable(mail!.raw);
    expect(text).toContain('opfølgningsrapporten for month-6 i sag TST-2026-0042');
    expect(text).toMatch(/^Subject: ESKALERING: Opfølgningsrapport mangler i sag TST-2026-0042$/m);
    expect(mail?.raw).toMatch(/^Subject: =\?UTF-8\?/m); // æøå are encoded, as they must be
  });

  it('supervisor and authority audiences go to their mailboxes in their languages', async () => {
    const toSupervisor = await notify(1, staffNotification({ audience: 'supervisor', topic: 'concern-raised', facts: { partnerId: 'tst-api-partner', concern: 'trafficker-contact' } }));
    const toAuthority = await attempt({ ...delivery, activityId: '99' }, 1, peers.activities.notifyStaff, staffNotification({ audience: 'authority', topic: 'departure-deadline-passed', severity: 'escalation' }));
    const [supervisorMail] = arrivedWith(toSupervisor.messageId);
    const [authorityMail] = arrivedWith(toAuthority.messageId);
    expect(supervisorMail?.to).toEqual([...TEST_STAFF.supervisors]);
    expect(readable(supervisorMail!.raw)).toContain('has raised a concern for case TST-2026-0042: trafficker-contact');
    expect(authorityMail?.to).toEqual([...TEST_STAFF.authority]);
    expect(authorityMail?.raw).toMatch(/^Content-Language: da\r?$/m);
    expect(readable(authorityMail!.raw)).toContain('tvangsmæssig udsendelse');
  });

  it('a caseworker missing from the directory: the supervisors are told instead, and told why', async () => {
    const { messageId } = await notify(1, staffNotification({ caseworkerId: 'cw-left-last-year' }));
    const [mail] = arrivedWith(messageId);
    expect(mail?.to).toEqual([...TEST_STAFF.supervisors]);
    expect(readable(mail!.raw)).toContain('caseworker cw-left-last-year has no address in the staff directory');
  });

  it('every attempt of one notification carries the same Message-ID, derived from workflow and activity IDs', async () => {
    const seen: Array<string | null> = [];
    let refuse = 2;
    peers.smtp.verdict = (mail) => {
      seen.push(mail.messageId);
      return refuse-- > 0 ? { code: 451, message: 'Try again later' } : undefined;
    };
    const first = await failureOf(notify(1));
    expect(first.type).toBe(FailureType.MailUnavailable);
    expect(first.nonRetryable).toBe(false);
    await failureOf(notify(2));
    const { messageId } = await notify(3);
    expect(seen).toEqual([messageId, messageId, messageId]);
    expect(messageId).toMatch(/^<[0-9a-f]{32}@programme\.test>$/);
    expect(arrivedWith(messageId)).toHaveLength(1);

    const other = await attempt({ ...delivery, activityId: '8' }, 1, peers.activities.notifyStaff, staffNotification());
    expect(other.messageId).not.toBe(messageId);
  });

  it('550: a non-retryable failure that quotes no server text', async () => {
    peers.smtp.verdict = () => ({ code: 550, message: 'Mailbox caseworker@staff.test unavailable' });
    const failure = await failureOf(notify(1));
    expect(failure.type).toBe(FailureType.MailRejected);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).toBe('The mail server rejected the message (SMTP 550)');
  });

  it('SMTP down: a retryable failure; once the server is back, the same notification is delivered', async () => {
    await peers.smtp.stop();
    const failure = await failureOf(notify(1));
    expect(failure.type).toBe(FailureType.MailUnavailable);
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toMatch(/could not be reached .*\((ECONNECTION|ESOCKET)\)/);
    await peers.smtp.start();
    const { messageId } = await notify(2);
    expect(arrivedWith(messageId)).toHaveLength(1);
  });

  it('input outside the contract is refused and nothing is sent', async () => {
    const before = peers.smtp.messages().length;
    const failure = await failureOf(notify(1, staffNotification({ facts: { name: 'Maria <Canary>' } })));
    expect(failure.type).toBe(FailureType.InvalidInput);
    expect(failure.nonRetryable).toBe(true);
    expect(failure.message).not.toContain('Maria');
    expect(peers.smtp.messages()).toHaveLength(before);
  });

  it('facts a template does not know, or values that are not codes, are never printed', async () => {
    const { messageId } = await notify(1, staffNotification({ facts: { partnerId: 'Maria Canary', note: 'Lives at Canary Street 1' } }));
    const [mail] = arrivedWith(messageId);
    expect(mail?.raw).not.toMatch(/canary/i);
    expect(readable(mail!.raw)).toContain('Partner (not recorded) has not confirmed');
  });
});
