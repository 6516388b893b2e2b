/**
 * How the client fails: one plain sentence that says what to fix, and an exit code a script can
 * branch on. Errors are recognised by name, not `instanceof`, so this module stays free of the
 * Temporal client and `--help` starts fast.
 */
import { programmeWorkflowId } from '../domain/programme.js';
import { grpcCode, TemporalUnreachable } from '../temporal/connection.js';

export const EXIT = {
  ok: 0,
  /** The programme or the schema refused the request. */
  refused: 1,
  /** A flag, a file or the environment is wrong. */
  usage: 2,
  /** No programme for the case. */
  notFound: 3,
  /** The Temporal server could not be reached, or did not answer. */
  unreachable: 4,
} as const;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.refused,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export class NoProgramme extends CliError {
  constructor(readonly caseRef: string) {
    super(`No programme for case ${caseRef}.`, EXIT.notFound);
    this.name = 'NoProgramme';
  }
}

const GRPC = { DEADLINE_EXCEEDED: 4, UNAVAILABLE: 14, UNAUTHENTICATED: 16, PERMISSION_DENIED: 7 } as const;

const caseRefOf = (workflowId: string): string => workflowId.replace(programmeWorkflowId(''), '');

/** The words and exit code for any error; `undefined` message parts never reach the caseworker. */
export function explain(err: unknown, address: string): { message: string; exitCode: number } {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (!(err instanceof Error)) return { message: `Failed: ${String(err)}`, exitCode: EXIT.refused };
  if (err.name === 'ValidationError') return { message: err.message, exitCode: EXIT.usage };
  if (err.name === 'TemporalUnreachable') return { message: err.message, exitCode: EXIT.unreachable };
  if (err.name === 'WorkflowNotFoundError') {
    const workflowId = (err as Error & { workflowId?: string }).workflowId ?? '';
    return { message: `No programme for case ${caseRefOf(workflowId)}.`, exitCode: EXIT.notFound };
  }
  switch (grpcCode(err)) {
    case GRPC.UNAVAILABLE:
      return { message: new TemporalUnreachable(address).message, exitCode: EXIT.unreachable };
    case GRPC.DEADLINE_EXCEEDED:
      return {
        message: `The Temporal server at ${address} did not answer in time. Is a worker running on the task queue (\`npm run worker\`)?`,
        exitCode: EXIT.unreachable,
      };
    case GRPC.UNAUTHENTICATED:
    case GRPC.PERMISSION_DENIED:
      return { message: `The Temporal server at ${address} refused our credentials: check TEMPORAL_API_KEY or TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH, and TEMPORAL_NAMESPACE.`, exitCode: EXIT.usage };
  }
  return { message: `Failed: ${err.message} (run again with --debug for details)`, exitCode: EXIT.refused };
}
