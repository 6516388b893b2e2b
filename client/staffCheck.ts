/**
 * A caseworker id the staff directory does not know is refused at `open`: her programme would run,
 * and every notification meant for its caseworker would go to the supervisors instead. The client
 * checks when it can read the directory (`PR_STAFF_DIRECTORY`, set in the local stack's instructions);
 * the worker's redirect to the supervisors stays the safety net everywhere else.
 */
import { CliError, EXIT } from './errors.js';

export async function assertKnownCaseworker(env: Record<string, string | undefined>, caseworkerId: string, source: string): Promise<void> {
  const file = env.PR_STAFF_DIRECTORY;
  if (!file) return;
  const [{ loadStaffDirectory }, { ConfigFileError }] = await Promise.all([import('../activities/staffDirectory.js'), import('../activities/configFile.js')]);
  let known: string[];
  try {
    known = Object.keys(loadStaffDirectory(file).file.caseworkers);
  } catch (err) {
    throw new CliError(`PR_STAFF_DIRECTORY: ${err instanceof ConfigFileError || err instanceof Error ? err.message.split('\n')[0] : String(err)}`, EXIT.usage);
  }
  if (!known.includes(caseworkerId)) {
    throw new CliError(
      `${source}: ${caseworkerId} is not a caseworker in the staff directory ${file} (it has ${known.join(', ') || 'none'}); ` +
        "the programme's notifications would reach the supervisors instead. Add the caseworker to the directory, or give a known id.",
      EXIT.usage,
    );
  }
}
