/**
 * An update that arrives in the very workflow task where the programme also receives another event
 * (an activity result, a signal) can be turned away by the server with FAILED_PRECONDITION "unexpected
 * workflow task failure". Nothing was applied, and sending it again is safe; the caseworker should
 * not see this race, so we send it again a few times before giving up.
 */
import { ServiceError } from '@temporalio/client';

const GRPC_FAILED_PRECONDITION = 9;

export function isUpdateRace(err: unknown): boolean {
  if (!(err instanceof ServiceError)) return false;
  const cause = err.cause as { code?: number; details?: string } | undefined;
  return cause?.code === GRPC_FAILED_PRECONDITION && /workflow task failure/i.test(cause.details ?? err.message);
}

export async function retryUpdateRace<T>(send: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (!isUpdateRace(err) || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}
