/**
 * The local stack's signing secrets: one per API partner of the dev partner directory (the variable
 * named in its `secretEnv`) and the Return Agency's (`GATEWAY_SECRET_RETURN_AGENCY`). A secret set in
 * the environment wins; otherwise the first start generates it and keeps it in
 * `<data>/gateway-secrets.env`, so a script playing a partner signs with the same secret after every
 * restart. In the local stack a partner signs its events and the simulator verifies our requests
 * with that one secret; deployments give each direction its own (docs/partner-guide.md).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function gatewaySecretsFile(dataDir: string): string {
  return join(dataDir, 'gateway-secrets.env');
}

/** Fills `env` with the secrets kept in the data folder, for the names the environment leaves unset. */
export function loadGatewaySecrets(dataDir: string, env: Record<string, string | undefined>): void {
  const file = gatewaySecretsFile(dataDir);
  if (!existsSync(file)) return;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(whsec_[A-Za-z0-9+/=]+)$/.exec(line.trim());
    if (match) env[match[1]!] ??= match[2]!;
  }
}

/** Keeps the secrets of `names` (as `env` now holds them) in the data folder, except those the user's environment set. */
export function saveGatewaySecrets(dataDir: string, env: Record<string, string | undefined>, names: readonly string[], fromUser: ReadonlySet<string>): string {
  const file = gatewaySecretsFile(dataDir);
  const lines = names.filter((name) => !fromUser.has(name) && env[name]).map((name) => `${name}=${env[name]}`);
  writeFileSync(file, `# Signing secrets of the local stack's gateway clients (generated; the environment overrides them).\n${lines.join('\n')}\n`, { mode: 0o600 });
  return file;
}
