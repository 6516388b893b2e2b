/**
 * Where the command line keeps its sign-in: one JSON file readable and writable by its user only
 * (0600, in a 0700 folder), `~/.config/prepared-return/login.json` unless PR_LOGIN_FILE says
 * otherwise. It holds the app's address, the provider's details and the tokens; nothing else, and
 * never a key or a case secret.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, renameSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';

export const StoredLogin = z.strictObject({
  appUrl: z.url(),
  issuer: z.url(),
  clientId: z.string().min(1),
  audience: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** Epoch seconds when the access token expires. */
  expiresAt: z.number().int(),
});
export type StoredLogin = z.output<typeof StoredLogin>;

export function loginFile(env: Record<string, string | undefined>): string {
  if (env.PR_LOGIN_FILE) return env.PR_LOGIN_FILE;
  const base = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(base, 'prepared-return', 'login.json');
}

export function readLogin(file: string): StoredLogin | undefined {
  if (!existsSync(file)) return undefined;
  const parsed = StoredLogin.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

/** Written to a temporary file with mode 0600 first, then renamed: never readable by others, not even for a moment. */
export function writeLogin(file: string, login: StoredLogin): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(login, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, file);
}

export function removeLogin(file: string): boolean {
  const existed = existsSync(file);
  rmSync(file, { force: true });
  return existed;
}
