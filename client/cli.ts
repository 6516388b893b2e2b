/**
 * `prepared-return`: the caseworker's command line.
 */
import { Command } from 'commander';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { loadTemporalConnectionConfig } from '../domain/config.js';
import { ProgrammeInput, programmeWorkflowId, WORKFLOW_TYPE } from '../domain/programme.js';
import { CaseworkerId, HomeCountry, ProgrammeStage } from '../domain/searchAttributes.js';
import { describeProblems, ValidationError } from '../domain/validation.js';
import { connectClient, ServerUnreachable } from './connection.js';

const program = new Command('prepared-return')
  .description('Open and steer prepared-return programmes.')
  .option('--json', 'print machine-readable JSON')
  .option('--debug', 'show stack traces on errors');

program
  .command('open')
  .description('Open a programme for a case.')
  .requiredOption('--case <ref>', 'pseudonymous case reference, e.g. CMM-2026-0042')
  .requiredOption('--country <code>', 'home country, ISO 3166-1 alpha-2, e.g. RO')
  .option('--caseworker <id>', 'your staff id (default: $PR_CASEWORKER_ID)')
  .addHelpText('after', '\nExample:\n  $ prepared-return open --case CMM-2026-0042 --country RO --caseworker cw-anna')
  .action(async (opts: { case: string; country: string; caseworker?: string }) => {
    const flags: Record<string, string> = { caseRef: '--case', homeCountry: '--country', caseworkerId: '--caseworker' };
    const parsed = ProgrammeInput.safeParse({
      caseRef: opts.case,
      homeCountry: opts.country,
      caseworkerId: opts.caseworker ?? process.env.PR_CASEWORKER_ID,
    });
    if (!parsed.success) throw new UsageError(describeProblems(parsed.error, (f) => flags[f] ?? f));
    const input = parsed.data;
    const client = await connectClient(loadTemporalConnectionConfig(process.env));
    const workflowId = programmeWorkflowId(input.caseRef);
    try {
      await client.workflow.start(WORKFLOW_TYPE, {
        taskQueue: loadTemporalConnectionConfig(process.env).TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [input],
        typedSearchAttributes: [
          { key: ProgrammeStage, value: 'reflection' },
          { key: HomeCountry, value: input.homeCountry },
          { key: CaseworkerId, value: input.caseworkerId },
        ],
        staticSummary: `Prepared return ${input.caseRef} → ${input.homeCountry}`,
      });
    } catch (err) {
      if (err instanceof WorkflowExecutionAlreadyStartedError) throw new UsageError(`A programme for case ${input.caseRef} is already open.`);
      throw err;
    }
    print({ caseRef: input.caseRef, workflowId }, `Opened programme ${workflowId}.`);
  });

class UsageError extends Error {}

function print(json: unknown, human: string): void {
  console.log(program.opts<{ json?: boolean }>().json ? JSON.stringify(json, null, 2) : human);
}

program.parseAsync(process.argv).then(
  () => process.exit(0),
  (err: unknown) => {
    const known = err instanceof UsageError || err instanceof ValidationError || err instanceof ServerUnreachable;
    if (program.opts<{ debug?: boolean }>().debug && err instanceof Error) console.error(err.stack);
    else console.error(known ? (err as Error).message : `Failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
