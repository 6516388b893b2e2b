/**
 * Case pseudonyms: a keyed hash (HMAC-SHA256) of the case reference. Without the key nobody can
 * tell which case a record is about; with it, the centre can still find a case's records. Each
 * purpose has its own derivation, so the audit log and the evaluation ledger cannot be joined on
 * the pseudonym by whoever holds one of them and not the key.
 */
import { createHmac } from 'node:crypto';

export type PseudonymPurpose = 'audit' | 'ledger' | 'case-secret';

/** 32 hex digits (128 bits): short enough to read, far too many to guess. */
export const PSEUDONYM_PATTERN = /^[0-9a-f]{32}$/;

export function pseudonym(key: string, purpose: PseudonymPurpose, caseRef: string): string {
  return createHmac('sha256', key).update(`${purpose}\0${caseRef}`).digest('hex').slice(0, 32);
}

/** The programme's name in the audit log. */
export function programmePseudonym(key: string, caseRef: string): string {
  return pseudonym(key, 'audit', caseRef);
}

/** A ledger record's idempotency key (64 hex digits) from its parts: keyed, so it leads back to no case. */
export function recordKey(key: string, ...parts: string[]): string {
  return createHmac('sha256', key).update(`record\0${parts.join('\0')}`).digest('hex');
}
