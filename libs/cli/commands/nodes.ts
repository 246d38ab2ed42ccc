import { Command, Option } from 'commander';
import type { components } from '@libs/client';
import { connect } from '../context';
import { CliError, EXIT_USAGE } from '../errors';
import { printJson, printTable, when } from '../output';
import { Node } from '../resolve';

type NodeCreate = components['schemas']['NodeCreateDTO'];

const integer = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new CliError(`${name} must be a whole number, got "${value}"`, EXIT_USAGE);
  return Number(value);
};

function portRange(value: string): [number, number] {
  const m = /^(\d+)-(\d+)$/.exec(value);
  if (!m) throw new CliError(`--ports needs FROM-TO, got "${value}"`, EXIT_USAGE);
  return [Number(m[1]), Number(m[2])];
}

interface RegisterOptions {
  address?: string;
  memory: number;
  disk: number;
  cpu: number;
  ports?: [number, number];
  location?: string;
  tag?: string[];
  json?: boolean;
}

async function register(name: string, opts: RegisterOptions): Promise<void> {
  const ctx = connect();
  const { client } = ctx;
  const body: NodeCreate = { name, address: opts.address ?? new URL(ctx.url).hostname, memoryMiB: opts.memory, diskMiB: opts.disk, cpuPercent: opts.cpu };
  if (opts.ports) [body.portRangeStart, body.portRangeEnd] = opts.ports;
  if (opts.location) body.location = opts.location;
  if (opts.tag?.length) body.tags = opts.tag;
  const node = await client.call(client.POST('/node', { body }));
  const reg = await client.call(client.POST('/node/{id}/register-token', { params: { path: { id: node.id } } }));
  // Without PUBLIC_URL the API can only guess its address (localhost): the URL this CLI reaches it at is the better one.
  let command = reg.command;
  if (!reg.apiUrl) {
    const guessed = /--url (\S+)/.exec(command)?.[1];
    if (guessed) command = command.split(guessed).join(ctx.url);
  }
  if (opts.json) return printJson({ node, registration: { ...reg, command } });
  process.stdout.write(`created node ${node.name} (${node.id})\n`);
  process.stdout.write(`run this on the node (the token works once, until ${when(String(reg.expiresAt))}):\n\n  ${command}\n\n`);
}

export function nodeCommands(program: Command): void {
  const nodes = program.command('nodes').alias('node').description('nodes (machines that run game servers)');

  nodes
    .command('ls')
    .alias('list')
    .description('list nodes')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const ctx = connect();
      const rows = await ctx.client.searchAll<Node>('/node/search', { sortBy: 'name', sortDirection: 'asc' });
      if (opts.json) return printJson(rows);
      printTable(
        rows,
        [
          { header: 'ID', value: (n) => n.id },
          { header: 'NAME', value: (n) => n.name },
          { header: 'STATE', value: (n) => n.state },
          { header: 'ADDRESS', value: (n) => n.address },
          { header: 'MEMORY', value: (n) => `${n.memoryMiB} MiB` },
          { header: 'DISK', value: (n) => `${n.diskMiB} MiB` },
          { header: 'CPU', value: (n) => `${n.cpuPercent}%` },
          { header: 'SHARED', value: (n) => (n.shared ? 'yes' : 'no') },
          { header: 'AGENT', value: (n) => n.agentVersion },
        ],
        'no nodes',
      );
    });

  nodes
    .command('register')
    .description('create a node and print the command that installs its agent')
    .argument('<name>', 'node name')
    .option('--address <address>', 'address players connect to (default: the API host)')
    .addOption(new Option('--memory <MiB>', 'memory for game servers').default(4096).argParser(integer('--memory')))
    .addOption(new Option('--disk <MiB>', 'disk for game servers').default(20480).argParser(integer('--disk')))
    .addOption(new Option('--cpu <percent>', 'CPU for game servers, 100 = one core').default(200).argParser(integer('--cpu')))
    .option('--ports <from-to>', 'host port range for allocations', portRange)
    .option('--location <text>', 'where it is')
    .option('--tag <tag>', 'placement tag (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--json', 'print JSON')
    .action(register);
}
