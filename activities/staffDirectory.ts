/**
 * Who on the Danish side is told what: each caseworker's address and language, the supervisors'
 * shared address(es), and the authority (the Return Agency, with police assistance) that receives
 * enforced-return referrals. A YAML or JSON file; see dev/staff.yaml for the shape.
 */
import { z } from 'zod';
import { Language, type StaffNotification } from '../domain/notifications.js';
import { byStaffId, DisplayName, StaffMember, TeamId } from '../domain/staff.js';
import { parseOrThrow } from '../domain/validation.js';
import { readConfigFile } from './configFile.js';

const email = z.email({ error: 'expected an e-mail address' });

const Mailbox = z.strictObject({
  emails: z.array(email).min(1, 'expected at least one e-mail address'),
  language: Language.optional(),
});

export const StaffDirectoryFile = z.strictObject({
  /** The language of staff mail when an entry does not choose its own. */
  language: Language.default('da'),
  caseworkers: byStaffId(
    z.strictObject({
      email,
      language: Language.optional(),
      /** Shown in the web app; the team decides whose programmes she may see and steer. */
      name: DisplayName.optional(),
      team: TeamId.optional(),
    }),
  ).default({}),
  /** Supervisors, data protection officers and analysts who sign in to the web app. */
  staff: byStaffId(StaffMember).default({}),
  supervisors: Mailbox,
  authority: Mailbox,
  /** Who receives the annual status report; the supervisors when absent. */
  reports: Mailbox.optional(),
});
export type StaffDirectoryFile = z.output<typeof StaffDirectoryFile>;

export interface StaffRecipients {
  to: string[];
  language: Language;
  /** True when the caseworker has no address and the supervisors receive the message instead. */
  redirectedToSupervisors: boolean;
}

export class StaffDirectory {
  constructor(readonly file: StaffDirectoryFile) {}

  /**
   * Where a notification goes. A caseworker missing from the directory (left, on leave, typo) must
   * not make a notification about a person at risk vanish: it goes to the supervisors instead.
   */
  recipients(notification: Pick<StaffNotification, 'audience' | 'caseworkerId'>): StaffRecipients {
    const { file } = this;
    if (notification.audience === 'caseworker') {
      const caseworker = file.caseworkers[notification.caseworkerId];
      if (caseworker) return { to: [caseworker.email], language: caseworker.language ?? file.language, redirectedToSupervisors: false };
      return { to: file.supervisors.emails, language: file.supervisors.language ?? file.language, redirectedToSupervisors: true };
    }
    const box = notification.audience === 'supervisor' ? file.supervisors : file.authority;
    return { to: box.emails, language: box.language ?? file.language, redirectedToSupervisors: false };
  }

  /** Where the annual status report goes. */
  reportRecipients(): string[] {
    return (this.file.reports ?? this.file.supervisors).emails;
  }
}

export function staffDirectoryFrom(content: unknown, what = 'The staff directory'): StaffDirectory {
  return new StaffDirectory(parseOrThrow(StaffDirectoryFile, content, what));
}

export function loadStaffDirectory(path: string): StaffDirectory {
  return staffDirectoryFrom(readConfigFile(path, 'The staff directory'), `The staff directory ${path}`);
}
