/**
 * `open --policy <name>`: a named policy (`standard`, `demo`), with the case file's `policy:` block
 * on top, value by value, so a training file can shorten one window of the demo policy.
 */
import { NAMED_POLICIES } from '../../domain/policy.js';
import { CliError, EXIT } from '../errors.js';
import { isPlainObject } from '../../domain/plainObject.js';

export function policyFromFlag(name: string, filePolicy: unknown): Record<string, unknown> {
  if (!Object.hasOwn(NAMED_POLICIES, name)) {
    throw new CliError(`--policy: expected ${Object.keys(NAMED_POLICIES).join(' or ')} (demo: a day lasts ten seconds)`, EXIT.usage);
  }
  const named = NAMED_POLICIES[name as keyof typeof NAMED_POLICIES] as Record<string, unknown>;
  const file = isPlainObject(filePolicy) ? filePolicy : {};
  const followUpAt = isPlainObject(named.followUpAt) || isPlainObject(file.followUpAt) ? { followUpAt: { ...(isPlainObject(named.followUpAt) ? named.followUpAt : {}), ...(isPlainObject(file.followUpAt) ? file.followUpAt : {}) } } : {};
  return { ...named, ...file, ...followUpAt };
}
