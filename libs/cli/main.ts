#!/usr/bin/env node
import { Command } from 'commander';
import { authCommands } from './commands/auth';
import { backupCommands } from './commands/backups';
import { fileCommands } from './commands/files';
import { nodeCommands } from './commands/nodes';
import { serverCommands } from './commands/servers';
import { tokenCommands } from './commands/tokens';
import { reportError } from './errors';
import { VERSION } from './version';

/** The `outpost` command tree. exitOverride makes usage errors throw (exit 2) instead of exiting inside commander. */
export function buildProgram(): Command {
  const program = new Command('outpost')
    .description(
      'Outpost from the command line: servers, consoles, files, nodes, backups, tokens.\nCredentials: `outpost login`, or OUTPOST_URL + OUTPOST_TOKEN (and OUTPOST_DOMAIN) in the environment.',
    )
    .version(VERSION)
    .exitOverride()
    .showSuggestionAfterError()
    .configureHelp({ sortSubcommands: false });
  authCommands(program);
  serverCommands(program);
  fileCommands(program);
  nodeCommands(program);
  backupCommands(program);
  tokenCommands(program);
  return program;
}

export async function run(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    return reportError(err);
  }
}

if (require.main === module) {
  // Exits explicitly: a finished command must not wait for idle sockets or stdin.
  void run(process.argv).then((code) => process.exit(code));
}
