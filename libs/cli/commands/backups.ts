import { Command } from 'commander';
import type { components } from '@libs/client';
import { connect } from '../context';
import { bytes, printJson, printTable, when } from '../output';
import { resolveServer } from '../resolve';

type Backup = components['schemas']['BackupOutputDTO'];

export function backupCommands(program: Command): void {
  const backups = program.command('backups').alias('backup').description("a game server's backups");

  backups
    .command('ls')
    .alias('list')
    .description("list a server's backups, newest first")
    .argument('<server>', 'id or name')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }) => {
      const ctx = connect();
      const server = await resolveServer(ctx, ref);
      const rows = await ctx.client.searchAll<Backup>('/backup/search', { filters: { gameserverId: server.id }, sortBy: 'createdAt', sortDirection: 'desc' });
      if (opts.json) return printJson(rows);
      printTable(
        rows,
        [
          { header: 'ID', value: (b) => b.id },
          { header: 'NAME', value: (b) => b.name },
          { header: 'STATE', value: (b) => (b.error ? `${b.state} (${b.error})` : b.state) },
          { header: 'SIZE', value: (b) => (b.sizeBytes === null ? null : bytes(b.sizeBytes)) },
          { header: 'STORAGE', value: (b) => b.storage },
          { header: 'LOCKED', value: (b) => (b.locked ? 'yes' : 'no') },
          { header: 'RESTORE', value: (b) => b.restoreState },
          { header: 'CREATED', value: (b) => when(b.createdAt) },
        ],
        'no backups',
      );
    });

  backups
    .command('create')
    .description('start a backup of a server (it runs in the background; `backups ls` shows when it completed)')
    .argument('<server>', 'id or name')
    .option('--name <name>', 'backup name (default: the date and time)')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { name?: string; json?: boolean }) => {
      const ctx = connect();
      const server = await resolveServer(ctx, ref);
      const backup = await ctx.client.call(ctx.client.POST('/backup', { body: { gameserverId: server.id, ...(opts.name ? { name: opts.name } : {}) } }));
      if (opts.json) return printJson(backup);
      process.stdout.write(`backup ${backup.name} (${backup.id}) of ${server.name}: ${backup.state}\n`);
    });

  backups
    .command('restore')
    .description("restore a backup over its server's files (the server must be stopped)")
    .argument('<backup-id>', 'backup id')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      const ctx = connect();
      const backup = await ctx.client.call(ctx.client.POST('/backup/{id}/restore', { params: { path: { id } } }));
      if (opts.json) return printJson(backup);
      process.stdout.write(`restoring backup ${backup.name} (${backup.id}): ${backup.restoreState ?? 'requested'}\n`);
    });
}
