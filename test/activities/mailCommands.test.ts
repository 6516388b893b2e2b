/**
 * Every command a staff mail tells its reader to run is one the caseworker client accepts: each is
 * taken from the rendered mail, in both languages, and run with the real client against the test
 * server, where the case has no programme. A command the client understands gets that answer; one
 * it does not (an unknown option, a missing argument) gets a usage error instead. The commands are
 * found as every other printed command is (test/support/printedCommands.ts).
 */
import { describe, expect, it } from 'vitest';
import { PARTNER_PLACEHOLDER } from '../../activities/templates/commands.js';
import { renderPartnerMail, PARTNER_TEMPLATE_KINDS } from '../../activities/templates/partner.js';
import { renderStaffMail } from '../../activities/templates/staff.js';
import { StaffTopic } from '../../domain/notifications.js';
import { everyPartnerMessage } from '../support/messages.js';
import { commandsInText } from '../support/printedCommands.js';
import { cliFor } from '../client/runCli.js';
import { uniqueCaseRef } from '../support/temporal.js';

// A case of its own: other test files open programmes with the usual example references.
const CASE = uniqueCaseRef('CMM');
const facts = { partnerId: 'ro-harbour-house', concern: 'threats', country: 'RO', partnersTried: '2', checkpoint: 'month-3', raisedBy: 'partner:ro-harbour-house', event: 'departureConfirmed', seq: '7', usualAnswer: '9d', expectedBy: '2027-02-10T09:00:00Z', departureDeadline: '2027-02-01T09:00:00Z', extendUntil: '2027-02-17T09:00:00Z', basis: 'measured' };

function mailTexts(): Array<{ where: string; text: string }> {
  const staff = StaffTopic.options.flatMap((topic) =>
    (['en', 'da'] as const).map((language) => ({ where: `staff mail ${topic} (${language})`, text: renderStaffMail(topic, { caseRef: CASE, severity: 'escalation', dueAt: '2027-01-15T09:30:00Z', facts }, language).text })),
  );
  const partner = everyPartnerMessage('ro-harbour-house', CASE).flatMap((message) =>
    (['en', 'da'] as const).map((language) => ({ where: `partner mail ${message.kind} (${language})`, text: renderPartnerMail(message, language).text })),
  );
  expect(PARTNER_TEMPLATE_KINDS.length).toBeGreaterThan(0);
  return [...staff, ...partner];
}

describe('commands printed in mail', () => {
  const commands = [...new Set(mailTexts().flatMap(({ where, text }) => commandsInText(text, where)).map((c) => c.line))];

  it('the mails print commands, among them how to look a case up', () => {
    expect(commands).toContain(`prepared-return status ${CASE}`);
    expect(commands).toContain(`prepared-return assign-partner ${CASE} --partner ${PARTNER_PLACEHOLDER}`);
  });

  it('every one of them runs with the real client', async () => {
    const cli = cliFor('mail-commands');
    for (const command of commands) {
      // The reader replaces the placeholder with the partner they chose.
      const args = command.replace(/^prepared-return /, '').replace(PARTNER_PLACEHOLDER, 'ro-harbour-house').split(' ');
      const result = await cli(...args);
      expect(result.stderr, command).not.toMatch(/unknown option|unknown command|missing required|error: /);
      expect({ command, code: result.code, stderr: result.stderr.trim() }).toEqual({ command, code: 3, stderr: `No programme for case ${CASE}.` });
    }
  });
});
