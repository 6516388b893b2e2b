/**
 * The client's entries in the audit log: every command a caseworker runs, reads included, leaves
 * one row: who ran it, which command, on which programme (its pseudonym) and what came of it. The
 * database settings are checked before the command acts, so a client that cannot audit does nothing.
 */
import { CaseRef } from '../domain/programme.js';
import { recordAudit, type AuditResult } from '../store/audit.js';
import { loadStoreConfig } from '../store/config.js';
import { openDatabase } from '../store/database.js';
import { programmePseudonym } from '../store/pseudonym.js';
import { CliError, EXIT, explain } from './errors.js';

export interface CommandRun {
  actor: string;
  /** The command's name, e.g. `plan-travel`, `report-schedule`. */
  action: string;
  /** The case argument as typed; no programme when it is absent or not a case reference. */
  caseRef: string;
  result: AuditResult;
}

export interface CommandAudit {
  record(run: CommandRun): Promise<void>;
}

export function commandAudit(env: Record<string, string | undefined>): CommandAudit {
  const config = loadStoreConfig(env);
  return {
    async record(run) {
      const db = openDatabase(config, () => undefined);
      try {
        await recordAudit(db, {
          actor: run.actor,
          role: 'caseworker',
          action: run.action,
          programme: CaseRef.safeParse(run.caseRef).success ? programmePseudonym(config.pseudonymKey, run.caseRef) : null,
          result: run.result,
        });
      } catch (err) {
        throw new CliError(
          `${run.result === 'done' ? 'Done, but the' : 'The'} audit log could not be written (${err instanceof Error ? err.message : String(err)}); check DATABASE_URL.`,
          EXIT.unreachable,
        );
      } finally {
        await db.close();
      }
    },
  };
}

/** What a failed command amounts to in the audit log, from the exit code the caseworker sees. */
export function auditResultOf(err: unknown): AuditResult {
  const { exitCode } = explain(err, '');
  if (exitCode === EXIT.notFound) return 'not-found';
  if (exitCode === EXIT.refused || exitCode === EXIT.usage) return 'refused';
  return 'failed';
}
