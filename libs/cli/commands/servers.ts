import { Command, Option } from 'commander';
import { createInterface } from 'node:readline';
import type { components } from '@libs/client';
import { connect, Context } from '../context';
import { CliError, EXIT_USAGE } from '../errors';
import { printFields, printJson, printTable, when } from '../output';
import { GameServer, resolveNode, resolveServer, resolveWorkload } from '../resolve';

type ConsoleLine = { seq: number; line: string; stream?: string; time?: string };
type CreateBody = components['schemas']['GameServerCreateDTO'];

const POWER = ['start', 'stop', 'restart', 'kill'] as const;
type Power = (typeof POWER)[number];

const integer = (name: string) => (value: string) => {
  if (!/^\d+$/.test(value)) throw new CliError(`${name} must be a whole number, got "${value}"`, EXIT_USAGE);
  return Number(value);
};

function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

function printServers(rows: GameServer[]): void {
  printTable(
    rows,
    [
      { header: 'ID', value: (s) => s.id },
      { header: 'NAME', value: (s) => s.name },
      { header: 'STATE', value: (s) => s.state },
      { header: 'NODE', value: (s) => s.node?.name ?? s.nodeId },
      { header: 'MEMORY', value: (s) => `${s.memoryMiB} MiB` },
      { header: 'CPU', value: (s) => `${s.cpuPercent}%` },
      { header: 'CREATED', value: (s) => when(s.createdAt) },
    ],
    'no game servers',
  );
}

function printServer(s: GameServer): void {
  printFields([
    ['id', s.id],
    ['name', s.name],
    ['state', s.stateReason ? `${s.state} (${s.stateReason})` : s.state],
    ['node', s.node ? `${s.node.name} (${s.nodeId})` : s.nodeId],
    ['workload', s.workload ? `${s.workload.name} (${s.workloadId})` : s.workloadId],
    ['image', s.image],
    ['memory', `${s.memoryMiB} MiB`],
    ['cpu', `${s.cpuPercent}%`],
    ['disk', `${s.diskMiB} MiB`],
    ['auto restart', s.autoRestart ? 'yes' : 'no'],
    ['addresses', (s.allocations ?? []).map((a) => `${a.ip}:${a.port}${a.primary ? ' (primary)' : ''}`)],
    ['started', when(s.startedAt)],
    ['created', when(s.createdAt)],
  ]);
}

/** Polls until the server settles where the action leads (or fails on the way). */
async function waitForState(ctx: Context, server: GameServer, action: Power, timeoutMs: number): Promise<GameServer> {
  const target = action === 'start' || action === 'restart' ? 'running' : 'offline';
  const failed = new Set(['crashed', 'install_failed']);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const current = await ctx.client.call(ctx.client.GET('/gameserver/{id}', { params: { path: { id: server.id } } }));
    if (current.state === target) return current;
    if (failed.has(current.state)) throw new CliError(`${server.name} is ${current.state}${current.stateReason ? ` (${current.stateReason})` : ''}`);
    if (Date.now() > deadline) throw new CliError(`${server.name} is still ${current.state} after ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function power(action: Power, ref: string, opts: { wait?: boolean; timeout: number; json?: boolean }): Promise<void> {
  const ctx = connect();
  const server = await resolveServer(ctx, ref);
  const path = { params: { path: { id: server.id } } };
  const { client } = ctx;
  const calls = {
    start: () => client.POST('/gameserver/{id}/start', path),
    stop: () => client.POST('/gameserver/{id}/stop', path),
    restart: () => client.POST('/gameserver/{id}/restart', path),
    kill: () => client.POST('/gameserver/{id}/kill', path),
  };
  let after = await client.call(calls[action]());
  if (opts.wait) after = await waitForState(ctx, server, action, opts.timeout * 1000);
  if (opts.json) return printJson(after);
  process.stdout.write(`${server.name}: ${action} ${opts.wait ? 'done' : 'requested'} (state ${after.state})\n`);
}

/** Ctrl-C (and a closed pipe) ends a follow cleanly: exit code 0 after the stream closes. */
function untilInterrupted(stop: () => void): void {
  const end = () => stop();
  process.once('SIGINT', end);
  process.once('SIGTERM', end);
}

function printLine(l: ConsoleLine, json: boolean): void {
  process.stdout.write(json ? JSON.stringify(l) + '\n' : l.line + '\n');
}

async function logs(ref: string, opts: { follow?: boolean; tail: number; json?: boolean }): Promise<void> {
  const ctx = connect();
  const server = await resolveServer(ctx, ref);
  const { client } = ctx;
  const page = await client.call(client.GET('/gameserver/{id}/logs', { params: { path: { id: server.id }, query: { limit: opts.tail } } }));
  const lines = page.lines as unknown as ConsoleLine[];
  if (!opts.follow) {
    if (opts.json) return printJson(lines);
    for (const l of lines) printLine(l, false);
    return;
  }
  for (const l of lines) printLine(l, !!opts.json);
  // Continues right after the stored lines: nothing missed, nothing twice.
  const since = lines.length ? lines[lines.length - 1].seq : undefined;
  const stream = client.console(server.id, since === undefined ? {} : { since });
  await followStream(stream, !!opts.json);
}

type Stream = ReturnType<Context['client']['console']>;

/** Prints lines until the stream ends or the user interrupts; tells about reconnects on stderr. */
function followStream(stream: Stream, json: boolean, onOpen?: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let dropped = false;
    let failure: Error | undefined;
    stream.on('line', (l: ConsoleLine) => printLine(l, json));
    stream.on('reconnecting', (info: { attempt: number; delayMs: number; error?: Error }) => {
      if (!dropped) process.stderr.write(`console connection lost${info.error ? ` (${info.error.message})` : ''}; reconnecting…\n`);
      dropped = true;
    });
    stream.on('open', () => {
      if (dropped) process.stderr.write(`reconnected; resuming after line ${stream.lastSeq}\n`);
      dropped = false;
      onOpen?.();
    });
    stream.on('status', (state: string, reason: string | null) => {
      if (!json) process.stderr.write(`[status] ${state}${reason ? ` (${reason})` : ''}\n`);
    });
    stream.on('error', (err: Error) => {
      // Refused commands are told and the session goes on; a refused connection ends it (close follows).
      failure = err;
      process.stderr.write(`console: ${err.message}\n`);
    });
    stream.on('close', ({ code }: { code: number; reason: string }) => {
      if (code === 1000) resolve();
      else reject(failure ?? new CliError(`console closed (${code})`));
    });
    untilInterrupted(() => stream.close());
  });
}

async function interactiveConsole(ref: string): Promise<void> {
  const ctx = connect();
  const server = await resolveServer(ctx, ref);
  const { client } = ctx;
  // The recent history first, as a terminal would show it; the socket continues from there.
  const page = await client.call(client.GET('/gameserver/{id}/logs', { params: { path: { id: server.id }, query: { limit: 50 } } }));
  const lines = page.lines as unknown as ConsoleLine[];
  for (const l of lines) printLine(l, false);
  const since = lines.length ? lines[lines.length - 1].seq : undefined;
  const stream = client.console(server.id, since === undefined ? {} : { since });
  const tty = Boolean(process.stdin.isTTY);
  if (tty) process.stderr.write(`connected to ${server.name}: type a command and press Enter; Ctrl-C or Ctrl-D leaves\n`);
  const rl = createInterface({ input: process.stdin, terminal: false });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    try {
      stream.send(line);
    } catch (err) {
      process.stderr.write(`console: ${(err as Error).message}\n`);
    }
  });
  // End of input (Ctrl-D, or a script's stdin) leaves once what was typed had time to go out.
  rl.on('close', () => setTimeout(() => stream.close(), 500));
  try {
    await followStream(stream, false);
  } finally {
    rl.close();
  }
}

async function create(opts: {
  name: string;
  workload?: string;
  template?: string;
  node?: string;
  memory?: number;
  cpu?: number;
  disk?: number;
  image?: string;
  var?: string[];
  tag?: string[];
  start?: boolean;
  json?: boolean;
}): Promise<void> {
  if (!opts.workload === !opts.template) throw new CliError('give one of --workload <id|name> or --template <template id>', EXIT_USAGE);
  const ctx = connect();
  const { client } = ctx;
  let workloadId: string;
  if (opts.workload) {
    workloadId = (await resolveWorkload(ctx, opts.workload)).id;
  } else {
    // A template is turned into a workload of this domain once and reused after that.
    const existing = await client.call(client.POST('/workload/search', { body: { filters: { template: opts.template }, limit: 1 } }));
    workloadId = existing[0]?.id ?? (await client.call(client.POST('/workload/from-template', { body: { template: opts.template! } }))).id;
  }
  const variables: Record<string, string> = {};
  for (const pair of opts.var ?? []) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new CliError(`--var needs KEY=VALUE, got "${pair}"`, EXIT_USAGE);
    variables[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const body: CreateBody = { name: opts.name, workloadId };
  if (opts.node) body.nodeId = (await resolveNode(ctx, opts.node)).id;
  if (opts.memory !== undefined) body.memoryMiB = opts.memory;
  if (opts.cpu !== undefined) body.cpuPercent = opts.cpu;
  if (opts.disk !== undefined) body.diskMiB = opts.disk;
  if (opts.image) body.image = opts.image;
  if (opts.tag?.length) body.tags = opts.tag;
  if (Object.keys(variables).length) body.variables = variables;
  let server = await client.call(client.POST('/gameserver', { body }));
  if (opts.start) server = await client.call(client.POST('/gameserver/{id}/start', { params: { path: { id: server.id } } }));
  if (opts.json) return printJson(server);
  process.stdout.write(`created ${server.name} (${server.id}), state ${server.state}\n`);
}

export function serverCommands(program: Command): void {
  const servers = program.command('servers').alias('server').description('game servers');

  servers
    .command('ls')
    .alias('list')
    .description('list game servers')
    .option('--state <state>', 'only servers in this state')
    .option('--json', 'print JSON')
    .action(async (opts: { state?: string; json?: boolean }) => {
      const ctx = connect();
      const body: Record<string, unknown> = { extend: ['node'], sortBy: 'name', sortDirection: 'asc' };
      if (opts.state) body.filters = { state: opts.state };
      const rows = await ctx.client.searchAll<GameServer>('/gameserver/search', body);
      if (opts.json) return printJson(rows);
      printServers(rows);
    });

  servers
    .command('show')
    .description('show one game server')
    .argument('<server>', 'id or name')
    .option('--json', 'print JSON')
    .action(async (ref: string, opts: { json?: boolean }) => {
      const ctx = connect();
      const found = await resolveServer(ctx, ref);
      const [server] = await ctx.client.searchAll<GameServer>('/gameserver/search', { filters: { id: found.id }, extend: ['node', 'workload', 'allocations'] });
      if (opts.json) return printJson(server ?? found);
      printServer(server ?? found);
    });

  servers
    .command('create')
    .description('create a game server (placed by the planner unless --node is given)')
    .requiredOption('--name <name>', 'server name')
    .option('--workload <workload>', 'workload (template of this domain) id or name')
    .option('--template <id>', 'a built-in template id (e.g. echo-server): its workload is created when missing')
    .option('--node <node>', 'node id or name')
    .option('--memory <MiB>', 'memory limit in MiB', integer('--memory'))
    .option('--cpu <percent>', 'CPU limit, 100 = one core', integer('--cpu'))
    .option('--disk <MiB>', 'disk quota in MiB', integer('--disk'))
    .option('--image <image>', 'container image (default: the template image)')
    .option('--var <KEY=VALUE>', 'template variable (repeatable)', collect)
    .option('--tag <tag>', 'placement: only nodes with this tag (repeatable)', collect)
    .option('--start', 'start it once created')
    .option('--json', 'print JSON')
    .action(create);

  for (const action of POWER) {
    servers
      .command(action)
      .description(`${action} a game server`)
      .argument('<server>', 'id or name')
      .option('--wait', `wait until it is ${action === 'start' || action === 'restart' ? 'running' : 'offline'}`)
      .addOption(new Option('--timeout <seconds>', 'with --wait: give up after this long').default(120).argParser(integer('--timeout')))
      .option('--json', 'print the server as JSON')
      .action((ref: string, opts: { wait?: boolean; timeout: number; json?: boolean }) => power(action, ref, opts));
  }

  servers
    .command('logs')
    .description('print the console history; -f keeps streaming it until Ctrl-C')
    .argument('<server>', 'id or name')
    .option('-f, --follow', 'stream new lines')
    .addOption(new Option('-n, --tail <lines>', 'how many stored lines to print first').default(100).argParser(integer('--tail')))
    .option('--json', 'print lines as JSON (one object per line with -f)')
    .action(logs);

  servers
    .command('console')
    .description('interactive console: lines typed are sent as commands, output is printed (reconnects resume where they left off)')
    .argument('<server>', 'id or name')
    .action(interactiveConsole);
}
