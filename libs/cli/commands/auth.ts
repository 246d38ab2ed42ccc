import { Command } from 'commander';
import { createInterface } from 'node:readline';
import { createOutpostClient } from '@libs/client';
import { loadConfig, saveConfig, updateConfig } from '../config';
import { connect, DEFAULT_URL, trimUrl } from '../context';
import { CliError, EXIT_USAGE } from '../errors';
import { printJson, printTable } from '../output';
import { isUuid } from '../resolve';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks on the terminal; a hidden answer is not echoed (passwords). */
function ask(question: string, hidden = false): Promise<string> {
  if (!process.stdin.isTTY) throw new CliError(`${question.replace(/:\s*$/, '')} is needed: give it as an option (no terminal to ask on)`, EXIT_USAGE);
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  if (hidden) {
    Object.assign(rl, {
      _writeToOutput: (text: string) => {
        if (text.includes(question)) process.stderr.write(question);
      },
    });
  }
  return new Promise((resolve) =>
    rl.question(question, (answer) => {
      rl.close();
      if (hidden) process.stderr.write('\n');
      resolve(answer);
    }),
  );
}

interface LoginOptions {
  url?: string;
  username?: string;
  passwordStdin?: boolean;
  token?: string;
  totp?: string;
}

async function login(opts: LoginOptions): Promise<void> {
  const previous = loadConfig();
  const url = trimUrl(opts.url ?? process.env.OUTPOST_URL ?? previous.url ?? DEFAULT_URL);
  const client = createOutpostClient({ baseUrl: url });
  let token: string;
  let refreshToken: string | undefined;
  if (opts.token) {
    if (opts.username || opts.passwordStdin) throw new CliError('--token cannot be combined with --username or --password-stdin', EXIT_USAGE);
    token = opts.token;
  } else {
    const username = opts.username ?? (await ask('Username or email: '));
    const password = opts.passwordStdin ? (await readStdin()).replace(/\r?\n$/, '') : await ask('Password: ', true);
    if (!username || !password) throw new CliError('a username and a password are needed', EXIT_USAGE);
    ({ token, refreshToken } = await client.login(username, password, opts.totp ? { totp: opts.totp } : undefined));
  }
  client.setToken(token, refreshToken);
  // Checks the credentials (an API token is only known good once used) and finds the domain to work in.
  const me = await client.call(client.GET('/me'));
  const domain = previous.url === url && previous.domain && me.domains.some((d) => d.id === previous.domain) ? previous.domain : (me.domain ?? me.domains[0]?.id);
  saveConfig({ url, token, refreshToken, domain: domain ?? undefined });
  const name = me.domains.find((d) => d.id === domain)?.name;
  process.stdout.write(`logged in to ${url} as ${me.user.username}${name ? ` (domain ${name})` : ''}\n`);
}

async function logout(): Promise<void> {
  const config = loadConfig();
  if (config.token && config.refreshToken && config.url) {
    // Ends this session on the API too; the local credentials go either way.
    const client = createOutpostClient({ baseUrl: config.url, token: config.token, domain: config.domain });
    await client.POST('/logout', { body: { refreshToken: config.refreshToken } }).catch(() => undefined);
  }
  saveConfig(config.url ? { url: config.url } : {});
  process.stdout.write('logged out\n');
}

export function authCommands(program: Command): void {
  program
    .command('login')
    .description('sign in and store the credentials in the config directory (mode 0600)')
    .option('--url <api>', `API base URL (default: the stored one, OUTPOST_URL or ${DEFAULT_URL})`)
    .option('-u, --username <name>', 'username or email')
    .option('--password-stdin', 'read the password from standard input')
    .option('--token <apiToken>', 'use an API token (outpost_…) instead of a password')
    .option('--totp <code>', 'the 6-digit code when the account has two-factor authentication')
    .action(login);

  program.command('logout').description('end the session and forget the stored credentials').action(logout);

  program
    .command('domains')
    .description('list the domains you belong to (* = selected)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const ctx = connect();
      const me = await ctx.client.call(ctx.client.GET('/me'));
      const current = ctx.client.domain ?? me.domain;
      const rows = me.domains.map((d) => ({ ...d, selected: d.id === current }));
      if (opts.json) return printJson(rows);
      printTable(rows, [
        { header: ' ', value: (d) => (d.selected ? '*' : ' ') },
        { header: 'ID', value: (d) => d.id },
        { header: 'NAME', value: (d) => d.name },
        { header: 'STATE', value: (d) => d.state },
      ]);
    });

  program
    .command('use')
    .description('select the domain the next commands work in')
    .argument('<domain>', 'domain id or name')
    .action(async (ref: string) => {
      const ctx = connect();
      const me = await ctx.client.call(ctx.client.GET('/me'));
      const matches = isUuid(ref) ? me.domains.filter((d) => d.id === ref) : me.domains.filter((d) => d.name === ref);
      const found = matches.length ? matches : me.domains.filter((d) => d.name.toLowerCase() === ref.toLowerCase());
      if (!found.length) throw new CliError(`you are not a member of a domain "${ref}" (see \`outpost domains\`)`);
      if (found.length > 1) throw new CliError(`"${ref}" names ${found.length} domains; use an id: ${found.map((d) => d.id).join(', ')}`, EXIT_USAGE);
      updateConfig({ domain: found[0].id });
      process.stdout.write(`using domain ${found[0].name} (${found[0].id})\n`);
    });
}
