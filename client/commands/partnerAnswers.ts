/**
 * A partner's answers recorded by the caseworker on the partner's behalf: an e-mail partner's
 * acknowledgement, answer, handover confirmation and follow-up reports, or an API partner's that
 * came by phone or in a meeting. Each names the partner (`--for-partner`), how it came (`--via`) and
 * when (`--received`); the timeline shows both who recorded it and for whom. The programme applies
 * the same rules as to the partner's own event through the gateway.
 */
import type { Command } from 'commander';
import { eventOptions, onBehalfOptions, reportEvent, type EventOptions } from './event.js';
import { examples, withSession } from './shared.js';

const list = async (text: string | undefined): Promise<string[] | undefined> =>
  text === undefined ? undefined : (await import('../input/flags.js')).list(text);

/** Drops the fields a caseworker left out, so the schema sees only what was given. */
function given(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

function contact(name: string | undefined, role: string | undefined, phone: string | undefined, email: string | undefined): unknown {
  if (name === undefined) return undefined;
  return given({ name, role: role ?? 'case-manager', phone, email });
}

function partnerEvent(program: Command, name: string, description: string): Command {
  return program.command(name).description(description).argument('<case>', 'case reference, e.g. CMM-2026-0042');
}

function finish(command: Command, ...lines: string[]): void {
  onBehalfOptions(eventOptions(command), true);
  examples(command, ...lines);
}

export function registerPartnerAnswers(program: Command): void {
  type Ack = EventOptions & Record<'keyContact' | 'keyRole' | 'keyPhone' | 'keyEmail' | 'alternateContact' | 'alternateRole' | 'alternatePhone' | 'alternateEmail', string | undefined>;
  const ack = partnerEvent(program, 'record-acknowledgement', "Record a partner's receipt of the referral with its key contact and alternate for her.")
    .requiredOption('--key-contact <name>', "the partner's key contact for her")
    .option('--key-role <role>', 'case-manager, social-worker, psychologist, lawyer, coordinator or other (default case-manager)')
    .option('--key-phone <phone>', "the key contact's phone")
    .option('--key-email <address>', "the key contact's e-mail")
    .requiredOption('--alternate-contact <name>', 'the alternate contact')
    .option('--alternate-role <role>', 'as --key-role')
    .option('--alternate-phone <phone>', "the alternate's phone")
    .option('--alternate-email <address>', "the alternate's e-mail")
    .action(
      withSession<Ack>((session, caseRef, o) =>
        reportEvent(
          session,
          caseRef,
          'referralAcknowledged',
          {
            keyContact: contact(o.keyContact, o.keyRole, o.keyPhone, o.keyEmail),
            alternateContact: contact(o.alternateContact, o.alternateRole, o.alternatePhone, o.alternateEmail),
          },
          o,
          {
            'keyContact.name': '--key-contact',
            'keyContact.role': '--key-role',
            'keyContact.phone': '--key-phone',
            'keyContact.email': '--key-email',
            keyContact: '--key-contact',
            'alternateContact.name': '--alternate-contact',
            'alternateContact.role': '--alternate-role',
            'alternateContact.phone': '--alternate-phone',
            'alternateContact.email': '--alternate-email',
            alternateContact: '--alternate-contact',
          },
          `Recorded for ${caseRef}: ${o.forPartner} acknowledged the referral`,
        ),
      ),
    );
  finish(ack, 'prepared-return record-acknowledgement CMM-2026-0042 --for-partner th-open-door --via email --received 2026-11-20 --key-contact "Malee S." --key-phone "+66 2 123 4567" --alternate-contact "Niran P."');

  type Answer = EventOptions & { answer: string; declineReasons?: string; riskFeedback?: string; riskFactors?: string; note?: string };
  const answer = partnerEvent(program, 'record-referral-answer', "Record a partner's answer to the referral: accept or decline, with its reasons and its view of the risk.")
    .requiredOption('--answer <answer>', 'accept or decline')
    .option('--decline-reasons <list>', 'comma-separated: no-capacity, risk-too-high, outside-area, needs-not-covered, cannot-reach-her, other')
    .option('--risk-feedback <view>', 'the partner on our risk assessment: agree, higher or lower')
    .option('--risk-factors <list>', 'comma-separated: trafficker-in-area, family-involved, debt, stigma, health, other')
    .option('--note <text>', 'what a code cannot say, at most 500 characters (kept encrypted, never in mail)')
    .action(
      withSession<Answer>(async (session, caseRef, o) =>
        reportEvent(
          session,
          caseRef,
          'referralAnswered',
          given({ answer: o.answer, declineReasons: await list(o.declineReasons), riskFeedback: o.riskFeedback, riskFactors: await list(o.riskFactors), note: o.note }),
          o,
          { answer: '--answer', declineReasons: '--decline-reasons', riskFeedback: '--risk-feedback', riskFactors: '--risk-factors', note: '--note' },
          `Recorded for ${caseRef}: ${o.forPartner} answered ${o.answer}`,
        ),
      ),
    );
  finish(answer, 'prepared-return record-referral-answer CMM-2026-0042 --for-partner th-open-door --via phone --answer accept --risk-feedback higher --risk-factors debt');

  type Handover = EventOptions & { where?: string; receivedBy?: string; receivedByRole?: string };
  const handover = partnerEvent(program, 'record-handover', 'Record that the receiving partner confirmed she was received: where and by whom.')
    .option('--where <place>', 'airport, border, shelter, partner-office or other')
    .option('--received-by <name>', 'who of the partner received her')
    .option('--received-by-role <role>', 'case-manager, social-worker, psychologist, lawyer, coordinator or other (default case-manager)')
    .action(
      withSession<Handover>((session, caseRef, o) =>
        reportEvent(
          session,
          caseRef,
          'handoverConfirmed',
          given({ where: o.where, receivedBy: contact(o.receivedBy, o.receivedByRole, undefined, undefined) }),
          o,
          { where: '--where', 'receivedBy.name': '--received-by', 'receivedBy.role': '--received-by-role', receivedBy: '--received-by' },
          `Recorded for ${caseRef}: ${o.forPartner} confirmed the handover`,
        ),
      ),
    );
  finish(handover, 'prepared-return record-handover CMM-2026-0042 --for-partner th-open-door --via email --where airport --received-by "Malee S."');

  type Report = EventOptions &
    Record<'checkpoint' | 'housing' | 'livelihood' | 'health' | 'safety' | 'family' | 'legalStatus', string> & {
      seenInPerson?: boolean;
      supportReceived?: string;
      nextSteps?: string;
      concerns?: string;
      note?: string;
    };
  const scale = 'secure, adequate, fragile, critical or unknown';
  const report = partnerEvent(program, 'record-follow-up', "Record a partner's follow-up report at a checkpoint: her situation per area, whether she was seen, support, next steps.")
    .requiredOption('--checkpoint <name>', 'month-1, month-3, month-6 or month-12')
    .option('--housing <level>', scale, 'unknown')
    .option('--livelihood <level>', scale, 'unknown')
    .option('--health <level>', scale, 'unknown')
    .option('--safety <level>', scale, 'unknown')
    .option('--family <level>', scale, 'unknown')
    .option('--legal-status <level>', scale, 'unknown')
    .option('--seen-in-person', 'the partner saw her in person for this report')
    .option('--support-received <list>', 'comma-separated: housing, medical, psychological, legal, education, employment, childcare, family-tracing, protection, cash-support')
    .option('--next-steps <list>', 'comma-separated: continue-support, refer-medical, refer-legal, refer-shelter, family-mediation, job-placement, close-support, other')
    .option('--concerns <list>', 'comma-separated concerns: threats, trafficker-contact, creditor-contact, lost-contact, suspected-re-trafficking, other')
    .option('--note <text>', 'what a code cannot say, at most 500 characters (kept encrypted, never in mail)')
    .action(
      withSession<Report>(async (session, caseRef, o) =>
        reportEvent(
          session,
          caseRef,
          'followUpReported',
          given({
            checkpoint: o.checkpoint,
            situation: { housing: o.housing, livelihood: o.livelihood, health: o.health, safety: o.safety, family: o.family, legalStatus: o.legalStatus },
            seenInPerson: o.seenInPerson === true,
            supportReceived: await list(o.supportReceived),
            nextSteps: await list(o.nextSteps),
            concerns: (await list(o.concerns)) ?? [],
            note: o.note,
          }),
          o,
          {
            checkpoint: '--checkpoint',
            situation: '--housing',
            'situation.housing': '--housing',
            'situation.livelihood': '--livelihood',
            'situation.health': '--health',
            'situation.safety': '--safety',
            'situation.family': '--family',
            'situation.legalStatus': '--legal-status',
            seenInPerson: '--seen-in-person',
            supportReceived: '--support-received',
            nextSteps: '--next-steps',
            concerns: '--concerns',
            note: '--note',
          },
          `Recorded for ${caseRef}: ${o.forPartner}'s ${o.checkpoint} report`,
        ),
      ),
    );
  finish(report, 'prepared-return record-follow-up CMM-2026-0042 --for-partner th-open-door --via meeting --checkpoint month-1 --housing adequate --livelihood fragile --health adequate --safety secure --family adequate --legal-status secure --seen-in-person --support-received housing,medical --next-steps continue-support');
}
