import { Command } from 'commander';
import { OutpostApiError, type components } from '@libs/client';
import { connect } from '../context';
import { printJson, printTable, when } from '../output';
import { ApiToken, resolveToken } from '../resolve';

type TokenCreate = components['schemas']['ApiTokenCreateDTO'];

export function tokenCommands(program: Command): void {
  const tokens = program.command('tokens').alias('token').description('API tokens (for scripts and CI)');

  tokens
    .command('ls')
    .alias('list')
    .description('list API tokens (revoked ones included)')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const ctx = connect();
      const rows = await ctx.client.searchAll<ApiToken>('/apitoken/search', { sortBy: 'createdAt', sortDirection: 'desc' });
      if (opts.json) return printJson(rows);
      printTable(
        rows,
        [
          { header: 'ID', value: (t) => t.id },
          { header: 'NAME', value: (t) => t.name },
          { header: 'PREFIX', value: (t) => t.prefix },
          { header: 'PERMISSIONS', value: (t) => (t.permissions.length ? t.permissions : ['(role)']) },
          { header: 'EXPIRES', value: (t) => when(t.expiresAt) },
          { header: 'LAST USED', value: (t) => when(t.lastUsedAt) },
          { header: 'REVOKED', value: (t) => when(t.revokedAt) },
        ],
        'no API tokens',
      );
    });

  tokens
    .command('create')
    .description('create an API token; the secret is printed once')
    .argument('<name>', 'token name')
    .option('--permissions <list>', 'comma-separated subset of your permissions (default: all of your role)')
    .option('--expires <date>', 'expiry (ISO 8601)')
    .option('--json', 'print JSON (includes the secret)')
    .action(async (name: string, opts: { permissions?: string; expires?: string; json?: boolean }) => {
      const ctx = connect();
      const body: TokenCreate = { name };
      if (opts.permissions) {
        body.permissions = opts.permissions
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean) as TokenCreate['permissions'];
      }
      if (opts.expires) body.expiresAt = opts.expires;
      const created = await ctx.client.call(ctx.client.POST('/apitoken', { body }));
      if (opts.json) return printJson(created);
      process.stderr.write(`created API token ${created.name} (${created.id}); it is shown only now:\n`);
      process.stdout.write(`${created.token}\n`);
    });

  tokens
    .command('revoke')
    .description('revoke an API token')
    .argument('<token>', 'token id or name')
    .action(async (ref: string) => {
      const ctx = connect();
      const token = await resolveToken(ctx, ref);
      // An empty envelope (`data: null`) does not fit call()'s type: checked here instead.
      const { error, response } = await ctx.client.DELETE('/apitoken/{id}', { params: { path: { id: token.id } } });
      if (error !== undefined || !response.ok) throw OutpostApiError.from(response, error ?? null);
      process.stdout.write(`revoked ${token.name} (${token.id})\n`);
    });
}
