/**
 * `login`, `whoami`, `logout`: the command line signs in at the centre's identity provider with the
 * device flow, against the app's address alone (`--app` or PR_APP_URL). The token is kept in a file
 * only its user can read and refreshed when it runs out; `logout` revokes and removes it.
 */
import type { Command } from 'commander';
import { CliError, EXIT } from '../errors.js';
import { examples } from './shared.js';

function appUrlFrom(option: string | undefined): string {
  const url = option ?? process.env.PR_APP_URL;
  if (!url) throw new CliError('--app: expected the address of the app, e.g. https://desk.example.org (or set PR_APP_URL)', EXIT.usage);
  try {
    return new URL(url).origin;
  } catch {
    throw new CliError('--app: expected a URL such as https://desk.example.org', EXIT.usage);
  }
}

export function registerLogin(program: Command): void {
  const json = () => program.opts<{ json?: boolean }>().json === true;

  const login = program
    .command('login')
    .description('Sign in at the centre\'s identity provider: open the address shown, check the code, sign in.')
    .option('--app <url>', 'the address of the app (default: PR_APP_URL)')
    .action(async (options: { app?: string }) => {
      const [{ deviceLogin }, { loginFile }] = await Promise.all([import('../login/deviceLogin.js'), import('../login/tokenFile.js')]);
      const file = loginFile(process.env);
      const stored = await deviceLogin(appUrlFrom(options.app), file, ({ url, userCode }) => {
        // On stderr, so `--json` output stays one object on stdout.
        process.stderr.write(`To sign in, open ${url}\nand check that it shows the code ${userCode}.\n`);
      });
      const me = await whoAmI(stored.appUrl, stored.accessToken);
      if (json()) process.stdout.write(`${JSON.stringify({ signedIn: me, file })}\n`);
      else process.stdout.write(`Signed in as ${me.name} (${me.id}, ${me.role}). The sign-in is kept in ${file}.\n`);
    });
  examples(login, 'prepared-return login --app https://desk.example.org', 'export PR_APP_URL=https://desk.example.org; prepared-return login');

  const whoami = program
    .command('whoami')
    .description('Show who the command line is signed in as (refreshing the sign-in when it has run out).')
    .action(async () => {
      const [{ freshLogin }, { loginFile }] = await Promise.all([import('../login/deviceLogin.js'), import('../login/tokenFile.js')]);
      const stored = await freshLogin(loginFile(process.env));
      if (!stored) throw new CliError('not signed in: run `prepared-return login --app <address of the app>`', EXIT.usage);
      const me = await whoAmI(stored.appUrl, stored.accessToken);
      if (json()) process.stdout.write(`${JSON.stringify(me)}\n`);
      else process.stdout.write(`${me.name} (${me.id}, ${me.role}${me.team ? `, ${me.team}` : ''}) at ${stored.appUrl}\n`);
    });
  examples(whoami, 'prepared-return whoami --json | jq .role');

  const logout = program
    .command('logout')
    .description('Sign the command line out: revoke the sign-in at the provider and remove its file.')
    .action(async () => {
      const [{ revoke }, { loginFile, readLogin, removeLogin }] = await Promise.all([import('../login/deviceLogin.js'), import('../login/tokenFile.js')]);
      const file = loginFile(process.env);
      const stored = readLogin(file);
      if (stored) await revoke(stored).catch(() => undefined);
      const removed = removeLogin(file);
      if (json()) process.stdout.write(`${JSON.stringify({ signedOut: removed })}\n`);
      else process.stdout.write(removed ? 'Signed out.\n' : 'Not signed in.\n');
    });
  examples(logout, 'prepared-return logout --json');
}

async function whoAmI(appUrl: string, accessToken: string): Promise<{ id: string; name: string; role: string; team?: string }> {
  const answer = await fetch(new URL('/api/v1/me', appUrl), { headers: { authorization: `Bearer ${accessToken}` } });
  if (answer.status === 401) throw new CliError(`the app did not accept the sign-in: run \`prepared-return login --app ${appUrl}\` again`, EXIT.usage);
  if (!answer.ok) throw new CliError(`the app answered HTTP ${answer.status}`, EXIT.unreachable);
  return (await answer.json()) as { id: string; name: string; role: string; team?: string };
}
