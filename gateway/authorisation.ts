/**
 * Who may say what about which programme.
 *
 * 1. By role (no programme needed): the senders of each event in the catalogue (domain/events.ts), which the programme
 *    itself checks again. A partner never confirms a departure; the Return Agency never reports on
 *    follow-up.
 * 2. By programme: a partner speaks only for a programme whose partner on record (`PartnerOrg`: the
 *    partner being asked, then the one that accepted) it is. The Return Agency arranges every
 *    departure and may speak for any programme.
 *
 * A programme that does not exist and one that is not the caller's get the same answer, after the
 * same minimum time, so the gateway tells no one which case references exist. The programme checks
 * the finer rules (only the accepted partner confirms a handover, …) and records a refusal when an
 * event does not fit.
 */
import { EVENTS } from '../domain/events.js';
import type { GatewayClient } from './clients.js';
import { WIRE_TYPES, type WireType } from './events.js';
import type { ProgrammeAccess } from './programmes.js';

export function roleMaySend(role: GatewayClient['role'], type: WireType): boolean {
  const allowed: ReadonlyArray<string> = EVENTS[WIRE_TYPES[type]].senders;
  return allowed.includes(role);
}

export type CaseDecision = 'allowed' | 'closed' | 'not-found';

export function caseDecision(client: GatewayClient, access: ProgrammeAccess): CaseDecision {
  if (access.state === 'absent') return 'not-found';
  const mine = client.role === 'return-agency' || access.partnerOrg === client.id;
  if (!mine) return 'not-found';
  return access.state === 'running' ? 'allowed' : 'closed';
}
