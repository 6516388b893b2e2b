/**
 * The programme's activities, built from their transports and directories (`createActivities(deps)`),
 * so the worker passes real ones from the environment and tests pass real ones pointed at loopback
 * servers. The workflow sees only the `ProgrammeActivities` interface.
 */
import { log } from '@temporalio/activity';
import { PartnerMessage, StaffNotification, type ProgrammeActivities } from '../domain/notifications.js';
import { CountryCode } from '../domain/programme.js';
import type { AnswerTimeActivities } from '../domain/ledger/answerTimes.js';
import type { LedgerActivities } from '../domain/ledger/record.js';
import type { ReportActivities } from '../domain/report/activities.js';
import type { Store } from '../store/store.js';
import { describeProblems } from '../domain/validation.js';
import type { z } from 'zod';
import { currentDeliveryIdentity, messageId } from './deliveryKeys.js';
import { FailureType, permanentFailure } from './failures.js';
import type { Mailer } from './mail.js';
import type { PartnerApiClient } from './partnerApi.js';
import type { PartnerDirectory } from './partnerDirectory.js';
import { createAnswerTimeActivities } from './answerTimes.js';
import { createLedgerActivities } from './ledger.js';
import { createReportActivities } from './report.js';
import type { StaffDirectory } from './staffDirectory.js';
import { renderPartnerMail } from './templates/partner.js';
import { renderStaffMail } from './templates/staff.js';

export interface ActivityDeps {
  mailer: Mailer;
  partnerApi: PartnerApiClient;
  partners: PartnerDirectory;
  staff: StaffDirectory;
  /** The evaluation ledger (and the pseudonym key). */
  store: Store;
}

export function createActivities(deps: ActivityDeps): ProgrammeActivities & LedgerActivities & AnswerTimeActivities & ReportActivities {
  const { mailer, partnerApi, partners, staff } = deps;

  return {
    // The annual report workflow runs on the same workers and mails through the same server.
    ...createReportActivities(deps),
    ...createLedgerActivities(deps.store),
    ...createAnswerTimeActivities(deps.store),
    async findPartners(input) {
      const country = validInput(CountryCode, input?.country, 'findPartners: country');
      return partners.forCountry(country);
    },

    async contactPartner(rawMessage) {
      const message = validInput(PartnerMessage, rawMessage, `contactPartner`);
      const partner = partners.get(message.partnerId);
      if (!partner) {
        throw permanentFailure(FailureType.UnknownPartner, `Partner ${message.partnerId} is not in the partner directory`, { partnerId: message.partnerId });
      }
      const identity = currentDeliveryIdentity();

      if (partner.channel.type === 'api') {
        const secret = partners.signingSecret(partner.id);
        if (!secret) throw permanentFailure(FailureType.UnknownPartner, `Partner ${partner.id} has no signing secret configured`, { partnerId: partner.id });
        const { reference } = await partnerApi.send({ partnerId: partner.id, baseUrl: partner.channel.baseUrl, secret }, message, identity);
        log.info('partner message delivered', { partnerId: partner.id, kind: message.kind, channel: 'api' });
        return { channel: 'api', reference };
      }

      const mail = renderPartnerMail(message, partner.language);
      const sent = await mailer.send({
        to: [partner.channel.address],
        subject: mail.subject,
        text: mail.text,
        messageId: messageId(identity, mailer.messageIdDomain),
        language: partner.language,
        replyTo: mailer.replyTo,
      });
      log.info('partner message delivered', { partnerId: partner.id, kind: message.kind, channel: 'email' });
      return { channel: 'email', reference: sent.messageId };
    },

    async notifyStaff(rawNotification) {
      const notification = validInput(StaffNotification, rawNotification, 'notifyStaff');
      const recipients = staff.recipients(notification);
      if (recipients.redirectedToSupervisors) {
        log.warn('caseworker has no address in the staff directory; notifying supervisors instead', { caseworkerId: notification.caseworkerId });
      }
      const mail = renderStaffMail(
        notification.topic,
        {
          caseRef: notification.caseRef,
          severity: notification.severity,
          dueAt: notification.dueAt,
          facts: notification.facts,
          caseworkerIdWithoutAddress: recipients.redirectedToSupervisors ? notification.caseworkerId : undefined,
        },
        recipients.language,
      );
      const sent = await mailer.send({
        to: recipients.to,
        subject: mail.subject,
        text: mail.text,
        messageId: messageId(currentDeliveryIdentity(), mailer.messageIdDomain),
        language: recipients.language,
        urgent: notification.severity === 'urgent',
      });
      if (sent.rejectedRecipients > 0) log.warn('some staff recipients were rejected', { topic: notification.topic, rejected: sent.rejectedRecipients });
      log.info('staff notified', { topic: notification.topic, audience: notification.audience, severity: notification.severity });
      return { messageId: sent.messageId };
    },
  };
}

/** Input that breaks the contract is a bug in the caller: retrying cannot fix it. Problems name fields, never values. */
function validInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw permanentFailure(FailureType.InvalidInput, `${what}: the input is not valid:\n${describeProblems(result.error)}`);
  }
  return result.data;
}

export type { Mailer } from './mail.js';
export type { PartnerApiClient } from './partnerApi.js';
export type { PartnerDirectory } from './partnerDirectory.js';
export type { StaffDirectory } from './staffDirectory.js';
