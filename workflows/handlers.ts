/**
 * Every message the programme accepts: the `status` query, outside events (events.ts) and
 * caseworker commands (commands.ts), all installed before the programme's first step.
 */
import { allHandlersFinished, setHandler } from '@temporalio/workflow';
import { STATUS_QUERY } from '../domain/status.js';
import { installCommandHandlers } from './commands.js';
import type { ProgrammeContext } from './context.js';
import { installEventHandlers } from './events.js';
import { statusQuery } from './messages.js';

export { allHandlersFinished };

/** Installs every handler; `status` answers from the start. */
export function installHandlers(ctx: ProgrammeContext): void {
  setHandler(statusQuery, () => ctx.state, { description: STATUS_QUERY.description });
  installEventHandlers(ctx);
  installCommandHandlers(ctx);
}
