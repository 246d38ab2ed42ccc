/**
 * Agent CLI:
 *   node dist/src/agent/main.js --url http://host:3000 --token <token> [--data-dir /var/lib/outpost-agent]
 * Env fallbacks: OUTPOST_URL, OUTPOST_TOKEN, OUTPOST_DATA_DIR, OUTPOST_LOG_LEVEL,
 * OUTPOST_RETRY_AUTH=1 (keep retrying when the token is refused).
 * Tuning (env only, positive integers in milliseconds; anything else exits 1):
 *   OUTPOST_INVENTORY_INTERVAL_MS  periodic inventory, the control plane reconciles on each (default 30000)
 *   OUTPOST_HEARTBEAT_INTERVAL_MS  heartbeat period (default 5000)
 *   OUTPOST_RECONNECT_MAX_MS       longest reconnect backoff (default 5000)
 * Logs JSON lines (pino) to stdout. Exit codes: 0 stopped by signal, 1 startup error,
 * 78 (EX_CONFIG) token refused — use `RestartPreventExitStatus=78` in a systemd unit.
 */
import pino from 'pino';
import { Agent } from './agent';

const EXIT_CONFIG = 78;

interface Cli {
  url?: string;
  token?: string;
  dataDir: string;
  logLevel: string;
  retryOnAuthFailure: boolean;
  /** Present only when set in the environment (the agent's defaults apply otherwise). */
  inventoryIntervalMs?: number;
  heartbeatIntervalMs?: number;
  reconnectMaxMs?: number;
}

/** A positive integer from the environment, or undefined when unset; throws on anything else. */
function envMs(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const v = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer (milliseconds), got ${JSON.stringify(raw)}`);
  return v;
}

function usage(): string {
  return 'usage: outpost-agent --url <control-plane-url> --token <outpost_reg_…|outpost_agent_…> [--data-dir <dir>] [--log-level info] [--retry-on-auth-failure]';
}

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv): Cli {
  const cli: Cli = {
    url: env.OUTPOST_URL,
    token: env.OUTPOST_TOKEN,
    dataDir: env.OUTPOST_DATA_DIR || '/var/lib/outpost-agent',
    logLevel: env.OUTPOST_LOG_LEVEL || 'info',
    retryOnAuthFailure: env.OUTPOST_RETRY_AUTH === '1',
  };
  const tuning = { inventoryIntervalMs: 'OUTPOST_INVENTORY_INTERVAL_MS', heartbeatIntervalMs: 'OUTPOST_HEARTBEAT_INTERVAL_MS', reconnectMaxMs: 'OUTPOST_RECONNECT_MAX_MS' } as const;
  for (const [key, name] of Object.entries(tuning) as Array<[keyof typeof tuning, string]>) {
    const v = envMs(env, name);
    if (v !== undefined) cli[key] = v;
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split(/=(.*)/s, 2);
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value\n${usage()}`);
      return v;
    };
    switch (flag) {
      case '--url':
        cli.url = value();
        break;
      case '--token':
        cli.token = value();
        break;
      case '--data-dir':
        cli.dataDir = value();
        break;
      case '--log-level':
        cli.logLevel = value();
        break;
      case '--retry-on-auth-failure':
        cli.retryOnAuthFailure = true;
        break;
      case '--help':
      case '-h':
        throw new Error(usage());
      default:
        throw new Error(`unknown argument ${flag}\n${usage()}`);
    }
  }
  if (!cli.url) throw new Error(`--url (or OUTPOST_URL) is required\n${usage()}`);
  return cli;
}

async function main(): Promise<void> {
  let cli: Cli;
  try {
    cli = parseArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(1);
  }
  const logger = pino({
    name: 'outpost-agent',
    level: cli.logLevel,
    // The token never goes into a log line on purpose; redaction is the second wall.
    redact: { paths: ['token', 'agentToken', 'registerToken', '*.token', '*.agentToken', '*.registerToken', 'headers["x-agent-token"]'], censor: '[redacted]' },
  });
  const agent = new Agent({
    url: cli.url!,
    token: cli.token,
    dataDir: cli.dataDir,
    logger,
    retryOnAuthFailure: cli.retryOnAuthFailure,
    inventoryIntervalMs: cli.inventoryIntervalMs,
    heartbeatIntervalMs: cli.heartbeatIntervalMs,
    reconnect: cli.reconnectMaxMs !== undefined ? { maxMs: cli.reconnectMaxMs } : undefined,
  });
  agent.on('auth_failed', () => {
    if (!cli.retryOnAuthFailure) void agent.stop().then(() => process.exit(EXIT_CONFIG));
  });
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    void agent.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Last line of defence: a bug in one handler must not take every server's console down with it.
  process.on('unhandledRejection', (err) => logger.error({ err: (err as Error)?.message ?? String(err) }, 'unhandled rejection'));

  logger.info({ url: cli.url, dataDir: cli.dataDir }, 'outpost agent starting');
  try {
    await agent.start();
  } catch (err) {
    logger.fatal({ err: (err as Error).message }, 'agent could not start');
    process.exit(1);
  }
}

if (require.main === module) void main();
